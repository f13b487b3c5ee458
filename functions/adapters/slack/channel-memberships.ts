import type { WebClient } from '@slack/web-api';
import type { PersonChannels } from '../../app/home.js';
import type { ChannelVisibility } from '../../domain/hackathon.js';

/** How long a person's channel list is reused: a few minutes (users.conversations is Tier 2, about 20 a minute). */
export const MEMBERSHIP_CACHE_MS = 3 * 60_000;
/**
 * Page size: users.conversations takes a `limit` "under 1,000" and advises "no more than 200"
 * (docs.slack.dev/reference/methods/users.conversations).
 */
const PAGE_SIZE = 200;
/**
 * Pages read at most on one Home open (1,000 channels): every page is a Tier 2 call inside Slack's 3 seconds.
 * Someone in more channels gets an incomplete list, and the Home tab treats the rest as unknown.
 */
const MAX_PAGES = 5;
/** People remembered at most per container (the oldest is forgotten first). */
const MAX_PEOPLE = 1_000;

/** The channels a person is in, cached per person for a few minutes, per container. */
export interface ChannelMemberships {
  /** The person's channels (public and private, not archived) with their visibility; throws when Slack will not say. */
  channelsOf(client: WebClient, userId: string): Promise<PersonChannels>;
}

/**
 * Reads a person's channels from users.conversations (every page, by cursor) and keeps the answer for
 * `cacheMs` on `now`'s clock. A failed read (an error, a 429: the client does not wait them out on the request
 * path) is not cached and throws: the next open asks again.
 */
export function createChannelMemberships({
  now,
  cacheMs = MEMBERSHIP_CACHE_MS,
}: {
  now: () => number;
  cacheMs?: number;
}): ChannelMemberships {
  const cache = new Map<string, { at: number; channels: PersonChannels }>();
  return {
    async channelsOf(client, userId) {
      const cached = cache.get(userId);
      if (cached && now() - cached.at < cacheMs) return cached.channels;
      const channels = await readChannels(client, userId);
      cache.delete(userId);
      cache.set(userId, { at: now(), channels });
      if (cache.size > MAX_PEOPLE) cache.delete(cache.keys().next().value as string);
      return channels;
    },
  };
}

async function readChannels(client: WebClient, userId: string): Promise<PersonChannels> {
  const visibility = new Map<string, ChannelVisibility | null>();
  let cursor: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const answer = await client.users.conversations({
      user: userId,
      types: 'public_channel,private_channel',
      exclude_archived: true,
      limit: PAGE_SIZE,
      ...(cursor ? { cursor } : {}),
    });
    for (const channel of answer.channels ?? []) {
      // Public only when Slack says so (`is_private: false`); a channel object without the field stays unknown.
      if (channel.id)
        visibility.set(
          channel.id,
          channel.is_private === true ? 'private' : channel.is_private === false ? 'public' : null,
        );
    }
    cursor = answer.response_metadata?.next_cursor || undefined;
    if (!cursor) return { visibility, complete: true };
  }
  return { visibility, complete: false };
}
