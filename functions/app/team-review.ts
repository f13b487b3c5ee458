import { type AssignmentProposal, proposeTeams, rankTopics, teamCap } from '../domain/assignment.js';
import { ConflictError, ValidationError } from '../domain/errors.js';
import type { Hackathon } from '../domain/hackathon.js';
import { isSlackUserId } from '../domain/outcome.js';
import type { Problem } from '../domain/problems.js';
import { planTeams, type ReviewedTeam } from '../domain/team-plan.js';
import type { CardRef, Topic } from '../domain/topic.js';
import { type ChannelWaitDeps, isChannelUnavailable, waitForInvitation } from './channel-access.js';
import { requireHackathon, requireOrganizer } from './hackathons.js';
import type { PublishTeamsJob } from './ports/jobs.js';
import type { PublishSummary, RankingRow, TeamAnnouncer } from './ports/slack.js';
import type { HackathonStore, TeamStore, TopicStore } from './ports/stores.js';

export interface TeamReviewDeps {
  hackathons: HackathonStore;
  topics: TopicStore;
}

/** What the review form shows: the proposal from the votes and interests as they are now. */
export interface TeamReview {
  hackathon: Hackathon;
  /** The teams version the review starts from (a publication by someone else in between is refused). */
  version: number;
  proposal: AssignmentProposal;
  /** Who said they would work on each topic. */
  interested: Map<number, string[]>;
}

/**
 * `/htg teams` and the button in the voting-close report: the proposed teams for organizers to review. People
 * already in a team stay there; everyone else who marked interest is placed as at voting close.
 */
export async function openTeamReview(
  deps: TeamReviewDeps,
  request: { hackathonId: string; userId: string; now: Date },
): Promise<TeamReview> {
  const hackathon = await requireReviewer(deps.hackathons, request);
  const topics = await deps.topics.list(hackathon.id);
  return {
    hackathon,
    version: hackathon.teamsVersion ?? 0,
    proposal: proposalFor(hackathon, topics),
    interested: new Map(topics.map((topic) => [topic.number, topic.interestedUsers ?? []])),
  };
}

/** The team proposal from the topics, interests and teams as they are now. */
export function proposalFor(hackathon: Hackathon, topics: readonly Topic[]): AssignmentProposal {
  const interests = new Map<string, Set<number>>();
  for (const topic of topics) {
    if (topic.status === 'withdrawn') continue;
    // People known only on GitHub (`github:<login>`) count as interest, but cannot be placed: htg cannot tell
    // them in Slack, and the review form lists them by login under the topic.
    for (const userId of (topic.interestedUsers ?? []).filter(isSlackUserId)) {
      interests.set(userId, (interests.get(userId) ?? new Set()).add(topic.number));
    }
  }
  return proposeTeams({
    topics,
    attendees: hackathon.attendees ?? [],
    interests,
    teamSize: hackathon.teamSize,
    onePerPerson: hackathon.onePerPerson ?? true,
  });
}

/**
 * The review form submitted: checks the teams (caps, the one-team rule, topics withdrawn meanwhile) against the
 * teams as they are now, then records the publication and a job that carries it out. Nothing changes when a
 * check fails or another organizer published first.
 */
export async function publishTeams(
  deps: TeamReviewDeps,
  request: {
    hackathonId: string;
    userId: string;
    expectedVersion: number;
    reviewed: readonly ReviewedTeam[];
    now: Date;
  },
): Promise<PublishSummary> {
  const hackathon = await requireReviewer(deps.hackathons, request);
  const topics = new Map((await deps.topics.list(hackathon.id)).map((topic) => [topic.number, topic]));
  const errors: Record<string, Problem> = {};
  const reviewed: ReviewedTeam[] = [];
  for (const team of request.reviewed) {
    const topic = topics.get(team.number);
    if (!topic || topic.status === 'withdrawn' || topic.kind !== 'hacking') {
      if (team.chosen.length > 0) errors[team.number] = { code: 'team-withdrawn', number: team.number };
      continue;
    }
    reviewed.push(team);
  }
  const current = new Map(
    [...topics.values()]
      .filter((topic) => topic.status !== 'withdrawn' && topic.kind === 'hacking')
      .map((topic) => [topic.number, topic.members ?? []]),
  );
  const onePerPerson = hackathon.onePerPerson ?? true;
  const plan = planTeams(current, reviewed, onePerPerson);
  if (onePerPerson) {
    for (const placed of plan.onSeveral.values()) {
      for (const number of placed.slice(1)) {
        errors[number] ??= {
          code: 'on-several-teams',
          hackathon: hackathon.name,
          alsoOn: placed[0] as number,
        };
      }
    }
  }
  for (const team of reviewed) {
    const size = plan.teams.get(team.number)?.length ?? 0;
    const cap = teamCap(topics.get(team.number) as Topic, hackathon.teamSize.max);
    if (size > cap) {
      const joined = size - new Set(team.chosen).size;
      errors[team.number] ??= { code: 'team-over-cap', number: team.number, cap, size, joinedSince: joined };
    }
  }
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);

  const version = request.expectedVersion + 1;
  await deps.hackathons.publishTeams(
    {
      kind: 'publish-teams',
      hackathonId: hackathon.id,
      requestedBy: request.userId,
      channelId: hackathon.channelId,
      requestedAt: request.now.toISOString(),
      version,
      topics: reviewed.map((team) => team.number),
      changes: plan.changes,
    },
    request.expectedVersion,
  );
  return summarize(plan.teams);
}

function summarize(teams: ReadonlyMap<number, readonly string[]>): PublishSummary {
  const filled = [...teams.values()].filter((team) => team.length > 0);
  return {
    teams: filled.length,
    people: new Set(filled.flat()).size,
    notPicked: [...teams].filter(([, team]) => team.length === 0).map(([number]) => number),
  };
}

export interface ApplyTeamsDeps extends TeamReviewDeps, RankingDeps {
  teams: TeamStore;
  announcer: TeamAnnouncer & RankingDeps['announcer'];
}

/** What the ranking message needs: a channel that refuses it makes it wait for the app to be invited. */
export interface RankingDeps extends TeamReviewDeps, ChannelWaitDeps {
  announcer: Pick<TeamAnnouncer, 'ranking' | 'removeRanking'> & ChannelWaitDeps['announcer'];
}

/**
 * Carries a publication out, off the request path: people taken off teams leave them, people put on teams join
 * (organizers decide, so caps and the one-team rule were checked when they submitted); a reviewed topic with a
 * team becomes 🚧 in progress and one without becomes 🙅 not picked; the ranking message shows the teams;
 * everyone concerned is told once. Every step is idempotent, so a retried job converges, and a publication
 * overtaken by a newer one is skipped.
 */
export async function applyTeams(
  deps: ApplyTeamsDeps,
  job: PublishTeamsJob,
): Promise<'applied' | 'superseded'> {
  const hackathon = await requireHackathon(deps.hackathons, job.hackathonId);
  if ((hackathon.teamsVersion ?? 0) > job.version) return 'superseded';
  for (const change of job.changes) {
    for (const userId of change.remove) await deps.teams.leave(hackathon.id, change.number, userId);
  }
  for (const change of job.changes) {
    for (const userId of change.add) {
      await deps.teams.join(hackathon.id, change.number, userId, Number.MAX_SAFE_INTEGER, false);
    }
  }

  const notPicked: Topic[] = [];
  for (const number of job.topics) {
    const topic = await deps.topics.get(hackathon.id, number);
    if (!topic || topic.status === 'withdrawn' || topic.kind !== 'hacking') continue;
    const staffed = (topic.members ?? []).length > 0;
    if (staffed && (topic.status === 'proposed' || topic.status === 'not_picked')) {
      await deps.topics.setStatus(topic, 'in_progress', null, job.requestedBy, job.requestedAt);
    } else if (!staffed && topic.status === 'proposed') {
      await deps.topics.setStatus(topic, 'not_picked', null, job.requestedBy, job.requestedAt);
      notPicked.push(topic);
    } else if (!staffed && topic.status === 'not_picked') {
      notPicked.push(topic);
    }
  }

  const once = (userId: string, notice: string) => deps.votes.firstNotice(hackathon.id, userId, notice);
  for (const change of job.changes) {
    const topic = await deps.topics.get(hackathon.id, change.number);
    if (!topic) continue;
    for (const userId of change.add) {
      if (await once(userId, `placed-v${job.version}-${change.number}`))
        await deps.announcer.placed(hackathon, userId, topic);
    }
    for (const userId of change.remove) {
      if (await once(userId, `removed-v${job.version}-${change.number}`))
        await deps.announcer.removed(hackathon, userId, topic);
    }
  }
  for (const topic of notPicked) {
    if (await once(topic.proposerId, `not-picked-${topic.number}`))
      await deps.announcer.notPicked(hackathon, topic);
  }

  const topics = await refreshRanking(deps, hackathon, true);
  if (await once(job.requestedBy, `published-v${job.version}`)) {
    const teams = new Map(
      job.topics.map((number) => [number, topics.find((t) => t.number === number)?.members ?? []] as const),
    );
    await deps.announcer.published(hackathon, job, summarize(teams));
  }
  return 'applied';
}

/**
 * Posts the ranking message in the hackathon's channel (once) or brings it up to date. Before teams are
 * published it says they are coming; after, it shows them. Returns the topics it ranked. A channel that
 * refuses it makes it wait for the app to be invited.
 */
export async function refreshRanking(
  deps: RankingDeps,
  hackathon: Hackathon,
  published: boolean,
): Promise<Topic[]> {
  const topics = await deps.topics.list(hackathon.id);
  const rows: RankingRow[] = rankTopics(topics).map(({ rank, topic }) => ({
    rank,
    number: topic.number,
    title: topic.title,
    votes: topic.voteCount,
    kind: topic.kind,
    status: topic.status,
    team: published ? (topic.members ?? []) : [],
    onGitHubOnly: (topic.interestedUsers ?? []).filter((id) => id.startsWith('github:')),
  }));
  const existing = hackathon.rankingMessage ?? null;
  let ref: CardRef;
  try {
    ref = await deps.announcer.ranking(hackathon, rows, published, existing);
  } catch (error) {
    // The app is not in the channel (any more): the ranking is posted once it is invited (`bringWaitingPosts`).
    if (!isChannelUnavailable(error)) throw error;
    await waitForInvitation(deps, hackathon, error);
    return topics;
  }
  if (existing) return topics;
  const kept = await deps.hackathons.setRankingMessage(hackathon.id, ref);
  if (kept.channelId !== ref.channelId || kept.ts !== ref.ts) {
    // Another run (the recount and a publication can run side by side) posted and remembered its ranking
    // message first: this one is a second copy. It goes, and the one kept is brought up to date from the
    // hackathon and topics as they are now (with the teams if either run had them), not from this run's copy.
    await deps.announcer.removeRanking(ref).catch(() => undefined);
    const now = await requireHackathon(deps.hackathons, hackathon.id);
    return refreshRanking(deps, now, published || (now.teamsVersion ?? 0) > 0);
  }
  return topics;
}

/** Organizers review and publish teams once voting has closed. */
async function requireReviewer(
  hackathons: HackathonStore,
  request: { hackathonId: string; userId: string; now: Date },
): Promise<Hackathon> {
  const hackathon = await requireHackathon(hackathons, request.hackathonId);
  requireOrganizer(hackathon, request.userId, 'teams');
  if (hackathon.status !== 'active')
    throw new ConflictError({ code: 'hackathon-ended', hackathon: hackathon.name, hint: false });
  if (!hackathon.votingClosesAt || Date.parse(hackathon.votingClosesAt) > request.now.getTime()) {
    throw new ConflictError({ code: 'voting-still-open', hackathon: hackathon.name });
  }
  return hackathon;
}
