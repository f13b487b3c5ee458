import { beforeEach, describe, expect, it } from 'vitest';
import { createBotCheck } from '../../../functions/adapters/slack/bot-users.js';
import { rememberHackathons } from '../../../functions/app/votes.js';
import type { Hackathon } from '../../../functions/domain/hackathon.js';
import type { CardRef } from '../../../functions/domain/topic.js';
import {
  type ReactionMemory,
  reactionChanged,
} from '../../../functions/slack/listeners/events/votes-by-reaction.js';
import { votingClosedText } from '../../../functions/slack/views/vote-messages.js';
import { givenHackathon, givenTopics } from '../../helpers/fakes/given.js';
import { type InMemoryStores, inMemoryStores } from '../../helpers/fakes/stores.js';
import { listenerDeps, recordingClient } from './listener-fakes.js';

const BOT_USER = 'U0HTG';
const OPEN = new Date('2026-04-02T10:00:00.000Z');
const AFTER_CLOSE = new Date('2026-04-04T10:00:00.000Z');

let stores: InMemoryStores;
let hackathon: Hackathon;
let card: CardRef;
let memory: ReactionMemory;
/** Slack's event times, each later than the last (seconds). */
let seconds: number;

beforeEach(async () => {
  stores = inMemoryStores();
  hackathon = await givenHackathon(stores, { votingClosesAt: '2026-04-03T18:00:00.000Z' });
  card = (await givenTopics(stores, hackathon, [{}])).map((topic) => topic.card)[0] as CardRef;
  // Created once, as the registration does: it outlives each event.
  memory = { isBot: createBotCheck(), recentHackathons: rememberHackathons() };
  seconds = OPEN.getTime() / 1000;
});

/** A reaction event as Slack sends it, on the card htg posted. */
const reactionEvent = (user: string, added = true, reaction = 'arrow_up') => ({
  type: added ? 'reaction_added' : 'reaction_removed',
  user,
  reaction,
  item: { type: 'message', channel: card.channelId, ts: card.ts },
  item_user: BOT_USER,
  event_ts: `${++seconds}.000100`,
});

const votesOnTopic = async () => (await stores.topics.get(hackathon.id, 1))?.voteCount;

describe('reactionChanged', () => {
  it('counts the vote emoji on a card as a vote, and its removal takes the vote back', async () => {
    const { deps, problems } = listenerDeps(stores, OPEN);
    const slack = recordingClient();
    const context = { botUserId: BOT_USER };

    await reactionChanged(deps, memory, { event: reactionEvent('U0ANNA'), context, client: slack.client });
    expect(await votesOnTopic()).toBe(1);
    await reactionChanged(deps, memory, {
      event: reactionEvent('U0ANNA', false),
      context,
      client: slack.client,
    });
    expect(await votesOnTopic()).toBe(0);

    // Slack was asked once whether the person is a bot, and nobody was told anything.
    expect(slack.usersAsked).toEqual(['U0ANNA']);
    expect(slack.ephemeral).toEqual([]);
    expect(problems).toEqual([]);
  });

  it("does not count a bot's reaction", async () => {
    const { deps } = listenerDeps(stores, OPEN);
    const slack = recordingClient(['U0OTHERBOT']);
    await reactionChanged(deps, memory, {
      event: reactionEvent('U0OTHERBOT'),
      context: { botUserId: BOT_USER },
      client: slack.client,
    });
    expect(await votesOnTopic()).toBe(0);
  });

  it('tells someone reacting after voting closed, once and only them, and counts nothing', async () => {
    const { deps, problems } = listenerDeps(stores, AFTER_CLOSE);
    const slack = recordingClient();
    const context = { botUserId: BOT_USER };

    await reactionChanged(deps, memory, { event: reactionEvent('U0ANNA'), context, client: slack.client });
    await reactionChanged(deps, memory, {
      event: reactionEvent('U0ANNA', true, 'rocket'),
      context,
      client: slack.client,
    });

    expect(slack.ephemeral).toEqual([
      { channel: card.channelId, user: 'U0ANNA', text: votingClosedText(hackathon, 1) },
    ]);
    expect(await votesOnTopic()).toBe(0);
    expect(problems).toEqual([]);
  });

  it('ignores reactions on messages htg did not post, without asking Slack', async () => {
    const { deps } = listenerDeps(stores, OPEN);
    const slack = recordingClient();
    await reactionChanged(deps, memory, {
      event: { ...reactionEvent('U0ANNA'), item_user: 'U0SOMEONE' },
      context: { botUserId: BOT_USER },
      client: slack.client,
    });
    expect(await votesOnTopic()).toBe(0);
    expect(slack.usersAsked).toEqual([]);
  });
});
