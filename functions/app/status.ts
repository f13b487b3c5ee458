import { ConflictError, PermissionError, ValidationError } from '../domain/errors.js';
import type { Problem } from '../domain/problems.js';
import { parseStatus } from '../domain/status.js';
import { isWebUrl, LINKS_MAX, mayReportOn, type Topic } from '../domain/topic.js';
import { requireOpenTopic, type TopicDeps } from './topics.js';

interface TopicRequest {
  hackathonId: string;
  number: number;
  userId: string;
}

/**
 * Sets a topic's status: 🚧 in progress, ✅ done, ⏸️ paused, 🙅 not picked, dropped (with what became of it),
 * or back to proposed. Only the topic's team and the organizers may; each change is kept with who and when.
 */
export async function changeStatus(
  deps: TopicDeps,
  request: TopicRequest & { text: string; now: Date },
): Promise<Topic> {
  const { hackathon, topic } = await requireOpenTopic(deps, request);
  if (!mayReportOn(topic, hackathon.organizers, request.userId)) {
    throw new PermissionError({ code: 'team-only', number: topic.number, to: 'status' });
  }
  const parsed = parseStatus(request.text);
  if (!parsed) throw new ValidationError({ status: { code: 'status-word', number: topic.number } });
  if (parsed.status === 'dropped' && !parsed.note) {
    throw new ValidationError({ status: { code: 'dropped-needs-note', number: topic.number } });
  }
  return deps.topics.setStatus(topic, parsed.status, parsed.note, request.userId, request.now.toISOString());
}

/** Adds a link (PR, issue, document) to a topic: its proposer, its team and the organizers may. */
export async function addTopicLink(
  deps: TopicDeps,
  request: TopicRequest & { url: string },
): Promise<{ topic: Topic; added: boolean }> {
  const { hackathon, topic } = await requireOpenTopic(deps, request);
  if (!mayReportOn(topic, hackathon.organizers, request.userId, { proposer: true }))
    throw new PermissionError({ code: 'team-only', number: topic.number, to: 'links' });
  const url = request.url.trim().replace(/^<([^|>]+)(\|[^>]*)?>$/, '$1');
  if (!isWebUrl(url)) throw new ValidationError({ url: { code: 'full-link', number: topic.number } });
  const result = await deps.topics.addLink(topic, url, LINKS_MAX);
  if (result === 'full')
    throw new ConflictError({ code: 'links-full', number: topic.number, max: LINKS_MAX });
  return { topic, added: result === 'added' };
}

/** At most this many characters per check-in answer. */
const CHECK_IN_MAX = 1000;

/** The check-in form for a topic: its team and the organizers may answer. */
export async function checkInToAnswer(deps: TopicDeps, request: TopicRequest): Promise<Topic> {
  const { hackathon, topic } = await requireOpenTopic(deps, request);
  if (!mayReportOn(topic, hackathon.organizers, request.userId)) {
    throw new PermissionError({ code: 'team-only', number: topic.number, to: 'check-in' });
  }
  return topic;
}

/** Stores a team's check-in answer: what it achieved so far (required) and what blocks it. */
export async function answerCheckIn(
  deps: TopicDeps,
  request: TopicRequest & { achieved: string | null; blockers: string | null; now: Date },
): Promise<Topic> {
  const topic = await checkInToAnswer(deps, request);
  const achieved = (request.achieved ?? '').trim();
  const blockers = (request.blockers ?? '').trim();
  const errors: Record<string, Problem> = {};
  if (!achieved) errors.achieved = { code: 'required', field: 'achieved' };
  else if (achieved.length > CHECK_IN_MAX)
    errors.achieved = { code: 'too-long', field: 'answer', max: CHECK_IN_MAX };
  if (blockers.length > CHECK_IN_MAX)
    errors.blockers = { code: 'too-long', field: 'answer', max: CHECK_IN_MAX };
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
  return deps.topics.setCheckIn(topic, {
    achieved,
    blockers,
    by: request.userId,
    at: request.now.toISOString(),
  });
}
