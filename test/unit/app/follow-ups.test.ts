import { beforeEach, describe, expect, it } from 'vitest';
import { saveFollowUp } from '../../../functions/app/follow-ups.js';
import { ConflictError, NotFoundError, PermissionError } from '../../../functions/domain/errors.js';
import type { Hackathon } from '../../../functions/domain/hackathon.js';
import { aTopicDraft } from '../../helpers/builders.js';
import { givenHackathon } from '../../helpers/fakes/given.js';
import { type InMemoryStores, inMemoryStores } from '../../helpers/fakes/stores.js';

const ORGANIZER = 'U0ORGANIZER';
let stores: InMemoryStores;
let hackathon: Hackathon;

beforeEach(async () => {
  stores = inMemoryStores();
  hackathon = await givenHackathon(stores, {
    organizers: [ORGANIZER],
    startDate: '2026-11-23',
    endDate: '2026-11-27',
    timeZone: 'Europe/Berlin',
    status: 'ended',
  });
  const [done, untouched] = await stores.topics.createMany(
    hackathon.id,
    [aTopicDraft({ title: 'Done' }), aTopicDraft({ title: 'Untouched' })],
    'U0PAULA',
    '2026-11-20T09:00:00.000Z',
  );
  if (!done || !untouched) throw new Error('no topics');
  await stores.topics.setStatus(done, 'done', null, ORGANIZER, '2026-11-26T09:00:00.000Z');
});

const answer = (userId: string, now: string, overrides: Partial<Parameters<typeof saveFollowUp>[1]> = {}) =>
  saveFollowUp(stores, {
    hackathonId: hackathon.id,
    number: 1,
    userId,
    round: 2,
    state: 'going',
    now: new Date(now),
    ...overrides,
  });

describe('a follow-up answer', () => {
  it('is kept per round: a second answer in a round replaces the first, other rounds stay', async () => {
    await answer('U0PAULA', '2026-12-11T10:00:00.000Z');
    await answer(ORGANIZER, '2026-12-12T10:00:00.000Z', { state: 'stopped' });
    await answer('U0PAULA', '2027-01-08T10:00:00.000Z', { round: 6, state: 'merged' });
    expect((await stores.topics.get(hackathon.id, 1))?.followUps).toEqual({
      w2: { state: 'stopped', round: 2, by: ORGANIZER, at: '2026-12-12T10:00:00.000Z' },
      w6: { state: 'merged', round: 6, by: 'U0PAULA', at: '2027-01-08T10:00:00.000Z' },
    });
  });

  it('is refused from people with nothing to do with the topic, for a topic not worked on, and after 90 days', async () => {
    await expect(answer('U0EVE', '2026-12-11T10:00:00.000Z')).rejects.toThrow(PermissionError);
    await expect(answer('U0PAULA', '2026-12-11T10:00:00.000Z', { number: 2 })).rejects.toThrow(NotFoundError);
    // Taken until the end of the 90th day after the last day (Berlin time), not a moment later.
    await answer('U0PAULA', '2027-02-25T22:59:59.000Z');
    const late = answer('U0PAULA', '2027-02-25T23:00:00.000Z', { state: 'merged' });
    await expect(late).rejects.toThrow(ConflictError);
    await expect(late).rejects.toMatchObject({ problem: { code: 'follow-ups-closed' } });
    expect((await stores.topics.get(hackathon.id, 1))?.followUps?.w2?.state).toBe('going');
  });
});
