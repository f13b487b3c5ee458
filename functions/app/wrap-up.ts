import { rankTopics } from '../domain/assignment.js';
import { ConflictError, ValidationError } from '../domain/errors.js';
import type { Hackathon } from '../domain/hackathon.js';
import { isWrappedUp } from '../domain/outcome.js';
import type { Topic } from '../domain/topic.js';
import { validateWebsiteLink, type WebsiteLink } from '../domain/website.js';
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
    .filter(isWrappedUp);
}

/**
 * `/htg publish [fork account]` (organizers, after the wrap-up): the website's pull request is opened or brought
 * in line now, for example once the GitHub App's permissions are fixed; a fork account given is kept in the
 * settings first (the App may then push to a fork there). The refresher does it; organizers get the link.
 */
export async function requestWebsitePull(
  hackathons: HackathonStore,
  request: { hackathonId: string; userId: string; channelId: string; now: Date; forkAccount: string },
): Promise<Hackathon & { website: WebsiteLink }> {
  let hackathon = await requireHackathon(hackathons, request.hackathonId);
  requireOrganizer(hackathon, request.userId, 'publish');
  if (!hackathon.website) throw new ConflictError({ code: 'no-website', hackathon: hackathon.name });
  if (hackathon.status === 'active')
    throw new ConflictError({ code: 'not-wrapped-up', hackathon: hackathon.name });
  const fork = request.forkAccount.trim();
  if (fork) {
    const { link, errors } = validateWebsiteLink({
      ...hackathon.website,
      forkAccount: fork,
    });
    if (!link) throw new ValidationError(errors);
    hackathon = await hackathons.updateSettings(
      hackathon.id,
      { ...hackathon, website: link },
      hackathon.updatedAt,
      request.now.toISOString(),
    );
  }
  await hackathons.addJob({
    kind: 'website-pull',
    reason: 'asked',
    hackathonId: hackathon.id,
    requestedBy: request.userId,
    channelId: request.channelId,
    requestedAt: request.now.toISOString(),
  });
  return { ...hackathon, website: hackathon.website as WebsiteLink };
}
