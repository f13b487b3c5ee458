import type { Problem } from './problems.js';

/**
 * What becomes of a topic after the hackathon, as its review meeting settles it (the community's playbook holds
 * one a week or two after the event, `docs/organization.md`): who presents it there, who continues it, where it
 * is tracked from now on, or why it closes.
 */
export interface TopicReview {
  /** Who presents the topic at the review meeting (a Slack user id); null: not said yet. */
  presenter: string | null;
  /** Who continues the topic after the hackathon (Slack user ids). */
  continuedBy: string[];
  /** The issue or pull request it is tracked by from now on. */
  tracking: string | null;
  /** Why it closes, when nobody continues it. */
  closedBecause: string | null;
  by: string;
  at: string;
}

export interface TopicReviewInput {
  presenter: string | null;
  continuedBy: readonly string[];
  tracking: string | null;
  closedBecause: string | null;
}

const REASON_MAX = 500;
const CONTINUED_MAX = 10;

/** Checks a review answer field by field: a link that is a link, and continued or closed, not both. */
export function validateReview(
  input: TopicReviewInput,
  isLink: (text: string) => boolean,
): { review: Omit<TopicReview, 'by' | 'at'>; errors: Record<string, Problem> } {
  const errors: Record<string, Problem> = {};
  const tracking = input.tracking?.trim() || null;
  const closedBecause = input.closedBecause?.replace(/\s+/g, ' ').trim() || null;
  const continuedBy = [...new Set(input.continuedBy.filter((id) => /^[UW][A-Z0-9]+$/.test(id)))];
  if (tracking && !isLink(tracking))
    errors.tracking = { code: 'not-a-link', text: tracking.slice(0, 60), form: 'review' };
  if (closedBecause && closedBecause.length > REASON_MAX)
    errors.closedBecause = {
      code: 'too-long',
      field: 'answer',
      max: REASON_MAX,
      length: closedBecause.length,
    };
  if (closedBecause && continuedBy.length > 0) errors.closedBecause = { code: 'continued-or-closed' };
  if (continuedBy.length > CONTINUED_MAX)
    errors.continuedBy = { code: 'too-many', field: 'people', max: CONTINUED_MAX };
  return {
    review: { presenter: input.presenter || null, continuedBy, tracking, closedBecause },
    errors,
  };
}

/** Days before the review meeting that each team is asked, on its card, who continues it and who presents it. */
const ASK_DAYS_BEFORE = 3;
/** The agenda is posted this long before the meeting, and the organizers are asked to record it this long after. */
const AGENDA_MINUTES_BEFORE = 30;
const RECORD_MINUTES_AFTER = 60;
/** Answers are taken until this many days after the meeting (late recording after a busy week). */
const ANSWERS_DAYS_AFTER = 14;

/** The review meeting's moments: the teams asked, the agenda posted, the organizers asked to record it. */
export function reviewTimes(meetingAt: string): {
  ask: string;
  agenda: string;
  record: string;
  closes: string;
} {
  const at = Date.parse(meetingAt);
  const iso = (ms: number) => new Date(ms).toISOString();
  return {
    ask: iso(at - ASK_DAYS_BEFORE * 86_400_000),
    agenda: iso(at - AGENDA_MINUTES_BEFORE * 60_000),
    record: iso(at + RECORD_MINUTES_AFTER * 60_000),
    closes: iso(at + ANSWERS_DAYS_AFTER * 86_400_000),
  };
}

/** Whether review answers are taken now: from the hackathon's start until two weeks after its review meeting. */
export function reviewOpen(hackathon: { reviewMeetingAt?: string | null }, now: Date): boolean {
  if (!hackathon.reviewMeetingAt) return false;
  return now.getTime() < Date.parse(reviewTimes(hackathon.reviewMeetingAt).closes);
}
