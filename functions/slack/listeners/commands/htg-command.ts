import type { App } from '@slack/bolt';
import * as z from 'zod/mini';
import { friendlyText, SOMETHING_WENT_WRONG } from '../../errors.js';
import { type EphemeralMessage, helpMessage } from '../../views/help-message.js';
import type { ListenerDependencies } from '../dependencies.js';
import { closestName, ephemeral, parseCommandText, type Subcommand } from './subcommands.js';

/** The slash command's name, as declared in manifest.json. */
export const SLASH_COMMAND = '/htg';

/**
 * The fields of a slash command payload the router uses. Not `team_id`: it is the acting person's own workspace
 * (in a Slack Connect channel, a partner organisation's; bolt-js #1614), so everything is found by channel.
 */
const commandPayloadSchema = z.object({
  text: z._default(z.string(), ''),
  user_id: z.string().check(z.minLength(1)),
  channel_id: z.string().check(z.minLength(1)),
  trigger_id: z._default(z.string(), ''),
});

/**
 * Registers `/htg` and routes `/htg <subcommand> …` to the subcommands table. `help` is built from the table,
 * so it lists exactly what exists; an unknown subcommand gets the help with a hint.
 */
export function registerHtgCommand(
  app: App,
  deps: ListenerDependencies,
  subcommands: readonly Subcommand[],
): void {
  const help: Subcommand = {
    name: 'help',
    usage: 'help',
    summary: 'show what htg can do',
    run: async () => helpMessage({ command: SLASH_COMMAND, commands: all }),
  };
  const all: readonly Subcommand[] = [help, ...subcommands];
  const byName = new Map(all.map((subcommand) => [subcommand.name, subcommand]));

  app.command(SLASH_COMMAND, async ({ command, ack, client }) => {
    const payload = commandPayloadSchema.safeParse(command);
    if (!payload.success) {
      deps.logger.warn(
        'Slash command payload without the expected fields',
        payload.error.issues.map((i) => i.path.join('.')),
      );
      await ack(ephemeral(SOMETHING_WENT_WRONG));
      return;
    }
    const { name, args } = parseCommandText(payload.data.text);
    const subcommand = byName.get(name);
    if (!subcommand) {
      const suggestion = closestName(name, [...byName.keys()]);
      await ack(helpMessage({ command: SLASH_COMMAND, commands: all, unknown: name, suggestion }));
      return;
    }
    let reply: EphemeralMessage | null;
    try {
      reply = await subcommand.run(
        {
          args,
          userId: payload.data.user_id,
          channelId: payload.data.channel_id,
          triggerId: payload.data.trigger_id,
        },
        { deps, client },
      );
    } catch (error) {
      const friendly = friendlyText(error);
      if (!friendly) deps.logger.error(`/htg ${name} failed`, error);
      reply = ephemeral(friendly ?? SOMETHING_WENT_WRONG);
    }
    await ack(reply ?? undefined);
  });
}
