import type { SlackRule } from './types.js';

/**
 * Methods that act in a conversation named by an argument, and that argument. The bot must be a member of a
 * channel to post, update, pin, react or read history there.
 */
const CHANNEL_ARGUMENT: Readonly<Record<string, string>> = {
  'chat.postMessage': 'channel',
  'chat.postEphemeral': 'channel',
  'chat.scheduleMessage': 'channel',
  'chat.meMessage': 'channel',
  'chat.update': 'channel',
  'chat.delete': 'channel',
  'chat.getPermalink': 'channel',
  'pins.add': 'channel',
  'pins.remove': 'channel',
  'pins.list': 'channel',
  'reactions.add': 'channel',
  'reactions.get': 'channel',
  'reactions.remove': 'channel',
  'conversations.history': 'channel',
  'conversations.replies': 'channel',
  'conversations.mark': 'channel',
  'files.completeUploadExternal': 'channel_id',
};

/** A channel (public `C…`, private `C…`/older `G…`); `D…` is a direct message, `U…`/`W…` a user's DM with the app. */
const isChannel = (id: string) => /^[CG][A-Z0-9]+$/.test(id);

/**
 * `not_in_channel`: with `chat:write` and without `chat:write.public` (htg's manifest), the bot posts only where
 * it is a member. Source: docs.slack.dev/reference/methods/chat.postMessage ("not_in_channel: Cannot post user
 * messages to a channel they are not in"), and the Web API OpenAPI description (slack_web_openapi_v2), which
 * lists `not_in_channel` for chat.postMessage, chat.postEphemeral, chat.scheduleMessage and chat.meMessage. For
 * chat.update, chat.delete, pins.add and conversations.history the OpenAPI lists `channel_not_found` (what a
 * private channel answers a non-member); the stand-in answers `not_in_channel` for every channel, and htg treats
 * both alike. Direct messages (a `D…` id, or a user id, which opens the app's DM with that person) need no
 * membership. The bot is a member of no channel until invited (`SlackWorld.join`, `SlackSim.inviteBot`).
 */
export const channelMembership: SlackRule = (call, world) => {
  const argument = CHANNEL_ARGUMENT[call.method];
  if (!argument) return undefined;
  const channel = call.args[argument];
  if (typeof channel !== 'string' || !isChannel(channel)) return undefined;
  return world.botChannels.has(channel) ? undefined : { error: 'not_in_channel' };
};
