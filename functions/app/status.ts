import { ConflictError, PermissionError, ValidationError } from '../domain/errors.js';
import { parseStatus, STATUS_WORDS } from '../domain/status.js';
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
    throw new PermissionError(`Only the team of #${topic.number} and the organizers can change its status.`);
  }
  const parsed = parseStatus(request.text);
  if (!parsed)
    throw new ValidationError({
      status: `Say a status: ${STATUS_WORDS}. For example \`/htg status #${topic.number} done\`.`,
    });
  if (parsed.status === 'dropped' && !parsed.note) {
    throw new ValidationError({
      status: `Say what became of it, e.g. \`/htg status #${topic.number} dropped closed in favour of #45\`.`,
    });
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
    throw new PermissionError(
      `Only the proposer and team of #${topic.number} and the organizers can add links to it.`,
    );
  const url = request.url.trim().replace(/^<([^|>]+)(\|[^>]*)?>$/, '$1');
  if (!isWebUrl(url))
    throw new ValidationError({
      url: `Give a full link starting with https://, e.g. \`/htg link #${topic.number} https://github.com/…\`.`,
    });
  const result = await deps.topics.addLink(topic, url, LINKS_MAX);
  if (result === 'full') throw new ConflictError(`#${topic.number} has ${LINKS_MAX} links already.`);
  return { topic, added: result === 'added' };
}

/** At most this many characters per check-in answer. */
const CHECK_IN_MAX = 1000;

/** The check-in form for a topic: its team and the organizers may answer. */
export async function checkInToAnswer(deps: TopicDeps, request: TopicRequest): Promise<Topic> {
  const { hackathon, topic } = await requireOpenTopic(deps, request);
  if (!mayReportOn(topic, hackathon.organizers, request.userId)) {
    throw new PermissionError(
      `Only the team of #${topic.number} and the organizers can answer its check-in.`,
    );
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
  const errors: Record<string, string> = {};
  if (!achieved) errors.achieved = 'Say what the team achieved so far, even if it is little.';
  else if (achieved.length > CHECK_IN_MAX) errors.achieved = `Keep it under ${CHECK_IN_MAX} characters.`;
  if (blockers.length > CHECK_IN_MAX) errors.blockers = `Keep it under ${CHECK_IN_MAX} characters.`;
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
  return deps.topics.setCheckIn(topic, {
    achieved,
    blockers,
    by: request.userId,
    at: request.now.toISOString(),
  });
}
