import type { Hackathon } from '../domain/hackathon.js';
import type { Topic } from '../domain/topic.js';
import { type ChannelWaitDeps, isChannelUnavailable, waitForInvitation } from './channel-access.js';
import type { HackathonStore, TopicStore } from './ports.js';

/** Where the living board is: its message, and the thread replies it continues in. */
export type BoardRef = NonNullable<Hackathon['board']>;

/** Posts, pins and updates the living board (Slack in production, a stand-in in tests). */
export interface BoardPublisher {
  /**
   * Posts the board's first message and pins it (`existing` null), or brings the posted board and its
   * continuations in the thread up to date, calling `progress` after each reply it adds (so that a board whose
   * posting is cut short, by Slack's pace or the invocation's end, goes on from there and posts nothing twice).
   */
  publish(
    hackathon: Hackathon,
    topics: readonly Topic[],
    existing: BoardRef | null,
    now: Date,
    progress?: (ref: BoardRef) => Promise<void>,
  ): Promise<BoardRef>;
  /** Removes a board that lost the race to be the hackathon's board. */
  remove(ref: BoardRef): Promise<void>;
}

export interface BoardDeps extends ChannelWaitDeps {
  hackathons: HackathonStore;
  topics: TopicStore;
  board: BoardPublisher;
}

/**
 * Brings the hackathon's living board up to date with its topics as they are now: posted (and pinned) the
 * first time, updated after. Called by the refresher once per hackathon per batch of topic changes, so a burst
 * of votes updates the board once. Two refreshers posting the first board at once keep one; the other is
 * removed. When Slack refuses the channel (the app not invited), the board waits for the invitation.
 */
export async function syncBoard(deps: BoardDeps, hackathonId: string, now: Date): Promise<void> {
  const hackathon = await deps.hackathons.get(hackathonId);
  if (!hackathon) return;
  const topics = await deps.topics.list(hackathon.id);
  let existing = hackathon.board ?? null;
  try {
    if (!existing) {
      // The first message, recorded at once: the rest of the board follows as replies in its thread.
      const first = await deps.board.publish(hackathon, topics, null, now);
      const kept = await deps.hackathons.setBoard(hackathon.id, first, null);
      if (kept.ts !== first.ts) {
        await deps.board.remove(first);
        return;
      }
      existing = kept;
    }
    let recorded: BoardRef = existing;
    const record = async (ref: BoardRef) => {
      const same = (a: BoardRef, b: BoardRef) =>
        a.ts === b.ts &&
        a.replies.join() === b.replies.join() &&
        (a.sent ?? []).join() === (b.sent ?? []).join();
      if (same(ref, recorded)) return;
      recorded = await deps.hackathons.setBoard(hackathon.id, ref, recorded.ts);
    };
    await record(await deps.board.publish(hackathon, topics, existing, now, record));
  } catch (error) {
    if (!isChannelUnavailable(error)) throw error;
    await waitForInvitation(deps, hackathon, error);
  }
}
