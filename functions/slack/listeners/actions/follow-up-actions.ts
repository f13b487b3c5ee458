import * as z from 'zod/mini';
import { type ReplyClient, tellEphemeral } from '../../../adapters/slack/replies.js';
import { saveFollowUp } from '../../../app/follow-ups.js';
import { parseMetadata } from '../../forms.js';
import type { KnownBlock } from '../../views/blocks.js';
import { FOLLOW_UP_ACTION, followUpMessage, followUpSavedText } from '../../views/follow-up-messages.js';
import type { ListenerDependencies } from '../dependencies.js';
import { type ButtonBody, explainFailure } from './explain-failure.js';

const valueSchema = z.object({
  h: z.string().check(z.minLength(1)),
  n: z.int().check(z.positive()),
  r: z.union([z.literal(2), z.literal(6)]),
});

/** What the answer's click reads of Bolt's arguments (a test passes these few fields). */
export interface FollowUpArgs {
  ack: () => Promise<void>;
  body: ButtonBody & { container?: { channel_id?: string; message_ts?: string } | undefined };
  action: { action_id: string; value?: string | undefined };
  client: ReplyClient & {
    chat: {
      update(args: { channel: string; ts: string; text: string; blocks: KnownBlock[] }): Promise<unknown>;
    };
  };
}

/**
 * **Still going**, **Merged** or **Stopped** in a follow-up's direct message: the answer is saved, the message
 * updated to show it (the buttons stay, to change it), and the person thanked. A value or action htg did not
 * write does nothing; a refusal is explained to the person.
 */
export async function followUpClicked(deps: ListenerDependencies, args: FollowUpArgs): Promise<void> {
  const { ack, body, action, client } = args;
  await ack();
  await explainFailure(deps, client, body, async () => {
    const target = parseMetadata(valueSchema, action.value);
    const state = FOLLOW_UP_ACTION.exec(action.action_id)?.[1] as 'going' | 'merged' | 'stopped' | undefined;
    if (!target || !state) return;
    const { hackathon, topic } = await saveFollowUp(deps, {
      hackathonId: target.h,
      number: target.n,
      userId: body.user.id,
      round: target.r,
      state,
      now: deps.clock(),
    });
    const channel = body.channel?.id || body.container?.channel_id;
    const ts = body.container?.message_ts;
    if (!channel) return;
    // The answer is saved: say so first. Updating the message is a courtesy on top (chat.update is Tier 3, and
    // many answers at once can meet Slack's limit): if Slack refuses it, the card still shows the answer.
    await tellEphemeral(client, channel, body.user.id, followUpSavedText(topic, state));
    if (ts)
      await client.chat
        .update({ channel, ts, ...followUpMessage(hackathon, topic, target.r) })
        .catch((error: unknown) => deps.logger.warn('Could not update a follow-up message', error));
  });
}
