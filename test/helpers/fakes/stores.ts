/**
 * In-memory stores for use-case tests: the guarantees the DynamoDB adapters give in their doc comments and
 * conditions (keep the first, counters equal to records, "returns the one kept", optimistic checks, idempotent
 * re-records), without their storage layout. Each method does its check and write with no await in between,
 * as a DynamoDB condition or transaction does, and everything read is a copy, so a use-case cannot change what
 * is stored by changing what it was given.
 *
 * Methods no test needs yet throw `not implemented in the fake: <name>`; implement them from the adapter's
 * conditions when a test needs them.
 */
import type { Job } from '../../../functions/app/ports/jobs.js';
import type { ScheduledRunStore } from '../../../functions/app/ports/scheduling.js';
import type {
  HackathonGuard,
  HackathonStore,
  TeamStore,
  TopicStore,
  VoteChange,
  VoteStore,
} from '../../../functions/app/ports/stores.js';
import { ConflictError, NotFoundError } from '../../../functions/domain/errors.js';
import { roundKey } from '../../../functions/domain/follow-up.js';
import type { Hackathon } from '../../../functions/domain/hackathon.js';
import {
  type CardRef,
  proposedTopic,
  type Topic,
  type TopicStatus,
} from '../../../functions/domain/topic.js';
import type { Vote, VoteKind, VoteSource } from '../../../functions/domain/vote.js';

/** A method the fake leaves out: calling it fails loudly, naming it. */
export const notImplemented =
  (name: string) =>
  async (..._args: unknown[]): Promise<never> => {
    throw new Error(`not implemented in the fake: ${name}`);
  };

/**
 * A write DynamoDB would refuse with a bare condition failure, which the adapter lets through (not mapped to a
 * domain error): a bug in the caller, so the fake fails too.
 */
class ConditionFailed extends Error {
  constructor(what: string) {
    super(`condition failed: ${what}`);
    this.name = 'ConditionFailed';
  }
}

/** A vote record as the vote store keeps it: active or removed, with the time of the last change applied. */
interface VoteRecord extends Vote {
  state: 'active' | 'removed';
  at: number;
}

/** One entry of a topic's status history. */
interface StatusChange {
  number: number;
  from: TopicStatus;
  to: TopicStatus;
  note: string | null;
  by: string;
  at: string;
}

export interface InMemoryStores {
  hackathons: HackathonStore;
  topics: TopicStore;
  votes: VoteStore;
  teams: TeamStore;
  runs: ScheduledRunStore;
  /** What is stored, for assertions (copies). */
  stored: StoredView;
}

interface StoredView {
  /** The hackathon's jobs, in the order the table keeps them (requested time, then kind). */
  jobs(hackathonId: string): Job[];
  /** Every vote record of the hackathon, removed ones included (tombstones). */
  voteRecords(hackathonId: string): VoteRecord[];
  /** How many votes (not interests) the person has counted against their budget. */
  tally(hackathonId: string, userId: string): number;
  /** How many teams the person is on. */
  personTeams(hackathonId: string, userId: string): number;
  statusChanges(hackathonId: string): StatusChange[];
  /** The notices given (each once), as `<userId> <notice>`. */
  notices(hackathonId: string): string[];
}

const copy = <T>(value: T): T => structuredClone(value);
/** The document client drops undefined attributes (`removeUndefinedValues`): they keep what was stored. */
const defined = <T extends object>(value: T): Partial<T> =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
const pad = (number: number) => String(number).padStart(5, '0');
const byKey = <T>(entries: Iterable<[string, T]>): T[] =>
  [...entries].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, value]) => value);

/** What tells a job apart from others recorded at the same time, as the hackathon store's job key does. */
const jobKey = (job: Job, round?: number) =>
  `${job.hackathonId}#${job.requestedAt}#${
    job.kind === 'refresh-cards'
      ? `${job.kind}#${job.id}`
      : job.kind === 'scheduled-post'
        ? `${job.kind}#${job.execution}`
        : job.kind
  }${round ? `#${round}` : ''}`;

export function inMemoryStores(): InMemoryStores {
  const hackathons = new Map<string, Hackathon>();
  /** Channel → its hackathon; `ended` lets the channel start the next one. */
  const activeByChannel = new Map<string, { hackathonId: string; ended: boolean }>();
  const topicCounters = new Map<string, number>();
  const jobs = new Map<string, Job>();
  const topics = new Map<string, Topic>();
  const cardPointers = new Map<string, { hackathonId: string; number: number }>();
  const carriedMarkers = new Set<string>();
  const statusChanges = new Map<string, StatusChange & { hackathonId: string }>();
  const votes = new Map<string, VoteRecord>();
  const tallies = new Map<string, number>();
  const notices = new Set<string>();
  const members = new Set<string>();
  const personTeams = new Map<string, number>();
  const postedParts = new Map<string, Record<string, string>>();

  const topicKey = (hackathonId: string, number: number) => `${hackathonId}#${pad(number)}`;
  const voteKey = (c: { hackathonId: string; number: number; kind: VoteKind; userId: string }) =>
    `${c.hackathonId}#${pad(c.number)}#${c.kind}#${c.userId}`;
  const personKey = (hackathonId: string, userId: string) => `${hackathonId}#${userId}`;
  const cardKey = (card: CardRef) => `${card.channelId}#${card.ts}`;

  const readHackathon = (id: string) => {
    const hackathon = hackathons.get(id);
    return hackathon ? copy(hackathon) : null;
  };
  /** Changes a stored hackathon in place (the caller has checked it exists). */
  const change = (id: string, fields: Partial<Hackathon>) => {
    const hackathon = hackathons.get(id) as Hackathon;
    hackathons.set(id, { ...hackathon, ...copy(fields) });
  };
  /** Remembers a message once (attribute absent or null); returns the one kept. */
  const rememberOnce = (id: string, attribute: 'rankingMessage' | 'announcement', ref: CardRef): CardRef => {
    const hackathon = hackathons.get(id);
    if (hackathon && !hackathon[attribute]) {
      change(id, { [attribute]: ref });
      return ref;
    }
    return copy(hackathon?.[attribute] ?? ref);
  };

  const hackathonStore: HackathonStore = {
    async create(hackathon) {
      const pointer = activeByChannel.get(hackathon.channelId);
      if (pointer && !pointer.ended) throw new ConflictError({ code: 'channel-taken' });
      if (hackathons.has(hackathon.id)) throw new ConditionFailed(`hackathon ${hackathon.id} exists`);
      activeByChannel.set(hackathon.channelId, { hackathonId: hackathon.id, ended: false });
      hackathons.set(hackathon.id, copy(defined(hackathon) as Hackathon));
      topicCounters.set(hackathon.id, 0);
    },

    get: async (id) => readHackathon(id),

    async findActiveByChannel(channelId) {
      const pointer = activeByChannel.get(channelId);
      return pointer ? readHackathon(pointer.hackathonId) : null;
    },

    async updateSettings(id, settings, expectedUpdatedAt, now) {
      if (hackathons.get(id)?.updatedAt !== expectedUpdatedAt)
        throw new ConflictError({ code: 'settings-changed-meanwhile' });
      change(id, { ...defined(settings), updatedAt: now });
      return readHackathon(id) as Hackathon;
    },

    async listByTeam(teamId) {
      return byKey(
        [...hackathons.values()]
          .filter((hackathon) => hackathon.teamId === teamId)
          .map(
            (hackathon) => [`${hackathon.createdAt}#${hackathon.id}`, copy(hackathon)] as [string, Hackathon],
          ),
      ).reverse();
    },

    async setChannelVisibility(id, visibility) {
      if (hackathons.has(id)) change(id, { channelVisibility: visibility });
    },

    async closeVoting(id, now) {
      const hackathon = hackathons.get(id);
      if (!hackathon) throw new NotFoundError({ code: 'hackathon-gone' });
      // Only an open or later close moves: voting that closed already stays closed when it did.
      if (hackathon.votingClosesAt === null || hackathon.votingClosesAt > now)
        change(id, { votingClosesAt: now, updatedAt: now });
      return readHackathon(id) as Hackathon;
    },

    async setAttendees(id, attendees) {
      if (!hackathons.has(id)) throw new NotFoundError({ code: 'hackathon-gone' });
      change(id, { attendees });
    },

    async addJob(job) {
      // Recorded once: a retried continuation finds its round recorded and leaves it.
      const key = jobKey(job, job.round);
      if (!jobs.has(key)) jobs.set(key, copy(job));
    },

    async publishTeams(job, expectedVersion) {
      const hackathon = hackathons.get(job.hackathonId);
      const versionHolds =
        hackathon !== undefined &&
        (expectedVersion === 0
          ? hackathon.teamsVersion === undefined
          : hackathon.teamsVersion === expectedVersion);
      if (!versionHolds || jobs.has(jobKey(job)))
        throw new ConflictError({ code: 'teams-published-meanwhile' });
      change(job.hackathonId, { teamsVersion: job.version });
      jobs.set(jobKey(job), copy(job));
    },

    async setBoard(id, ref, expectedTs) {
      const hackathon = hackathons.get(id);
      const holds =
        hackathon !== undefined &&
        (expectedTs === null ? !hackathon.board : hackathon.board?.ts === expectedTs);
      if (holds) {
        change(id, { board: ref });
        return copy(ref);
      }
      return copy(hackathon?.board ?? ref);
    },

    async end(job) {
      const hackathon = hackathons.get(job.hackathonId);
      if (hackathon?.status !== 'active' || jobs.has(jobKey(job))) return 'already-ended';
      change(hackathon.id, { status: 'ended', endedAt: job.requestedAt });
      jobs.set(jobKey(job), copy(job));
      const pointer = activeByChannel.get(hackathon.channelId);
      if (pointer?.hackathonId === hackathon.id) pointer.ended = true;
      return 'ended';
    },

    async setWrapUpMessage(id, ref) {
      const hackathon = hackathons.get(id);
      if (hackathon && !hackathon.wrapUp) {
        change(id, { wrapUp: { ...ref, replies: {}, files: false } });
        return copy(ref);
      }
      const kept = hackathon?.wrapUp;
      return kept ? { channelId: kept.channelId, ts: kept.ts } : copy(ref);
    },

    async addWrapUpReply(id, number, ts) {
      const wrapUp = hackathons.get(id)?.wrapUp;
      if (!wrapUp) throw new ConditionFailed(`addWrapUpReply: ${id} has no wrap-up message`);
      change(id, { wrapUp: { ...wrapUp, replies: { ...wrapUp.replies, [String(number)]: ts } } });
    },

    async setWrapUpFiles(id) {
      const wrapUp = hackathons.get(id)?.wrapUp;
      if (!wrapUp) throw new ConditionFailed(`setWrapUpFiles: ${id} has no wrap-up message`);
      change(id, { wrapUp: { ...wrapUp, files: true } });
    },

    async recordWebsitePull(id, pull, problem) {
      if (!hackathons.has(id)) throw new ConditionFailed(`recordWebsitePull: no hackathon ${id}`);
      change(id, { websitePull: pull, websiteProblem: problem });
    },

    async setScheduleSlots(id, slots) {
      if (!hackathons.has(id)) throw new ConditionFailed(`setScheduleSlots: no hackathon ${id}`);
      change(id, { scheduleSlots: slots });
    },

    setRankingMessage: async (id, ref) => rememberOnce(id, 'rankingMessage', ref),

    setAnnouncement: async (id, ref) => rememberOnce(id, 'announcement', ref),
    async setVotingDiscussion(id, discussion) {
      if (hackathons.has(id)) change(id, { votingDiscussion: discussion });
    },
    async setAgenda(id, kind, post) {
      const hackathon = hackathons.get(id);
      if (!hackathon) return null;
      const before = hackathon.agendas?.[kind] ?? null;
      change(id, { agendas: { ...(hackathon.agendas ?? {}), [kind]: post } });
      return copy(before);
    },
    async advanceAgenda(id, kind, from) {
      const post = hackathons.get(id)?.agendas?.[kind];
      if (!post || post.current !== from) return null;
      const moved = { ...post, current: from + 1 };
      change(id, { agendas: { ...(hackathons.get(id)?.agendas ?? {}), [kind]: moved } });
      return copy(moved);
    },

    async setWaitingForChannel(id, waiting) {
      const hackathon = hackathons.get(id);
      if (!hackathon) return;
      if (waiting === null) {
        const { waitingForChannel: _, ...rest } = hackathon;
        hackathons.set(id, rest);
      } else if (!hackathon.waitingForChannel) {
        // Waiting since the first refusal: a later one keeps it.
        change(id, { waitingForChannel: waiting });
      }
    },
  };

  /** A topic as the adapter reads it back: team and interested people always present, sorted. */
  const readTopic = (key: string): Topic | null => {
    const topic = topics.get(key);
    if (!topic) return null;
    return {
      ...copy(topic),
      interestedUsers: [...(topic.interestedUsers ?? [])].sort(),
      members: [...(topic.members ?? [])].sort(),
    };
  };
  const reserveNumbers = (hackathonId: string, count: number) => {
    if (!hackathons.has(hackathonId)) throw new NotFoundError({ code: 'hackathon-gone' });
    const last = (topicCounters.get(hackathonId) ?? 0) + count;
    topicCounters.set(hackathonId, last);
    return last - count + 1;
  };
  /** Changes a stored topic in place (the caller has checked it exists). */
  const changeTopic = (topic: Pick<Topic, 'hackathonId' | 'number'>, fields: Partial<Topic>) => {
    const key = topicKey(topic.hackathonId, topic.number);
    topics.set(key, { ...(topics.get(key) as Topic), ...copy(fields) });
  };
  const storedTopic = (topic: Pick<Topic, 'hackathonId' | 'number'>) =>
    topics.get(topicKey(topic.hackathonId, topic.number));

  const topicStore: TopicStore = {
    async create(hackathonId, draft, proposerId, now) {
      const topic = proposedTopic(hackathonId, reserveNumbers(hackathonId, 1), copy(draft), proposerId, now);
      topics.set(topicKey(hackathonId, topic.number), copy(topic));
      return topic;
    },

    async createMany(hackathonId, drafts, proposerId, now) {
      if (drafts.length === 0) return [];
      if (drafts.length > 100)
        throw new ConflictError({ code: 'batch-too-big', max: 100, carryingOver: false });
      // The numbers are taken before the transaction, as in DynamoDB: a refused batch leaves a gap.
      const first = reserveNumbers(hackathonId, drafts.length);
      const created = drafts.map((draft, i) =>
        proposedTopic(hackathonId, first + i, copy(draft), draft.proposerId ?? proposerId, now),
      );
      // A topic carried over leaves a marker, so it is carried over once only (the whole batch fails).
      const markers = created.flatMap((topic) =>
        topic.carriedFrom
          ? [`${hackathonId}#${topic.carriedFrom.hackathonId}#${pad(topic.carriedFrom.number)}`]
          : [],
      );
      if (created.length + markers.length > 100)
        throw new ConflictError({ code: 'batch-too-big', max: 50, carryingOver: true });
      if (markers.some((marker) => carriedMarkers.has(marker)))
        throw new ConflictError({ code: 'carried-just-now' });
      for (const topic of created) topics.set(topicKey(hackathonId, topic.number), copy(topic));
      for (const marker of markers) carriedMarkers.add(marker);
      return created;
    },

    get: async (hackathonId, number) => readTopic(topicKey(hackathonId, number)),

    async list(hackathonId) {
      return byKey([...topics].filter(([, topic]) => topic.hackathonId === hackathonId)).map(
        (topic) => readTopic(topicKey(topic.hackathonId, topic.number)) as Topic,
      );
    },

    update: notImplemented('topics.update'),

    async withdraw(topic, userId, now) {
      const current = storedTopic(topic);
      if (!current) throw new NotFoundError({ code: 'topic-gone', number: topic.number });
      if (current.status !== 'withdrawn')
        changeTopic(topic, { status: 'withdrawn', withdrawnAt: now, updatedAt: now, updatedBy: userId });
      return readTopic(topicKey(topic.hackathonId, topic.number)) as Topic;
    },

    async attachCard(topic, card, sent) {
      const current = storedTopic(topic);
      // The first card is kept: a second run's card is a duplicate, and the caller sees the one kept.
      if (!current || current.card) return readTopic(topicKey(topic.hackathonId, topic.number)) ?? topic;
      changeTopic(topic, { card, cardSent: sent ?? null });
      cardPointers.set(cardKey(card), { hackathonId: topic.hackathonId, number: topic.number });
      return { ...topic, card, cardSent: sent ?? null };
    },

    async recordCardSent(topic, sent) {
      if (storedTopic(topic)) changeTopic(topic, { cardSent: sent });
    },

    async findByCard(card) {
      const pointer = cardPointers.get(cardKey(card));
      return pointer ? { ...pointer } : null;
    },

    async setStatus(topic, status, note, userId, now) {
      const current = storedTopic(topic);
      if (!current || current.status === 'withdrawn')
        throw new ConflictError({ code: 'topic-withdrawn', number: topic.number, refused: 'status' });
      changeTopic(topic, { status, statusNote: note, updatedAt: now, updatedBy: userId });
      // Keyed by topic and time, as in the table: the same change written again is one entry.
      statusChanges.set(`${topicKey(topic.hackathonId, topic.number)}#${now}`, {
        hackathonId: topic.hackathonId,
        number: topic.number,
        from: topic.status,
        to: status,
        note,
        by: userId,
        at: now,
      });
      return { ...topic, status, statusNote: note, updatedAt: now, updatedBy: userId };
    },

    async setOutcome(topic, outcome, expectedUpdatedAt) {
      const current = storedTopic(topic);
      const holds =
        current !== undefined &&
        current.status !== 'withdrawn' &&
        (expectedUpdatedAt === null ? !current.outcome : current.outcome?.updatedAt === expectedUpdatedAt);
      if (!holds) throw new ConflictError({ code: 'outcome-saved-meanwhile', number: topic.number });
      changeTopic(topic, { outcome });
      return { ...topic, outcome: copy(outcome) };
    },

    async setCheckIn(topic, checkIn) {
      const current = storedTopic(topic);
      if (!current || current.status === 'withdrawn')
        throw new ConflictError({ code: 'topic-withdrawn', number: topic.number, refused: 'nothing' });
      changeTopic(topic, { checkIn });
      return { ...topic, checkIn: copy(checkIn) };
    },

    async setPresenter(topic, presenter) {
      const current = storedTopic(topic);
      if (!current || current.status === 'withdrawn')
        throw new ConflictError({ code: 'topic-withdrawn', number: topic.number, refused: 'nothing' });
      changeTopic(topic, { presenter });
      return { ...topic, presenter };
    },

    async setReview(topic, review) {
      const current = storedTopic(topic);
      if (!current || current.status === 'withdrawn')
        throw new ConflictError({ code: 'topic-withdrawn', number: topic.number, refused: 'nothing' });
      changeTopic(topic, { review });
      return { ...topic, review: copy(review) };
    },

    async setFollowUp(topic, followUp) {
      const current = storedTopic(topic);
      if (!current || current.status === 'withdrawn')
        throw new ConflictError({ code: 'topic-withdrawn', number: topic.number, refused: 'nothing' });
      const followUps = { ...(current.followUps ?? {}), [roundKey(followUp.round)]: followUp };
      changeTopic(topic, { followUps });
      return { ...topic, followUps: copy(followUps) };
    },

    addLink: notImplemented('topics.addLink'),
  };

  /** The guard's condition: the hackathon is still the version the vote was decided on. */
  const guardHolds = (guard: HackathonGuard | undefined) => {
    if (!guard) return true;
    const hackathon = hackathons.get(guard.hackathonId);
    return hackathon?.updatedAt === guard.updatedAt && hackathon.status === guard.status;
  };
  /** A topic's counters move with its records, in the same step (one transaction in DynamoDB). */
  const count = (change: VoteChange, delta: 1 | -1) => {
    const topic = storedTopic(change) as Topic;
    if (change.kind === 'vote') {
      changeTopic(change, { voteCount: topic.voteCount + delta });
      const tally = personKey(change.hackathonId, change.userId);
      tallies.set(tally, (tallies.get(tally) ?? 0) + delta);
    } else {
      const interested = new Set(topic.interestedUsers ?? []);
      if (delta > 0) interested.add(change.userId);
      else interested.delete(change.userId);
      changeTopic(change, { interestCount: topic.interestCount + delta, interestedUsers: [...interested] });
    }
  };
  const asVote = ({ hackathonId, number, userId, kind, source }: VoteRecord): Vote => ({
    hackathonId,
    number,
    userId,
    kind,
    source,
  });
  const record = (change: VoteChange, state: VoteRecord['state'], source: VoteSource = change.source) => {
    const { hackathonId, number, userId, kind, at } = change;
    votes.set(voteKey(change), { hackathonId, number, userId, kind, source, state, at });
  };

  const voteStore: VoteStore = {
    async add(change, limit, guard) {
      const current = votes.get(voteKey(change));
      const topic = storedTopic(change);
      // Every condition of the transaction is checked; the adapter reads the failures in this order.
      if (!guardHolds(guard)) return 'hackathon-changed';
      if (current && !(current.state === 'removed' && current.at < change.at))
        return current.state === 'active' ? 'unchanged' : 'superseded';
      if (!topic || topic.status === 'withdrawn') return 'topic-closed';
      const tally = tallies.get(personKey(change.hackathonId, change.userId)) ?? 0;
      if (change.kind === 'vote' && limit !== null && tally >= limit) return 'over-budget';
      record(change, 'active');
      count(change, 1);
      return 'counted';
    },

    async remove(change, guard) {
      if (!guardHolds(guard)) return 'hackathon-changed';
      const current = votes.get(voteKey(change));
      if (current?.state === 'active' && current.at < change.at) {
        // The counter update's condition: the topic exists (a removal from a deleted topic fails).
        if (!storedTopic(change)) throw new ConditionFailed(`vote removal on topic #${change.number}, gone`);
        record(change, 'removed', current.source);
        count(change, -1);
        return 'removed';
      }
      if (current?.state === 'removed') return 'unchanged';
      if (current) return 'superseded';
      // Nothing to remove yet: a tombstone, so that the add this removal overtook is ignored when it comes.
      record(change, 'removed');
      return 'unchanged';
    },

    async listByVoter(hackathonId, userId) {
      return byKey(
        [...votes.values()]
          .filter((v) => v.hackathonId === hackathonId && v.userId === userId && v.state === 'active')
          .map((v) => [`${v.kind}#${pad(v.number)}`, asVote(v)] as [string, Vote]),
      );
    },

    async listByTopic(hackathonId, number) {
      return byKey(
        [...votes]
          .filter(([, v]) => v.hackathonId === hackathonId && v.number === number && v.state === 'active')
          .map(([key, v]) => [key, asVote(v)] as [string, Vote]),
      );
    },

    async firstNotice(hackathonId, userId, notice) {
      const key = `${hackathonId}#${userId} ${notice}`;
      if (notices.has(key)) return false;
      notices.add(key);
      return true;
    },
  };

  const teamStore: TeamStore = {
    async join(hackathonId, number, userId, cap, onePerPerson) {
      const member = `${topicKey(hackathonId, number)}#${userId}`;
      const topic = topics.get(topicKey(hackathonId, number));
      const teams = personTeams.get(personKey(hackathonId, userId)) ?? 0;
      if (members.has(member)) return 'already-member';
      if (!topic || topic.status === 'withdrawn' || (topic.members ?? []).length >= cap) return 'team-full';
      if (onePerPerson && teams >= 1) return 'in-another-team';
      members.add(member);
      changeTopic(topic, { members: [...(topic.members ?? []), userId] });
      personTeams.set(personKey(hackathonId, userId), teams + 1);
      return 'joined';
    },

    async leave(hackathonId, number, userId) {
      const member = `${topicKey(hackathonId, number)}#${userId}`;
      if (!members.has(member)) return 'not-member';
      members.delete(member);
      const topic = topics.get(topicKey(hackathonId, number));
      if (topic) changeTopic(topic, { members: (topic.members ?? []).filter((id) => id !== userId) });
      const key = personKey(hackathonId, userId);
      personTeams.set(key, (personTeams.get(key) ?? 0) - 1);
      return 'left';
    },
  };

  const runStore: ScheduledRunStore = {
    claim: notImplemented('runs.claim'),
    release: notImplemented('runs.release'),
    async postedParts(hackathonId, post) {
      return { ...postedParts.get(`${hackathonId}#${post}`) };
    },
    async recordPart(hackathonId, post, part, ts) {
      // An upsert of one attribute: recording a part again keeps the others.
      const key = `${hackathonId}#${post}`;
      postedParts.set(key, { ...postedParts.get(key), [part]: ts });
    },
    lastSummary: notImplemented('runs.lastSummary'),
    saveSummary: notImplemented('runs.saveSummary'),
  };

  const ofHackathon = <T>(entries: Map<string, T>, hackathonId: string): T[] =>
    byKey([...entries].filter(([key]) => key.startsWith(`${hackathonId}#`))).map(copy);

  return {
    hackathons: hackathonStore,
    topics: topicStore,
    votes: voteStore,
    teams: teamStore,
    runs: runStore,
    stored: {
      jobs: (hackathonId) => ofHackathon(jobs, hackathonId),
      voteRecords: (hackathonId) => ofHackathon(votes, hackathonId),
      tally: (hackathonId, userId) => tallies.get(personKey(hackathonId, userId)) ?? 0,
      personTeams: (hackathonId, userId) => personTeams.get(personKey(hackathonId, userId)) ?? 0,
      statusChanges: (hackathonId) =>
        ofHackathon(statusChanges, hackathonId).map(({ hackathonId: _, ...change }) => change),
      notices: (hackathonId) =>
        [...notices]
          .filter((key) => key.startsWith(`${hackathonId}#`))
          .map((key) => key.slice(hackathonId.length + 1)),
    },
  };
}
