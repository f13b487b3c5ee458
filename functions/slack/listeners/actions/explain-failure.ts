import { directMessage, type ReplyClient, tellEphemeral } from '../../../adapters/slack/replies.js';
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
