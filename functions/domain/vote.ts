import { canonicalEmojiName } from './emoji.js';
import type { Hackathon } from './hackathon.js';

/** A vote, or "I would work on it" (interest). */
export type VoteKind = 'vote' | 'interest';
/** How a vote was cast: a reaction on a card, the ballot, or a reaction in the GitHub voting discussion. */
export type VoteSource = 'reaction' | 'ballot' | 'github';

/** One person's active vote or interest on one topic. */
export interface Vote {
  hackathonId: string;
  number: number;
  userId: string;
  kind: VoteKind;
  source: VoteSource;
}

/** What happened to a request to add or remove a vote. */
export type VoteOutcome =
  | 'counted'
  | 'removed'
  /** Already in the requested state (a redelivered event, a double click): nothing changed. */
  | 'unchanged'
  /** A newer add or remove for the same vote was applied already: this older one is ignored. */
  | 'superseded'
  | 'over-budget'
  /** The topic is withdrawn or gone. */
  | 'topic-closed'
  /** The hackathon changed after the copy the request was decided on (only for a guarded write): decide again. */
  | 'hackathon-changed';

/** Whether votes count now: the hackathon is active and voting has not closed. */
export function votingOpen(hackathon: Pick<Hackathon, 'status' | 'votingClosesAt'>, now: Date): boolean {
  if (hackathon.status !== 'active') return false;
  return hackathon.votingClosesAt === null || now.getTime() < Date.parse(hackathon.votingClosesAt);
}

/**
 * Whether counts (and so the ranking) are hidden now: the organizers chose to hide them, the hackathon is active,
 * and the ranking message has not revealed them yet. It depends on the hackathon alone, not on the clock, so a
 * card rendered from the same hackathon and topic is the same card: everything is revealed together when the
 * ranking message is posted after the close's recount (the refresher then updates every card and the board).
 */
export function resultsHidden(
  hackathon: Pick<Hackathon, 'hideResults' | 'status' | 'rankingMessage'>,
): boolean {
  return hackathon.hideResults === true && hackathon.status === 'active' && !hackathon.rankingMessage;
}

/**
 * Which kind of vote a reaction is on this hackathon's cards, if any. Both names are compared as Slack reports
 * reactions (canonical, skin tones ignored): `+1::skin-tone-2` is a vote where the vote emoji is `+1`, and also
 * where it was saved as `thumbsup` before settings were canonicalised.
 */
export function reactionKind(
  hackathon: Pick<Hackathon, 'voteEmoji' | 'workEmoji'>,
  reaction: string,
): VoteKind | null {
  const name = canonicalEmojiName(reaction);
  if (name === canonicalEmojiName(hackathon.voteEmoji)) return 'vote';
  if (name === canonicalEmojiName(hackathon.workEmoji)) return 'interest';
  return null;
}

/** Slack event timestamps ("1714000000.000100") as numbers that order events. */
export function eventTime(ts: string): number {
  const value = Number(ts);
  return Number.isFinite(value) ? value : 0;
}
