import * as z from 'zod/mini';
import { directMessage, type ReplyClient, tellEphemeral } from '../../../adapters/slack/replies.js';
import { parseMetadata } from '../../forms.js';
import { friendlyText, SOMETHING_WENT_WRONG } from '../../messages.js';
import type { ListenerDependencies } from '../dependencies.js';

/** Where a button was clicked and by whom, as Slack's block_actions payload says it. */
export interface ButtonBody {
  user: { id: string };
  trigger_id: string;
  /** The channel of a message button; none on the Home tab. */
  channel?: { id: string } | undefined;
  container?: { channel_id?: string } | undefined;
}

/**
 * What a button's callback reads of Bolt's arguments. Bolt passes all of its own; a test passes these few
 * fields.
 */
export interface ButtonArgs {
  ack: () => Promise<void>;
  body: ButtonBody;
  action: { value?: string | undefined };
  client: ReplyClient;
}

/**
 * Runs a button's work; if it cannot be done, tells the person who clicked (only them) why: an ephemeral
 * message in the channel of a message button, a message from the app where there is no channel (the Home tab).
 */
export async function explainFailure(
  deps: ListenerDependencies,
  client: ReplyClient,
  body: ButtonBody,
  work: () => Promise<void>,
): Promise<void> {
  try {
    await work();
  } catch (error) {
    const friendly = friendlyText(error);
    if (!friendly) deps.logger.error('Button action failed', error);
    const text = friendly ?? SOMETHING_WENT_WRONG;
    const channel = body.channel?.id || body.container?.channel_id;
    // Nobody to tell (Slack always names the person; a payload without one is not Slack's): just the log.
    if (!body.user?.id) return;
    await (channel
      ? tellEphemeral(client, channel, body.user.id, text)
      : directMessage(client, body.user.id, text)
    ).catch((postError: unknown) => deps.logger.warn('Could not explain a failed button action', postError));
  }
}

/** The value of a button that names a topic: its hackathon and number, as the card and the Home tab write it. */
const topicButtonValue = z.object({ h: z.string().check(z.minLength(1)), n: z.int().check(z.positive()) });

/** The topic a button names and who clicked it. */
export interface TopicButtonTarget {
  hackathonId: string;
  number: number;
  userId: string;
}

/**
 * A button that names a topic: acked at once, then its work done for that topic and the person who clicked,
 * a refusal explained to them (`explainFailure`). A value htg did not write (stale or forged) does nothing.
 */
export async function onTopicButton(
  deps: ListenerDependencies,
  { ack, body, action, client }: ButtonArgs,
  work: (target: TopicButtonTarget) => Promise<void>,
): Promise<void> {
  await ack();
  await explainFailure(deps, client, body, async () => {
    const target = parseMetadata(topicButtonValue, action.value);
    if (!target) return;
    await work({ hackathonId: target.h, number: target.n, userId: body.user.id });
  });
}
