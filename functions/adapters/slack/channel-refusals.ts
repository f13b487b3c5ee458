import { ErrorCode } from '@slack/web-api';
import { ChannelUnavailableError } from '../../app/channel-access.js';
import type { ChannelRefusal } from '../../domain/hackathon.js';

/**
 * Slack's errors that say the app cannot post in a channel until someone does something there (invite the app,
 * unarchive the channel): docs.slack.dev/reference/methods/chat.postMessage (not_in_channel, channel_not_found,
 * is_archived). Retrying does not help.
 */
const REFUSALS: Readonly<Record<string, ChannelRefusal>> = {
  not_in_channel: 'not-in-channel',
  channel_not_found: 'channel-not-found',
  is_archived: 'archived',
};

/** The error a Web API call failed with, as ChannelUnavailableError when it is one of the refusals above. */
export function asChannelRefusal(error: unknown, channelId: string): unknown {
  const code = slackError(error);
  const reason = code ? REFUSALS[code] : undefined;
  return reason ? new ChannelUnavailableError(channelId, reason) : error;
}

/** The error code Slack answered a failed Web API call with (`already_pinned`), or null for any other failure. */
export function slackError(error: unknown): string | null {
  const platform = error as { code?: unknown; data?: { error?: unknown } };
  return platform?.code === ErrorCode.PlatformError ? String(platform.data?.error) : null;
}

/** Runs a Web API call in `channelId`, turning Slack's channel refusals into ChannelUnavailableError. */
export async function inChannel<T>(channelId: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw asChannelRefusal(error, channelId);
  }
}
