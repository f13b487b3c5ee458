import { ConflictError, NotFoundError, PermissionError } from '../domain/errors.js';
import { type Hackathon, isOrganizer, proposalsOpen } from '../domain/hackathon.js';
import { canChangeTopic, type Topic, type TopicDraftInput, validateTopicDraft } from '../domain/topic.js';
import { resultsHidden } from '../domain/vote.js';
import { lateOutcomesUntil } from '../domain/website.js';
import { requireHackathon } from './hackathons.js';
import type { HackathonStore, TopicStore } from './ports/stores.js';

export interface TopicDeps {
  hackathons: HackathonStore;
  topics: TopicStore;
}

export interface ProposeRequest {
  hackathonId: string;
  userId: string;
  input: TopicDraftInput;
  now: Date;
}

/** Stores a proposal under the next number. After proposals close, only organizers may still add topics. */
export async function proposeTopic(deps: TopicDeps, request: ProposeRequest): Promise<Topic> {
  const hackathon = await requireHackathon(deps.hackathons, request.hackathonId);
  assertMayPropose(hackathon, request.userId, request.now);
  const draft = validateTopicDraft(request.input, hackathon.categories);
  return deps.topics.create(hackathon.id, draft, request.userId, request.now.toISOString());
}

/** Throws when the person may not propose now (proposals closed or hackathon ended). */
export function assertMayPropose(hackathon: Hackathon, userId: string, now: Date): void {
  if (hackathon.status !== 'active')
    throw new ConflictError({ code: 'hackathon-ended', hackathon: hackathon.name, hint: false });
  if (!proposalsOpen(hackathon, now) && !isOrganizer(hackathon, userId)) {
    throw new ConflictError({
      code: 'proposals-closed',
      hackathon: hackathon.name,
      organizers: hackathon.organizers,
    });
  }
}

export interface TopicChangeRequest {
  hackathonId: string;
  number: number;
  userId: string;
  now: Date;
}

/** Loads a topic the person may change (proposer or organizer), that is not withdrawn. */
export async function topicToChange(
  deps: TopicDeps,
  request: Omit<TopicChangeRequest, 'now'>,
): Promise<{ hackathon: Hackathon; topic: Topic }> {
  const hackathon = await requireHackathon(deps.hackathons, request.hackathonId);
  const topic = await deps.topics.get(hackathon.id, request.number);
  if (!topic)
    throw new NotFoundError({ code: 'no-topic', hackathon: hackathon.name, number: request.number });
  if (!canChangeTopic(topic, hackathon.organizers, request.userId)) {
    throw new PermissionError({ code: 'proposer-only', number: topic.number, proposerId: topic.proposerId });
  }
  if (hackathon.status !== 'active')
    throw new ConflictError({ code: 'hackathon-ended', hackathon: hackathon.name, hint: false });
  if (topic.status === 'withdrawn')
    throw new ConflictError({ code: 'topic-withdrawn', number: topic.number, refused: 'change' });
  return { hackathon, topic };
}

/** The proposer or an organizer edits a topic; the previous version is kept. */
export async function editTopic(
  deps: TopicDeps,
  request: TopicChangeRequest & { input: TopicDraftInput; expectedUpdatedAt: string },
): Promise<Topic> {
  const { hackathon, topic } = await topicToChange(deps, request);
  if (topic.updatedAt !== request.expectedUpdatedAt) {
    throw new ConflictError({ code: 'topic-changed', number: topic.number, when: 'while-editing' });
  }
  const draft = validateTopicDraft({ emoji: topic.emoji, ...request.input }, [
    ...hackathon.categories,
    // A topic may keep a category the organizers removed since it was proposed.
    ...(hackathon.categories.includes(topic.category) ? [] : [topic.category]),
  ]);
  return deps.topics.update(topic, draft, request.userId, request.now.toISOString());
}

/** The proposer or an organizer withdraws a topic: it stays on record, marked withdrawn. */
export async function withdrawTopic(deps: TopicDeps, request: TopicChangeRequest): Promise<Topic> {
  const { topic } = await topicToChange(deps, request);
  return deps.topics.withdraw(topic, request.userId, request.now.toISOString());
}

/**
 * Topics still in play, most votes first, then by number (by number alone while counts are hidden: the order would
 * give the ranking away); withdrawn ones are counted apart.
 */
export async function listTopics(
  deps: TopicDeps,
  hackathonId: string,
): Promise<{ hackathon: Hackathon; topics: Topic[]; withdrawn: number }> {
  const hackathon = await requireHackathon(deps.hackathons, hackathonId);
  const all = await deps.topics.list(hackathon.id);
  const hidden = resultsHidden(hackathon);
  const topics = all
    .filter((topic) => topic.status !== 'withdrawn')
    .sort((a, b) => (hidden ? 0 : b.voteCount - a.voteCount) || a.number - b.number);
  return { hackathon, topics, withdrawn: all.length - topics.length };
}

/** The hackathon (active) and one of its topics that is not withdrawn, or a friendly error. */
export async function requireOpenTopic(
  deps: Pick<TopicDeps, 'hackathons' | 'topics'>,
  request: { hackathonId: string; number: number },
  /** An outcome saved at this moment: an ended hackathon still takes it within its late-outcome days. */
  options: { lateOutcomeAt?: Date } = {},
): Promise<{ hackathon: Hackathon; topic: Topic }> {
  const hackathon = await requireHackathon(deps.hackathons, request.hackathonId);
  const until = options.lateOutcomeAt ? lateOutcomesUntil(hackathon) : null;
  const late = until !== null && (options.lateOutcomeAt?.getTime() ?? 0) < Date.parse(until);
  if (hackathon.status !== 'active' && !late)
    throw new ConflictError({
      code: 'hackathon-ended',
      hackathon: hackathon.name,
      hint: false,
      ...(until ? { lateUntil: until } : {}),
    });
  const topic = await deps.topics.get(hackathon.id, request.number);
  if (!topic || topic.status === 'withdrawn')
    throw new NotFoundError({ code: 'no-open-topic', number: request.number });
  return { hackathon, topic };
}
