import { beforeEach, describe, expect, it } from 'vitest';
import { CardActivity, type CardDeps, syncTopicCard } from '../../../functions/app/topic-cards.js';
import type { Hackathon } from '../../../functions/domain/hackathon.js';
import { aTopicDraft } from '../../helpers/builders.js';
import { givenHackathon } from '../../helpers/fakes/given.js';
import { recordingCardPublisher, recordingChannelAnnouncer } from '../../helpers/fakes/slack.js';
import { type InMemoryStores, inMemoryStores } from '../../helpers/fakes/stores.js';

let stores: InMemoryStores;
let hackathon: Hackathon;
let slack: ReturnType<typeof recordingCardPublisher>;
let channel: ReturnType<typeof recordingChannelAnnouncer>;
let deps: CardDeps;

beforeEach(async () => {
  stores = inMemoryStores();
  hackathon = await givenHackathon(stores);
  await stores.topics.create(hackathon.id, aTopicDraft(), 'U0PAULA', hackathon.createdAt);
  slack = recordingCardPublisher();
  channel = recordingChannelAnnouncer();
  let now = 1_000;
  deps = {
    ...stores,
    cards: slack.cards,
    announcer: channel.announcer,
    pacingClock: { now: () => now++, sleep: async () => undefined },
    cardActivity: new CardActivity(),
    clock: () => new Date('2026-04-02T10:00:00.000Z'),
  };
});

const sync = () => syncTopicCard(deps, hackathon.id, 1);

describe('a topic’s card', () => {
  it('is posted once and attached, so reactions on it find the topic; then updated only when it changes', async () => {
    await sync();
    const topic = await stores.topics.get(hackathon.id, 1);
    expect(slack.said).toEqual([`${hackathon.channelId}: card #1 (${topic?.card?.ts}) proposed 0v 0i []`]);
    expect(await stores.topics.findByCard(topic?.card ?? { channelId: '', ts: '' })).toEqual({
      hackathonId: hackathon.id,
      number: 1,
    });
    expect(topic?.cardSent?.fingerprint).toBe('proposed 0v 0i []');

    await sync();
    expect(slack.said).toHaveLength(1);
    await stores.votes.add(
      { hackathonId: hackathon.id, number: 1, userId: 'U0ANNA', kind: 'vote', source: 'reaction', at: 1 },
      null,
    );
    await sync();
    expect(slack.said.slice(1)).toEqual([`${hackathon.channelId}: card #1 updated to proposed 1v 0i []`]);
    expect((await stores.topics.get(hackathon.id, 1))?.cardSent?.fingerprint).toBe('proposed 1v 0i []');
  });

  it('stays one card when two runs post it at once: the second is deleted again', async () => {
    await Promise.all([sync(), sync()]);
    const kept = (await stores.topics.get(hackathon.id, 1))?.card;
    const posted = slack.said.filter((line) => line.includes(': card #1 ('));
    expect(posted).toHaveLength(2);
    const deleted = slack.said.filter((line) => line.endsWith(' deleted'));
    expect(deleted).toHaveLength(1);
    expect(deleted[0]).not.toContain(kept?.ts);
    expect(posted.some((line) => line.includes(`(${kept?.ts})`))).toBe(true);
  });

  it('waits for the app to be invited when the channel refuses it, asking the creator once', async () => {
    slack.refuse('not-in-channel');
    await sync();
    await sync();
    expect(slack.said).toEqual([]);
    expect((await stores.topics.get(hackathon.id, 1))?.card).toBeNull();
    expect(channel.said).toEqual([
      `DM ${hackathon.createdBy}: invite the app into ${hackathon.channelId} (not-in-channel)`,
    ]);
    expect((await stores.hackathons.get(hackathon.id))?.waitingForChannel?.reason).toBe('not-in-channel');
  });
});
