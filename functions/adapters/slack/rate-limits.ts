/**
 * The one place in htg that knows Slack's rate limits. Slack limits each Web API method per workspace by tier
 * (docs.slack.dev/apis/web-api/rate-limits; each method's page names its tier), and chat.postMessage by
 * channel: "generally one message per second per channel, short bursts allowed".
 *
 * | tier    | Slack's figure     | htg paces to                                  |
 * | ------- | ------------------ | --------------------------------------------- |
 * | Tier 1  | 1+ per minute      | 1 in any 62 seconds                           |
 * | Tier 2  | 20+ per minute     | 20 in any 62 seconds                          |
 * | Tier 3  | 50+ per minute     | 50 in any 62 seconds                          |
 * | Tier 4  | 100+ per minute    | 100 in any 62 seconds                         |
 * | posts   | ~1 a second a channel | 3 at once, then one every 1.1 s (57 a minute) |
 *
 * htg paces to the figure Slack publishes (its floor: "50+" means at least 50), over a window two seconds longer
 * than Slack's minute, so that the time a call takes to reach Slack can never squeeze two windows into one.
 */

/** A method's limit: at most `calls` in any `windowMs`. */
export interface RateLimit {
  calls: number;
  windowMs: number;
}

export type Tier = 1 | 2 | 3 | 4;

const PER_MINUTE: Record<Tier, number> = { 1: 1, 2: 20, 3: 50, 4: 100 };
/** Slack's minute, plus two seconds of margin for the time a call is on its way. */
const WINDOW_MS = 62_000;

/** The tier of every method htg calls (from each method's page on docs.slack.dev). */
export const METHOD_TIERS: Readonly<Record<string, Tier>> = {
  'auth.test': 4, // "Special": many per minute; Tier 4 is the floor htg assumes
  'chat.delete': 3,
  'chat.postEphemeral': 4,
  'chat.update': 3,
  'conversations.info': 3,
  'conversations.open': 3,
  'files.completeUploadExternal': 4,
  'files.getUploadURLExternal': 4,
  'pins.add': 2,
  'pins.remove': 2,
  'reactions.get': 3,
  'users.conversations': 2,
  'users.info': 4,
  'views.open': 4,
  'views.publish': 4,
  'views.push': 4,
  'views.update': 4,
};

/** A method not in the table is paced as Tier 2: the cautious guess until someone looks its tier up. */
const UNKNOWN_TIER: Tier = 2;

/** chat.postMessage, per channel: a burst of 3, then one every 1.1 s (57 in any minute, ≤ 3 in any second). */
export const POSTS_PER_CHANNEL = { burst: 3, intervalMs: 1_100 } as const;

/** The per-workspace limit htg keeps to for a method (chat.postMessage: see POSTS_PER_CHANNEL instead). */
export function methodLimit(method: string): RateLimit {
  return { calls: PER_MINUTE[METHOD_TIERS[method] ?? UNKNOWN_TIER], windowMs: WINDOW_MS };
}

/** The limit a call counts against: its method's, or for a chat.postMessage, its channel's. */
export function pacingKey(method: string, channel: string | undefined): string {
  return method === 'chat.postMessage' ? `chat.postMessage#${channel ?? ''}` : method;
}

/**
 * While a hackathon's cards keep changing (a voting meeting), their chat.update calls leave this many of the
 * method's 50 slots a window free, and go evenly (one every 62 s / 35, SlackPacer.reserve). With the whole budget
 * spent, the last 25 cards of a meeting got a slot each only as old calls aged out of the window (31 s); spent
 * in bursts, a meeting could end just after one and wait most of a window. Kept and even, the final counts go
 * out within seconds of the last reaction (about 7 s in the meeting test and bench), while changing cards
 * still go at 35 a minute.
 */
export const BUSY_CARDS_KEEP = 15;
