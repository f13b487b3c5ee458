import { generateKeyPairSync } from 'node:crypto';
import { createAppAuth } from '@octokit/auth-app';
import { Octokit } from '@octokit/core';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import { verify } from '@octokit/webhooks-methods';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GitHubStandIn, startGitHubStandIn } from '../../functions/local/dev/github-stand-in.js';

const REPO = 'hack-week/topics';
const [OWNER, NAME] = REPO.split('/') as [string, string];
const GitHubClient = Octokit.plugin(retry, throttling);
const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

let clients = 0;

/**
 * A client as htg builds one (functions/adapters/github): @octokit/core with explicit routes,
 * as a GitHub App (an installation of it, given an id), with retries and throttling.
 */
function client(
  standIn: GitHubStandIn,
  options: { installationId?: number; privateKey?: string; onSecondaryRateLimit?: () => boolean } = {},
) {
  return new GitHubClient({
    baseUrl: standIn.url,
    authStrategy: createAppAuth,
    auth: {
      appId: standIn.app.id,
      privateKey: options.privateKey ?? standIn.app.privateKey,
      ...(options.installationId ? { installationId: options.installationId } : {}),
    },
    log: quiet,
    // Each client its own throttling queues (plugin-throttling keys them by id), so tests do not wait on each other.
    throttle: {
      id: `github-stand-in-test-${++clients}`,
      onRateLimit: () => false,
      onSecondaryRateLimit: options.onSecondaryRateLimit ?? (() => false),
    },
  });
}

describe('the GitHub stand-in, through Octokit as a GitHub App', () => {
  let standIn: GitHubStandIn;
  let installationId: number;
  let octokit: InstanceType<typeof GitHubClient>;

  beforeAll(async () => {
    standIn = await startGitHubStandIn();
    installationId = standIn.install(REPO);
    standIn.addCollaborator(REPO, 'alice');
    // 130 topics, every 13th a pull request (GitHub lists those among the issues), and some unlabelled noise.
    for (let i = 1; i <= 130; i++) {
      standIn.addIssue(REPO, {
        title: `Topic ${i}`,
        body: `Idea number ${i}`,
        labels: ['topic'],
        author: `hacker${i % 7}`,
        ...(i % 13 === 0 ? { pullRequest: { merged: false } } : {}),
      });
      if (i % 10 === 0) standIn.addIssue(REPO, { title: `Chore ${i}`, labels: ['chore'] });
    }
    octokit = client(standIn, { installationId });
  });
  afterAll(() => standIn.close());

  it('finds the installation of a repository, then lists its labelled issues across two pages', async () => {
    const app = client(standIn);
    const { data: installation } = await app.request('GET /repos/{owner}/{repo}/installation', {
      owner: OWNER,
      repo: NAME,
    });
    expect(installation.id).toBe(installationId);
    expect(installation.app_id).toBe(standIn.app.id);

    const first = await octokit.request('GET /repos/{owner}/{repo}/issues', {
      owner: OWNER,
      repo: NAME,
      labels: 'Topic',
      state: 'all',
      per_page: 100,
    });
    expect(first.headers.link).toMatch(/rel="next".*rel="last"/);
    // Following the Link header's next URL, as htg does.
    const next = first.headers.link?.match(/<([^<>]+)>;\s*rel="next"/)?.[1] ?? '';
    const second = await octokit.request({ method: 'GET', url: next });
    expect(second.headers.link).toMatch(/rel="prev".*rel="first"/);
    expect(second.headers.link).not.toMatch(/rel="next"/);
    const issues = [...first.data, ...(second.data as typeof first.data)];
    expect(issues).toHaveLength(130);
    expect(issues.filter((issue) => issue.pull_request)).toHaveLength(10);
    // Newest first, GitHub's default order.
    expect(issues[0]?.title).toBe('Topic 130');
    const pages = standIn.requests.filter((r) => r.operationId === 'issues/list-for-repo');
    expect(pages.map((r) => r.status)).toEqual([200, 200]);
    // The next page is the Link header's URL, which names the repository by id as GitHub's does.
    expect(pages[1]?.path).toMatch(/^\/repositories\/\d+\/issues$/);
    expect(pages[1]?.query).toMatchObject({ page: '2', labels: 'Topic', per_page: '100' });
    expect(standIn.contractViolations).toEqual([]);
  });

  it('creates, updates, assigns and comments on an issue, and reads a merged pull request off its timeline', async () => {
    const { data: created } = await octokit.request('POST /repos/{owner}/{repo}/issues', {
      owner: OWNER,
      repo: NAME,
      title: 'Offline rehearsal',
      body: 'Run the week without the internet.',
      labels: ['topic', 'Needs Room'],
    });
    expect(created.number).toBe(144);
    expect(created.user?.login).toBe('htg-stand-in[bot]');
    expect(created.performed_via_github_app?.id).toBe(standIn.app.id);
    expect(created.labels.map((label) => (typeof label === 'string' ? label : label.name))).toEqual([
      'topic',
      'Needs Room',
    ]);

    const { data: updated } = await octokit.request('PATCH /repos/{owner}/{repo}/issues/{issue_number}', {
      owner: OWNER,
      repo: NAME,
      issue_number: created.number,
      title: 'Offline rehearsal, take two',
      state: 'closed',
      state_reason: 'not_planned',
    });
    expect(updated).toMatchObject({
      state: 'closed',
      state_reason: 'not_planned',
      title: 'Offline rehearsal, take two',
    });

    // GitHub silently drops whoever cannot be assigned.
    const { data: assigned } = await octokit.request(
      'POST /repos/{owner}/{repo}/issues/{issue_number}/assignees',
      {
        owner: OWNER,
        repo: NAME,
        issue_number: created.number,
        assignees: ['alice', 'mallory'],
      },
    );
    expect(assigned.assignees?.map((user) => user.login)).toEqual(['alice']);
    expect(assigned.assignee?.login).toBe('alice');

    const { data: comment } = await octokit.request(
      'POST /repos/{owner}/{repo}/issues/{issue_number}/comments',
      {
        owner: OWNER,
        repo: NAME,
        issue_number: created.number,
        body: 'Moved to Thursday.',
      },
    );
    await octokit.request('PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}', {
      owner: OWNER,
      repo: NAME,
      comment_id: comment.id,
      body: 'Friday.',
    });
    const { data: comments } = await octokit.request(
      'GET /repos/{owner}/{repo}/issues/{issue_number}/comments',
      {
        owner: OWNER,
        repo: NAME,
        issue_number: created.number,
      },
    );
    expect(comments.map((c) => c.body)).toEqual(['Friday.']);
    expect(standIn.comments(REPO, created.number)[0]?.id).toBe(comment.id);
    expect(standIn.issue(REPO, created.number)?.comments).toBe(1);

    const pull = standIn.addIssue(REPO, {
      title: 'Rehearse offline',
      pullRequest: { merged: true },
      author: 'bob',
    });
    standIn.crossReference(REPO, created.number, Number(pull.number));
    const { data: timeline } = await octokit.request(
      'GET /repos/{owner}/{repo}/issues/{issue_number}/timeline',
      {
        owner: OWNER,
        repo: NAME,
        issue_number: created.number,
      },
    );
    expect(timeline.map((event) => event.event)).toEqual(['commented', 'cross-referenced']);
    const reference = timeline[1] as { source: { issue: Record<string, unknown> } };
    expect(reference.source.issue).toMatchObject({
      number: pull.number,
      pull_request: { merged_at: expect.any(String) },
      repository: { full_name: REPO },
    });
    const { data: pr } = await octokit.request('GET /repos/{owner}/{repo}/pulls/{pull_number}', {
      owner: OWNER,
      repo: NAME,
      pull_number: Number(pull.number),
    });
    expect(pr).toMatchObject({ state: 'closed', merged: true, merged_at: expect.any(String) });
    expect(standIn.contractViolations).toEqual([]);
  }, 15_000);

  it('answers every request with GitHub rate limit and request id headers', async () => {
    const response = await octokit.request('GET /repos/{owner}/{repo}/issues/{issue_number}', {
      owner: OWNER,
      repo: NAME,
      issue_number: 1,
    });
    expect(response.headers).toMatchObject({
      'x-ratelimit-limit': '5000',
      'x-ratelimit-resource': 'core',
      'content-type': 'application/json; charset=utf-8',
    });
    expect(Number(response.headers['x-ratelimit-remaining'])).toBeLessThan(5000);
    expect(response.headers['x-github-request-id']).toMatch(/^[0-9A-F:]+$/);
  });

  it('refuses a JWT signed with another key (401), and a repository the App is not installed on (404)', async () => {
    const { privateKey } = generateKeyPairSync('rsa', {
      modulusLength: 2048,
      publicKeyEncoding: { type: 'spki', format: 'pem' },
      privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
    });
    const forged = client(standIn, { privateKey });
    await expect(
      forged.request('GET /repos/{owner}/{repo}/installation', { owner: OWNER, repo: NAME }),
    ).rejects.toMatchObject({
      status: 401,
      response: { data: { message: 'A JSON web token could not be decoded' } },
    });
    const app = client(standIn);
    await expect(
      app.request('GET /repos/{owner}/{repo}/installation', { owner: OWNER, repo: 'elsewhere' }),
    ).rejects.toMatchObject({
      status: 404,
    });
    await expect(
      octokit.request('GET /repos/{owner}/{repo}/issues/{issue_number}', {
        owner: 'someone-else',
        repo: 'topics',
        issue_number: 1,
      }),
    ).rejects.toMatchObject({
      status: 404,
    });
    expect(standIn.contractViolations).toEqual([]);
  });

  it('answers a deleted issue 404', async () => {
    const seeded = standIn.addIssue(REPO, { title: 'Spam' });
    standIn.deleteIssue(REPO, Number(seeded.number));
    await expect(
      octokit.request('GET /repos/{owner}/{repo}/issues/{issue_number}', {
        owner: OWNER,
        repo: NAME,
        issue_number: Number(seeded.number),
      }),
    ).rejects.toMatchObject({ status: 404 });
  });

  it('records a request its description does not allow as a contract violation and answers it 422', async () => {
    await expect(
      octokit.request('PATCH /repos/{owner}/{repo}/issues/{issue_number}', {
        owner: OWNER,
        repo: NAME,
        issue_number: 1,
        // Octokit's types refuse it too; a caller without them (or with a wrong cast) sends it.
        state: 'bogus' as 'open',
      }),
    ).rejects.toMatchObject({ status: 422, message: expect.stringContaining('"bogus" is not a member of') });
    expect(standIn.contractViolations).toHaveLength(1);
    expect(standIn.contractViolations[0]).toMatch(
      /^issues\/update \(PATCH \/repos\/hack-week\/topics\/issues\/1\): .*state/,
    );
    expect(standIn.issue(REPO, 1)?.state).toBe('open');
    standIn.contractViolations.splice(0);
  });

  it('answers a route GitHub does not describe 404, recording it; a blank title 422 as GitHub validates it', async () => {
    await expect(
      octokit.request('GET /repos/{owner}/{repo}/topics-of-the-week', { owner: OWNER, repo: NAME }),
    ).rejects.toMatchObject({ status: 404, response: { data: { message: 'Not Found' } } });
    expect(standIn.contractViolations).toEqual([
      "GET /repos/hack-week/topics/topics-of-the-week: GitHub's OpenAPI description has no such route (GitHub answers 404)",
    ]);
    standIn.contractViolations.splice(0);
    await expect(
      octokit.request('POST /repos/{owner}/{repo}/issues', { owner: OWNER, repo: NAME, title: ' ' }),
    ).rejects.toMatchObject({
      status: 422,
      response: {
        data: {
          message: 'Validation Failed',
          errors: [{ resource: 'Issue', code: 'missing_field', field: 'title' }],
        },
      },
    });
    expect(standIn.contractViolations).toEqual([]);
  });

  it('is retried by plugin-retry through a 503', async () => {
    standIn.failNext(1, 503, 'issues/get');
    const fresh = client(standIn, { installationId });
    const started = Date.now();
    const { data } = await fresh.request('GET /repos/{owner}/{repo}/issues/{issue_number}', {
      owner: OWNER,
      repo: NAME,
      issue_number: 2,
    });
    expect(data.number).toBe(2);
    const gets = standIn.requests.filter(
      (r) => r.operationId === 'issues/get' && r.path.endsWith('/issues/2'),
    );
    expect(gets.map((r) => r.status)).toEqual([503, 200]);
    // About the first back-off of plugin-retry (1 s). (A client whose earlier request failed waits (1 + 1)² s:
    // plugin-retry 8.1.1 keeps the retry count of a failure for the next request; hence a fresh client.)
    expect(Date.now() - started).toBeLessThan(3000);
  });

  it('is retried by plugin-throttling through a secondary rate limit, after its retry-after', async () => {
    let limited = 0;
    const throttled = client(standIn, { installationId, onSecondaryRateLimit: () => ++limited === 1 });
    standIn.failNext(1, { rateLimit: 'secondary', retryAfterSeconds: 1 }, 'issues/get');
    const started = Date.now();
    const { data } = await throttled.request('GET /repos/{owner}/{repo}/issues/{issue_number}', {
      owner: OWNER,
      repo: NAME,
      issue_number: 3,
    });
    expect(data.number).toBe(3);
    expect(limited).toBe(1);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    const gets = standIn.requests.filter(
      (r) => r.operationId === 'issues/get' && r.path.endsWith('/issues/3'),
    );
    expect(gets.map((r) => r.status)).toEqual([403, 200]);
  });

  it('answers the primary rate limit as GitHub does', async () => {
    standIn.failNext(1, { rateLimit: 'primary', retryAfterSeconds: 30 }, 'issues/get');
    await expect(
      octokit.request('GET /repos/{owner}/{repo}/issues/{issue_number}', {
        owner: OWNER,
        repo: NAME,
        issue_number: 4,
      }),
    ).rejects.toMatchObject({
      status: 403,
      response: {
        headers: { 'x-ratelimit-remaining': '0' },
        data: { message: `API rate limit exceeded for installation ID ${installationId}.` },
      },
    });
  });

  it('signs webhook deliveries as GitHub does, with the stored issue in the example payload', async () => {
    const seeded = standIn.addIssue(REPO, { title: 'Robots', labels: ['topic'], author: 'carol' });
    standIn.editIssue(REPO, Number(seeded.number), { title: 'Friendly robots' });
    const delivery = standIn.delivery('issues', 'edited', REPO, Number(seeded.number), { deliveryId: 'd-1' });
    const signature = delivery.headers['x-hub-signature-256'] ?? '';
    expect(await verify(standIn.app.webhookSecret, delivery.body, signature)).toBe(true);
    expect(await verify('another secret', delivery.body, signature)).toBe(false);
    expect(delivery.headers).toMatchObject({
      'x-github-event': 'issues',
      'x-github-delivery': 'd-1',
      'content-type': 'application/json',
      'user-agent': expect.stringMatching(/^GitHub-Hookshot\//),
    });
    const payload = JSON.parse(delivery.body) as {
      action: string;
      issue: unknown;
      repository: unknown;
      installation: { id: number };
      changes: unknown;
      sender: { login: string };
    };
    expect(payload.action).toBe('edited');
    expect(payload.issue).toMatchObject({ number: seeded.number, title: 'Friendly robots' });
    expect(payload.repository).toMatchObject({ full_name: REPO, name: NAME, owner: { login: OWNER } });
    expect(payload.installation.id).toBe(installationId);
    expect(payload.changes).toEqual({ title: { from: 'Robots' } });
    expect(payload.sender.login).toBe('carol');

    const labeled = JSON.parse(standIn.delivery('issues', 'labeled', REPO, Number(seeded.number)).body);
    expect(labeled.label.name).toBe('topic');
    const closed = standIn.delivery('issues', 'closed', REPO, Number(seeded.number));
    expect(closed.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(JSON.parse(closed.body).action).toBe('closed');
  });

  it('deletes a comment (204), and answers one already gone 404', async () => {
    const seeded = standIn.addIssue(REPO, { title: 'Comments come and go', labels: ['topic'] });
    const number = Number(seeded.number);
    const kept = standIn.addComment(REPO, number, { body: 'Count me in.', author: 'alice' });
    expect(kept).toMatchObject({
      body: 'Count me in.',
      user: { login: 'alice' },
      author_association: 'COLLABORATOR',
    });
    const { data: comment } = await octokit.request(
      'POST /repos/{owner}/{repo}/issues/{issue_number}/comments',
      { owner: OWNER, repo: NAME, issue_number: number, body: 'Posted twice.' },
    );
    expect(standIn.issue(REPO, number)?.comments).toBe(2);

    const deleted = await octokit.request('DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}', {
      owner: OWNER,
      repo: NAME,
      comment_id: comment.id,
    });
    expect(deleted.status).toBe(204);
    expect(standIn.comments(REPO, number).map((c) => c.id)).toEqual([kept.id]);
    expect(standIn.issue(REPO, number)?.comments).toBe(1);
    await expect(
      octokit.request('DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}', {
        owner: OWNER,
        repo: NAME,
        comment_id: comment.id,
      }),
    ).rejects.toMatchObject({ status: 404, response: { data: { message: 'Not Found' } } });
    // Nor can it be edited any more.
    await expect(
      octokit.request('PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}', {
        owner: OWNER,
        repo: NAME,
        comment_id: comment.id,
        body: 'Too late.',
      }),
    ).rejects.toMatchObject({ status: 404 });
    expect(
      standIn.requests.filter((r) => r.operationId === 'issues/delete-comment').map((r) => r.status),
    ).toEqual([204, 404]);
    expect(standIn.contractViolations).toEqual([]);
  }, 15_000);

  it('keeps at most ten assignees on an issue, silently leaving out the rest, as GitHub does', async () => {
    const members = Array.from({ length: 12 }, (_, i) => `crew${i + 1}`);
    for (const login of members) standIn.addCollaborator(REPO, login);
    const number = Number(standIn.addIssue(REPO, { title: 'A crowded topic', labels: ['topic'] }).number);
    const logins = (issue: { assignees?: Array<{ login: string }> | null }) =>
      (issue.assignees ?? []).map((user) => user.login);

    const first = await octokit.request('POST /repos/{owner}/{repo}/issues/{issue_number}/assignees', {
      owner: OWNER,
      repo: NAME,
      issue_number: number,
      assignees: members.slice(0, 3),
    });
    expect(logins(first.data)).toEqual(['crew1', 'crew2', 'crew3']);
    // Nine more asked for, room for seven: the 201 names the ten it kept, those assigned before among them.
    const crowded = await octokit.request('POST /repos/{owner}/{repo}/issues/{issue_number}/assignees', {
      owner: OWNER,
      repo: NAME,
      issue_number: number,
      assignees: members.slice(3),
    });
    expect(crowded.status).toBe(201);
    expect(logins(crowded.data)).toEqual(members.slice(0, 10));
    // One leaving makes room for one.
    await octokit.request('DELETE /repos/{owner}/{repo}/issues/{issue_number}/assignees', {
      owner: OWNER,
      repo: NAME,
      issue_number: number,
      assignees: ['crew1'],
    });
    const { data: after } = await octokit.request(
      'POST /repos/{owner}/{repo}/issues/{issue_number}/assignees',
      { owner: OWNER, repo: NAME, issue_number: number, assignees: ['crew12', 'crew11'] },
    );
    expect(logins(after)).toEqual([...members.slice(1, 10), 'crew12']);
    expect(logins(standIn.issue(REPO, number) as { assignees: Array<{ login: string }> })).toHaveLength(10);

    // Opening an issue with twelve assigns ten.
    const { data: opened } = await octokit.request('POST /repos/{owner}/{repo}/issues', {
      owner: OWNER,
      repo: NAME,
      title: 'Everyone on it',
      assignees: members,
    });
    expect(logins(opened)).toEqual(members.slice(0, 10));
    expect(standIn.contractViolations).toEqual([]);
  }, 20_000);

  it('merges a pull request as GitHub stores it, seen through pulls/get and the issue timeline', async () => {
    const topic = Number(standIn.addIssue(REPO, { title: 'Faster shoots', labels: ['topic'] }).number);
    const pull = Number(
      standIn.addIssue(REPO, { title: 'Speed up', body: 'Draft.', pullRequest: {}, author: 'bob' }).number,
    );
    standIn.crossReference(REPO, topic, pull);
    const get = () =>
      octokit.request('GET /repos/{owner}/{repo}/pulls/{pull_number}', {
        owner: OWNER,
        repo: NAME,
        pull_number: pull,
      });
    const referenced = async () => {
      const { data } = await octokit.request('GET /repos/{owner}/{repo}/issues/{issue_number}/timeline', {
        owner: OWNER,
        repo: NAME,
        issue_number: topic,
      });
      return (data as Array<{ event?: string; source?: { issue?: Record<string, unknown> } }>).find(
        (event) => event.event === 'cross-referenced',
      )?.source?.issue;
    };
    expect((await get()).data).toMatchObject({
      state: 'open',
      merged: false,
      merged_at: null,
      merge_commit_sha: null,
    });
    expect(await referenced()).toMatchObject({
      number: pull,
      state: 'open',
      pull_request: { merged_at: null },
    });

    // A person edits the pull request's title and body on GitHub, then merges it.
    standIn.editIssue(REPO, pull, { title: 'Speed up shoots', body: `Fixes #${topic}` });
    const merged = standIn.mergePullRequest(REPO, pull);
    const { data } = await get();
    expect(data).toEqual(merged);
    expect(data).toMatchObject({
      title: 'Speed up shoots',
      body: `Fixes #${topic}`,
      state: 'closed',
      merged: true,
      merged_at: expect.stringMatching(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/),
      merge_commit_sha: expect.stringMatching(/^[0-9a-f]{40}$/),
      merged_by: { login: 'bob' },
      base: { repo: { full_name: REPO } },
    });
    expect(data.closed_at).toBe(data.merged_at);
    expect(standIn.issue(REPO, pull)).toMatchObject({
      state: 'closed',
      state_reason: null,
      pull_request: { merged_at: data.merged_at },
    });
    expect(await referenced()).toMatchObject({
      number: pull,
      title: 'Speed up shoots',
      state: 'closed',
      pull_request: { merged_at: data.merged_at },
    });
    const delivery = JSON.parse(standIn.delivery('pull_request', 'closed', REPO, pull).body);
    expect(delivery.pull_request).toMatchObject({ merged: true, state: 'closed' });
    expect(delivery.sender.login).toBe('bob');

    // Only an open pull request merges, and a merged one does not reopen.
    expect(() => standIn.mergePullRequest(REPO, pull)).toThrow(/not open/);
    expect(() => standIn.mergePullRequest(REPO, topic)).toThrow(/not a pull request/);
    expect(() => standIn.editIssue(REPO, pull, { state: 'open' })).toThrow(/merged/);
    expect(standIn.contractViolations).toEqual([]);
  });
});
