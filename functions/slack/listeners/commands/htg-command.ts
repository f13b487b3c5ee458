import type { SlashCommand } from '@slack/bolt';
import * as z from 'zod/mini';
import type { ReplyClient } from '../../../adapters/slack/replies.js';
import { friendlyText, SOMETHING_WENT_WRONG } from '../../messages.js';
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

/** Every `/htg` subcommand, `help` first, and each by its name. */
export interface CommandTable {
  commands: readonly Subcommand[];
  byName: ReadonlyMap<string, Subcommand>;
}

/** The table of `subcommands` plus `help`, which is built from it, so it lists exactly what exists. */
export function commandTable(subcommands: readonly Subcommand[]): CommandTable {
  const help: Subcommand = {
    name: 'help',
    usage: 'help',
    summary: 'show what htg can do',
    run: async () => helpMessage({ command: SLASH_COMMAND, commands }),
  };
  const commands: readonly Subcommand[] = [help, ...subcommands];
  return { commands, byName: new Map(commands.map((subcommand) => [subcommand.name, subcommand])) };
}

/**
 * What the slash command's callback reads of Bolt's arguments. Bolt passes all of its own; a test passes these
 * few fields.
 */
export interface CommandArgs {
  command: Pick<SlashCommand, 'text' | 'user_id' | 'channel_id' | 'trigger_id'>;
  ack: (response?: EphemeralMessage) => Promise<void>;
  client: ReplyClient;
}

/**
 * `/htg <subcommand> …`: runs the subcommand and answers with its ephemeral message, or with none when it opened
 * a modal; an unknown subcommand gets the help with a hint.
 */
export async function htgCommand(
  deps: ListenerDependencies,
  table: CommandTable,
  { command, ack, client }: CommandArgs,
): Promise<void> {
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
  const subcommand = table.byName.get(name);
  if (!subcommand) {
    const suggestion = closestName(name, [...table.byName.keys()]);
    await ack(helpMessage({ command: SLASH_COMMAND, commands: table.commands, unknown: name, suggestion }));
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
}
