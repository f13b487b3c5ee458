import type { Hackathon } from './hackathon.js';
import { isWrappedUp } from './outcome.js';
import type { TopicReview } from './review.js';
import { addDays, fromLocal } from './zoned-time.js';

/**
 * What became of a topic after the hackathon, as whoever continues it says when asked two and six weeks after
 * the event (issue 19: the review meeting says who continues a topic; these say whether it got anywhere).
 */
export type FollowUpState = 'going' | 'merged' | 'stopped';

/** What a follow-up reads of a topic (the topic itself, in domain/topic.ts, holds its answers). */
interface FollowedTopic {
  status: string;
  outcome?: unknown;
  members?: string[];
  proposerId: string;
  review?: Pick<TopicReview, 'continuedBy' | 'closedBecause'> | null;
  followUps?: FollowUps | null;
}

/** The weeks after the event a follow-up asks at. */
export type FollowUpRound = 2 | 6;
export const FOLLOW_UP_ROUNDS: readonly FollowUpRound[] = [2, 6];

export interface FollowUp {
  state: FollowUpState;
  round: FollowUpRound;
  /** Who answered (a Slack user id) and when (ISO). */
  by: string;
  at: string;
}

/** A topic's answers, one per round (`w2`, `w6`: a later answer in a round replaces the earlier one). */
export type FollowUps = Partial<Record<`w${FollowUpRound}`, FollowUp>>;

export const roundKey = (round: FollowUpRound): `w${FollowUpRound}` => `w${round}`;

/** The local time of day the follow-ups are sent, in the hackathon's time zone. */
const FOLLOW_UP_TIME = '10:00';
/** Answers are taken until this many days after the event's last day (late answers after the six-week one). */
const ANSWERS_DAYS_AFTER = 90;

/** When a round's direct messages go out: that many weeks after the last day, at 10:00 local. */
export function followUpAt(hackathon: Pick<Hackathon, 'endDate' | 'timeZone'>, round: FollowUpRound): string {
  return fromLocal(addDays(hackathon.endDate, round * 7), FOLLOW_UP_TIME, hackathon.timeZone).toISOString();
}

/** Until when answers are taken (ISO): the end of the 90th day after the event, local. */
export function followUpsCloseAt(hackathon: Pick<Hackathon, 'endDate' | 'timeZone'>): string {
  return fromLocal(
    addDays(hackathon.endDate, ANSWERS_DAYS_AFTER + 1),
    '00:00',
    hackathon.timeZone,
  ).toISOString();
}

/** A topic's answers in the order they were given. */
export function followUpHistory(topic: Pick<FollowedTopic, 'followUps'>): FollowUp[] {
  return Object.values(topic.followUps ?? {})
    .filter((answer): answer is FollowUp => Boolean(answer))
    .sort((a, b) => a.at.localeCompare(b.at) || a.round - b.round);
}

/** The latest answer: what is known of the topic now. */
export const latestFollowUp = (topic: Pick<FollowedTopic, 'followUps'>): FollowUp | null =>
  followUpHistory(topic).at(-1) ?? null;

/** Whether a topic is settled: closed at its review meeting, or said to be merged or stopped. */
function isSettled(topic: Pick<FollowedTopic, 'review' | 'followUps'>): boolean {
  if (topic.review?.closedBecause) return true;
  const state = latestFollowUp(topic)?.state;
  return state === 'merged' || state === 'stopped';
}

/**
 * Who a follow-up asks about a topic: whoever the review said continues it, else its team (else its proposer).
 * A topic not worked on, or settled, asks nobody.
 */
export function followUpAskees(topic: FollowedTopic): string[] {
  if (!isWrappedUp(topic) || isSettled(topic)) return [];
  const continued = topic.review?.continuedBy ?? [];
  if (continued.length > 0) return [...continued];
  const members = topic.members ?? [];
  return members.length > 0 ? [...members] : [topic.proposerId];
}

/** Who may answer a topic's follow-up: who continues it, its team, its proposer, the organizers. */
export function mayFollowUp(topic: FollowedTopic, organizers: readonly string[], userId: string): boolean {
  return (
    organizers.includes(userId) ||
    topic.proposerId === userId ||
    (topic.members ?? []).includes(userId) ||
    (topic.review?.continuedBy ?? []).includes(userId)
  );
}

/** The people to ask in a round, each with the topics they are asked about (in the topics' order). */
export function followUpRequests<T extends FollowedTopic>(
  topics: readonly T[],
): Array<{ userId: string; topics: T[] }> {
  const byPerson = new Map<string, T[]>();
  for (const topic of topics)
    for (const userId of followUpAskees(topic))
      byPerson.set(userId, [...(byPerson.get(userId) ?? []), topic]);
  return [...byPerson].map(([userId, asked]) => ({ userId, topics: asked }));
}
