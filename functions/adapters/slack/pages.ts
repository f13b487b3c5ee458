import type { WebClient } from '@slack/web-api';
import type { PostedParts } from '../../app/ports/posted-parts.js';
import type { KnownBlock } from '../../slack/views/blocks.js';

/**
 * Posts a message that may span pages: the first in the channel, the rest as replies in its thread. With
 * `parts`, each page is recorded as it is posted (`page#<i>`) and a page recorded before is not posted again.
 */
export async function postPages(
  client: WebClient,
  channel: string,
  text: string,
  pages: readonly KnownBlock[][],
  parts?: PostedParts,
): Promise<{ channelId: string; ts: string; replies: string[] }> {
  const [main = [], ...rest] = pages;
  const post = async (blocks: KnownBlock[], thread?: string) => {
    const posted = await client.chat.postMessage({
      channel,
      ...(thread ? { thread_ts: thread } : {}),
      text,
      blocks,
      unfurl_links: false,
    });
    if (!posted.ts) throw new Error('chat.postMessage returned no ts');
    return posted;
  };
  let ts = parts?.ts('page#0');
  let channelId = channel;
  if (!ts) {
    const posted = await post(main);
    ts = posted.ts as string;
    channelId = posted.channel ?? channel;
    await parts?.record('page#0', ts);
  }
  const replies: string[] = [];
  for (const [i, blocks] of rest.entries()) {
    const part = `page#${i + 1}`;
    const done = parts?.ts(part);
    if (done) {
      replies.push(done);
      continue;
    }
    const reply = await post(blocks, ts);
    replies.push(reply.ts as string);
    await parts?.record(part, reply.ts as string);
  }
  return { channelId, ts, replies };
}
