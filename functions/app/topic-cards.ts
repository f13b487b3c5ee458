import type { Hackathon } from '../domain/hackathon.js';
import type { CardRef, Topic } from '../domain/topic.js';
import type { HackathonStore, TopicStore } from './ports.js';

/** Posts and updates topic cards in Slack. Implemented in adapters/slack. */
export interface CardPublisher {
  post(hackathon: Hackathon, topic: Topic): Promise<CardRef>;
  update(hackathon: Hackathon, topic: Topic): Promise<void>;
  /** Deletes a card that was posted but is not the topic's (a duplicate). */
  remove(card: CardRef): Promise<void>;
}

export interface CardDeps {
  hackathons: HackathonStore;
  topics: TopicStore;
  cards: CardPublisher;
}

/**
 * Brings a topic's card in line with the topic as it is now (read again, not taken from the change that
 * triggered this): posts it if it has none yet, else updates it. Running it twice does no harm, and a card
 * posted but not recorded (the record failed, or another run recorded its own first) is deleted again.
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
  let attached: Topic;
  try {
    attached = await deps.topics.attachCard(topic, card);
  } catch (error) {
    // The failure may be a lost answer to a write that was applied: look before taking the message back.
    const recorded = await deps.topics.get(hackathonId, number).then(
      (now) => now?.card ?? null,
      () => undefined,
    );
    if (sameCard(recorded, card)) return;
    // Not recorded: delete it, or the retry of this change would leave a second card in the channel. (When
    // the topic cannot be read either, it stays, and the retry posts a second card, the one that counts.)
    if (recorded !== undefined) await deps.cards.remove(card).catch(() => undefined);
    throw error;
  }
  // Another run posted and recorded the topic's card first: this one is a duplicate.
  if (!sameCard(attached.card, card)) await deps.cards.remove(card).catch(() => undefined);
}

const sameCard = (a: CardRef | null | undefined, b: CardRef) =>
  a?.channelId === b.channelId && a?.ts === b.ts;
