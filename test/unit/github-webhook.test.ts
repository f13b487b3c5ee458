import { randomUUID } from 'node:crypto';
import { sign } from '@octokit/webhooks-methods';
import { describe, expect, it } from 'vitest';
import type { Job } from '../../functions/app/ports/jobs.js';
import { handleGitHubWebhook } from '../../functions/github/webhook-handler.js';
import { gitHubWebhookEvent } from '../../functions/local/dev/signed-request.js';

const SECRET = 'unit-webhook-secret';

const payload = (fields: Record<string, unknown> = {}) => ({
  action: 'edited',
  issue: {
    number: 4,
    title: 'A topic',
    body: 'About it',
    html_url: 'https://github.com/o/r/issues/4',
    state: 'open',
    state_reason: null,
    labels: [{ name: 'Q4/2026' }],
    user: { login: 'alice' },
    assignees: [],
    updated_at: '2026-12-01T10:00:00Z',
  },
  repository: { full_name: 'o/r' },
  sender: { login: 'alice' },
  ...fields,
});

async function delivery(body: string, headers: Record<string, string> = {}) {
  return {
    body,
    headers: {
      'content-type': 'application/json',
      'x-github-event': 'issues',
      'x-github-delivery': randomUUID(),
      'x-hub-signature-256': await sign(SECRET, body),
      ...headers,
    },
  };
}

function fakeLinks(linked = [{ hackathonId: 'h1', channelId: 'C1' }]) {
  const seen = new Set<string>();
  const recorded: Job[][] = [];
  let reads = 0;
  return {
    recorded,
    reads: () => reads,
    store: {
      async linkedHackathons(_repo: string) {
        reads++;
        return linked;
      },
      async recordDelivery(id: string, jobs: readonly Job[]) {
        if (seen.has(id)) return 'duplicate' as const;
        seen.add(id);
        recorded.push([...jobs]);
        return 'recorded' as const;
      },
    },
  };
}

const logger = { warn: () => undefined, info: () => undefined };
const handle = async (d: { headers: Record<string, string>; body: string }, links = fakeLinks()) =>
  handleGitHubWebhook(gitHubWebhookEvent(d), {
    webhookSecret: async () => SECRET,
    issueLinks: links.store,
    logger,
  });

describe('GitHub webhook deliveries', () => {
  it('records an issues delivery as one job per linked hackathon, with the issue as htg reads it', async () => {
    const links = fakeLinks([
      { hackathonId: 'h1', channelId: 'C1' },
      { hackathonId: 'h2', channelId: 'C2' },
    ]);
    const d = await delivery(JSON.stringify(payload()));
    expect((await handle(d, links)).statusCode).toBe(202);
    expect(links.recorded).toHaveLength(1);
    expect(links.recorded[0]).toEqual([
      expect.objectContaining({
        kind: 'github-issue',
        hackathonId: 'h1',
        channelId: 'C1',
        delivery: d.headers['x-github-delivery'],
        action: 'edited',
        repo: 'o/r',
        requestedBy: 'github:alice',
        issue: expect.objectContaining({
          number: 4,
          labels: ['Q4/2026'],
          author: 'alice',
          isPullRequest: false,
        }),
      }),
      expect.objectContaining({ hackathonId: 'h2', channelId: 'C2' }),
    ]);
  });

  it('refuses a wrong, missing or tampered signature with 401 before reading anything', async () => {
    const links = fakeLinks();
    const d = await delivery(JSON.stringify(payload()));
    const wrong = { ...d, headers: { ...d.headers, 'x-hub-signature-256': await sign('another', d.body) } };
    const missing = { ...d, headers: { ...d.headers, 'x-hub-signature-256': '' } };
    const tampered = { ...d, body: d.body.replace('A topic', 'Another') };
    // Not JSON at all, but unsigned: still 401, not 400 (nothing is parsed before the signature).
    const garbage = { body: '{not json', headers: { ...d.headers, 'x-hub-signature-256': 'sha256=00' } };
    for (const forged of [wrong, missing, tampered, garbage])
      expect((await handle(forged, links)).statusCode).toBe(401);
    expect(links.reads()).toBe(0);
    expect(links.recorded).toEqual([]);
  });

  it('refuses a replay of a recorded delivery with 401, recording nothing again', async () => {
    const links = fakeLinks();
    const d = await delivery(JSON.stringify(payload()));
    expect((await handle(d, links)).statusCode).toBe(202);
    expect((await handle(d, links)).statusCode).toBe(401);
    expect(links.recorded).toHaveLength(1);
  });

  it('answers signed bodies it cannot use with 400, and events it does not follow with 2xx, writing nothing', async () => {
    const links = fakeLinks();
    const cases: Array<[Awaited<ReturnType<typeof delivery>>, number]> = [
      [await delivery('{not json'), 400],
      [await delivery(JSON.stringify({ action: 'edited', issue: { title: 3 } })), 400],
      [await delivery(JSON.stringify(payload()), { 'x-github-delivery': 'not-a-guid' }), 400],
      [
        await delivery(`payload=${encodeURIComponent(JSON.stringify(payload()))}`, {
          'content-type': 'application/x-www-form-urlencoded',
        }),
        400,
      ],
      [
        await delivery(JSON.stringify({ zen: 'Keep it logically awesome.' }), { 'x-github-event': 'ping' }),
        200,
      ],
      [await delivery(JSON.stringify(payload()), { 'x-github-event': 'star' }), 202],
      [await delivery(JSON.stringify(payload({ action: 'milestoned' }))), 202],
    ];
    for (const [d, status] of cases)
      expect((await handle(d, links)).statusCode, d.body.slice(0, 40)).toBe(status);
    expect(links.recorded).toEqual([]);
  });

  it('answers 503 while no webhook secret is configured', async () => {
    const d = await delivery(JSON.stringify(payload()));
    const response = await handleGitHubWebhook(gitHubWebhookEvent(d), {
      webhookSecret: async () => undefined,
      issueLinks: fakeLinks().store,
      logger,
    });
    expect(response.statusCode).toBe(503);
  });
});

describe('pull request deliveries', () => {
  const pullPayload = (fields: Record<string, unknown> = {}) => ({
    action: 'closed',
    pull_request: {
      number: 13542,
      title: 'Dual-stack seeds',
      body: 'Fixes gardener-community/hackathon#41 and refs https://github.com/o/r/issues/4',
      html_url: 'https://github.com/gardener/gardener/pull/13542',
      state: 'closed',
      merged: true,
      merged_at: '2026-12-01T12:00:00Z',
    },
    repository: { full_name: 'gardener/gardener' },
    sender: { login: 'alice' },
    ...fields,
  });
  const pullDelivery = async (body: unknown) =>
    delivery(JSON.stringify(body), { 'x-github-event': 'pull_request' });

  it('records a job per hackathon linked to a repository whose issues it names, with its state', async () => {
    const read: string[] = [];
    const links = fakeLinks();
    const store = {
      ...links.store,
      async linkedHackathons(repo: string) {
        read.push(repo);
        return repo === 'gardener-community/hackathon' ? [{ hackathonId: 'h1', channelId: 'C1' }] : [];
      },
    };
    const d = await pullDelivery(pullPayload());
    expect((await handle(d, { ...links, store })).statusCode).toBe(202);
    expect(read.sort()).toEqual(['gardener-community/hackathon', 'o/r']);
    expect(links.recorded).toEqual([
      [
        expect.objectContaining({
          kind: 'github-pull-request',
          hackathonId: 'h1',
          delivery: d.headers['x-github-delivery'],
          issues: [41],
          pull: {
            repo: 'gardener/gardener',
            number: 13542,
            title: 'Dual-stack seeds',
            url: 'https://github.com/gardener/gardener/pull/13542',
            state: 'merged',
          },
        }),
      ],
    ]);
  });

  it('answers 400 to a signed pull_request payload without its fields, and 202 to actions it ignores', async () => {
    const links = fakeLinks();
    expect(
      (await handle(await pullDelivery({ action: 'opened', pull_request: { number: 'x' } }), links))
        .statusCode,
    ).toBe(400);
    expect((await handle(await pullDelivery(pullPayload({ action: 'labeled' })), links)).statusCode).toBe(
      202,
    );
    expect(links.recorded).toEqual([]);
  });
});
