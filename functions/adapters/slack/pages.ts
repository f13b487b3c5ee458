import type { WebClient } from '@slack/web-api';
import type { KnownBlock } from '../../slack/views/blocks.js';

/** Posts a message that may span pages: the first in the channel, the rest as replies in its thread. */
export async function postPages(
  client: WebClient,
  channel: string,
  text: string,
  pages: readonly KnownBlock[][],
): Promise<{ channelId: string; ts: string; replies: string[] }> {
  const [main = [], ...rest] = pages;
  const posted = await client.chat.postMessage({ channel, text, blocks: main, unfurl_links: false });
  if (!posted.ts) throw new Error('chat.postMessage returned no ts');
  const channelId = posted.channel ?? channel;
  const replies: string[] = [];
  for (const blocks of rest) {
    const reply = await client.chat.postMessage({
      channel: channelId,
      thread_ts: posted.ts,
      text,
      blocks,
      unfurl_links: false,
    });
    if (reply.ts) replies.push(reply.ts);
  }
  return { channelId, ts: posted.ts, replies };
}
