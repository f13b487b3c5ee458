import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHackathonStore } from '../../functions/adapters/dynamodb/hackathon-store.js';
import { createIssueLinkStore } from '../../functions/adapters/dynamodb/issue-link-store.js';
import { createLoginStore } from '../../functions/adapters/dynamodb/login-store.js';
import { createTopicStore } from '../../functions/adapters/dynamodb/topic-store.js';
import type { PullRequestLink } from '../../functions/domain/github.js';
import { aHackathon, aTopicDraft } from '../helpers/builders.js';
import { createTestTable, type TestTable } from '../helpers/dynamodb.js';

/** The GitHub side's writes against DynamoDB Local: logins claimed once, races on a topic's team and pulls. */
let table: TestTable;
beforeAll(async () => {
  table = await createTestTable('github-stores');
});
afterAll(async () => {
  await table?.drop();
});

describe('login store', () => {
  it('gives a login to one person, case-insensitively, and frees the old one on a change', async () => {
    const logins = createLoginStore(table);
    expect(await logins.setLogin('U0ANNA', 'Anna-GH')).toEqual({ previous: null });
    expect(await logins.userWithLogin('anna-gh')).toBe('U0ANNA');
    expect(await logins.setLogin('U0BOB', 'ANNA-gh')).toEqual({ previous: null, heldBy: 'U0ANNA' });
    expect(await logins.loginsOf(['U0ANNA', 'U0BOB'])).toEqual(new Map([['U0ANNA', 'Anna-GH']]));

    // Anna changes hers: the old one is free, and Bob can have it.
    expect(await logins.setLogin('U0ANNA', 'anna2')).toEqual({ previous: 'Anna-GH' });
    expect(await logins.userWithLogin('anna-gh')).toBeNull();
    expect(await logins.setLogin('U0BOB', 'anna-gh')).toEqual({ previous: null });
    // Forgetting releases it too.
    expect(await logins.setLogin('U0BOB', null)).toEqual({ previous: 'anna-gh' });
    expect(await logins.userWithLogin('anna-gh')).toBeNull();
    expect(await logins.loginsOf(['U0BOB'])).toEqual(new Map());
  });

  it('gives a login claimed by ten people at once to exactly one of them', async () => {
    const logins = createLoginStore(table);
    const people = Array.from({ length: 10 }, (_, i) => `U0RACE${i}`);
    const answers = await Promise.all(people.map((userId) => logins.setLogin(userId, 'contested')));
    const winners = people.filter((_, i) => !answers[i]?.heldBy);
    expect(winners).toHaveLength(1);
    expect(await logins.userWithLogin('contested')).toBe(winners[0]);
    for (const answer of answers.filter((answer) => answer.heldBy))
      expect(answer).toEqual({ previous: null, heldBy: winners[0] });
    expect((await logins.loginsOf(people)).size).toBe(1);
  });

  it('reads the logins of more people than one batch holds', async () => {
    const logins = createLoginStore(table);
    const people = Array.from({ length: 110 }, (_, i) => `U0MANY${i}`);
    await Promise.all(
      people.slice(0, 105).map((userId) => logins.setLogin(userId, `many-${userId.slice(6)}`)),
    );
    const found = await logins.loginsOf(people);
    expect(found.size).toBe(105);
    expect(found.get('U0MANY104')).toBe('many-104');
  });
});

describe('issue link store: the team on the issue and the pull requests', () => {
  it('records a team once when two runs race, and tells the loser which one was kept', async () => {
    const hackathon = aHackathon();
    await createHackathonStore(table).create(hackathon);
    const topics = createTopicStore(table);
    const links = createIssueLinkStore(table);
    const [topic] = await topics.createMany(hackathon.id, [aTopicDraft()], 'U0ORG', new Date().toISOString());
    if (!topic) throw new Error('no topic');
    const first = { commentId: 11, assigned: ['anna'], synced: 'a' };
    const second = { commentId: 12, assigned: ['anna'], synced: 'a' };
    const [a, b] = await Promise.all([
      links.recordIssueTeam(topic, null, first),
      links.recordIssueTeam(topic, null, second),
    ]);
    expect([a, b].filter((answer) => answer === null)).toHaveLength(1);
    const kept = (await topics.get(hackathon.id, topic.number))?.issueTeam;
    expect([a, b].find(Boolean)).toEqual(kept);
    // A later write based on the kept one goes through; one based on a stale copy does not.
    const next = { commentId: kept?.commentId ?? null, assigned: [], synced: 'b' };
    expect(await links.recordIssueTeam(topic, kept ?? null, next)).toBeNull();
    expect(await links.recordIssueTeam(topic, kept ?? null, { ...next, synced: 'c' })).toEqual(next);
  });

  it('adds pull requests without losing one written at the same time', async () => {
    const hackathon = aHackathon();
    await createHackathonStore(table).create(hackathon);
    const topics = createTopicStore(table);
    const links = createIssueLinkStore(table);
    const [topic] = await topics.createMany(hackathon.id, [aTopicDraft()], 'U0ORG', new Date().toISOString());
    if (!topic) throw new Error('no topic');
    const pull = (number: number): PullRequestLink => ({
      repo: 'gardener/gardener',
      number,
      title: `PR ${number}`,
      url: `https://github.com/gardener/gardener/pull/${number}`,
      state: 'open',
    });
    expect(await links.recordPullRequests(topic, [], [pull(1)])).toBe(true);
    // A second writer that read the topic before the first wrote is refused, not allowed to overwrite.
    expect(await links.recordPullRequests(topic, [], [pull(2)])).toBe(false);
    expect(await links.recordPullRequests(topic, [pull(1)], [pull(1), pull(2)])).toBe(true);
    expect((await topics.get(hackathon.id, topic.number))?.pullRequests?.map((p) => p.number)).toEqual([
      1, 2,
    ]);
  });
});
