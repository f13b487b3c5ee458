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

// Writes are paced as GitHub asks (plugin-throttling: 1 s between writes, 3 s between those that notify).
describe("the GitHub stand-in's repository contents, git data, forks and pull requests", {
  timeout: 30_000,
}, () => {
  const SITE = 'gardener/documentation';
  const [SITE_OWNER, SITE_NAME] = SITE.split('/') as [string, string];
  let standIn: GitHubStandIn;
  let writer: InstanceType<typeof GitHubClient>;

  beforeAll(async () => {
    standIn = await startGitHubStandIn();
    writer = client(standIn, {
      installationId: standIn.install(SITE, { contents: 'write', pullRequests: 'write' }),
    });
    standIn.addFiles(SITE, {
      'website/community/hackathons/_index.md': '# Hackathons\n',
      'README.md': '# Docs\n',
    });
  });
  afterAll(() => standIn.close());

  /** A commit of `files` on top of the default branch, made through the Git Data API as htg makes one. */
  const commitThrough = async (octokit: typeof writer, repo: string, files: Record<string, string>) => {
    const [owner, name] = repo.split('/') as [string, string];
    const { data: ref } = await octokit.request('GET /repos/{owner}/{repo}/git/ref/{ref}', {
      owner,
      repo: name,
      ref: 'heads/main',
    });
    const { data: parent } = await octokit.request('GET /repos/{owner}/{repo}/git/commits/{commit_sha}', {
      owner,
      repo: name,
      commit_sha: ref.object.sha,
    });
    const { data: tree } = await octokit.request('POST /repos/{owner}/{repo}/git/trees', {
      owner,
      repo: name,
      base_tree: parent.tree.sha,
      tree: Object.entries(files).map(([path, content]) => ({
        path,
        mode: '100644' as const,
        type: 'blob' as const,
        content,
      })),
    });
    const { data: commit } = await octokit.request('POST /repos/{owner}/{repo}/git/commits', {
      owner,
      repo: name,
      message: 'A commit',
      tree: tree.sha,
      parents: [parent.sha],
    });
    return commit.sha;
  };

  it("serves files and directories as the contents API does, and git objects named by git's own shas", async () => {
    const { data: file } = await writer.request('GET /repos/{owner}/{repo}/contents/{path}', {
      owner: SITE_OWNER,
      repo: SITE_NAME,
      path: 'README.md',
    });
    expect(file).toMatchObject({ type: 'file', encoding: 'base64', path: 'README.md', size: 7 });
    // `git hash-object` of "# Docs\n".
    expect((file as { sha: string }).sha).toBe('d0fa60edab3510b80d03fa4af708bea7a61cc4cd');
    expect(Buffer.from((file as { content: string }).content, 'base64').toString('utf8')).toBe('# Docs\n');
    const { data: directory } = await writer.request('GET /repos/{owner}/{repo}/contents/{path}', {
      owner: SITE_OWNER,
      repo: SITE_NAME,
      path: 'website',
    });
    expect(directory).toEqual([
      expect.objectContaining({ type: 'dir', name: 'community', path: 'website/community' }),
    ]);
    await expect(
      writer.request('GET /repos/{owner}/{repo}/contents/{path}', {
        owner: SITE_OWNER,
        repo: SITE_NAME,
        path: 'nope.md',
      }),
    ).rejects.toMatchObject({ status: 404 });
    await expect(
      writer.request('GET /repos/{owner}/{repo}/contents/{path}', {
        owner: SITE_OWNER,
        repo: SITE_NAME,
        path: 'README.md',
        ref: 'no-such-branch',
      }),
    ).rejects.toMatchObject({
      status: 404,
      response: { data: { message: 'No commit found for the ref no-such-branch' } },
    });

    const { data: blob } = await writer.request('POST /repos/{owner}/{repo}/git/blobs', {
      owner: SITE_OWNER,
      repo: SITE_NAME,
      content: '# Docs\n',
      encoding: 'utf-8',
    });
    expect(blob.sha).toBe('d0fa60edab3510b80d03fa4af708bea7a61cc4cd');
    // A tree on a base that is not a tree, or naming a blob that is not there: 422, in GitHub's words.
    await expect(
      writer.request('POST /repos/{owner}/{repo}/git/trees', {
        owner: SITE_OWNER,
        repo: SITE_NAME,
        base_tree: 'f'.repeat(40),
        tree: [{ path: 'a.md', mode: '100644', type: 'blob', sha: blob.sha }],
      }),
    ).rejects.toMatchObject({
      status: 422,
      response: { data: { message: 'base_tree is not a valid tree oid' } },
    });
    await expect(
      writer.request('POST /repos/{owner}/{repo}/git/trees', {
        owner: SITE_OWNER,
        repo: SITE_NAME,
        tree: [{ path: 'a.md', mode: '100644', type: 'blob', sha: 'e'.repeat(40) }],
      }),
    ).rejects.toMatchObject({
      status: 422,
      response: { data: { message: `tree.sha ${'e'.repeat(40)} is not a valid blob` } },
    });
    expect(standIn.contractViolations).toEqual([]);
  });

  it('answers 409 for the git data of an empty repository, and 403 to a token without contents: write', async () => {
    const readOnly = 'read-only-org/documentation';
    standIn.addFiles(readOnly, { 'README.md': '# Docs\n' });
    const limited = client(standIn, { installationId: standIn.install(readOnly, { contents: 'read' }) });
    const { data: ref } = await limited.request('GET /repos/{owner}/{repo}/git/ref/{ref}', {
      owner: 'read-only-org',
      repo: 'documentation',
      ref: 'heads/main',
    });
    await expect(
      limited.request('POST /repos/{owner}/{repo}/git/refs', {
        owner: 'read-only-org',
        repo: 'documentation',
        ref: 'refs/heads/htg',
        sha: ref.object.sha,
      }),
    ).rejects.toMatchObject({
      status: 403,
      response: {
        data: { message: 'Resource not accessible by integration' },
        headers: { 'x-accepted-github-permissions': 'contents=write' },
      },
    });
    expect(standIn.branch(readOnly, 'htg')).toBeUndefined();

    const empty = 'gardener-empty/site';
    const emptyWriter = client(standIn, { installationId: standIn.install(empty, { contents: 'write' }) });
    await expect(
      emptyWriter.request('POST /repos/{owner}/{repo}/git/blobs', {
        owner: 'gardener-empty',
        repo: 'site',
        content: 'x',
        // plugin-retry retries a 409 by default; GitHub's answer would not change.
        request: { retries: 0 },
      }),
    ).rejects.toMatchObject({ status: 409, response: { data: { message: 'Git Repository is empty.' } } });
    expect(standIn.contractViolations).toEqual([]);
  });

  it('creates a branch once (422 "Reference already exists"), and moves it only fast forward unless forced', async () => {
    const head = standIn.branch(SITE, 'main') ?? '';
    const ahead = await commitThrough(writer, SITE, { 'website/community/hackathons/2026-05.md': 'Page.\n' });
    expect(standIn.commit(SITE, ahead)).toMatchObject({
      parents: [head],
      changed: ['website/community/hackathons/2026-05.md'],
    });
    const create = (sha: string) =>
      writer.request('POST /repos/{owner}/{repo}/git/refs', {
        owner: SITE_OWNER,
        repo: SITE_NAME,
        ref: 'refs/heads/htg/a',
        sha,
      });
    const { data: created } = await create(ahead);
    expect(created).toMatchObject({ ref: 'refs/heads/htg/a', object: { type: 'commit', sha: ahead } });
    await expect(create(head)).rejects.toMatchObject({
      status: 422,
      response: { data: { message: 'Reference already exists' } },
    });
    const update = (sha: string, force?: boolean) =>
      writer.request('PATCH /repos/{owner}/{repo}/git/refs/{ref}', {
        owner: SITE_OWNER,
        repo: SITE_NAME,
        ref: 'heads/htg/a',
        sha,
        ...(force === undefined ? {} : { force }),
      });
    // Back to its parent is no fast forward.
    await expect(update(head)).rejects.toMatchObject({
      status: 422,
      response: { data: { message: 'Update is not a fast forward' } },
    });
    expect(standIn.branch(SITE, 'htg/a')).toBe(ahead);
    await update(head, true);
    expect(standIn.branch(SITE, 'htg/a')).toBe(head);
    await update(ahead);
    expect(standIn.branch(SITE, 'htg/a')).toBe(ahead);
    expect(standIn.fileAt(SITE, 'htg/a', 'website/community/hackathons/2026-05.md')).toBe('Page.\n');
    expect(standIn.fileAt(SITE, 'main', 'website/community/hackathons/2026-05.md')).toBeUndefined();
    expect(standIn.contractViolations).toEqual([]);
  });

  it('opens a pull request once per head (422 "A pull request already exists"), lists it by head, and merges it onto the base', async () => {
    const sha = await commitThrough(writer, SITE, { 'website/community/hackathons/2026-06.md': 'June.\n' });
    await writer.request('POST /repos/{owner}/{repo}/git/refs', {
      owner: SITE_OWNER,
      repo: SITE_NAME,
      ref: 'refs/heads/htg/b',
      sha,
    });
    const open = () =>
      writer.request('POST /repos/{owner}/{repo}/pulls', {
        owner: SITE_OWNER,
        repo: SITE_NAME,
        title: 'June',
        head: `${SITE_OWNER}:htg/b`,
        base: 'main',
      });
    const { data: pull } = await open();
    expect(pull).toMatchObject({
      state: 'open',
      head: { ref: 'htg/b', sha },
      base: { ref: 'main' },
      commits: 1,
    });
    await expect(open()).rejects.toMatchObject({
      status: 422,
      response: {
        data: {
          message: 'Validation Failed',
          errors: [
            {
              resource: 'PullRequest',
              code: 'custom',
              message: `A pull request already exists for ${SITE_OWNER}:htg/b.`,
            },
          ],
        },
      },
    });
    // A head with nothing the base lacks, or no such branch: 422 too.
    await expect(
      writer.request('POST /repos/{owner}/{repo}/pulls', {
        owner: SITE_OWNER,
        repo: SITE_NAME,
        title: 'Nothing',
        head: 'main',
        base: 'main',
      }),
    ).rejects.toMatchObject({
      status: 422,
      response: { data: { errors: [{ message: 'No commits between main and main' }] } },
    });
    await expect(
      writer.request('POST /repos/{owner}/{repo}/pulls', {
        owner: SITE_OWNER,
        repo: SITE_NAME,
        title: 'Nowhere',
        head: `${SITE_OWNER}:no-such-branch`,
        base: 'main',
      }),
    ).rejects.toMatchObject({
      status: 422,
      response: { data: { errors: [{ field: 'head', code: 'invalid' }] } },
    });

    const { data: listed } = await writer.request('GET /repos/{owner}/{repo}/pulls', {
      owner: SITE_OWNER,
      repo: SITE_NAME,
      head: `${SITE_OWNER}:htg/b`,
      state: 'all',
    });
    expect(listed.map((p) => p.number)).toEqual([pull.number]);

    const merged = standIn.mergePullRequest(SITE, pull.number);
    expect(merged).toMatchObject({ merged: true, state: 'closed' });
    const base = standIn.branch(SITE, 'main') ?? '';
    expect(merged.merge_commit_sha).toBe(base);
    expect(standIn.commit(SITE, base)?.parents).toEqual([expect.any(String), sha]);
    expect(standIn.fileAt(SITE, 'main', 'website/community/hackathons/2026-06.md')).toBe('June.\n');
    expect(standIn.contractViolations).toEqual([]);
  });

  it('forks only into an account installed on all its repositories, and syncs the fork with its upstream', async () => {
    const partial = client(standIn, {
      installationId: standIn.install('half-org/other', { contents: 'write', administration: 'write' }),
    });
    await expect(
      partial.request('POST /repos/{owner}/{repo}/forks', {
        owner: SITE_OWNER,
        repo: SITE_NAME,
        organization: 'half-org',
      }),
    ).rejects.toMatchObject({
      status: 403,
      response: { data: { message: 'Resource not accessible by integration' } },
    });

    const bot = client(standIn, {
      installationId: standIn.install('htg-bot', { contents: 'write', administration: 'write' }),
    });
    const fork = () =>
      bot.request('POST /repos/{owner}/{repo}/forks', {
        owner: SITE_OWNER,
        repo: SITE_NAME,
        organization: 'htg-bot',
        default_branch_only: true,
      });
    const { data: made, status } = await fork();
    expect(status).toBe(202);
    expect(made).toMatchObject({
      full_name: 'htg-bot/documentation',
      fork: true,
      parent: { full_name: SITE },
      source: { full_name: SITE },
    });
    expect((await fork()).data.id).toBe(made.id);
    expect(standIn.branch('htg-bot/documentation', 'main')).toBe(standIn.branch(SITE, 'main'));
    expect(standIn.branch('htg-bot/documentation', 'htg/a')).toBeUndefined();

    const sync = () =>
      bot.request('POST /repos/{owner}/{repo}/merge-upstream', {
        owner: 'htg-bot',
        repo: 'documentation',
        branch: 'main',
        request: { retries: 0 },
      });
    expect((await sync()).data).toMatchObject({ merge_type: 'none', base_branch: `${SITE_OWNER}:main` });
    const moved = standIn.addFiles(SITE, { 'README.md': '# Docs, moved on\n' });
    expect((await sync()).data).toMatchObject({ merge_type: 'fast-forward' });
    expect(standIn.branch('htg-bot/documentation', 'main')).toBe(moved);
    // Both sides change the same file: a conflict, 409.
    standIn.addFiles('htg-bot/documentation', { 'README.md': '# Fork\n' });
    standIn.addFiles(SITE, { 'README.md': '# Upstream\n' });
    await expect(sync()).rejects.toMatchObject({ status: 409 });
    expect(standIn.contractViolations).toEqual([]);
  });
});
