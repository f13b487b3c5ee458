import type { Hackathon } from '../domain/hackathon.js';
import type { CardRef, Topic } from '../domain/topic.js';
import type { HackathonStore, TopicStore } from './ports.js';

/** Posts and updates topic cards in Slack. Implemented in adapters/slack. */
export interface CardPublisher {
  post(hackathon: Hackathon, topic: Topic): Promise<CardRef>;
  update(hackathon: Hackathon, topic: Topic): Promise<void>;
}

export interface CardDeps {
  hackathons: HackathonStore;
  topics: TopicStore;
  cards: CardPublisher;
}

/**
 * Brings a topic's card in line with the topic as it is now (read again, not taken from the change that
 * triggered this): posts it if it has none yet, else updates it. Running it twice does no harm.
 */
export async function syncTopicCard(deps: CardDeps, hackathonId: string, number: number): Promise<void> {
  const [hackathon, topic] = await Promise.all([
    deps.hackathons.get(hackathonId),
    deps.topics.get(hackathonId, number),
  ]);
  if (!hackathon || !topic) return;
  if (topic.card) {
    await deps.cards.update(hackathon, topic);
    return;
  }
  const card = await deps.cards.post(hackathon, topic);
  await deps.topics.attachCard(topic, card);
}
