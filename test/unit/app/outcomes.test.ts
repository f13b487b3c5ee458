import { beforeEach, describe, expect, it } from 'vitest';
import { type OutcomeDraft, outcomeToEdit, saveOutcome } from '../../../functions/app/outcomes.js';
import { ConflictError, PermissionError, ValidationError } from '../../../functions/domain/errors.js';
import type { Hackathon } from '../../../functions/domain/hackathon.js';
import { anOutcome } from '../../helpers/builders.js';
import { givenHackathon, givenTopics } from '../../helpers/fakes/given.js';
import { type InMemoryStores, inMemoryStores } from '../../helpers/fakes/stores.js';

const PR = 'https://github.com/gardener/gardener/pull/1234';
const ISSUE = 'https://github.com/gardener/gardener/issues/77';
const DOC = 'https://hackmd.io/some-notes';

let stores: InMemoryStores;
let hackathon: Hackathon;

beforeEach(async () => {
  stores = inMemoryStores();
  hackathon = await givenHackathon(stores);
  const [first, second] = await givenTopics(stores, hackathon, [
    { proposerId: 'U0PAULA', links: [DOC, PR, ISSUE], emoji: '🛡️' },
    { proposerId: 'U0PAULA' },
  ]);
  await stores.teams.join(hackathon.id, 1, 'U0BOB', 3, true);
  await stores.teams.join(hackathon.id, 1, 'U0ANNA', 3, true);
  if (first) {
    await stores.topics.setStatus(first, 'in_progress', null, 'U0ORGANIZER', '2026-05-05T09:00:00.000Z');
    await stores.topics.setCheckIn(first, {
      achieved: 'Tunnel is up',
      blockers: '',
      by: 'U0ANNA',
      at: '2026-05-06T14:00:00.000Z',
    });
  }
  if (second)
    await stores.topics.setStatus(
      second,
      'dropped',
      'closed in favour of #45',
      'U0PAULA',
      '2026-05-06T09:00:00.000Z',
    );
});

let minute = 0;
const form = (number: number, userId: string) =>
  outcomeToEdit(stores, {
    hackathonId: hackathon.id,
    number,
    userId,
    now: new Date('2026-05-08T10:00:00.000Z'),
  });
const save = (userId: string, input: Partial<OutcomeDraft>, expectedUpdatedAt: string | null, number = 1) => {
  const { updatedBy: _by, updatedAt: _at, ...blank } = anOutcome();
  return saveOutcome(stores, {
    hackathonId: hackathon.id,
    number,
    userId,
    input: { ...blank, ...input },
    expectedUpdatedAt,
    now: new Date(Date.parse('2026-05-08T10:00:00.000Z') + ++minute * 60_000),
  });
};
const storedOutcome = async (number = 1) => (await stores.topics.get(hackathon.id, number))?.outcome;

describe('the outcome form', () => {
  it('starts a first outcome from the check-in, the PR and issue links and the team', async () => {
    expect(await form(1, 'U0ANNA')).toMatchObject({
      version: null,
      draft: {
        achievements: 'Tunnel is up',
        code: [PR, ISSUE],
        contributors: ['U0ANNA', 'U0BOB'],
        outcome: '',
        emoji: '🛡️',
      },
    });
    // A dropped topic's outcome starts from what became of it.
    expect((await form(2, 'U0PAULA')).draft.outcome).toBe('closed in favour of #45');
  });

  it('is for the team, the proposer and the organizers', async () => {
    for (const userId of ['U0BOB', 'U0PAULA', 'U0ORGANIZER'])
      await expect(form(1, userId)).resolves.toBeDefined();
    await expect(form(1, 'U0STRANGER')).rejects.toBeInstanceOf(PermissionError);
    await expect(save('U0STRANGER', { highlight: 'Mine now' }, null)).rejects.toBeInstanceOf(PermissionError);
    expect(await storedOutcome()).toBeUndefined();
  });
});

describe('saving an outcome', () => {
  it('stores the cleaned-up outcome with who saved it and when; the form then opens it', async () => {
    const saved = await save(
      'U0ANNA',
      {
        highlight: '  WireGuard   tunnels  in production ',
        achievements: 'Tunnel is up\r\nand fast\n',
        code: [PR, ` ${PR} `, ''],
        contributors: ['U0ANNA', 'U0BOB', 'Jane Outside', 'U0ANNA'],
      },
      null,
    );
    expect(await storedOutcome()).toEqual({
      ...anOutcome(),
      highlight: 'WireGuard tunnels in production',
      achievements: 'Tunnel is up\nand fast',
      code: [PR],
      contributors: ['U0ANNA', 'U0BOB', 'Jane Outside'],
      updatedBy: 'U0ANNA',
      updatedAt: saved.outcome?.updatedAt,
    });
    expect(await form(1, 'U0BOB')).toMatchObject({
      version: saved.outcome?.updatedAt,
      draft: { highlight: 'WireGuard tunnels in production' },
    });
  });

  it('refuses an outcome that says nothing, or a code link that is no link, field by field', async () => {
    await expect(save('U0ANNA', {}, null)).rejects.toMatchObject({
      fields: { highlight: { code: 'outcome-empty' } },
    });
    const bad = save('U0ANNA', { highlight: 'Done', code: ['not a link'] }, null);
    await expect(bad).rejects.toBeInstanceOf(ValidationError);
    await expect(bad).rejects.toMatchObject({
      fields: { code: { code: 'not-a-link', text: 'not a link', form: 'outcome' } },
    });
    expect(await storedOutcome()).toBeUndefined();
  });

  it('refuses a save over a teammate’s save made while the form was open, keeping theirs', async () => {
    const anna = await form(1, 'U0ANNA');
    const bob = await form(1, 'U0BOB');
    const bobs = await save('U0BOB', { highlight: 'Bob’s words' }, bob.version);
    await expect(save('U0ANNA', { highlight: 'Anna’s words' }, anna.version)).rejects.toBeInstanceOf(
      ConflictError,
    );
    expect(await storedOutcome()).toMatchObject({ highlight: 'Bob’s words', updatedBy: 'U0BOB' });

    // Opened again, Anna's form starts from Bob's outcome and her save replaces it.
    const again = await form(1, 'U0ANNA');
    expect(again.version).toBe(bobs.outcome?.updatedAt);
    await save('U0ANNA', { highlight: 'Anna’s words' }, again.version);
    expect(await storedOutcome()).toMatchObject({ highlight: 'Anna’s words', updatedBy: 'U0ANNA' });
  });

  it('is refused once the hackathon has been wrapped up', async () => {
    await stores.hackathons.end({
      kind: 'wrap-up',
      hackathonId: hackathon.id,
      requestedBy: 'U0ORGANIZER',
      channelId: hackathon.channelId,
      requestedAt: '2026-05-08T15:00:00.000Z',
    });
    await expect(save('U0ANNA', { highlight: 'Too late' }, null)).rejects.toBeInstanceOf(ConflictError);
    expect(await storedOutcome()).toBeUndefined();
  });

  it('is still taken after the wrap-up for the late-outcome days of a hackathon with a website', async () => {
    const website = {
      repo: 'gardener/documentation',
      folder: 'website/community/hackathons',
      forkAccount: null,
      organizer: null,
      lateOutcomeDays: 3,
    };
    await stores.hackathons.updateSettings(
      hackathon.id,
      { ...hackathon, website },
      hackathon.updatedAt,
      'now',
    );
    await stores.hackathons.end({
      kind: 'wrap-up',
      hackathonId: hackathon.id,
      requestedBy: 'U0ORGANIZER',
      channelId: hackathon.channelId,
      // The saves below come a minute or so after 2026-05-08T10:00Z: two days after this.
      requestedAt: '2026-05-06T10:00:00.000Z',
    });
    await save('U0ANNA', { highlight: 'Written up at home' }, null);
    expect(await storedOutcome()).toMatchObject({ highlight: 'Written up at home' });
    const form = await outcomeToEdit(stores, {
      hackathonId: hackathon.id,
      number: 1,
      userId: 'U0BOB',
      now: new Date('2026-05-09T09:59:00.000Z'),
    });
    expect(form.draft.highlight).toBe('Written up at home');

    // Three days after the wrap-up, the hackathon is read-only, and the refusal says until when it took them.
    const refusal = await outcomeToEdit(stores, {
      hackathonId: hackathon.id,
      number: 1,
      userId: 'U0BOB',
      now: new Date('2026-05-09T10:00:00.000Z'),
    }).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(ConflictError);
    expect((refusal as ConflictError).problem).toMatchObject({
      code: 'hackathon-ended',
      lateUntil: '2026-05-09T10:00:00.000Z',
    });
  });
});
