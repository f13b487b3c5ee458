import type { App, BlockAction } from '@slack/bolt';
import { friendlyText, SOMETHING_WENT_WRONG } from '../../errors.js';
import type { ListenerDependencies } from '../dependencies.js';

/**
 * Runs a button's work; if it cannot be done, tells the person who clicked (only them) why: an ephemeral
 * message in the channel of a message button, a message from the app where there is no channel (the Home tab).
 */
export async function explainFailure(
  deps: ListenerDependencies,
  client: Parameters<Parameters<App['action']>[1]>[0]['client'],
  body: BlockAction,
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
      ? client.chat.postEphemeral({ channel, user: body.user.id, text })
      : client.chat.postMessage({ channel: body.user.id, text })
    ).catch((postError: unknown) => deps.logger.warn('Could not explain a failed button action', postError));
  }
}
