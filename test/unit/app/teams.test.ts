import { beforeEach, describe, expect, it } from 'vitest';
import { joinTopic, leaveTopic } from '../../../functions/app/teams.js';
import { ConflictError, NotFoundError } from '../../../functions/domain/errors.js';
import type { Hackathon } from '../../../functions/domain/hackathon.js';
import { givenHackathon, givenTopics } from '../../helpers/fakes/given.js';
import { type InMemoryStores, inMemoryStores } from '../../helpers/fakes/stores.js';

let stores: InMemoryStores;
let hackathon: Hackathon;

beforeEach(async () => {
  stores = inMemoryStores();
  hackathon = await givenHackathon(stores, { teamSize: { min: 1, max: 3 } });
  await givenTopics(stores, hackathon, [{ teamSize: 'small' }, { teamSize: 'large' }]);
});

const join = (number: number, userId: string) =>
  joinTopic(stores, { hackathonId: hackathon.id, number, userId });
const leave = (number: number, userId: string) =>
  leaveTopic(stores, { hackathonId: hackathon.id, number, userId });
const team = async (number: number) => (await stores.topics.get(hackathon.id, number))?.members;

describe('joining and leaving a team', () => {
  it('joins within the topic’s cap, once, and refuses a full team', async () => {
    expect((await join(1, 'U0ANNA')).outcome).toBe('joined');
    expect((await join(1, 'U0ANNA')).outcome).toBe('already-member');
    expect((await join(1, 'U0BOB')).outcome).toBe('joined');
    // A small topic holds two.
    await expect(join(1, 'U0CARL')).rejects.toMatchObject({
      problem: { code: 'team-full', number: 1, cap: 2 },
    });
    expect(await team(1)).toEqual(['U0ANNA', 'U0BOB']);
  });

  it('holds the cap under simultaneous clicks', async () => {
    const people = ['U0A', 'U0B', 'U0C', 'U0D', 'U0E', 'U0F'];
    const results = await Promise.allSettled(people.map((userId) => join(2, userId)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(3);
    expect(results.filter((r) => r.status === 'rejected').map((r) => r.reason)).toEqual(
      Array(3).fill(expect.any(ConflictError)),
    );
    expect(await team(2)).toHaveLength(3);
  });

  it('keeps everyone on one team unless organizers turned that off', async () => {
    await join(1, 'U0ANNA');
    await expect(join(2, 'U0ANNA')).rejects.toMatchObject({ problem: { code: 'in-another-team' } });
    expect(await leave(1, 'U0ANNA')).toMatchObject({ outcome: 'left' });
    expect((await join(2, 'U0ANNA')).outcome).toBe('joined');
    expect(stores.stored.personTeams(hackathon.id, 'U0ANNA')).toBe(1);

    const relaxed = await givenHackathon(stores, { onePerPerson: false });
    await givenTopics(stores, relaxed, [{}, {}]);
    for (const number of [1, 2])
      await joinTopic(stores, { hackathonId: relaxed.id, number, userId: 'U0BOB' });
    expect(stores.stored.personTeams(relaxed.id, 'U0BOB')).toBe(2);
  });

  it('leaves a team one is not on without changing anything, and refuses withdrawn topics', async () => {
    expect((await leave(1, 'U0ANNA')).outcome).toBe('not-member');
    expect(stores.stored.personTeams(hackathon.id, 'U0ANNA')).toBe(0);
    const topic = await stores.topics.get(hackathon.id, 2);
    if (topic) await stores.topics.withdraw(topic, 'U0PROPOSER', hackathon.createdAt);
    await expect(join(2, 'U0ANNA')).rejects.toBeInstanceOf(NotFoundError);
    expect(await team(2)).toEqual([]);
  });
});
