import { blockKitLimits } from './blocks.js';
import { channelMembership } from './channel-membership.js';
import { emojiNames } from './emoji.js';
import { openApiArguments } from './openapi-arguments.js';
import { pins } from './pins.js';
import { rateLimits } from './rate-limits.js';
import type { SlackRule } from './types.js';

export type { SlackRule, SlackWorld, StandInClock } from './types.js';

/**
 * The rules by which our Slack stand-in refuses what real Slack refuses. Each rule lives in its own file in this
 * folder, says in a comment where Slack states (or is known to enforce) it, and is listed in `strictRules`.
 * Rules see every Web API call before the stand-in answers it; the first that objects decides the answer.
 */

/** Every rule, in the order they are checked. */
export function strictRules(): SlackRule[] {
  // Rate limits first: Slack counts a call against its method's limit before it looks at the arguments.
  // Pins last: it records the pins it lets through, so every rule that could refuse the call comes before it.
  return [rateLimits, openApiArguments, channelMembership, emojiNames, blockKitLimits, pins];
}
