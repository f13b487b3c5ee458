import { rankTopics } from '../domain/assignment.js';
import type { Hackathon } from '../domain/hackathon.js';
import type { Topic } from '../domain/topic.js';
import { requireHackathon, requireOrganizer } from './hackathons.js';
import type { HackathonStore, TopicStore } from './ports/stores.js';

export interface WrapUpDeps {
  hackathons: HackathonStore;
  topics: TopicStore;
}

/**
 * `/htg wrapup` (organizers), and the scheduled wrap-up: ends the hackathon (read-only from then on) and records
 * the job that posts the highlights, the thread of details and the Markdown files. Running it again changes
 * nothing and says so.
 */
export async function wrapUp(
  deps: WrapUpDeps,
  request: { hackathonId: string; userId: string; channelId: string; now: Date; scheduled?: boolean },
): Promise<{
  hackathon: Hackathon;
  outcome: 'ended' | 'already-ended';
  topics: number;
  withoutOutcome: number;
}> {
  const hackathon = await requireHackathon(deps.hackathons, request.hackathonId);
  if (!request.scheduled) requireOrganizer(hackathon, request.userId, 'wrap-up');
  const outcome = await deps.hackathons.end({
    kind: 'wrap-up',
    hackathonId: hackathon.id,
    requestedBy: request.userId,
    channelId: request.channelId,
    requestedAt: request.now.toISOString(),
  });
  const topics = wrappedTopics(await deps.topics.list(hackathon.id));
  return {
    hackathon,
    outcome,
    topics: topics.length,
    withoutOutcome: topics.filter((topic) => !topic.outcome).length,
  };
}

/** `/htg export`: anyone may have the files, at any time; a job sends them to the person who asked. */
export async function requestExport(
  deps: WrapUpDeps,
  request: { hackathonId: string; userId: string; channelId: string; now: Date },
): Promise<Hackathon> {
  const hackathon = await requireHackathon(deps.hackathons, request.hackathonId);
  await deps.hackathons.addJob({
    kind: 'export',
    hackathonId: hackathon.id,
    requestedBy: request.userId,
    channelId: request.channelId,
    requestedAt: request.now.toISOString(),
  });
  return hackathon;
}

/** The topics the wrap-up is about: what teams worked on or wrote an outcome for, most votes first. */
export function wrappedTopics(topics: readonly Topic[]): Topic[] {
  return rankTopics(topics)
    .map(({ topic }) => topic)
    .filter(
      (topic) =>
        topic.outcome ||
        (topic.members ?? []).length > 0 ||
        ['in_progress', 'done', 'paused', 'dropped'].includes(topic.status),
    );
}
