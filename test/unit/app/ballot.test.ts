import { beforeEach, describe, expect, it } from 'vitest';
import { openBallot, submitBallot } from '../../../functions/app/ballot.js';
import type { VoteChange } from '../../../functions/app/ports/stores.js';
import { ConflictError, ValidationError } from '../../../functions/domain/errors.js';
import type { Hackathon } from '../../../functions/domain/hackathon.js';
import type { VoteKind } from '../../../functions/domain/vote.js';
import { givenHackathon, givenTopics } from '../../helpers/fakes/given.js';
import { type InMemoryStores, inMemoryStores } from '../../helpers/fakes/stores.js';

const NOW = new Date('2026-04-02T10:00:00.000Z');
const AFTER_CLOSE = new Date('2026-04-04T10:00:00.000Z');
const ALL = new Set([1, 2, 3, 4, 5]);

let stores: InMemoryStores;
let hackathon: Hackathon;

const setUp = async (overrides: Partial<Hackathon> = {}) => {
  stores = inMemoryStores();
  hackathon = await givenHackathon(stores, { votingClosesAt: '2026-04-03T18:00:00.000Z', ...overrides });
  await givenTopics(stores, hackathon, [
    { category: 'Security' },
    { category: 'Core' },
    { category: 'Core' },
    { category: 'Core' },
    // A category the organizers removed since: listed after the hackathon's own.
    { category: 'Legacy' },
  ]);
};
beforeEach(() => setUp());

/** A reaction vote cast before the ballot was opened. */
const reacted = (number: number, userId: string, kind: VoteKind = 'vote', limit: number | null = null) => {
  const change: VoteChange = { hackathonId: hackathon.id, number, userId, kind, source: 'reaction', at: 1 };
  return stores.votes.add(change, limit);
};
const votesOn = async () =>
  (await stores.topics.list(hackathon.id)).map((t) => [t.voteCount, t.interestCount]);
const ballot = (fields: { votes?: number[]; interests?: number[]; shown?: Set<number> }) =>
  submitBallot(stores, {
    hackathonId: hackathon.id,
    userId: 'U0ANNA',
    votes: fields.votes ?? [],
    interests: fields.interests ?? [],
    shown: fields.shown ?? ALL,
    now: NOW,
  });

describe('opening the ballot', () => {
  it('shows the topics in play by category, then number, with what the person chose already', async () => {
    const withdrawn = await stores.topics.get(hackathon.id, 3);
    if (withdrawn) await stores.topics.withdraw(withdrawn, 'U0PROPOSER', NOW.toISOString());
    await reacted(4, 'U0ANNA');
    await reacted(1, 'U0ANNA', 'interest');
    await reacted(2, 'U0BOB');

    const shown = await openBallot(stores, hackathon.id, 'U0ANNA', NOW);
    expect(shown.topics.map((t) => [t.number, t.category])).toEqual([
      [2, 'Core'],
      [4, 'Core'],
      [1, 'Security'],
      [5, 'Legacy'],
    ]);
    expect(shown.votes).toEqual(new Set([4]));
    expect(shown.interests).toEqual(new Set([1]));
  });

  it('is refused once voting has closed', async () => {
    await expect(openBallot(stores, hackathon.id, 'U0ANNA', AFTER_CLOSE)).rejects.toBeInstanceOf(
      ConflictError,
    );
  });
});

describe('submitting the ballot', () => {
  it('applies the difference to what the person has, reaction votes being the same records', async () => {
    await reacted(1, 'U0ANNA');
    await reacted(2, 'U0ANNA', 'interest');

    expect(await ballot({ votes: [1, 4], interests: [] })).toEqual({
      added: { vote: 1, interest: 0 },
      removed: { vote: 0, interest: 1 },
      refused: [],
    });
    // #1 was voted for by reaction already: ticking it on the ballot does not count it twice.
    expect(await votesOn()).toEqual([
      [1, 0],
      [0, 0],
      [0, 0],
      [1, 0],
      [0, 0],
    ]);
    expect(
      stores.stored
        .voteRecords(hackathon.id)
        .filter((v) => v.state === 'active')
        .map((v) => [v.number, v.kind, v.source]),
    ).toEqual([
      [1, 'vote', 'reaction'],
      [4, 'vote', 'ballot'],
    ]);
  });

  it('moves a vote within the budget: removals go first', async () => {
    await setUp({ votesPerPerson: 1 });
    await reacted(1, 'U0ANNA', 'vote', 1);
    expect(await ballot({ votes: [2] })).toMatchObject({
      added: { vote: 1 },
      removed: { vote: 1 },
      refused: [],
    });
    expect((await votesOn()).map(([votes]) => votes)).toEqual([0, 1, 0, 0, 0]);
    expect(stores.stored.tally(hackathon.id, 'U0ANNA')).toBe(1);
  });

  it('refuses more ticks than the budget inline, changing nothing', async () => {
    await setUp({ votesPerPerson: 2 });
    await reacted(5, 'U0ANNA', 'vote', 2);
    const refusal = ballot({ votes: [1, 2, 3] });
    await expect(refusal).rejects.toBeInstanceOf(ValidationError);
    await expect(refusal).rejects.toMatchObject({
      fields: { votes: { code: 'too-many-votes', ticked: 3, budget: 2 } },
    });
    expect((await votesOn()).map(([votes]) => votes)).toEqual([0, 0, 0, 0, 1]);
  });

  it('leaves votes on topics the form did not show as they are', async () => {
    await reacted(5, 'U0ANNA');
    // #5 was proposed after the form was opened: unticked there, but not the person's decision.
    expect(await ballot({ votes: [1], shown: new Set([1, 2, 3, 4]) })).toMatchObject({
      removed: { vote: 0 },
    });
    expect((await votesOn()).map(([votes]) => votes)).toEqual([1, 0, 0, 0, 1]);
  });

  it('reports ticks that could not count: a topic withdrawn meanwhile, votes used up by a reaction meanwhile', async () => {
    await setUp({ votesPerPerson: 2 });
    const topic = await stores.topics.get(hackathon.id, 2);
    if (topic) await stores.topics.withdraw(topic, 'U0PROPOSER', NOW.toISOString());
    // A reaction on a topic the form does not show took one of the two votes.
    await reacted(5, 'U0ANNA', 'vote', 2);

    expect(await ballot({ votes: [1, 2], interests: [3], shown: new Set([1, 2, 3, 4]) })).toEqual({
      added: { vote: 1, interest: 1 },
      removed: { vote: 0, interest: 0 },
      refused: [{ number: 2, kind: 'vote', outcome: 'topic-closed' }],
    });
    expect(await ballot({ votes: [1, 4], shown: new Set([1, 2, 3, 4]) })).toMatchObject({
      refused: [{ number: 4, kind: 'vote', outcome: 'over-budget' }],
    });
    expect(stores.stored.tally(hackathon.id, 'U0ANNA')).toBe(2);
    expect((await votesOn()).map(([votes]) => votes)).toEqual([1, 0, 0, 0, 1]);
  });

  it('changes nothing once voting has closed', async () => {
    await reacted(1, 'U0ANNA');
    await expect(
      submitBallot(stores, {
        hackathonId: hackathon.id,
        userId: 'U0ANNA',
        votes: [2],
        interests: [],
        shown: ALL,
        now: AFTER_CLOSE,
      }),
    ).rejects.toBeInstanceOf(ConflictError);
    expect((await votesOn()).map(([votes]) => votes)).toEqual([1, 0, 0, 0, 0]);
  });
});
