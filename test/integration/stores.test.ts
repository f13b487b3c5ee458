import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHackathonStore } from '../../functions/adapters/dynamodb/hackathon-store.js';
import { createImportDraftStore } from '../../functions/adapters/dynamodb/import-draft-store.js';
import { createTopicStore } from '../../functions/adapters/dynamodb/topic-store.js';
import { ConflictError } from '../../functions/domain/errors.js';
import { aHackathon, aTopicDraft } from '../helpers/builders.js';
import { createTestTable, type TestTable } from '../helpers/dynamodb.js';

let table: TestTable;
let hackathons: ReturnType<typeof createHackathonStore>;
let topics: ReturnType<typeof createTopicStore>;

beforeAll(async () => {
  table = await createTestTable('stores');
  hackathons = createHackathonStore(table);
  topics = createTopicStore(table);
});
afterAll(async () => {
  await table?.drop();
});

describe('hackathon store', () => {
  it('keeps one active hackathon per channel', async () => {
    const first = aHackathon();
    await hackathons.create(first);
    await expect(hackathons.create(aHackathon({ channelId: first.channelId }))).rejects.toThrow(
      ConflictError,
    );
    // Whatever workspace a second one would name (a Slack Connect partner's), the channel has its one.
    await expect(
      hackathons.create(aHackathon({ channelId: first.channelId, teamId: 'T0PARTNER' })),
    ).rejects.toThrow(ConflictError);
    expect(await hackathons.findActiveByChannel(first.channelId)).toEqual(first);
    expect(await hackathons.findActiveByChannel('C0OTHER')).toBeNull();
  });

  it('remembers the channel’s visibility as Slack last said it', async () => {
    const hackathon = aHackathon();
    await hackathons.create(hackathon);
    await hackathons.setChannelVisibility(hackathon.id, 'public');
    await hackathons.setChannelVisibility(hackathon.id, 'public');
    expect((await hackathons.get(hackathon.id))?.channelVisibility).toBe('public');
    await hackathons.setChannelVisibility(hackathon.id, 'private');
    expect((await hackathons.get(hackathon.id))?.channelVisibility).toBe('private');
    await hackathons.setChannelVisibility('no-such-hackathon', 'public');
    expect(await hackathons.get('no-such-hackathon')).toBeNull();
  });

  it("lists a workspace's hackathons newest first", async () => {
    const older = aHackathon({ teamId: 'T0LIST', createdAt: '2025-11-01T00:00:00.000Z' });
    const newer = aHackathon({ teamId: 'T0LIST', createdAt: '2026-05-01T00:00:00.000Z' });
    await hackathons.create(older);
    await hackathons.create(newer);
    expect((await hackathons.listByTeam('T0LIST')).map((h) => h.id)).toEqual([newer.id, older.id]);
  });

  it('refuses a settings update based on a stale copy', async () => {
    const hackathon = aHackathon();
    await hackathons.create(hackathon);
    const { id, teamId, channelId, status, createdAt, createdBy, updatedAt, ...settings } = hackathon;
    const saved = await hackathons.updateSettings(
      id,
      { ...settings, name: 'Renamed' },
      updatedAt,
      '2026-04-02T00:00:00.000Z',
    );
    expect(saved.name).toBe('Renamed');
    await expect(
      hackathons.updateSettings(
        id,
        { ...settings, name: 'Lost update' },
        updatedAt,
        '2026-04-03T00:00:00.000Z',
      ),
    ).rejects.toThrow(ConflictError);
    expect((await hackathons.get(id))?.name).toBe('Renamed');
  });
});

describe('topic store', () => {
  it('gives 50 concurrent proposals 50 distinct, consecutive numbers', async () => {
    const hackathon = aHackathon();
    await hackathons.create(hackathon);
    const created = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        topics.create(
          hackathon.id,
          aTopicDraft({ title: `Topic ${i}` }),
          `U${i}`,
          '2026-04-10T00:00:00.000Z',
        ),
      ),
    );
    const numbers = created.map((topic) => topic.number).sort((a, b) => a - b);
    expect(numbers).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    expect(await topics.list(hackathon.id)).toHaveLength(50);
  });

  it('numbers a batch after the existing topics, all or nothing', async () => {
    const hackathon = aHackathon();
    await hackathons.create(hackathon);
    await topics.create(hackathon.id, aTopicDraft(), 'U1', '2026-04-10T00:00:00.000Z');
    const batch = await topics.createMany(
      hackathon.id,
      [aTopicDraft({ title: 'A' }), aTopicDraft({ title: 'B' })],
      'U0ORGANIZER',
      '2026-04-10T00:00:00.000Z',
    );
    expect(batch.map((t) => [t.number, t.title])).toEqual([
      [2, 'A'],
      [3, 'B'],
    ]);
  });

  it('keeps the previous version of an edited topic, and refuses an edit based on a stale copy', async () => {
    const hackathon = aHackathon();
    await hackathons.create(hackathon);
    const topic = await topics.create(hackathon.id, aTopicDraft(), 'U1', '2026-04-10T00:00:00.000Z');
    const edited = await topics.update(
      topic,
      aTopicDraft({ title: 'WireGuard everywhere' }),
      'U1',
      '2026-04-11T00:00:00.000Z',
    );
    expect((await topics.get(hackathon.id, topic.number))?.title).toBe('WireGuard everywhere');
    await expect(
      topics.update(topic, aTopicDraft({ title: 'Stale' }), 'U2', '2026-04-12T00:00:00.000Z'),
    ).rejects.toThrow(ConflictError);
    const { Items } = await table.documents.send(
      new QueryCommand({
        TableName: table.tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :rev)',
        ExpressionAttributeValues: { ':pk': `HACKATHON#${hackathon.id}`, ':rev': 'REVISION#' },
      }),
    );
    expect(Items?.map((item) => [item.title, item.revisedBy])).toEqual([
      ['Replace OpenVPN with WireGuard', 'U1'],
    ]);
    expect(edited.updatedBy).toBe('U1');
  });

  it('withdraws without deleting, idempotently, and refuses edits afterwards', async () => {
    const hackathon = aHackathon();
    await hackathons.create(hackathon);
    const topic = await topics.create(hackathon.id, aTopicDraft(), 'U1', '2026-04-10T00:00:00.000Z');
    const withdrawn = await topics.withdraw(topic, 'U1', '2026-04-11T00:00:00.000Z');
    const again = await topics.withdraw(topic, 'U1', '2026-04-12T00:00:00.000Z');
    expect(withdrawn.status).toBe('withdrawn');
    expect(again.withdrawnAt).toBe('2026-04-11T00:00:00.000Z');
    expect(await topics.list(hackathon.id)).toHaveLength(1);
    await expect(topics.update(withdrawn, aTopicDraft(), 'U1', '2026-04-13T00:00:00.000Z')).rejects.toThrow(
      ConflictError,
    );
  });

  it('maps a card back to its topic in one lookup, and keeps the first card', async () => {
    const hackathon = aHackathon();
    await hackathons.create(hackathon);
    const topic = await topics.create(hackathon.id, aTopicDraft(), 'U1', '2026-04-10T00:00:00.000Z');
    const card = { channelId: hackathon.channelId, ts: '1714000000.000100' };
    await topics.attachCard(topic, card);
    const second = await topics.attachCard(topic, {
      channelId: hackathon.channelId,
      ts: '1714000000.000999',
    });
    expect(second.card).toEqual(card);
    expect(await topics.findByCard(card)).toEqual({ hackathonId: hackathon.id, number: topic.number });
  });
});

describe('import draft store', () => {
  it('returns a draft until it expires', async () => {
    let now = new Date('2026-04-10T00:00:00Z');
    const drafts = createImportDraftStore(table, () => now);
    const parsed = [
      {
        title: 'T',
        category: null,
        description: '',
        links: [],
        emoji: null,
        kind: 'hacking' as const,
        fastTrack: false,
      },
    ];
    const id = await drafts.save('H1', parsed, 3600);
    expect(await drafts.get('H1', id)).toEqual(parsed);
    now = new Date('2026-04-10T01:00:01Z');
    expect(await drafts.get('H1', id)).toBeNull();
  });
});
