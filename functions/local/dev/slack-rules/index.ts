import { blockKitLimits } from './blocks.js';
import { channelMembership } from './channel-membership.js';
import { emojiNames } from './emoji.js';
import { openApiArguments } from './openapi-arguments.js';
import { rateLimits } from './rate-limits.js';

/**
 * The rules by which our Slack stand-in refuses what real Slack refuses. Each rule lives in its own file in this
 * folder, says in a comment where Slack states (or is known to enforce) it, and is listed in `strictRules`.
 * Rules see every Web API call before the stand-in answers it; the first that objects decides the answer.
 */

/** A call as the rules see it. */
export interface SlackCall {
  method: string;
  args: Record<string, unknown>;
}

/** How Slack answers a call it refuses: `ok: false` with an error code (HTTP 200), or a 429 with Retry-After. */
export interface Refusal {
  error: string;
  /** HTTP status; 200 unless rate limited (429). */
  status?: number;
  /** Extra response headers (Retry-After for a 429). */
  headers?: Record<string, string>;
  /** Extra fields of the answer (e.g. `response_metadata.messages` for invalid_blocks). */
  detail?: Record<string, unknown>;
}

/** The clock the stand-in's time-based rules (rate limits) run on; a test may speed it up, never stop it. */
export interface StandInClock {
  /** Milliseconds, like Date.now(). */
  now(): number;
}

/** What the stand-in knows about the workspace: shared by the rules and the answers. */
export interface SlackWorld {
  clock: StandInClock;
  /** The bot's own user id (reactions it adds, members it joins as). */
  botUserId: string;
  /** The channels the bot is a member of (none until invited): posts elsewhere answer `not_in_channel`. */
  botChannels: Set<string>;
  /** The bot joins a channel (someone ran `/invite @htg` there). */
  join(channel: string): void;
}

/** One rule: returns a refusal for a call Slack would refuse, nothing otherwise. */
export type SlackRule = (call: SlackCall, world: SlackWorld) => Refusal | undefined;

/** Every rule, in the order they are checked. */
export function strictRules(): SlackRule[] {
  // Rate limits first: Slack counts a call against its method's limit before it looks at the arguments.
  return [rateLimits, openApiArguments, channelMembership, emojiNames, blockKitLimits];
}
