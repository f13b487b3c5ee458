import { createHash } from 'node:crypto';
import type { WebClient } from '@slack/web-api';
import type { BoardPublisher, BoardRef } from '../../app/ports/slack.js';
import type { KnownBlock } from '../../slack/views/blocks.js';
import { finalBoard, renderBoard } from '../../slack/views/board.js';
import { inChannel } from './channel-refusals.js';
import { postPages } from './pages.js';

/**
 * The living board in Slack: posted once and pinned (a pin that fails, e.g. without the pins:write scope, does
 * not stop the board), then updated in place. A board too long for one message continues in thread replies,
 * which are added, updated and deleted as it grows and shrinks.
 */
export function createBoardPublisher(client: WebClient): BoardPublisher {
  return {
    async publish(hackathon, topics, existing, now, progress) {
      // After the wrap-up, the board shows the results.
      const { text, pages } = (hackathon.status === 'ended' ? finalBoard : renderBoard)(
        hackathon,
        topics,
        now,
      );
      if (!existing) {
        // Slack's refusal of the channel (the app not invited) is ChannelUnavailableError: the board waits.
        const ref = await inChannel(hackathon.channelId, () =>
          postPages(client, hackathon.channelId, text, pages.slice(0, 1)),
        );
        await client.pins.add({ channel: ref.channelId, timestamp: ref.ts }).catch(() => undefined);
        return { ...ref, sent: [fingerprint(text, pages[0] ?? [])] };
      }
      const [main = [], ...rest] = pages;
      // A message that would show what it shows already is not sent again (chat.update is Tier 3, 50 a minute).
      const sent = [...(existing.sent ?? [])];
      const ref = (replies: string[]): BoardRef => ({
        channelId: existing.channelId,
        ts: existing.ts,
        replies,
        sent: [...sent],
      });
      const mainPrint = fingerprint(text, main);
      if (sent[0] !== mainPrint) {
        await inChannel(existing.channelId, () =>
          client.chat.update({ channel: existing.channelId, ts: existing.ts, text, blocks: main }),
        );
        sent[0] = mainPrint;
      }
      const replies: string[] = [];
      for (const [i, blocks] of rest.entries()) {
        const reply = existing.replies[i];
        const print = fingerprint(text, blocks);
        if (reply) {
          if (sent[i + 1] !== print)
            await client.chat.update({ channel: existing.channelId, ts: reply, text, blocks });
          sent[i + 1] = print;
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
          sent[i + 1] = print;
          await progress?.(ref([...replies, ...existing.replies.slice(replies.length)]));
        }
      }
      for (const surplus of existing.replies.slice(rest.length)) {
        await client.chat.delete({ channel: existing.channelId, ts: surplus }).catch(() => undefined);
      }
      sent.length = 1 + rest.length;
      return ref(replies);
    },

    async remove(ref) {
      for (const ts of [...ref.replies, ref.ts]) {
        await client.chat.delete({ channel: ref.channelId, ts }).catch(() => undefined);
      }
    },
  };
}

/** A short fingerprint of one message's content. */
function fingerprint(text: string, blocks: readonly KnownBlock[]): string {
  return createHash('sha256').update(JSON.stringify({ text, blocks })).digest('base64url').slice(0, 22);
}
