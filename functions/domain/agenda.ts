import { ValidationError } from './errors.js';
import {
  type Agenda,
  type AgendaSlot,
  MEETING_MINUTES_MAX,
  type MeetingKind,
  type Presenter,
} from './meetings.js';
import type { Problem } from './problems.js';
import type { Topic } from './topic.js';

/**
 * The agendas of a hack week's meetings, as the community runs them: the topic collection (every proposer
 * presents their topics, about an hour), the mid-week update (strictly time-boxed, one slot per team) and the
 * final presentations (one slot per team). Pure: the order, the time boxes and when each slot starts; the
 * Markdown is written in `markdown/agenda.ts`.
 */

/** Nobody presents anything in less than a minute: below this the agenda overruns rather than shrink a slot. */
const FLOOR_SECONDS = 60;
/** An ISO instant with its offset: without one, `Date.parse` reads the machine's local time. */
const INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/**
 * The agenda of a meeting starting at `meeting.startsAt` (ISO instant) and lasting `meeting.minutes`.
 *
 * The topic collection follows the community's `tools/presentation-order.sh` (gardener/hackathon): the proposed
 * topics (withdrawn ones and those past the collection left out) grouped by proposer, by number within a group,
 * groups by topic count (most first), ties broken by the group's lowest number, so each proposer presents all of
 * theirs in a row. The script sorted by GitHub issue number; htg sorts by the topic's own number, which every
 * topic has (not all have an issue) and which follows the order they were proposed in, as issue numbers do. A
 * topic whose issue author is no attendee (`proposedOnGitHubBy`) is grouped under that login, never with a
 * Slack user: its `proposerId` is whoever brought it in. Each topic gets the same box, in whole seconds, the
 * boxes together at most the meeting.
 *
 * The mid-week update and the final presentations give one slot to every team (a topic with members, not
 * withdrawn): hacking topics first and discussion topics at the end (a discussion that runs long then delays
 * no team's turn), each by topic number. The boxes add up to exactly the meeting: its seconds split evenly, the
 * remainder one second each to the first slots. The presenter is the one named in `presenters` (asked on the
 * card), else the proposer when on the team, else the team's first member.
 *
 * Either way no box is shorter than a minute; too many slots for the meeting overrun it (`overrunSeconds`).
 */
export function agendaFor(
  kind: MeetingKind,
  topics: readonly Topic[],
  meeting: { startsAt: string; minutes: number },
  presenters: Readonly<Record<number, string>> = {},
): Agenda {
  const start = INSTANT.test(meeting.startsAt) ? Date.parse(meeting.startsAt) : Number.NaN;
  const errors: Record<string, Problem> = {};
  if (Number.isNaN(start)) errors.startsAt = { code: 'date-time' };
  if (!Number.isInteger(meeting.minutes) || meeting.minutes <= 0 || meeting.minutes > MEETING_MINUTES_MAX)
    errors.minutes = { code: 'meeting-minutes', max: MEETING_MINUTES_MAX };
  if (Object.keys(errors).length > 0) throw new ValidationError(errors);

  const total = meeting.minutes * 60;
  const order = kind === 'topic-collection' ? collectionOrder(topics) : teamOrder(topics, presenters);
  const boxes =
    kind === 'topic-collection' ? equalBoxes(order.length, total) : exactBoxes(order.length, total);
  const used = boxes.reduce((sum, seconds) => sum + seconds, 0);

  let offset = 0;
  const slots = order.map(({ topic, presenter, group }, i): AgendaSlot => {
    const seconds = boxes[i] ?? FLOOR_SECONDS;
    const slot: AgendaSlot = {
      number: topic.number,
      title: topic.title,
      kind: topic.kind,
      issue: topic.issue ?? null,
      presenter,
      startsAt: new Date(start + offset * 1000).toISOString(),
      seconds,
      group,
    };
    offset += seconds;
    return slot;
  });
  return {
    kind,
    startsAt: new Date(start).toISOString(),
    minutes: meeting.minutes,
    slots,
    groups: kind === 'topic-collection' ? groupNumbers(slots) : null,
    overrunSeconds: Math.max(0, used - total),
  };
}

/**
 * The slot after `index` (what an organizer's "Next" button moves to): -1 gives the first; null after the last.
 */
export function nextSlot(agenda: Agenda, index: number): AgendaSlot | null {
  if (!Number.isInteger(index) || index < -1) return null;
  return agenda.slots[index + 1] ?? null;
}

interface Placed {
  topic: Topic;
  presenter: Presenter;
  group: number | null;
}

const byNumber = (a: Topic, b: Topic) => a.number - b.number;

/** The topic collection's order: proposers' groups as presentation-order.sh sorts them. */
function collectionOrder(topics: readonly Topic[]): Placed[] {
  const groups = new Map<string, { presenter: Presenter; topics: Topic[] }>();
  for (const topic of topics) {
    if (topic.status !== 'proposed') continue;
    // Separate key spaces: a GitHub login that happens to read like a Slack user id stays its own group.
    const login = topic.proposedOnGitHubBy;
    const key = login ? `github:${login.toLowerCase()}` : `slack:${topic.proposerId}`;
    const group = groups.get(key) ?? {
      presenter: login ? { githubLogin: login } : { userId: topic.proposerId },
      topics: [],
    };
    group.topics.push(topic);
    groups.set(key, group);
  }
  const sorted = [...groups.values()]
    .map((group) => ({ ...group, topics: [...group.topics].sort(byNumber) }))
    .sort(
      (a, b) => b.topics.length - a.topics.length || (a.topics[0]?.number ?? 0) - (b.topics[0]?.number ?? 0),
    );
  return sorted.flatMap((group, index) =>
    group.topics.map((topic) => ({ topic, presenter: group.presenter, group: index })),
  );
}

/** The topic numbers of each proposer's group, in the order the groups present. */
function groupNumbers(slots: readonly AgendaSlot[]): number[][] {
  const groups: number[][] = [];
  for (const slot of slots) {
    const index = slot.group ?? 0;
    groups[index] = [...(groups[index] ?? []), slot.number];
  }
  return groups;
}

/** The team meetings' order: hacking teams, then discussion teams, each by number, with their presenters. */
function teamOrder(topics: readonly Topic[], presenters: Readonly<Record<number, string>>): Placed[] {
  const teams = topics.filter((topic) => topic.status !== 'withdrawn' && (topic.members ?? []).length > 0);
  const part = (topic: Topic) => (topic.kind === 'discussion' ? 1 : 0);
  return [...teams]
    .sort((a, b) => part(a) - part(b) || byNumber(a, b))
    .map((topic) => ({ topic, presenter: { userId: presenterOf(topic, presenters) }, group: null }));
}

/** Who presents a team: the one asked on the card, else the proposer on the team, else its first member. */
function presenterOf(topic: Topic, presenters: Readonly<Record<number, string>>): string {
  const asked = presenters[topic.number]?.trim();
  return asked || (defaultPresenter(topic) as string);
}

/** Who presents a team when nobody said: the proposer when on the team, else its first member (null: no team). */
export function defaultPresenter(
  topic: Pick<Topic, 'members' | 'proposerId' | 'proposedOnGitHubBy'>,
): string | null {
  const members = topic.members ?? [];
  // A topic brought in from GitHub has no Slack proposer: its proposerId is whoever imported it.
  if (!topic.proposedOnGitHubBy && members.includes(topic.proposerId)) return topic.proposerId;
  return members[0] ?? null;
}

/** The same box for each of `count` slots, whole seconds, together at most `total` (but never below the floor). */
function equalBoxes(count: number, total: number): number[] {
  if (count === 0) return [];
  return Array.from({ length: count }, () => Math.max(FLOOR_SECONDS, Math.floor(total / count)));
}

/**
 * `total` seconds split over `count` slots exactly: whole seconds, the first `total % count` one second longer,
 * so no two differ by more than a second. Below the floor every slot gets the floor instead.
 */
function exactBoxes(count: number, total: number): number[] {
  if (count === 0) return [];
  const base = Math.floor(total / count);
  if (base < FLOOR_SECONDS) return Array.from({ length: count }, () => FLOOR_SECONDS);
  const remainder = total - base * count;
  return Array.from({ length: count }, (_, i) => base + (i < remainder ? 1 : 0));
}
