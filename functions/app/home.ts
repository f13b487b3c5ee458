import { rankTopics, teamCap } from '../domain/assignment.js';
import type { Hackathon } from '../domain/hackathon.js';
import { proposalsOpen } from '../domain/hackathon.js';
import { jobTimes } from '../domain/schedule.js';
import type { Topic } from '../domain/topic.js';
import { votingOpen } from '../domain/vote.js';
import { toLocal } from '../domain/zoned-time.js';
import type { HackathonStore, TopicStore, VoteStore } from './ports.js';

/** Where a hackathon stands, and the moment its next step happens (null when none is set). */
export type Phase =
  | { kind: 'proposals'; until: string | null }
  | { kind: 'voting'; until: string | null }
  | { kind: 'teams'; until: string }
  | { kind: 'running'; until: string }
  | { kind: 'ended' };

/** One hackathon as its Home tab section shows it to one person. */
export interface HomeEntry {
  hackathon: Hackathon;
  phase: Phase;
  /** Topics the person voted for, and how many votes they have left (null: unlimited). */
  votes: Topic[];
  votesLeft: number | null;
  /** The person's team(s) and topic(s). */
  teams: Topic[];
  /** Hacking topics still open with room in their team, most votes first (at most five). */
  lookingForPeople: Topic[];
}

export const HOME_HACKATHONS_MAX = 8;
const LOOKING_MAX = 5;

export function phaseOf(hackathon: Hackathon, now: Date): Phase {
  if (hackathon.status !== 'active') return { kind: 'ended' };
  if (proposalsOpen(hackathon, now) && hackathon.proposalsCloseAt)
    return { kind: 'proposals', until: hackathon.proposalsCloseAt };
  if (votingOpen(hackathon, now) && (hackathon.votingClosesAt || !started(hackathon, now)))
    return { kind: 'voting', until: hackathon.votingClosesAt };
  if (!started(hackathon, now)) return { kind: 'teams', until: jobTimes(hackathon).checkIn };
  return { kind: 'running', until: jobTimes(hackathon).wrapUp };
}

function started(hackathon: Hackathon, now: Date): boolean {
  return toLocal(now, hackathon.timeZone).date >= hackathon.startDate;
}

/**
 * "My hackathon": the workspace's active hackathons in the channels the person is in (all of them when that is
 * not known), newest first, with their phase, the person's votes and team, and topics looking for people.
 */
export async function homeFor(
  deps: { hackathons: HackathonStore; topics: TopicStore; votes: VoteStore },
  request: { teamId: string; userId: string; channels: ReadonlySet<string> | null; now: Date },
): Promise<HomeEntry[]> {
  const hackathons = (await deps.hackathons.listByTeam(request.teamId))
    .filter((h) => h.status === 'active' && (!request.channels || request.channels.has(h.channelId)))
    .slice(0, HOME_HACKATHONS_MAX);
  return Promise.all(
    hackathons.map(async (hackathon) => {
      const [topics, mine] = await Promise.all([
        deps.topics.list(hackathon.id),
        deps.votes.listByVoter(hackathon.id, request.userId),
      ]);
      const byNumber = new Map(topics.map((t) => [t.number, t]));
      const votes = mine
        .filter((v) => v.kind === 'vote')
        .flatMap((v) => byNumber.get(v.number) ?? [])
        .sort((a, b) => a.number - b.number);
      const open = topics.filter((t) => t.status !== 'withdrawn');
      return {
        hackathon,
        phase: phaseOf(hackathon, request.now),
        votes,
        votesLeft:
          hackathon.votesPerPerson === null ? null : Math.max(0, hackathon.votesPerPerson - votes.length),
        teams: open.filter((t) => (t.members ?? []).includes(request.userId)),
        lookingForPeople: rankTopics(open)
          .map(({ topic }) => topic)
          .filter(
            (t) =>
              t.kind === 'hacking' &&
              (t.status === 'proposed' || t.status === 'in_progress') &&
              !(t.members ?? []).includes(request.userId) &&
              (t.members ?? []).length < teamCap(t, hackathon.teamSize.max),
          )
          .slice(0, LOOKING_MAX),
      };
    }),
  );
}
