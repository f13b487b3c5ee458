import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStores, type Stores } from '../../functions/adapters/dynamodb/stores.js';
import type { PublishTeamsJob } from '../../functions/app/ports/jobs.js';
import { type ApplyTeamsDeps, applyTeams, publishTeams } from '../../functions/app/team-review.js';
import type { Hackathon } from '../../functions/domain/hackathon.js';
import { aHackathon, aTopicDraft } from '../helpers/builders.js';
import { createTestTable, type TestTable } from '../helpers/dynamodb.js';

/** Publishing teams against DynamoDB Local: a retried or duplicated job converges and tells nobody twice. */
let table: TestTable;
let stores: Stores;
const ORGANIZER = 'U0ORGANIZER';

beforeAll(async () => {
  table = await createTestTable('team-publish');
  stores = createStores(table);
});
afterAll(async () => {
  await table?.drop();
});

function recordingAnnouncer() {
  const said: string[] = [];
  const announcer: ApplyTeamsDeps['announcer'] = {
    ranking: async (_h, rows, published) => {
      said.push(
        `ranking ${published ? 'published' : 'pending'} ${rows.map((r) => `${r.number}:${r.team.join('+')}`).join(' ')}`,
      );
      return { channelId: 'C1', ts: '1.000001' };
    },
    removeRanking: async (ref) => void said.push(`ranking ${ref.ts} deleted`),
    placed: async (_h, userId, topic) => void said.push(`placed ${userId} #${topic.number}`),
    removed: async (_h, userId, topic) => void said.push(`removed ${userId} #${topic.number}`),
    notPicked: async (_h, topic) => void said.push(`not picked #${topic.number} to ${topic.proposerId}`),
    published: async (_h, job, summary) => void said.push(`published v${job.version} ${summary.teams} teams`),
    askForInvite: async (_h, reason) => void said.push(`invite me (${reason})`),
  };
  return { said, announcer };
}

async function closedHackathon(): Promise<Hackathon> {
  const hackathon = aHackathon({ votingClosesAt: '2026-04-02T09:00:00.000Z', teamSize: { min: 1, max: 3 } });
  await stores.hackathons.create(hackathon);
  await stores.topics.createMany(
    hackathon.id,
    [aTopicDraft({ title: 'One' }), aTopicDraft({ title: 'Two' }), aTopicDraft({ title: 'Three' })],
    'U0PROPOSER',
    hackathon.createdAt,
  );
  return hackathon;
}

const jobOf = async (hackathonId: string, version: number) =>
  (await table.items()).find(
    (item) => item.entity === 'job' && item.hackathonId === hackathonId && item.version === version,
  ) as unknown as PublishTeamsJob;
const teamsOf = async (hackathonId: string) =>
  (await stores.topics.list(hackathonId)).map((t) => [t.number, t.members, t.status]);

describe('applying a team publication', () => {
  it('converges when the job runs twice (a Lambda retry or a duplicated stream record), telling nobody twice', async () => {
    const hackathon = await closedHackathon();
    await publishTeams(stores, {
      hackathonId: hackathon.id,
      userId: ORGANIZER,
      expectedVersion: 0,
      reviewed: [
        { number: 1, shown: [], chosen: ['U0ANNA', 'U0BOB'] },
        { number: 2, shown: [], chosen: ['U0CARL'] },
        { number: 3, shown: [], chosen: [] },
      ],
      now: new Date('2026-04-03T09:00:00.000Z'),
    });
    const job = await jobOf(hackathon.id, 1);
    const { said, announcer } = recordingAnnouncer();
    const deps = { ...stores, announcer, clock: () => new Date() };

    expect(await applyTeams(deps, job)).toBe('applied');
    const first = await teamsOf(hackathon.id);
    expect(first).toEqual([
      [1, ['U0ANNA', 'U0BOB'], 'in_progress'],
      [2, ['U0CARL'], 'in_progress'],
      [3, [], 'not_picked'],
    ]);
    expect(said).toEqual([
      'placed U0ANNA #1',
      'placed U0BOB #1',
      'placed U0CARL #2',
      'not picked #3 to U0PROPOSER',
      'ranking published 1:U0ANNA+U0BOB 2:U0CARL 3:',
      'published v1 2 teams',
    ]);

    said.length = 0;
    expect(await applyTeams(deps, job)).toBe('applied');
    expect(await teamsOf(hackathon.id)).toEqual(first);
    // Only the ranking message is brought up to date again (an update of the same message, not a new post).
    expect(said).toEqual(['ranking published 1:U0ANNA+U0BOB 2:U0CARL 3:']);
    const statusChanges = (await table.items()).filter(
      (item) => item.entity === 'statusChange' && item.hackathonId === hackathon.id,
    );
    expect(statusChanges).toHaveLength(3);
    const personTeams = (await table.items()).filter(
      (item) => item.sk === 'TEAMS#U0ANNA' && item.pk === `HACKATHON#${hackathon.id}`,
    );
    expect(personTeams.map((item) => item.teams)).toEqual([1]);
  });

  it('skips a publication overtaken by a newer one', async () => {
    const hackathon = await closedHackathon();
    const publish = (expectedVersion: number, chosen: string[]) =>
      publishTeams(stores, {
        hackathonId: hackathon.id,
        userId: ORGANIZER,
        expectedVersion,
        reviewed: [{ number: 1, shown: [], chosen }],
        now: new Date(`2026-04-03T09:00:0${expectedVersion}.000Z`),
      });
    await publish(0, ['U0ANNA']);
    await publish(1, ['U0BOB']);
    const { said, announcer } = recordingAnnouncer();
    expect(
      await applyTeams({ ...stores, announcer, clock: () => new Date() }, await jobOf(hackathon.id, 1)),
    ).toBe('superseded');
    expect(said).toEqual([]);
    expect(
      await applyTeams({ ...stores, announcer, clock: () => new Date() }, await jobOf(hackathon.id, 2)),
    ).toBe('applied');
    expect((await teamsOf(hackathon.id))[0]).toEqual([1, ['U0BOB'], 'in_progress']);
  });
});
