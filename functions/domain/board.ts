import { rankTopics } from './assignment.js';
import type { Topic } from './topic.js';

/** The living board's groups, like the board the community wrote by hand: each most votes first, ties by number. */
export interface BoardGroups {
  /** Discussion topics (probably no hacking). */
  discussion: Topic[];
  /** Hacking topics with a team, not on the fast track. */
  teams: Topic[];
  /** Hacking topics on the fast track, team or not. */
  fastTrack: Topic[];
  /** Every other hacking topic: no team (yet), including those not picked. */
  more: Topic[];
}

/**
 * Sorts topics into the board's groups; withdrawn topics are left out. `byNumber` (while counts are hidden) orders
 * each group by number, since the order by votes would give the ranking away.
 */
export function groupBoard(topics: readonly Topic[], options: { byNumber?: boolean } = {}): BoardGroups {
  const groups: BoardGroups = { discussion: [], teams: [], fastTrack: [], more: [] };
  const ordered = options.byNumber
    ? topics.filter((topic) => topic.status !== 'withdrawn').sort((a, b) => a.number - b.number)
    : rankTopics(topics).map(({ topic }) => topic);
  for (const topic of ordered) {
    if (topic.kind === 'discussion') groups.discussion.push(topic);
    else if (topic.fastTrack) groups.fastTrack.push(topic);
    else if ((topic.members ?? []).length > 0) groups.teams.push(topic);
    else groups.more.push(topic);
  }
  return groups;
}

/** What the last summary saw of each topic (keyed by topic number), to tell what changed since. */
export type BoardSnapshot = Record<
  string,
  { status: string; members: string[]; links: string[]; votes: number; checkInAt: string | null }
>;

/** The board as it is now, withdrawn topics included (with status 'withdrawn'). */
export function boardSnapshot(topics: readonly Topic[]): BoardSnapshot {
  const snapshot: BoardSnapshot = {};
  for (const topic of topics) {
    snapshot[String(topic.number)] = {
      status: topic.status,
      members: [...(topic.members ?? [])],
      links: [...topic.links],
      votes: topic.voteCount,
      checkInAt: topic.checkIn?.at ?? null,
    };
  }
  return snapshot;
}

type BoardChangeKind = 'new' | 'status' | 'joined' | 'left' | 'link' | 'check-in' | 'withdrawn';

/**
 * One thing that changed on a topic. `detail` depends on the kind:
 * - new: [status]
 * - status: [previous status, new status]
 * - joined / left: the user ids
 * - link: the new links
 * - check-in: [who answered]
 * - withdrawn: [previous status]
 */
export interface BoardChange {
  number: number;
  title: string;
  kind: BoardChangeKind;
  detail: string[];
}

const KIND_ORDER: readonly BoardChangeKind[] = [
  'new',
  'status',
  'joined',
  'left',
  'link',
  'check-in',
  'withdrawn',
];

/**
 * What changed since `previous` (null: nothing to compare with, so no changes). A topic missing from `previous`
 * is 'new' (one that appeared and was withdrawn in between is not reported); a withdrawn topic reports only
 * that. Votes are not changes. Ordered by topic number, then kind.
 */
export function changesSince(previous: BoardSnapshot | null, topics: readonly Topic[]): BoardChange[] {
  if (previous === null) return [];
  const changes: BoardChange[] = [];
  for (const topic of topics) {
    const before = previous[String(topic.number)];
    const add = (kind: BoardChangeKind, detail: string[]) =>
      changes.push({ number: topic.number, title: topic.title, kind, detail });
    if (!before) {
      if (topic.status !== 'withdrawn') add('new', [topic.status]);
      continue;
    }
    if (topic.status === 'withdrawn') {
      if (before.status !== 'withdrawn') add('withdrawn', [before.status]);
      continue;
    }
    if (before.status !== topic.status) add('status', [before.status, topic.status]);
    const members = topic.members ?? [];
    const joined = members.filter((id) => !before.members.includes(id));
    const left = before.members.filter((id) => !members.includes(id));
    const links = topic.links.filter((url) => !before.links.includes(url));
    if (joined.length > 0) add('joined', joined);
    if (left.length > 0) add('left', left);
    if (links.length > 0) add('link', links);
    if (topic.checkIn && topic.checkIn.at !== before.checkInAt) add('check-in', [topic.checkIn.by]);
  }
  return changes.sort(
    (a, b) => a.number - b.number || KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind),
  );
}
