/**
 * The rule behind remembered hackathons (functions/app/votes.ts, `RecentHackathons`): a vote decided on a copy
 * of the hackathon is written with a guard on the copy's `updatedAt` and `status`, so every hackathon write that
 * changes what a vote depends on must also move `updatedAt` or `status`, or a warm container goes on counting
 * votes by settings that no longer hold.
 *
 * `HACKATHON_WRITES` names every write of `HackathonStore` (a new method does not compile until it is added),
 * and `versionRuleBreaches` runs them all against any store: the in-memory fake here, DynamoDB Local in an
 * integration test.
 */
import { isDeepStrictEqual } from 'node:util';
import type { HackathonStore } from '../../../functions/app/ports/stores.js';
import type { Hackathon } from '../../../functions/domain/hackathon.js';
import { aHackathon } from '../builders.js';

/** What a vote is decided on: the emoji, the budget, the voting window and the status. */
export const VOTE_FIELDS = [
  'voteEmoji',
  'workEmoji',
  'votesPerPerson',
  'votingClosesAt',
  'status',
] as const satisfies ReadonlyArray<keyof Hackathon>;

/** What a guarded vote checks: a write that changes a vote field must change one of these. */
export const VERSION_FIELDS = ['updatedAt', 'status'] as const satisfies ReadonlyArray<keyof Hackathon>;

/** When the writes happen, and the settings they write (each vote field different from `aHackathon`'s). */
export const WRITTEN_AT = '2026-04-02T10:00:00.000Z';
const CHANGED_SETTINGS = {
  voteEmoji: '+1',
  workEmoji: 'hand',
  votesPerPerson: 2,
  votingClosesAt: '2026-04-20T18:00:00.000Z',
} as const;

export interface HackathonWrite {
  /** What must be there before the write (not compared). */
  arrange?: (store: HackathonStore, hackathon: Hackathon) => Promise<unknown>;
  act: (store: HackathonStore, hackathon: Hackathon) => Promise<unknown>;
}

type Reads = 'get' | 'findActiveByChannel' | 'listByTeam';

const job = (hackathon: Hackathon) => ({
  hackathonId: hackathon.id,
  requestedBy: 'U0ORGANIZER',
  channelId: hackathon.channelId,
  requestedAt: WRITTEN_AT,
});
const message = (hackathon: Hackathon) => ({ channelId: hackathon.channelId, ts: '1714000000.000100' });
const agendaPost = (hackathon: Hackathon) => ({
  ...message(hackathon),
  current: -1,
  agenda: {
    kind: 'mid-week' as const,
    startsAt: WRITTEN_AT,
    minutes: 60,
    slots: [],
    groups: null,
    overrunSeconds: 0,
  },
});

/**
 * Every write of the hackathon store, each changing as much as it can. `create` is null: it makes a new
 * hackathon, of which nobody can have remembered a copy.
 */
const HACKATHON_WRITES: { [Method in Exclude<keyof HackathonStore, Reads>]: HackathonWrite | null } = {
  create: null,
  updateSettings: {
    act: (store, h) => store.updateSettings(h.id, { ...h, ...CHANGED_SETTINGS }, h.updatedAt, WRITTEN_AT),
  },
  setChannelVisibility: { act: (store, h) => store.setChannelVisibility(h.id, 'public') },
  closeVoting: { act: (store, h) => store.closeVoting(h.id, WRITTEN_AT) },
  setAttendees: {
    act: (store, h) => store.setAttendees(h.id, [{ userId: 'U0ANNA', company: 'SAP' }]),
  },
  addJob: { act: (store, h) => store.addJob({ ...job(h), kind: 'export' }) },
  publishTeams: {
    act: (store, h) =>
      store.publishTeams({ ...job(h), kind: 'publish-teams', version: 1, topics: [1], changes: [] }, 0),
  },
  setBoard: { act: (store, h) => store.setBoard(h.id, { ...message(h), replies: [] }, null) },
  end: { act: (store, h) => store.end({ ...job(h), kind: 'wrap-up' }) },
  setWrapUpMessage: { act: (store, h) => store.setWrapUpMessage(h.id, message(h)) },
  addWrapUpReply: {
    arrange: (store, h) => store.setWrapUpMessage(h.id, message(h)),
    act: (store, h) => store.addWrapUpReply(h.id, 1, '1714000000.000200'),
  },
  setWrapUpFiles: {
    arrange: (store, h) => store.setWrapUpMessage(h.id, message(h)),
    act: (store, h) => store.setWrapUpFiles(h.id),
  },
  setScheduleSlots: { act: (store, h) => store.setScheduleSlots(h.id, ['summary-0900', 'voting-close']) },
  recordWebsitePull: {
    act: (store, h) =>
      store.recordWebsitePull(
        h.id,
        {
          repo: 'gardener/documentation',
          number: 1001,
          url: 'https://github.com/gardener/documentation/pull/1001',
          headOwner: 'gardener',
          branch: 'htg/hackathon-2026-04',
          state: 'open',
          round: 0,
          sent: 'fingerprint',
          earlier: [],
        },
        { failure: 'unavailable', message: 'GitHub answered 503', at: WRITTEN_AT },
      ),
  },
  setRankingMessage: { act: (store, h) => store.setRankingMessage(h.id, message(h)) },
  setAnnouncement: { act: (store, h) => store.setAnnouncement(h.id, message(h)) },
  setAgenda: { act: (store, h) => store.setAgenda(h.id, 'mid-week', agendaPost(h)) },
  setVotingDiscussion: {
    act: (store, h) =>
      store.setVotingDiscussion(h.id, {
        repo: 'o/r',
        id: 'D_1',
        number: 1,
        url: 'https://github.com/o/r/discussions/1',
      }),
  },
  advanceAgenda: {
    arrange: (store, h) => store.setAgenda(h.id, 'mid-week', agendaPost(h)),
    act: (store, h) => store.advanceAgenda(h.id, 'mid-week', -1),
  },
  setWaitingForChannel: {
    act: (store, h) => store.setWaitingForChannel(h.id, { since: WRITTEN_AT, reason: 'not-in-channel' }),
  },
};

/** The writes, by name, for `it.each`. */
export const hackathonWrites = (): Array<[string, HackathonWrite]> =>
  Object.entries(HACKATHON_WRITES).flatMap(([name, write]) =>
    write ? [[name, write] as [string, HackathonWrite]] : [],
  );

export interface WriteEffect {
  write: string;
  /** The vote fields the write changed. */
  changed: string[];
  /** Whether it moved `updatedAt` or `status`. */
  moved: boolean;
}

/** What each write does to the vote fields of a fresh hackathon (each in its own channel), read back from `store`. */
export async function voteFieldEffects(store: HackathonStore): Promise<WriteEffect[]> {
  const effects: WriteEffect[] = [];
  for (const [write, { arrange, act }] of hackathonWrites()) {
    const hackathon = aHackathon();
    await store.create(hackathon);
    await arrange?.(store, hackathon);
    const before = (await store.get(hackathon.id)) as Hackathon;
    await act(store, hackathon);
    const after = (await store.get(hackathon.id)) as Hackathon;
    effects.push({
      write,
      changed: VOTE_FIELDS.filter((field) => !isDeepStrictEqual(before[field], after[field])),
      moved: VERSION_FIELDS.some((field) => before[field] !== after[field]),
    });
  }
  return effects;
}

/** The writes that break the rule: they change a vote field and leave both version fields as they were. */
export const versionRuleBreaches = async (store: HackathonStore): Promise<WriteEffect[]> =>
  (await voteFieldEffects(store)).filter((effect) => effect.changed.length > 0 && !effect.moved);

/**
 * The top-level attributes a DynamoDB update expression writes (SET, REMOVE, ADD, DELETE), with `#name`
 * placeholders resolved: `SET #f0 = :f0, wrapUp.replies.#n = :ts REMOVE board` → votesPerPerson, wrapUp, board.
 */
export function attributesWritten(expression: string, names: Record<string, string> = {}): string[] {
  const written: string[] = [];
  const parts = expression.split(/\b(SET|REMOVE|ADD|DELETE)\b/);
  for (let i = 1; i < parts.length; i += 2) {
    for (const action of splitTopLevel(parts[i + 1] ?? '')) {
      const path = action.trim().split(/\s*=|\s+/)[0] ?? '';
      const top = path.split(/[.[]/)[0] ?? '';
      if (top) written.push(names[top] ?? top);
    }
  }
  return written;
}

/** Splits on commas outside parentheses (`if_not_exists(a, :b)` is one operand). */
function splitTopLevel(text: string): string[] {
  const pieces: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '(') depth++;
    else if (text[i] === ')') depth--;
    else if (text[i] === ',' && depth === 0) {
      pieces.push(text.slice(start, i));
      start = i + 1;
    }
  }
  pieces.push(text.slice(start));
  return pieces.filter((piece) => piece.trim());
}
