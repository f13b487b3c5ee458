import { rankTopics, teamCap } from '../domain/assignment.js';
import type { ChannelVisibility, Hackathon } from '../domain/hackathon.js';
import { isOrganizer, proposalsOpen } from '../domain/hackathon.js';
import { jobTimes } from '../domain/schedule.js';
import type { Topic } from '../domain/topic.js';
import { resultsHidden, votingOpen } from '../domain/vote.js';
import { toLocal } from '../domain/zoned-time.js';
import type { HackathonStore, TopicStore, VoteStore } from './ports/stores.js';

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
  /**
   * Hacking topics still open with room in their team, most votes first (at most five); none while counts are
   * hidden, since "most votes first" would give the ranking away.
   */
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
 * The channels a person is in, as Slack listed them (users.conversations), with each one's visibility as Slack
 * said it (null: it did not say). `complete` is false when the list was cut short (someone in very many channels).
 */
export interface PersonChannels {
  visibility: ReadonlyMap<string, ChannelVisibility | null>;
  complete: boolean;
}

/**
 * "My hackathon": the installation workspace's active hackathons the person may see, newest first, with their
 * phase, the person's votes and team, and topics looking for people. Which ones: those in the person's channels;
 * where that is not known (Slack would not list the channels: `channels` null, or the list is incomplete), only
 * what they may see anyway: hackathons in public channels, and those they organise or are on a team of. Never a
 * private channel's hackathon to someone not known to be in it. What Slack says about a channel's visibility is
 * remembered on the hackathon, for when it will not say.
 */
export async function homeFor(
  deps: { hackathons: HackathonStore; topics: TopicStore; votes: VoteStore },
  request: { teamId: string; userId: string; channels: PersonChannels | null; now: Date },
): Promise<HomeEntry[]> {
  const { channels, userId } = request;
  const active = (await deps.hackathons.listByTeam(request.teamId)).filter((h) => h.status === 'active');
  // Written beside the rest of the work; a write that fails is learnt again on someone's next open.
  const learnt = Promise.all(
    active.map((hackathon) => {
      const said = channels?.visibility.get(hackathon.channelId);
      return said && said !== hackathon.channelVisibility
        ? deps.hackathons.setChannelVisibility(hackathon.id, said).catch(() => undefined)
        : undefined;
    }),
  );
  const topicsOf = new Map<string, Promise<Topic[]>>();
  const listTopics = (id: string) => {
    const listed = topicsOf.get(id) ?? deps.topics.list(id);
    topicsOf.set(id, listed);
    return listed;
  };
  const visible = await Promise.all(
    active.map(async (hackathon) => {
      if (channels?.visibility.has(hackathon.channelId)) return true;
      if (channels?.complete) return false;
      const visibility = hackathon.channelVisibility;
      if (visibility === 'public' || isOrganizer(hackathon, userId)) return true;
      return (await listTopics(hackathon.id)).some(
        (t) => t.status !== 'withdrawn' && (t.members ?? []).includes(userId),
      );
    }),
  );
  const hackathons = active.filter((_, i) => visible[i]).slice(0, HOME_HACKATHONS_MAX);
  const [entries] = await Promise.all([entriesOf(deps, request, hackathons, listTopics), learnt]);
  return entries;
}

function entriesOf(
  deps: { votes: VoteStore },
  request: { userId: string; now: Date },
  hackathons: readonly Hackathon[],
  listTopics: (id: string) => Promise<Topic[]>,
): Promise<HomeEntry[]> {
  return Promise.all(
    hackathons.map(async (hackathon) => {
      const [topics, mine] = await Promise.all([
        listTopics(hackathon.id),
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
        lookingForPeople: (resultsHidden(hackathon) ? [] : rankTopics(open))
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
