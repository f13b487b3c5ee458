import type { Hackathon } from '../domain/hackathon.js';
import type { CardRef, Topic } from '../domain/topic.js';
import { reactionKind, type Vote, type VoteKind, type VoteOutcome, votingOpen } from '../domain/vote.js';
import { requireHackathon } from './hackathons.js';
import type { HackathonStore, TopicStore, VoteStore } from './ports/stores.js';

export interface VoteDeps {
  hackathons: HackathonStore;
  topics: TopicStore;
  votes: VoteStore;
  /** Hackathons this warm container read before (reactions only); see rememberHackathons. */
  recentHackathons?: RecentHackathons;
}

/**
 * The hackathons a warm container has read, so that a vote need not read its hackathon again. A remembered copy
 * is only trusted to say yes: a vote written from it carries a guard that makes the write fail if the
 * hackathon changed since (any change of settings, voting window or status moves its updatedAt or status), and
 * then the vote is decided again on a fresh read. Anything it would refuse (not a vote emoji, voting closed) is
 * also decided again on a fresh read. This relies on every hackathon write that changes what a vote depends on
 * (emoji, budget, voting window, status) also setting updatedAt or status; a new writer must keep to that.
 */
export interface RecentHackathons {
  get(id: string): Hackathon | undefined;
  remember(hackathon: Hackathon): void;
  forget(id: string): void;
}

export function rememberHackathons(limit = 100): RecentHackathons {
  const known = new Map<string, Hackathon>();
  return {
    get: (id) => known.get(id),
    remember: (hackathon) => {
      known.delete(hackathon.id);
      if (known.size >= limit) known.delete(known.keys().next().value as string);
      known.set(hackathon.id, hackathon);
    },
    forget: (id) => {
      known.delete(id);
    },
  };
}

export interface ReactionRequest {
  card: CardRef;
  userId: string;
  reaction: string;
  added: boolean;
  /** Slack's event time, in seconds. */
  at: number;
  now: Date;
  /**
   * Whether the person reacting is a bot (bots' reactions are not votes). Started by the caller so that it runs
   * while the card and hackathon are read; awaited only once the reaction is known to be a vote or interest.
   */
  byBot?: Promise<boolean>;
}

export type ReactionResult =
  | { kind: 'ignored' }
  | { kind: 'applied'; outcome: VoteOutcome; number: number }
  | { kind: 'voting-closed'; hackathon: Hackathon; number: number; tell: boolean }
  | { kind: 'over-budget'; hackathon: Hackathon; number: number; holding: Topic[]; tell: boolean };

/** The notice a person gets once when they react after voting closed. */
export const VOTING_CLOSED_NOTICE = 'voting-closed';

/**
 * A reaction on a topic card: the vote emoji adds or removes a vote, the work emoji interest. Anything else
 * (another emoji, a message that is not a card) is ignored. Outside the voting window nothing counts and the
 * person is told once; beyond the vote budget the vote is not counted and the person learns where theirs are.
 */
export async function applyReaction(deps: VoteDeps, request: ReactionRequest): Promise<ReactionResult> {
  const target = await deps.topics.findByCard(request.card);
  if (!target) return { kind: 'ignored' };
  const remembered = deps.recentHackathons?.get(target.hackathonId);
  if (remembered) {
    const result = await decideReaction(deps, request, target, remembered, true);
    if (result !== 'decide-again') return result;
    deps.recentHackathons?.forget(target.hackathonId);
  }
  const hackathon = await deps.hackathons.get(target.hackathonId);
  if (!hackathon) return { kind: 'ignored' };
  deps.recentHackathons?.remember(hackathon);
  const result = await decideReaction(deps, request, target, hackathon, false);
  if (result === 'decide-again') throw new Error('A vote decided on a fresh read was refused as stale');
  return result;
}

/**
 * A reaction on a card of `hackathon`. With a remembered copy (`remembered`), anything but a guarded write is
 * 'decide-again', as is a write refused because the hackathon changed.
 */
async function decideReaction(
  deps: VoteDeps,
  request: ReactionRequest,
  target: { number: number },
  hackathon: Hackathon,
  remembered: boolean,
): Promise<ReactionResult | 'decide-again'> {
  const kind = reactionKind(hackathon, request.reaction);
  if (!kind) return remembered ? 'decide-again' : { kind: 'ignored' };
  if (await request.byBot) return { kind: 'ignored' };
  if (!votingOpen(hackathon, request.now)) {
    if (remembered) return 'decide-again';
    const tell =
      request.added && (await deps.votes.firstNotice(hackathon.id, request.userId, VOTING_CLOSED_NOTICE));
    return { kind: 'voting-closed', hackathon, number: target.number, tell };
  }
  const change = {
    hackathonId: hackathon.id,
    number: target.number,
    userId: request.userId,
    kind,
    source: 'reaction' as const,
    at: request.at,
  };
  const guard = remembered
    ? { hackathonId: hackathon.id, updatedAt: hackathon.updatedAt, status: hackathon.status }
    : undefined;
  const outcome = request.added
    ? await deps.votes.add(change, kind === 'vote' ? hackathon.votesPerPerson : null, guard)
    : await deps.votes.remove(change, guard);
  // The budget may have been raised since the remembered copy: a refusal is decided again on a fresh read.
  if (outcome === 'hackathon-changed' || (remembered && outcome === 'over-budget')) return 'decide-again';
  if (outcome === 'over-budget') {
    // Told once per reaction: Slack redelivers an event (same time) it thinks was not answered in time.
    const [holding, tell] = await Promise.all([
      topicsHolding(deps, hackathon, request.userId, 'vote'),
      deps.votes.firstNotice(hackathon.id, request.userId, `over-budget-${target.number}-${request.at}`),
    ]);
    return { kind: 'over-budget', hackathon, number: target.number, holding, tell };
  }
  return { kind: 'applied', outcome, number: target.number };
}

/** Where a person's votes and interests are, with the topics. */
export async function myVotes(
  deps: VoteDeps,
  hackathonId: string,
  userId: string,
): Promise<{ hackathon: Hackathon; votes: Topic[]; interests: Topic[] }> {
  const hackathon = await requireHackathon(deps.hackathons, hackathonId);
  const mine = await deps.votes.listByVoter(hackathon.id, userId);
  const topics = await topicsOf(deps, hackathon, mine);
  const pick = (kind: VoteKind) =>
    mine
      .filter((vote) => vote.kind === kind)
      .flatMap((vote) => topics.get(vote.number) ?? [])
      .sort((a, b) => a.number - b.number);
  return { hackathon, votes: pick('vote'), interests: pick('interest') };
}

async function topicsHolding(
  deps: VoteDeps,
  hackathon: Hackathon,
  userId: string,
  kind: VoteKind,
): Promise<Topic[]> {
  const mine = (await deps.votes.listByVoter(hackathon.id, userId)).filter((vote) => vote.kind === kind);
  const topics = await topicsOf(deps, hackathon, mine);
  return mine.flatMap((vote) => topics.get(vote.number) ?? []).sort((a, b) => a.number - b.number);
}

async function topicsOf(
  deps: VoteDeps,
  hackathon: Hackathon,
  votes: readonly Vote[],
): Promise<Map<number, Topic>> {
  const numbers = [...new Set(votes.map((vote) => vote.number))];
  const topics = await Promise.all(numbers.map((number) => deps.topics.get(hackathon.id, number)));
  return new Map(topics.flatMap((topic) => (topic ? [[topic.number, topic] as const] : [])));
}
