import type { Hackathon } from '../../../functions/domain/hackathon.js';
import type { Topic, TopicDraft } from '../../../functions/domain/topic.js';
import { aHackathon, aTopicDraft } from '../builders.js';
import { nextTs } from './slack.js';
import type { InMemoryStores } from './stores.js';

/** A stored hackathon (see `aHackathon` for the defaults). */
export async function givenHackathon(
  stores: InMemoryStores,
  overrides: Partial<Hackathon> = {},
): Promise<Hackathon> {
  const hackathon = aHackathon(overrides);
  await stores.hackathons.create(hackathon);
  return hackathon;
}

/**
 * Stored topics (#1, #2, … in the order given), each with its card posted in the hackathon's channel, as they
 * are once proposed; titles default to "Topic <n>".
 */
export async function givenTopics(
  stores: InMemoryStores,
  hackathon: Hackathon,
  drafts: ReadonlyArray<Partial<TopicDraft> & { proposerId?: string }>,
): Promise<Array<Topic & { card: NonNullable<Topic['card']> }>> {
  const created = await stores.topics.createMany(
    hackathon.id,
    drafts.map((draft, i) => aTopicDraft({ title: `Topic ${i + 1}`, ...draft })),
    'U0PROPOSER',
    hackathon.createdAt,
  );
  return Promise.all(
    created.map(async (topic) => {
      const card = { channelId: hackathon.channelId, ts: nextTs() };
      return { ...(await stores.topics.attachCard(topic, card)), card };
    }),
  );
}
