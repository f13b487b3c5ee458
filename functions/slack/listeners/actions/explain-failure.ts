import type { App, BlockAction } from '@slack/bolt';
import { friendlyText, SOMETHING_WENT_WRONG } from '../../errors.js';
import type { ListenerDependencies } from '../index.js';

/** Runs a button's work; if it cannot be done, tells the person who clicked (only them) why. */
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
    const channel = body.channel?.id ?? body.container?.channel_id;
    if (channel) {
      await client.chat
        .postEphemeral({ channel, user: body.user.id, text: friendly ?? SOMETHING_WENT_WRONG })
        .catch((postError: unknown) =>
          deps.logger.warn('Could not explain a failed button action', postError),
        );
    }
  }
}
