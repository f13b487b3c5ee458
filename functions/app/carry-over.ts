import { ConflictError, ValidationError } from '../domain/errors.js';
import { followUpHistory, latestFollowUp } from '../domain/follow-up.js';
import { type Hackathon, matchCategory } from '../domain/hackathon.js';
import { type CarriedFrom, type Topic, titleKey } from '../domain/topic.js';
import { requireHackathon, requireOrganizer } from './hackathons.js';
import type { CarryOverJob } from './ports/jobs.js';
import type { CarryOverAnnouncer } from './ports/slack.js';
import type { HackathonStore, TopicStore, VoteStore } from './ports/stores.js';

/** At most this many topics are carried over at once (and offered in the form: Slack's select holds 100). */
const CARRY_OVER_MAX = 50;
/** How many earlier hackathons are searched for not-picked topics. */
const EARLIER_HACKATHONS = 5;

export interface CarryOverDeps {
  hackathons: HackathonStore;
  topics: TopicStore;
}

export interface CarryOverGroup {
  from: Hackathon;
  topics: Topic[];
}

/** A topic worked on whose latest follow-up says it is still going: offered to the next hackathon. */
const stillGoing = (topic: Topic): boolean =>
  topic.status !== 'withdrawn' && latestFollowUp(topic)?.state === 'going';

/**
 * The topics an organizer can carry over into the channel's hackathon: those not picked in the workspace's
 * earlier hackathons and those still going after them (newest hackathon first), leaving out any carried over
 * already or with the same title as a topic here.
 */
export async function carryOverCandidates(
  deps: CarryOverDeps,
  request: { hackathonId: string; userId: string },
): Promise<{ hackathon: Hackathon; groups: CarryOverGroup[] }> {
  const hackathon = await requireHackathon(deps.hackathons, request.hackathonId);
  requireOrganizer(hackathon, request.userId, 'carry-over');
  if (hackathon.status !== 'active')
    throw new ConflictError({ code: 'hackathon-ended', hackathon: hackathon.name, hint: false });
  const present = await deps.topics.list(hackathon.id);
  const carried = new Set(
    present.flatMap((topic) =>
      topic.carriedFrom ? [`${topic.carriedFrom.hackathonId}#${topic.carriedFrom.number}`] : [],
    ),
  );
  const titles = new Set(
    present.filter((t) => t.status !== 'withdrawn').map((topic) => titleKey(topic.title)),
  );
  const earlier = (await deps.hackathons.listByTeam(hackathon.teamId))
    .filter((other) => other.id !== hackathon.id && other.createdAt <= hackathon.createdAt)
    .slice(0, EARLIER_HACKATHONS);
  const groups: CarryOverGroup[] = [];
  let offered = 0;
  for (const from of earlier) {
    const topics = (await deps.topics.list(from.id))
      .filter(
        (topic) =>
          (topic.status === 'not_picked' || stillGoing(topic)) &&
          !carried.has(`${from.id}#${topic.number}`) &&
          !titles.has(titleKey(topic.title)),
      )
      .slice(0, CARRY_OVER_MAX * 2 - offered);
    if (topics.length === 0) continue;
    groups.push({ from, topics });
    offered += topics.length;
    if (offered >= CARRY_OVER_MAX * 2) break;
  }
  return { hackathon, groups };
}

/**
 * Carries the picked topics over: each becomes a new topic here with its proposer, text and links, in the same
 * category where this hackathon has it (else Other, else the first category), remembering where it came from.
 * Only topics still offered are carried (not picked, from this workspace, not carried already), once each even
 * when two organizers submit at the same moment.
 */
export async function carryOver(
  deps: CarryOverDeps,
  request: {
    hackathonId: string;
    userId: string;
    picks: ReadonlyArray<{ hackathonId: string; number: number }>;
    now: Date;
  },
): Promise<{ hackathon: Hackathon; carried: Topic[] }> {
  if (request.picks.length === 0) throw new ValidationError({ topics: { code: 'pick-a-topic' } });
  if (request.picks.length > CARRY_OVER_MAX)
    throw new ValidationError({ topics: { code: 'pick-at-most', max: CARRY_OVER_MAX } });
  const { hackathon, groups } = await carryOverCandidates(deps, request);
  const wanted = new Set(request.picks.map((pick) => `${pick.hackathonId}#${pick.number}`));
  const chosen = groups.flatMap(({ from, topics }) =>
    topics.filter((topic) => wanted.has(`${from.id}#${topic.number}`)).map((topic) => ({ from, topic })),
  );
  if (chosen.length === 0) throw new ConflictError({ code: 'carried-already' });
  const fallback = matchCategory(hackathon.categories, 'Other') ?? (hackathon.categories[0] as string);
  const carried = await deps.topics.createMany(
    hackathon.id,
    chosen.map(({ from, topic }) => ({
      title: topic.title,
      category: matchCategory(hackathon.categories, topic.category) ?? fallback,
      kind: topic.kind,
      teamSize: topic.teamSize,
      fastTrack: topic.fastTrack,
      description: topic.description,
      links: topic.links,
      emoji: topic.emoji,
      proposerId: topic.proposerId,
      carriedFrom: {
        hackathonId: from.id,
        hackathonName: from.name,
        number: topic.number,
        ...(followUpHistory(topic).length > 0 ? { history: followUpHistory(topic) } : {}),
      },
    })),
    request.userId,
    request.now.toISOString(),
  );
  await deps.hackathons.addJob({
    kind: 'carry-over',
    hackathonId: hackathon.id,
    requestedBy: request.userId,
    channelId: hackathon.channelId,
    requestedAt: request.now.toISOString(),
    carried: carried.map((topic) => {
      const { hackathonId, hackathonName, number } = topic.carriedFrom as CarriedFrom;
      return {
        number: topic.number,
        proposerId: topic.proposerId,
        from: { hackathonId, hackathonName, number },
      };
    }),
  });
  return { hackathon, carried };
}

/** The carry-over job: each carried topic's proposer is told once where their topic went. */
export async function announceCarriedOver(
  deps: CarryOverDeps & { votes: Pick<VoteStore, 'firstNotice'>; announcer: CarryOverAnnouncer },
  job: CarryOverJob,
): Promise<void> {
  const hackathon = await requireHackathon(deps.hackathons, job.hackathonId);
  for (const { number, proposerId } of job.carried) {
    const topic = await deps.topics.get(hackathon.id, number);
    if (!topic?.carriedFrom) continue;
    if (await deps.votes.firstNotice(hackathon.id, proposerId, `carried-${number}`))
      await deps.announcer.carriedOver(hackathon, topic);
  }
}
