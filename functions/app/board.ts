import { type ChannelWaitDeps, isChannelUnavailable, waitForInvitation } from './channel-access.js';
import type { BoardPublisher, BoardRef } from './ports/slack.js';
import type { HackathonStore, TopicStore } from './ports/stores.js';

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
