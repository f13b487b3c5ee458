import type { Hackathon } from '../domain/hackathon.js';
import type { Topic } from '../domain/topic.js';
import type { HackathonStore, TopicStore } from './ports.js';

/** Where the living board is: its message, and the thread replies it continues in. */
export type BoardRef = NonNullable<Hackathon['board']>;

/** Posts, pins and updates the living board (Slack in production, a stand-in in tests). */
export interface BoardPublisher {
  /** Posts the board and pins it, or brings the posted one (and its continuations) up to date. */
  publish(
    hackathon: Hackathon,
    topics: readonly Topic[],
    existing: BoardRef | null,
    now: Date,
  ): Promise<BoardRef>;
  /** Removes a board that lost the race to be the hackathon's board. */
  remove(ref: BoardRef): Promise<void>;
}

export interface BoardDeps {
  hackathons: HackathonStore;
  topics: TopicStore;
  board: BoardPublisher;
}

/**
 * Brings the hackathon's living board up to date with its topics as they are now: posted (and pinned) the
 * first time, updated after. Called by the refresher once per hackathon per batch of topic changes, so a burst
 * of votes updates the board once. Two refreshers posting the first board at once keep one; the other is
 * removed.
 */
export async function syncBoard(deps: BoardDeps, hackathonId: string, now: Date): Promise<void> {
  const hackathon = await deps.hackathons.get(hackathonId);
  if (!hackathon) return;
  const topics = await deps.topics.list(hackathon.id);
  const existing = hackathon.board ?? null;
  const ref = await deps.board.publish(hackathon, topics, existing, now);
  if (existing && existing.ts === ref.ts && existing.replies.join() === ref.replies.join()) return;
  const kept = await deps.hackathons.setBoard(hackathon.id, ref, existing?.ts ?? null);
  if (kept.ts !== ref.ts) await deps.board.remove(ref);
}
