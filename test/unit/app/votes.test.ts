import { beforeEach, describe, expect, it, vi } from 'vitest';
import {
  applyReaction,
  myVotes,
  type ReactionRequest,
  rememberHackathons,
  VOTING_CLOSED_NOTICE,
} from '../../../functions/app/votes.js';
import type { Hackathon } from '../../../functions/domain/hackathon.js';
import type { CardRef } from '../../../functions/domain/topic.js';
import { givenHackathon, givenTopics } from '../../helpers/fakes/given.js';
import { type InMemoryStores, inMemoryStores } from '../../helpers/fakes/stores.js';

const OPEN = new Date('2026-04-02T10:00:00.000Z');
const CLOSES = '2026-04-03T18:00:00.000Z';
const AFTER_CLOSE = new Date('2026-04-04T10:00:00.000Z');

let stores: InMemoryStores;
let hackathon: Hackathon;
let cards: CardRef[];
/** Slack's event times, each later than the last (seconds). */
let eventTime: number;

beforeEach(async () => {
  stores = inMemoryStores();
  hackathon = await givenHackathon(stores, { votingClosesAt: CLOSES });
  cards = (await givenTopics(stores, hackathon, [{}, {}, {}])).map((topic) => topic.card);
  eventTime = OPEN.getTime() / 1000;
});

/** A reaction by `userId` on the nth card (1-based), added unless said otherwise, at the next event time. */
const reaction = (
  n: number,
  userId: string,
  name: string,
  fields: Partial<ReactionRequest> = {},
): ReactionRequest => ({
  card: cards[n - 1] as CardRef,
  userId,
  reaction: name,
  added: true,
  at: ++eventTime,
  now: OPEN,
  ...fields,
});
const counts = async (n: number) => {
  const topic = await stores.topics.get(hackathon.id, n);
  return { votes: topic?.voteCount, interest: topic?.interestCount, interested: topic?.interestedUsers };
};

describe('a reaction on a topic card', () => {
  it('counts the vote emoji as a vote and the work emoji as interest, once however often Slack delivers it', async () => {
    const vote = reaction(1, 'U0ANNA', 'arrow_up');
    expect(await applyReaction(stores, vote)).toEqual({ kind: 'applied', outcome: 'counted', number: 1 });
    // Slack redelivers the event it thinks went unanswered: same event, nothing more.
    expect(await applyReaction(stores, vote)).toEqual({ kind: 'applied', outcome: 'unchanged', number: 1 });
    expect(await applyReaction(stores, reaction(1, 'U0ANNA', 'rocket'))).toMatchObject({
      outcome: 'counted',
    });

    expect(await counts(1)).toEqual({ votes: 1, interest: 1, interested: ['U0ANNA'] });
    expect(stores.stored.tally(hackathon.id, 'U0ANNA')).toBe(1);
    expect(stores.stored.voteRecords(hackathon.id)).toEqual([
      expect.objectContaining({
        number: 1,
        userId: 'U0ANNA',
        kind: 'interest',
        source: 'reaction',
        state: 'active',
      }),
      expect.objectContaining({
        number: 1,
        userId: 'U0ANNA',
        kind: 'vote',
        source: 'reaction',
        state: 'active',
      }),
    ]);
  });

  it('takes the vote back when the reaction goes, and keeps the last action when the removal overtakes its add', async () => {
    const add = reaction(2, 'U0BOB', 'arrow_up');
    const removal = reaction(2, 'U0BOB', 'arrow_up', { added: false });
    // The removal arrives first (Slack delivers concurrently): the add that follows is older, and ignored.
    expect(await applyReaction(stores, removal)).toMatchObject({ outcome: 'unchanged' });
    expect(await applyReaction(stores, add)).toMatchObject({ outcome: 'superseded' });
    expect(await counts(2)).toMatchObject({ votes: 0 });

    expect(await applyReaction(stores, reaction(2, 'U0BOB', 'arrow_up'))).toMatchObject({
      outcome: 'counted',
    });
    const takenBack = reaction(2, 'U0BOB', 'arrow_up', { added: false });
    expect(await applyReaction(stores, takenBack)).toMatchObject({ outcome: 'removed' });
    // The removal redelivered changes nothing more.
    expect(await applyReaction(stores, takenBack)).toMatchObject({ outcome: 'unchanged' });
    expect(await counts(2)).toMatchObject({ votes: 0 });
    expect(stores.stored.tally(hackathon.id, 'U0BOB')).toBe(0);
  });

  it('counts a skin-toned or aliased vote emoji as the vote emoji', async () => {
    const plusOne = await givenHackathon(stores, { voteEmoji: '+1' });
    const [topic] = await givenTopics(stores, plusOne, [{}]);
    cards = [topic?.card as CardRef];
    expect(await applyReaction(stores, reaction(1, 'U0ANNA', '+1::skin-tone-2'))).toMatchObject({
      outcome: 'counted',
    });
    expect(await applyReaction(stores, reaction(1, 'U0BOB', 'thumbsup'))).toMatchObject({
      outcome: 'counted',
    });
    expect((await stores.topics.get(plusOne.id, 1))?.voteCount).toBe(2);
  });

  it('ignores other emoji, messages that are not cards, and bots', async () => {
    expect(await applyReaction(stores, reaction(1, 'U0ANNA', 'tada'))).toEqual({ kind: 'ignored' });
    expect(
      await applyReaction(stores, {
        ...reaction(1, 'U0ANNA', 'arrow_up'),
        card: { channelId: hackathon.channelId, ts: '1.000001' },
      }),
    ).toEqual({ kind: 'ignored' });
    expect(
      await applyReaction(stores, reaction(1, 'U0HTGBOT', 'arrow_up', { byBot: Promise.resolve(true) })),
    ).toEqual({ kind: 'ignored' });
    expect(stores.stored.voteRecords(hackathon.id)).toEqual([]);
  });

  it('counts nothing on a withdrawn topic', async () => {
    const topic = await stores.topics.get(hackathon.id, 3);
    if (topic) await stores.topics.withdraw(topic, 'U0PROPOSER', OPEN.toISOString());
    expect(await applyReaction(stores, reaction(3, 'U0ANNA', 'arrow_up'))).toEqual({
      kind: 'applied',
      outcome: 'topic-closed',
      number: 3,
    });
    expect(await counts(3)).toMatchObject({ votes: 0 });
    expect(stores.stored.tally(hackathon.id, 'U0ANNA')).toBe(0);
  });

  it('does not count a vote over the budget, and tells the person once per reaction where their votes are', async () => {
    const limited = await givenHackathon(stores, { votesPerPerson: 1 });
    cards = (await givenTopics(stores, limited, [{}, {}])).map((topic) => topic.card);
    expect(await applyReaction(stores, reaction(1, 'U0ANNA', 'arrow_up'))).toMatchObject({
      outcome: 'counted',
    });

    const second = reaction(2, 'U0ANNA', 'arrow_up');
    const refused = await applyReaction(stores, second);
    expect(refused).toMatchObject({ kind: 'over-budget', number: 2, tell: true });
    expect(refused.kind === 'over-budget' && refused.holding.map((t) => t.number)).toEqual([1]);
    // The same event again (a redelivery) is refused again, but the person is not told twice.
    expect(await applyReaction(stores, second)).toMatchObject({ kind: 'over-budget', tell: false });
    // Interest has no budget.
    expect(await applyReaction(stores, reaction(2, 'U0ANNA', 'rocket'))).toMatchObject({
      outcome: 'counted',
    });
    expect((await stores.topics.get(limited.id, 2))?.voteCount).toBe(0);

    // Removing the vote on #1 frees it for #2.
    await applyReaction(stores, reaction(1, 'U0ANNA', 'arrow_up', { added: false }));
    expect(await applyReaction(stores, reaction(2, 'U0ANNA', 'arrow_up'))).toMatchObject({
      outcome: 'counted',
    });
    expect(stores.stored.tally(limited.id, 'U0ANNA')).toBe(1);
    expect((await stores.topics.list(limited.id)).map((t) => t.voteCount)).toEqual([0, 1]);
  });

  it('counts nothing after voting closed, and tells the person once', async () => {
    await applyReaction(stores, reaction(1, 'U0ANNA', 'arrow_up'));
    const late = { now: AFTER_CLOSE };
    expect(await applyReaction(stores, reaction(2, 'U0ANNA', 'arrow_up', late))).toEqual({
      kind: 'voting-closed',
      hackathon: expect.objectContaining({ id: hackathon.id }),
      number: 2,
      tell: true,
    });
    expect(await applyReaction(stores, reaction(3, 'U0ANNA', 'rocket', late))).toMatchObject({
      kind: 'voting-closed',
      tell: false,
    });
    // Taking a reaction back after the close does not take the vote back (and says nothing).
    expect(
      await applyReaction(stores, reaction(1, 'U0ANNA', 'arrow_up', { ...late, added: false })),
    ).toMatchObject({ kind: 'voting-closed', tell: false });

    expect((await stores.topics.list(hackathon.id)).map((t) => [t.voteCount, t.interestCount])).toEqual([
      [1, 0],
      [0, 0],
      [0, 0],
    ]);
    expect(stores.stored.notices(hackathon.id)).toEqual([`U0ANNA ${VOTING_CLOSED_NOTICE}`]);
  });
});

/**
 * A warm container remembers the hackathons it read (votes.ts, RecentHackathons): a remembered copy may only
 * say yes, through a write guarded by the copy's version; anything else is decided again on a fresh read.
 */
describe('a reaction decided on a remembered hackathon', () => {
  const later = '2026-04-02T11:00:00.000Z';
  const withMemory = () => {
    const recentHackathons = rememberHackathons();
    recentHackathons.remember(hackathon);
    return { ...stores, recentHackathons };
  };

  it('votes without reading the hackathon again while it has not changed', async () => {
    const deps = withMemory();
    const read = vi.spyOn(stores.hackathons, 'get');
    expect(await applyReaction(deps, reaction(1, 'U0ANNA', 'arrow_up'))).toMatchObject({
      outcome: 'counted',
    });
    expect(await applyReaction(deps, reaction(2, 'U0ANNA', 'rocket'))).toMatchObject({ outcome: 'counted' });
    expect(read).not.toHaveBeenCalled();
    expect(await counts(1)).toMatchObject({ votes: 1 });
  });

  it('decides again on a fresh read when voting was closed since, and counts nothing', async () => {
    const deps = withMemory();
    await stores.hackathons.closeVoting(hackathon.id, later);
    // The event is later than the close, but the copy in memory still says voting is open.
    const result = await applyReaction(deps, reaction(1, 'U0ANNA', 'arrow_up', { now: new Date(later) }));
    expect(result).toMatchObject({ kind: 'voting-closed', tell: true });
    expect(await counts(1)).toMatchObject({ votes: 0 });
    expect(stores.stored.voteRecords(hackathon.id)).toEqual([]);
    // What is remembered now is the fresh copy.
    expect(deps.recentHackathons.get(hackathon.id)?.votingClosesAt).toBe(later);
  });

  it('decides again when the budget was raised since, and counts the vote', async () => {
    const limited = await givenHackathon(stores, { votesPerPerson: 1 });
    cards = (await givenTopics(stores, limited, [{}, {}])).map((topic) => topic.card);
    const recentHackathons = rememberHackathons();
    recentHackathons.remember(limited);
    const deps = { ...stores, recentHackathons };
    expect(await applyReaction(deps, reaction(1, 'U0ANNA', 'arrow_up'))).toMatchObject({
      outcome: 'counted',
    });
    await stores.hackathons.updateSettings(
      limited.id,
      { ...limited, votesPerPerson: 2 },
      limited.updatedAt,
      later,
    );

    expect(await applyReaction(deps, reaction(2, 'U0ANNA', 'arrow_up'))).toMatchObject({
      outcome: 'counted',
    });
    expect(stores.stored.tally(limited.id, 'U0ANNA')).toBe(2);
  });

  it('decides an over-budget refusal again on a fresh read before telling the person', async () => {
    const limited = await givenHackathon(stores, { votesPerPerson: 1 });
    cards = (await givenTopics(stores, limited, [{}, {}])).map((topic) => topic.card);
    const recentHackathons = rememberHackathons();
    recentHackathons.remember(limited);
    const deps = { ...stores, recentHackathons };
    await applyReaction(deps, reaction(1, 'U0ANNA', 'arrow_up'));
    const read = vi.spyOn(stores.hackathons, 'get');

    expect(await applyReaction(deps, reaction(2, 'U0ANNA', 'arrow_up'))).toMatchObject({
      kind: 'over-budget',
      tell: true,
    });
    expect(read).toHaveBeenCalledTimes(1);
    expect((await stores.topics.get(limited.id, 2))?.voteCount).toBe(0);
  });

  it('decides again when the vote emoji changed since: the new emoji counts, the old one no longer does', async () => {
    const deps = withMemory();
    await stores.hackathons.updateSettings(
      hackathon.id,
      { ...hackathon, voteEmoji: '+1' },
      hackathon.updatedAt,
      later,
    );
    expect(await applyReaction(deps, reaction(1, 'U0BOB', 'arrow_up'))).toEqual({ kind: 'ignored' });
    // The fresh read replaced the copy: remember the old one again for the new emoji.
    deps.recentHackathons.remember(hackathon);
    expect(await applyReaction(deps, reaction(1, 'U0ANNA', '+1'))).toMatchObject({ outcome: 'counted' });
    expect(await counts(1)).toMatchObject({ votes: 1 });
  });

  it('decides again when voting was reopened since the copy saw it closed', async () => {
    const closed = await stores.hackathons.closeVoting(hackathon.id, later);
    const recentHackathons = rememberHackathons();
    recentHackathons.remember(closed);
    await stores.hackathons.updateSettings(
      hackathon.id,
      { ...closed, votingClosesAt: CLOSES },
      closed.updatedAt,
      later.replace('11', '12'),
    );
    const now = new Date('2026-04-02T13:00:00.000Z');

    expect(
      await applyReaction({ ...stores, recentHackathons }, reaction(1, 'U0ANNA', 'arrow_up', { now })),
    ).toMatchObject({ kind: 'applied', outcome: 'counted' });
    expect(stores.stored.notices(hackathon.id)).toEqual([]);
  });

  it('decides again when the hackathon ended since (its status moved, not its updatedAt)', async () => {
    const deps = withMemory();
    await stores.hackathons.end({
      kind: 'wrap-up',
      hackathonId: hackathon.id,
      requestedBy: 'U0ORGANIZER',
      channelId: hackathon.channelId,
      requestedAt: later,
    });
    expect(await applyReaction(deps, reaction(1, 'U0ANNA', 'arrow_up'))).toMatchObject({
      kind: 'voting-closed',
    });
    expect(await counts(1)).toMatchObject({ votes: 0 });
  });
});

describe('my votes', () => {
  it('lists where the person’s votes and interests are, by topic number', async () => {
    await applyReaction(stores, reaction(3, 'U0ANNA', 'arrow_up'));
    await applyReaction(stores, reaction(1, 'U0ANNA', 'arrow_up'));
    await applyReaction(stores, reaction(2, 'U0ANNA', 'rocket'));
    await applyReaction(stores, reaction(2, 'U0BOB', 'arrow_up'));
    const mine = await myVotes(stores, hackathon.id, 'U0ANNA');
    expect(mine.votes.map((t) => t.number)).toEqual([1, 3]);
    expect(mine.interests.map((t) => t.number)).toEqual([2]);
  });
});
