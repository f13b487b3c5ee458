import type { WebClient } from '@slack/web-api';
import type { BoardPublisher } from '../../app/board.js';
import { finalBoard, renderBoard } from '../../slack/views/board.js';
import { postPages } from './pages.js';

/**
 * The living board in Slack: posted once and pinned (a pin that fails, e.g. without the pins:write scope, does
 * not stop the board), then updated in place. A board too long for one message continues in thread replies,
 * which are added, updated and deleted as it grows and shrinks.
 */
export function createBoardPublisher(client: WebClient): BoardPublisher {
  return {
    async publish(hackathon, topics, existing, now) {
      // After the wrap-up, the board shows the results.
      const { text, pages } = (hackathon.status === 'ended' ? finalBoard : renderBoard)(
        hackathon,
        topics,
        now,
      );
      if (!existing) {
        const ref = await postPages(client, hackathon.channelId, text, pages);
        await client.pins.add({ channel: ref.channelId, timestamp: ref.ts }).catch(() => undefined);
        return ref;
      }
      const [main = [], ...rest] = pages;
      await client.chat.update({ channel: existing.channelId, ts: existing.ts, text, blocks: main });
      const replies: string[] = [];
      for (const [i, blocks] of rest.entries()) {
        const reply = existing.replies[i];
        if (reply) {
          await client.chat.update({ channel: existing.channelId, ts: reply, text, blocks });
          replies.push(reply);
        } else {
          const posted = await client.chat.postMessage({
            channel: existing.channelId,
            thread_ts: existing.ts,
            text,
            blocks,
            unfurl_links: false,
          });
          if (!posted.ts) throw new Error('chat.postMessage returned no ts');
          replies.push(posted.ts);
        }
      }
      for (const surplus of existing.replies.slice(rest.length)) {
        await client.chat.delete({ channel: existing.channelId, ts: surplus }).catch(() => undefined);
      }
      return { channelId: existing.channelId, ts: existing.ts, replies };
    },

    async remove(ref) {
      for (const ts of [...ref.replies, ref.ts]) {
        await client.chat.delete({ channel: ref.channelId, ts }).catch(() => undefined);
      }
    },
  };
}
