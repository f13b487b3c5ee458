import { isGitHubLogin } from './github.js';
import type { AttendeeLineProblem } from './problems.js';
import type { Topic } from './topic.js';

/** Someone taking part in the hackathon, with their company where known (to mix companies in teams). */
export interface Attendee {
  userId: string;
  company: string | null;
  /** Their GitHub login, where the list gives one (`github:alice`); absent otherwise. */
  githubLogin?: string;
}

export interface AssignmentInput {
  topics: ReadonlyArray<
    Pick<Topic, 'number' | 'title' | 'voteCount' | 'kind' | 'teamSize' | 'status'> & { members?: string[] }
  >;
  attendees: readonly Attendee[];
  /** Who said "I'd work on it" on which topics (topic numbers). */
  interests: ReadonlyMap<string, ReadonlySet<number>>;
  /** The hackathon's team size limits. */
  teamSize: { min: number; max: number };
  /** Whether a person joins at most one team (the default). */
  onePerPerson?: boolean;
}

export interface RankedTopic {
  /** Standard competition ranking: equal votes share a rank (1, 2, 2, 4). */
  rank: number;
  number: number;
  title: string;
  votes: number;
  kind: 'hacking' | 'discussion';
  /** People proposed for the team, in the order they were placed. Empty for discussions and unpicked topics. */
  team: string[];
  cap: number;
  /** A hacking topic nobody can work on: proposed as not picked. */
  notPicked: boolean;
  /** Two or more people, every one from the same (known) company. */
  singleCompany: string | null;
  /** Fewer people than the hackathon's smallest team. */
  belowMinimum: boolean;
}

export interface AssignmentProposal {
  ranking: RankedTopic[];
  /** Attendees who marked interest in hacking topics that were all full. */
  unplaced: string[];
  /** Attendees who marked no hacking topic. */
  withoutInterest: string[];
  /** People who marked interest but are not on the attendee list (not placed). */
  notAttending: string[];
}

/** A topic's team cap: its ideal size where given (small 2, medium 3), never above the hackathon's largest team. */
export function teamCap(topic: Pick<Topic, 'teamSize'>, max: number): number {
  const ideal = topic.teamSize === 'small' ? 2 : topic.teamSize === 'medium' ? 3 : max;
  return Math.max(1, Math.min(ideal, max));
}

/**
 * Ranks topics by votes (ties by number) with standard competition ranking: equal votes share a rank (1, 2, 2,
 * 4). Withdrawn topics are left out.
 */
export function rankTopics<T extends Pick<Topic, 'number' | 'voteCount' | 'status'>>(
  topics: readonly T[],
): Array<{ rank: number; topic: T }> {
  const sorted = topics
    .filter((topic) => topic.status !== 'withdrawn')
    .sort((a, b) => b.voteCount - a.voteCount || a.number - b.number);
  let rank = 0;
  return sorted.map((topic, index) => {
    if (index === 0 || sorted[index - 1]?.voteCount !== topic.voteCount) rank = index + 1;
    return { rank, topic };
  });
}

/**
 * Proposes teams at voting close. Topics are ranked by votes (ties by number). People already in a team (they
 * joined, or organizers published teams before) stay there and count against its cap. Going down the ranking,
 * each hacking topic takes the attendees who marked interest in it and are still free, up to its cap; so
 * everyone lands on the highest-voted topic they marked that still had room. When more people want a topic than it has
 * room for, it prefers those with fewer other choices left, then someone from a company the team does not
 * have yet, then the attendee list's order. Discussion topics get no team. Without an attendee list, everyone
 * who marked interest counts as attending.
 */
export function proposeTeams(input: AssignmentInput): AssignmentProposal {
  const onePerPerson = input.onePerPerson ?? true;
  const ranked = rankTopics(input.topics);
  const topics = ranked.map(({ topic }) => topic);
  const attendees: Attendee[] =
    input.attendees.length > 0
      ? [...input.attendees]
      : [...input.interests.keys()].sort().map((userId) => ({ userId, company: null }));
  const order = new Map(attendees.map((attendee, index) => [attendee.userId, index]));
  const company = new Map(attendees.map((attendee) => [attendee.userId, attendee.company]));
  const rankOf = new Map(topics.map((topic, index) => [topic.number, index]));
  const placed = new Set<string>(
    topics.flatMap((topic) => (topic.kind === 'hacking' ? (topic.members ?? []) : [])),
  );

  /** How many topics below `index` the person marked: the fewer, the more this topic matters to them. */
  const choicesLeft = (userId: string, index: number) =>
    [...(input.interests.get(userId) ?? [])].filter((n) => (rankOf.get(n) ?? -1) > index).length;

  const ranking: RankedTopic[] = topics.map((topic, index) => {
    const rank = (ranked[index] as { rank: number }).rank;
    const cap = teamCap(topic, input.teamSize.max);
    const team: string[] = topic.kind === 'hacking' ? [...(topic.members ?? [])] : [];
    if (topic.kind === 'hacking') {
      const candidates = attendees
        .map((a) => a.userId)
        .filter(
          (userId) =>
            input.interests.get(userId)?.has(topic.number) &&
            !team.includes(userId) &&
            !(onePerPerson && placed.has(userId)),
        );
      while (team.length < cap && candidates.length > 0) {
        const companies = new Set(team.map((userId) => company.get(userId)).filter(Boolean));
        candidates.sort(
          (a, b) =>
            choicesLeft(a, index) - choicesLeft(b, index) ||
            Number(companies.has(company.get(a) ?? null)) - Number(companies.has(company.get(b) ?? null)) ||
            (order.get(a) ?? 0) - (order.get(b) ?? 0),
        );
        const next = candidates.shift() as string;
        team.push(next);
        placed.add(next);
      }
    }
    const companies = team.map((userId) => company.get(userId) ?? null);
    const singleCompany =
      team.length >= 2 && companies.every((c) => c !== null && c === companies[0])
        ? (companies[0] as string)
        : null;
    return {
      rank,
      number: topic.number,
      title: topic.title,
      votes: topic.voteCount,
      kind: topic.kind,
      team,
      cap,
      notPicked: topic.kind === 'hacking' && team.length === 0,
      singleCompany,
      belowMinimum: topic.kind === 'hacking' && team.length > 0 && team.length < input.teamSize.min,
    };
  });
  const attending = new Set(attendees.map((a) => a.userId));
  const hacking = new Set(topics.filter((t) => t.kind === 'hacking').map((t) => t.number));
  /** Marked at least one hacking topic (interest in a discussion alone puts nobody on a team). */
  const interested = (userId: string) => [...(input.interests.get(userId) ?? [])].some((n) => hacking.has(n));
  return {
    ranking,
    unplaced: attendees.map((a) => a.userId).filter((userId) => interested(userId) && !placed.has(userId)),
    withoutInterest: attendees.map((a) => a.userId).filter((userId) => !interested(userId)),
    notAttending: [...input.interests.keys()]
      .filter((userId) => !attending.has(userId) && interested(userId))
      .sort(),
  };
}

/** At most this many characters of company name. */
const COMPANY_MAX = 60;
/** `github:<login>` anywhere in a line. */
const GITHUB_TOKEN = /(?:^|\s)github:(\S*)/i;

/**
 * Reads the attendee list as organizers write it: one line per person, a Slack user first, then optionally
 * their company and their GitHub login ("@Alice SAP github:alice"). Each line needs exactly one person; a person
 * listed twice keeps the last line given. Problems are reported per line, all at once.
 */
export function parseAttendees(lines: ReadonlyArray<{ users: string[]; text: string }>): {
  attendees: Attendee[];
  problems: AttendeeLineProblem[];
} {
  const byUser = new Map<string, Attendee>();
  const problems: AttendeeLineProblem[] = [];
  lines.forEach((line, index) => {
    const text = line.text.replace(/\s+/g, ' ').trim();
    if (line.users.length === 0 && text === '') return;
    if (line.users.length !== 1) {
      problems.push({
        line: index + 1,
        text: text.slice(0, 40),
        wrong: line.users.length === 0 ? 'nobody' : 'several',
      });
      return;
    }
    const userId = line.users[0] as string;
    const github = GITHUB_TOKEN.exec(text);
    const login = github?.[1] ?? '';
    if (github && !isGitHubLogin(login)) {
      problems.push({ line: index + 1, text: login.slice(0, 40), wrong: 'github-login' });
      return;
    }
    const company = (github ? text.replace(GITHUB_TOKEN, ' ') : text).replace(/\s+/g, ' ').trim();
    byUser.set(userId, {
      userId,
      company: company ? company.slice(0, COMPANY_MAX) : null,
      ...(github ? { githubLogin: login } : {}),
    });
  });
  return { attendees: [...byUser.values()], problems };
}
