import type { WebClient } from '@slack/web-api';
import type { CardPublisher } from '../../app/topic-cards.js';
import { topicCard } from '../../slack/views/topic-card.js';

/** Posts, updates and (duplicates only) deletes topic cards with the Slack Web API. */
export function createCardPublisher(client: WebClient): CardPublisher {
  return {
    async post(hackathon, topic) {
      const { text, blocks } = topicCard(hackathon, topic);
      const response = await client.chat.postMessage({
        channel: hackathon.channelId,
        text,
        blocks,
        unfurl_links: false,
      });
      if (!response.ts) throw new Error('chat.postMessage returned no ts');
      return { channelId: response.channel ?? hackathon.channelId, ts: response.ts };
    },
    async update(hackathon, topic) {
      if (!topic.card) return;
      const { text, blocks } = topicCard(hackathon, topic);
      await client.chat.update({ channel: topic.card.channelId, ts: topic.card.ts, text, blocks });
    },
    async remove(card) {
      await client.chat.delete({ channel: card.channelId, ts: card.ts });
    },
  };
}
