import type { ViewsOpenArguments, ViewsPublishArguments } from '@slack/web-api';

type ModalView = ViewsOpenArguments['view'];
type HomeView = ViewsPublishArguments['view'];

/**
 * What the listeners' replies use of Bolt's per-request client. That client carries the token of the workspace
 * the request came from, so the replies go through it rather than another client. Only these methods, so a
 * listener test can pass a small recording fake.
 */
export interface ReplyClient {
  views: {
    open(args: { trigger_id: string; view: ModalView }): Promise<unknown>;
    publish(args: { user_id: string; view: HomeView }): Promise<unknown>;
  };
  chat: {
    postEphemeral(args: { channel: string; user: string; text: string }): Promise<unknown>;
    postMessage(args: { channel: string; text: string }): Promise<unknown>;
  };
}

/** Opens a modal on the trigger of a command or button (Slack accepts it once, within 3 seconds). */
export async function openModal(
  client: Pick<ReplyClient, 'views'>,
  triggerId: string,
  view: ModalView,
): Promise<void> {
  await client.views.open({ trigger_id: triggerId, view });
}

/** A message in a channel that only `user` sees. */
export async function tellEphemeral(
  client: Pick<ReplyClient, 'chat'>,
  channel: string,
  user: string,
  text: string,
): Promise<void> {
  await client.chat.postEphemeral({ channel, user, text });
}

/** A message from the app to one person: posting to a user id lands in their direct message with the app. */
export async function directMessage(
  client: Pick<ReplyClient, 'chat'>,
  user: string,
  text: string,
): Promise<void> {
  await client.chat.postMessage({ channel: user, text });
}

/** Shows `view` as the person's Home tab. */
export async function publishHome(
  client: Pick<ReplyClient, 'views'>,
  user: string,
  view: HomeView,
): Promise<void> {
  await client.views.publish({ user_id: user, view });
}
