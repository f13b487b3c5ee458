import { ConflictError, NotFoundError, PermissionError, ValidationError } from '../domain/errors.js';
import type { Hackathon } from '../domain/hackathon.js';
import { isWrappedUp } from '../domain/outcome.js';
import { reviewOpen, reviewTimes, type TopicReviewInput, validateReview } from '../domain/review.js';
import { isWebUrl, mayReportOn, type Topic } from '../domain/topic.js';
import { requireHackathon } from './hackathons.js';
import type { TopicDeps } from './topics.js';

interface ReviewRequest {
  hackathonId: string;
  number: number;
  userId: string;
  now: Date;
}

/**
 * The hackathon and a topic whose review the person may write: one worked on (what the wrap-up is about), by its
 * team, its proposer or an organizer, while the hackathon has a review meeting and until two weeks after it
 * (before the event ends too: a team may know early who carries on).
 */
async function reviewable(
  deps: TopicDeps,
  request: ReviewRequest,
): Promise<{ hackathon: Hackathon; topic: Topic }> {
  const hackathon = await requireHackathon(deps.hackathons, request.hackathonId);
  if (!hackathon.reviewMeetingAt)
    throw new ConflictError({ code: 'no-review-meeting', hackathon: hackathon.name });
  if (!reviewOpen(hackathon, request.now))
    throw new ConflictError({
      code: 'review-closed',
      hackathon: hackathon.name,
      closedAt: reviewTimes(hackathon.reviewMeetingAt).closes,
    });
  const topic = await deps.topics.get(hackathon.id, request.number);
  if (!topic || !isWrappedUp(topic))
    throw new NotFoundError({ code: 'no-open-topic', number: request.number });
  if (!mayReportOn(topic, hackathon.organizers, request.userId, { proposer: true }))
    throw new PermissionError({ code: 'team-only', number: topic.number, to: 'review' });
  return { hackathon, topic };
}

/** The review form of a topic: its answer so far, or the proposer as presenter and the team as who continues. */
export async function reviewToEdit(
  deps: TopicDeps,
  request: ReviewRequest,
): Promise<{ hackathon: Hackathon; topic: Topic; draft: TopicReviewInput }> {
  const { hackathon, topic } = await reviewable(deps, request);
  const saved = topic.review;
  return {
    hackathon,
    topic,
    draft: saved
      ? {
          presenter: saved.presenter,
          continuedBy: saved.continuedBy,
          tracking: saved.tracking,
          closedBecause: saved.closedBecause,
        }
      : {
          presenter: (topic.members ?? []).includes(topic.proposerId)
            ? topic.proposerId
            : ((topic.members ?? [])[0] ?? null),
          continuedBy: [],
          tracking: topic.issue?.url ?? null,
          closedBecause: null,
        },
  };
}

/** Saves who presents a topic, who continues it and where it is tracked, or why it closes. */
export async function saveReview(
  deps: TopicDeps,
  request: ReviewRequest & { input: TopicReviewInput },
): Promise<Topic> {
  const { topic } = await reviewable(deps, request);
  const { review, errors } = validateReview(request.input, isWebUrl);
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
  return deps.topics.setReview(topic, { ...review, by: request.userId, at: request.now.toISOString() });
}
