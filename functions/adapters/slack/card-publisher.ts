import { createHash } from 'node:crypto';
import type { WebClient } from '@slack/web-api';
import type { CardPublisher } from '../../app/ports/slack.js';
import { topicCard } from '../../slack/views/topic-card.js';
import { inChannel } from './channel-refusals.js';
import type { SlackPacer } from './pacer.js';
import { BUSY_CARDS_KEEP } from './rate-limits.js';

/** Posts, updates and (duplicates only) deletes topic cards with the Slack Web API, paced by `pacer`. */
export function createCardPublisher(client: WebClient, pacer: SlackPacer): CardPublisher {
  return {
    async post(hackathon, topic) {
      const { text, blocks } = topicCard(hackathon, topic);
      // Slack's refusal of the channel (the app not invited) is ChannelUnavailableError: the card waits.
      const response = await inChannel(hackathon.channelId, () =>
        client.chat.postMessage({ channel: hackathon.channelId, text, blocks, unfurl_links: false }),
      );
      if (!response.ts) throw new Error('chat.postMessage returned no ts');
      return { channelId: response.channel ?? hackathon.channelId, ts: response.ts };
    },
    async update(hackathon, topic) {
      if (!topic.card) return;
      const { text, blocks } = topicCard(hackathon, topic);
      const { channelId, ts } = topic.card;
      await inChannel(channelId, () => client.chat.update({ channel: channelId, ts, text, blocks }));
    },
    async remove(card) {
      await client.chat.delete({ channel: card.channelId, ts: card.ts });
    },
    fingerprint(hackathon, topic) {
      const { text, blocks } = topicCard(hackathon, topic);
      return createHash('sha256').update(JSON.stringify({ text, blocks })).digest('base64url').slice(0, 22);
    },
    turn: (card, until, busy) =>
      pacer.reserve('chat.update', card.channelId, until, busy ? BUSY_CARDS_KEEP : 0),
  };
}
