import type { Refusal, SlackCall, SlackRule, SlackWorld } from './types.js';

/**
 * Slack's rate limits, as the stand-in enforces them: per method and workspace by tier, and chat.postMessage per
 * channel. A call over its limit is answered `429 Too Many Requests` with `Retry-After` (seconds) and
 * `{ ok: false, error: 'ratelimited' }`, as Slack does (docs.slack.dev/apis/web-api/rate-limits).
 *
 * The figures are the ones Slack publishes, taken as hard limits over a sliding minute (Slack says "50+ per
 * minute" and allows bursts; the stand-in allows no more than the published figure in any 60 seconds, which is
 * at least as strict). This table is the stand-in's own, copied from each method's page on docs.slack.dev, so
 * that a wrong tier in htg's table (functions/adapters/slack/rate-limits.ts) shows up as a 429 in a test.
 */
const TIERS: Record<string, 1 | 2 | 3 | 4> = {
  'auth.test': 4, // "Special" on its page: many a minute
  'chat.delete': 3,
  'chat.getPermalink': 4, // "Special": many a minute
  'chat.postEphemeral': 4,
  'chat.update': 3,
  'conversations.history': 3,
  'conversations.info': 3,
  'conversations.members': 4,
  'conversations.open': 3,
  'files.completeUploadExternal': 4,
  'files.getUploadURLExternal': 4,
  'pins.add': 2,
  'pins.remove': 2,
  'reactions.add': 3,
  'reactions.get': 3,
  'reactions.remove': 3,
  'users.conversations': 2,
  'users.info': 4,
  'views.open': 4,
  'views.publish': 4,
  'views.push': 4,
  'views.update': 4,
};
const PER_MINUTE = { 1: 1, 2: 20, 3: 50, 4: 100 } as const;
/** A method this table does not know is limited as Tier 2 (a cautious guess; add its tier above). */
const UNKNOWN_TIER = 2;
const MINUTE_MS = 60_000;

/**
 * chat.postMessage: "generally one message per second per channel, short bursts allowed" (its page, and the
 * rate-limits page). The stand-in lets a channel have a burst of 10, then one a second (a token bucket: at most
 * 10 + t posts in any t seconds, so 70 in a minute at most, and never more than one a second for long).
 */
const POSTS = { burst: 10, perSecond: 1 } as const;

/** Each channel's posting bucket: tokens left, as of when. */
const bucketsByWorld = new WeakMap<SlackWorld, Map<string, { tokens: number; at: number }>>();

/** A post to `channel` now, if its bucket has a token (taken); otherwise how long until it has, in ms. */
function postWait(world: SlackWorld, channel: string, now: number): number {
  const buckets = bucketsByWorld.get(world) ?? new Map<string, { tokens: number; at: number }>();
  bucketsByWorld.set(world, buckets);
  const bucket = buckets.get(channel) ?? { tokens: POSTS.burst, at: now };
  const tokens = Math.min(POSTS.burst, bucket.tokens + ((now - bucket.at) / 1000) * POSTS.perSecond);
  if (tokens < 1) {
    buckets.set(channel, { tokens, at: now });
    return ((1 - tokens) / POSTS.perSecond) * 1000;
  }
  buckets.set(channel, { tokens: tokens - 1, at: now });
  return 0;
}

/** Calls each limit has let through, by time; kept per stand-in (its world). */
const sentByWorld = new WeakMap<SlackWorld, Map<string, number[]>>();

/** How many 429s the stand-in has answered (tests and the bench report it). */
export function rateLimitedCount(world: SlackWorld): number {
  return limitedByWorld.get(world) ?? 0;
}
const limitedByWorld = new WeakMap<SlackWorld, number>();

export const rateLimits: SlackRule = (call: SlackCall, world: SlackWorld): Refusal | undefined => {
  const now = world.clock.now();
  let retryAfterMs = 0;
  if (call.method === 'chat.postMessage') {
    retryAfterMs = postWait(world, String(call.args.channel), now);
  } else {
    const sent = sentByWorld.get(world) ?? new Map<string, number[]>();
    sentByWorld.set(world, sent);
    const calls = PER_MINUTE[TIERS[call.method] ?? UNKNOWN_TIER];
    const times = (sent.get(call.method) ?? []).filter((at) => at > now - MINUTE_MS);
    sent.set(call.method, times);
    if (times.length >= calls) retryAfterMs = (times[times.length - calls] ?? now) + MINUTE_MS - now;
    else times.push(now);
  }
  if (retryAfterMs <= 0) return undefined;
  limitedByWorld.set(world, (limitedByWorld.get(world) ?? 0) + 1);
  return {
    error: 'ratelimited',
    status: 429,
    // Slack's Retry-After is whole seconds, rounded up.
    headers: { 'retry-after': String(Math.max(1, Math.ceil(retryAfterMs / 1000))) },
  };
};
