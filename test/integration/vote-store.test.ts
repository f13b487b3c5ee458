import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHackathonStore } from '../../functions/adapters/dynamodb/hackathon-store.js';
import { createTopicStore } from '../../functions/adapters/dynamodb/topic-store.js';
import { createVoteStore } from '../../functions/adapters/dynamodb/vote-store.js';
import type { VoteChange } from '../../functions/app/ports/stores.js';
import { aHackathon, aTopicDraft } from '../helpers/builders.js';
import { createTestTable, type TestTable } from '../helpers/dynamodb.js';

let table: TestTable;
let votes: ReturnType<typeof createVoteStore>;
let topics: ReturnType<typeof createTopicStore>;
let hackathons: ReturnType<typeof createHackathonStore>;

beforeAll(async () => {
  table = await createTestTable('votes');
  votes = createVoteStore(table);
  topics = createTopicStore(table);
  hackathons = createHackathonStore(table);
});
afterAll(async () => {
  await table?.drop();
});

async function freshTopic() {
  const hackathon = aHackathon();
  await hackathons.create(hackathon);
  const topic = await topics.create(hackathon.id, aTopicDraft(), 'U1', '2026-04-01T00:00:00Z');
  return { hackathonId: hackathon.id, number: topic.number };
}

/** Active vote records of a topic, by kind, straight from the table. */
async function activeRecords(hackathonId: string, number: number, kind: 'vote' | 'interest') {
  const { Items } = await table.documents.send(
    new QueryCommand({
      TableName: table.tableName,
      KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
      FilterExpression: '#state = :active',
      ExpressionAttributeNames: { '#state': 'state' },
      ExpressionAttributeValues: {
        ':pk': `HACKATHON#${hackathonId}`,
        ':prefix': `VOTE#${String(number).padStart(5, '0')}#${kind}#`,
        ':active': 'active',
      },
    }),
  );
  return Items ?? [];
}

describe('vote store', () => {
  const change = (
    target: { hackathonId: string; number: number },
    userId: string,
    at: number,
    kind: 'vote' | 'interest' = 'vote',
  ): VoteChange => ({
    ...target,
    userId,
    kind,
    source: 'reaction',
    at,
  });

  it('counts a vote once however often it is delivered', async () => {
    const target = await freshTopic();
    const outcomes = await Promise.all([1, 2, 3, 4, 5].map(() => votes.add(change(target, 'U2', 100), null)));
    expect(outcomes.filter((o) => o === 'counted')).toHaveLength(1);
    expect(outcomes.filter((o) => o === 'unchanged')).toHaveLength(4);
    expect((await topics.get(target.hackathonId, target.number))?.voteCount).toBe(1);
  });

  it('ends with the last action when a removal overtakes its add', async () => {
    const target = await freshTopic();
    expect(await votes.remove(change(target, 'U2', 200))).toBe('unchanged');
    expect(await votes.add(change(target, 'U2', 100), null)).toBe('superseded');
    expect((await topics.get(target.hackathonId, target.number))?.voteCount).toBe(0);
    expect(await votes.add(change(target, 'U2', 300), null)).toBe('counted');
    expect(await votes.remove(change(target, 'U2', 250))).toBe('superseded');
    expect((await topics.get(target.hackathonId, target.number))?.voteCount).toBe(1);
  });

  it("makes a vote from GitHub Slack's when the person reacts in Slack too, and leaves one from Slack as it is", async () => {
    const target = await freshTopic();
    const source = async (userId: string) =>
      (await activeRecords(target.hackathonId, target.number, 'vote')).find((r) => r.userId === userId)
        ?.source;
    // Counted from the discussion first, then the same vote in Slack: one vote, now Slack's (the sync removes
    // only GitHub's votes, so taking the 👍 back on GitHub leaves the Slack reaction's vote).
    expect(await votes.add({ ...change(target, 'U2', 100), source: 'github' }, null)).toBe('counted');
    expect(await votes.add(change(target, 'U2', 101), null)).toBe('unchanged');
    expect(await source('U2')).toBe('reaction');
    // In Slack first, then on GitHub: still Slack's, still one vote.
    expect(await votes.add(change(target, 'U3', 100), null)).toBe('counted');
    expect(await votes.add({ ...change(target, 'U3', 101), source: 'github' }, null)).toBe('unchanged');
    expect(await source('U3')).toBe('reaction');
    expect((await topics.get(target.hackathonId, target.number))?.voteCount).toBe(2);
  });

  it('keeps interest as a count and the list of people', async () => {
    const target = await freshTopic();
    await votes.add(change(target, 'U2', 100, 'interest'), null);
    await votes.add(change(target, 'U3', 100, 'interest'), null);
    await votes.remove(change(target, 'U2', 101, 'interest'));
    const topic = await topics.get(target.hackathonId, target.number);
    expect(topic?.interestCount).toBe(1);
    expect(topic?.interestedUsers).toEqual(['U3']);
  });

  it('refuses a vote over the budget, and a vote on a withdrawn topic', async () => {
    const hackathon = aHackathon();
    await hackathons.create(hackathon);
    const [a, b, c] = await topics.createMany(
      hackathon.id,
      [aTopicDraft({ title: 'a' }), aTopicDraft({ title: 'b' }), aTopicDraft({ title: 'c' })],
      'U1',
      'now',
    );
    const on = (topic: typeof a) => ({ hackathonId: hackathon.id, number: topic?.number ?? 0 });
    expect(await votes.add(change(on(a), 'U2', 1), 2)).toBe('counted');
    expect(await votes.add(change(on(b), 'U2', 2), 2)).toBe('counted');
    expect(await votes.add(change(on(c), 'U2', 3), 2)).toBe('over-budget');
    await votes.remove(change(on(a), 'U2', 4));
    expect(await votes.add(change(on(c), 'U2', 5), 2)).toBe('counted');
    if (c) await topics.withdraw(c, 'U1', 'later');
    expect(await votes.add(change(on(c), 'U3', 6), 2)).toBe('topic-closed');
  });

  it('writes nothing for a guarded vote or removal once the hackathon has changed', async () => {
    const target = await freshTopic();
    const hackathon = await hackathons.get(target.hackathonId);
    if (!hackathon) throw new Error('no hackathon');
    const guard = { hackathonId: hackathon.id, updatedAt: hackathon.updatedAt, status: hackathon.status };
    expect(await votes.add(change(target, 'U2', 1), null, guard)).toBe('counted');
    const closed = await hackathons.closeVoting(hackathon.id, '2026-04-02T00:00:00.000Z');
    expect(await votes.add(change(target, 'U3', 2), null, guard)).toBe('hackathon-changed');
    expect(await votes.remove(change(target, 'U2', 3), guard)).toBe('hackathon-changed');
    expect(await activeRecords(target.hackathonId, target.number, 'vote')).toHaveLength(1);
    expect((await topics.get(target.hackathonId, target.number))?.voteCount).toBe(1);
    // With the current version the same removal goes through.
    const current = { hackathonId: closed.id, updatedAt: closed.updatedAt, status: closed.status };
    expect(await votes.remove(change(target, 'U2', 3), current)).toBe('removed');
    expect((await topics.get(target.hackathonId, target.number))?.voteCount).toBe(0);
  });

  it('keeps counters equal to records under 32 concurrent voters adding, re-adding and removing', async () => {
    const target = await freshTopic();
    const users = Array.from({ length: 32 }, (_, i) => `U${i}`);
    await Promise.all(
      users.flatMap((user, i) => [
        votes.add(change(target, user, 10), null),
        votes.add(change(target, user, 10), null),
        ...(i % 4 === 0 ? [votes.remove(change(target, user, 20))] : []),
        votes.add(change(target, user, 10, 'interest'), null),
      ]),
    );
    const topic = await topics.get(target.hackathonId, target.number);
    const records = await activeRecords(target.hackathonId, target.number, 'vote');
    expect({ counter: topic?.voteCount, records: records.length }).toEqual({ counter: 24, records: 24 });
    expect(topic?.interestCount).toBe(32);
    expect(await activeRecords(target.hackathonId, target.number, 'interest')).toHaveLength(32);
  });

  it("lists a person's active votes and tells them something only once", async () => {
    const target = await freshTopic();
    await votes.add(change(target, 'U7', 1), null);
    await votes.add(change(target, 'U7', 1, 'interest'), null);
    expect((await votes.listByVoter(target.hackathonId, 'U7')).map((v) => v.kind).sort()).toEqual([
      'interest',
      'vote',
    ]);
    expect(await votes.firstNotice(target.hackathonId, 'U7', 'voting-closed')).toBe(true);
    expect(await votes.firstNotice(target.hackathonId, 'U7', 'voting-closed')).toBe(false);
  });
});
