import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  exportHackathon,
  RestoreRefusedError,
  restoreHackathon,
} from '../../functions/adapters/dynamodb/hackathon-export.js';
import { createStores } from '../../functions/adapters/dynamodb/stores.js';
import { aHackathon, anOutcome, aTopicDraft } from '../helpers/builders.js';
import { createTestTable, type TestTable } from '../helpers/dynamodb.js';

/** A hackathon's complete data as JSON, restored into an empty table: the same items, nothing lost. */
let source: TestTable;
let target: TestTable;

beforeAll(async () => {
  source = await createTestTable('export-source');
  target = await createTestTable('export-target');
});
afterAll(async () => {
  await source?.drop();
  await target?.drop();
});

const normalized = (items: Array<Record<string, unknown>>) =>
  JSON.stringify(
    [...items].sort((a, b) => `${a.pk}${a.sk}`.localeCompare(`${b.pk}${b.sk}`)),
    (_key, value) => (value instanceof Set ? { set: [...value].sort() } : value),
  );

describe('hackathon export and restore', () => {
  it('round-trips every item of a lived-in hackathon through JSON into an empty table', async () => {
    const stores = createStores(source);
    const hackathon = aHackathon({ votingClosesAt: '2026-05-01T00:00:00.000Z' });
    await stores.hackathons.create(hackathon);
    const [first, second] = await stores.topics.createMany(
      hackathon.id,
      [aTopicDraft({ title: 'WireGuard' }), aTopicDraft({ title: 'IPv6' })],
      'U0PROP',
      hackathon.createdAt,
    );
    await stores.topics.attachCard(first as never, {
      channelId: hackathon.channelId,
      ts: '1714000000.000001',
    });
    for (const userId of ['U0A', 'U0B', 'U0C']) {
      await stores.votes.add(
        { hackathonId: hackathon.id, number: 1, userId, kind: 'vote', source: 'reaction', at: 1 },
        null,
      );
      await stores.votes.add(
        { hackathonId: hackathon.id, number: 2, userId, kind: 'interest', source: 'ballot', at: 1 },
        null,
      );
    }
    await stores.teams.join(hackathon.id, 1, 'U0A', 4, true);
    await stores.teams.join(hackathon.id, 1, 'U0B', 4, true);
    const withTeam = await stores.topics.get(hackathon.id, 1);
    await stores.topics.setStatus(withTeam as never, 'done', null, 'U0A', '2026-05-06T10:00:00.000Z');
    await stores.topics.setOutcome(
      (await stores.topics.get(hackathon.id, 1)) as never,
      anOutcome({ achievements: 'It works.', contributors: ['U0A', 'U0B'] }),
      null,
    );
    await stores.votes.firstNotice(hackathon.id, 'U0A', 'placed-v1-1');
    void second;

    const exported = await exportHackathon(source, hackathon.id, new Date('2026-05-09T00:00:00Z'));
    const json = JSON.parse(JSON.stringify(exported));
    const original = (await source.items()).filter(
      (item) => String(item.pk).includes(hackathon.id) || item.hackathonId === hackathon.id,
    );
    expect(exported.items).toHaveLength(original.length);
    expect(original.some((item) => item.entity === 'card')).toBe(true);
    expect(original.some((item) => item.entity === 'activeHackathon')).toBe(true);

    expect(await restoreHackathon(target, json)).toEqual({ items: original.length });
    expect(normalized(await target.items())).toBe(normalized(original));
    // The restored topic still counts what its records say, and the team is a set again.
    const restored = await createStores(target).topics.get(hackathon.id, 1);
    expect(restored).toMatchObject({ voteCount: 3, members: ['U0A', 'U0B'], status: 'done' });

    // Restoring over data that is there is refused, and nothing is overwritten.
    await expect(restoreHackathon(target, json)).rejects.toThrow(RestoreRefusedError);
    expect(normalized(await target.items())).toBe(normalized(original));
    await expect(restoreHackathon(target, { format: 'something else', items: [] })).rejects.toThrow(
      'This is not an htg hackathon export',
    );
  });

  it('restores an older export’s channel pointer (keyed by team and channel) under the channel alone', async () => {
    const stores = createStores(source);
    const hackathon = aHackathon({ channelId: 'C0LEGACY1' });
    await stores.hackathons.create(hackathon);
    const exported = JSON.parse(
      JSON.stringify(await exportHackathon(source, hackathon.id, new Date('2026-05-09T00:00:00Z'))),
    ) as { items: Array<Record<string, unknown>> };
    // Before Slack Connect support, the pointer's key named the workspace too.
    for (const item of exported.items)
      if (item.entity === 'activeHackathon') item.pk = `CHANNEL#${hackathon.teamId}#${hackathon.channelId}`;

    await restoreHackathon(target, exported);
    expect(await createStores(target).hackathons.findActiveByChannel('C0LEGACY1')).toEqual(hackathon);
    expect(
      (await target.items()).some((item) => String(item.pk).startsWith(`CHANNEL#${hackathon.teamId}#`)),
    ).toBe(false);
  });
});
