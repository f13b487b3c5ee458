import { describe, expect, it } from 'vitest';
import { setAttendees } from '../../../functions/app/attendees.js';
import { changeSettings } from '../../../functions/app/hackathons.js';
import { ValidationError } from '../../../functions/domain/errors.js';
import { givenHackathon } from '../../helpers/fakes/given.js';
import { inMemoryStores } from '../../helpers/fakes/stores.js';

const ORGANIZER = 'U0ORGANIZER';

describe('the attendee list', () => {
  it('is saved without refusing a settings form opened before it', async () => {
    const stores = inMemoryStores();
    const hackathon = await givenHackathon(stores);
    // An organizer opens the settings; meanwhile another saves the attendee list.
    const openedWith = hackathon.updatedAt;
    const saved = await setAttendees(stores.hackathons, {
      hackathonId: hackathon.id,
      userId: ORGANIZER,
      lines: [
        { users: ['U0ANNA'], text: 'SAP' },
        { users: ['U0BOB'], text: '' },
      ],
    });
    expect(saved).toEqual([
      { userId: 'U0ANNA', company: 'SAP' },
      { userId: 'U0BOB', company: null },
    ]);

    const changed = await changeSettings(stores.hackathons, {
      hackathonId: hackathon.id,
      userId: ORGANIZER,
      input: {
        name: 'Hack The Garden, renamed',
        startDate: hackathon.startDate,
        endDate: hackathon.endDate,
        timeZone: hackathon.timeZone,
        categories: hackathon.categories.join('\n'),
      },
      expectedUpdatedAt: openedWith,
      now: new Date('2026-04-02T12:00:00.000Z'),
    });
    expect(changed).toMatchObject({ name: 'Hack The Garden, renamed', attendees: saved });
  });

  it('reads a GitHub login after the company, and refuses one GitHub would not give anybody', async () => {
    const stores = inMemoryStores();
    const hackathon = await givenHackathon(stores);
    const saved = await setAttendees(stores.hackathons, {
      hackathonId: hackathon.id,
      userId: ORGANIZER,
      lines: [
        { users: ['U0ANNA'], text: ' SAP github:anna-k' },
        { users: ['U0BOB'], text: 'GitHub:Bob42 STACKIT Cloud' },
        { users: ['U0CARL'], text: '' },
      ],
    });
    expect(saved).toEqual([
      { userId: 'U0ANNA', company: 'SAP', githubLogin: 'anna-k' },
      { userId: 'U0BOB', company: 'STACKIT Cloud', githubLogin: 'Bob42' },
      { userId: 'U0CARL', company: null },
    ]);

    for (const login of ['-anna', 'anna--k', 'anna_k', '', 'a'.repeat(40)]) {
      await expect(
        setAttendees(stores.hackathons, {
          hackathonId: hackathon.id,
          userId: ORGANIZER,
          lines: [{ users: ['U0ANNA'], text: `SAP github:${login}` }],
        }),
        login,
      ).rejects.toMatchObject({
        fields: { attendees: { lines: [{ line: 1, text: login.slice(0, 40), wrong: 'github-login' }] } },
      });
    }
    expect((await stores.hackathons.get(hackathon.id))?.attendees).toEqual(saved);
  });

  it('refuses a line naming nobody, storing nothing', async () => {
    const stores = inMemoryStores();
    const hackathon = await givenHackathon(stores);
    const refusal = setAttendees(stores.hackathons, {
      hackathonId: hackathon.id,
      userId: ORGANIZER,
      lines: [{ users: [], text: 'SAP' }],
    });
    await expect(refusal).rejects.toBeInstanceOf(ValidationError);
    await expect(refusal).rejects.toMatchObject({
      fields: { attendees: { code: 'attendee-lines', lines: [{ line: 1, text: 'SAP', wrong: 'nobody' }] } },
    });
    expect((await stores.hackathons.get(hackathon.id))?.attendees).toBeUndefined();
  });
});
