import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { gitHubIssueTracker } from '../../functions/adapters/github/issue-tracker.js';
import { createLogger } from '../../functions/adapters/logger.js';
import { GitHubError, type IssueChange, type IssueTracker } from '../../functions/app/ports/github.js';
import { type GitHubStandIn, startGitHubStandIn } from '../../functions/local/dev/github-stand-in.js';
import { expectCleanGitHubLogs } from '../helpers/github-logs.js';

let github: GitHubStandIn;
/** Every line any tracker logged, across the tests (checked for the key after each). */
const logged: string[] = [];
let repoCounter = 0;

beforeAll(async () => {
  github = await startGitHubStandIn();
});

afterAll(async () => {
  await github.close();
});

afterEach(() => expectCleanGitHubLogs(github, logged));

/** A repository of its own per test, with the App installed on it (unless asked not to). */
function freshRepo({ installed = true } = {}): string {
  const repo = `hack-org/hackathon-${++repoCounter}`;
  if (installed) github.install(repo);
  return repo;
}

/** A tracker on the stand-in with quick retries, logging into `logged`. */
function tracker(options: { retries?: number } = {}): IssueTracker {
  return gitHubIssueTracker({
    credentials: {
      appId: github.app.id,
      privateKey: github.app.privateKey,
      webhookSecret: github.app.webhookSecret,
    },
    apiUrl: github.url,
    logger: createLogger({ level: 'debug', name: 'github-test', write: (line) => logged.push(line) }),
    retryBaseMs: 1,
    retryAfterUnitMs: 1,
    timeoutMs: 5_000,
    ...options,
  });
}

/** Seeds an issue (or pull request) on the stand-in; its number. */
const seed = (repo: string, issue: Parameters<GitHubStandIn['addIssue']>[1]): number =>
  Number(github.addIssue(repo, issue).number);

/** The issue's assignees on the stand-in, sorted. */
const assigneesOf = (repo: string, number: number): string[] =>
  ((github.issue(repo, number)?.assignees ?? []) as Array<{ login: string }>).map((a) => a.login).sort();

const failureOf = (promise: Promise<unknown>): Promise<GitHubError> =>
  promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: unknown) => {
      expect(error).toBeInstanceOf(GitHubError);
      return error as GitHubError;
    },
  );

// Writes are paced as GitHub asks (plugin-throttling: 1 s between writes, 3 s between those that notify).
describe('gitHubIssueTracker', { timeout: 30_000 }, () => {
  it("lists the label's issues across pages, leaving pull requests out", async () => {
    const repo = freshRepo();
    for (let n = 0; n < 130; n++) github.addIssue(repo, { title: `Topic ${n}`, labels: ['Q2/2026'] });
    github.addIssue(repo, { title: 'Unlabelled', labels: [] });
    github.addIssue(repo, { title: 'Closed topic', labels: ['Q2/2026'], state: 'closed' });
    github.addIssue(repo, { title: 'A pull request', labels: ['Q2/2026'], pullRequest: {} });

    const open = await tracker().listIssues(repo, 'Q2/2026', 'open');
    expect(open).toHaveLength(130);
    expect(open.every((issue) => !issue.isPullRequest && issue.state === 'open')).toBe(true);
    expect(new Set(open.map((issue) => issue.number)).size).toBe(130);
    expect(open.find((issue) => issue.title === 'Topic 0')).toMatchObject({
      labels: ['Q2/2026'],
      body: null,
      stateReason: null,
      assignees: [],
      htmlUrl: expect.stringMatching(new RegExp(`/${repo}/issues/\\d+$`)),
    });

    const all = await tracker().listIssues(repo, 'Q2/2026', 'all');
    expect(all.map((issue) => issue.title)).toContain('Closed topic');
    expect(all.map((issue) => issue.title)).not.toContain('A pull request');
    expect(all).toHaveLength(131);
  });

  it('creates an issue, edits it and closes it as not planned', async () => {
    const repo = freshRepo();
    const issues = tracker();
    const created = await issues.createIssue(repo, {
      title: 'Replace OpenVPN with WireGuard',
      body: 'Proposed in Slack.',
      labels: ['Q2/2026', 'topic'],
    });
    expect(created).toMatchObject({
      title: 'Replace OpenVPN with WireGuard',
      body: 'Proposed in Slack.',
      labels: ['Q2/2026', 'topic'],
      state: 'open',
      isPullRequest: false,
    });
    expect(github.issue(repo, created.number)).toMatchObject({ title: 'Replace OpenVPN with WireGuard' });

    const edited = await issues.updateIssue(repo, created.number, {
      title: 'WireGuard everywhere',
      labels: ['Q2/2026'],
    });
    expect(edited).toMatchObject({
      title: 'WireGuard everywhere',
      body: 'Proposed in Slack.',
      labels: ['Q2/2026'],
    });

    const closed = await issues.updateIssue(repo, created.number, {
      state: 'closed',
      stateReason: 'not_planned',
    });
    expect(closed).toMatchObject({ state: 'closed', stateReason: 'not_planned' });
    expect(github.issue(repo, created.number)).toMatchObject({
      state: 'closed',
      state_reason: 'not_planned',
    });
    expect(await issues.getIssue(repo, created.number)).toEqual(closed);
  });

  it('adds and removes only the given assignees, leaving the others as they are', async () => {
    const repo = freshRepo();
    for (const login of ['alice', 'bob', 'carol', 'dave']) github.addCollaborator(repo, login);
    const number = seed(repo, { title: 'Topic', labels: ['Q2/2026'] });
    const issues = tracker();

    expect(
      (await issues.changeAssignees(repo, number, { add: ['alice', 'bob'], remove: [] })).sort(),
    ).toEqual(['alice', 'bob']);
    expect(assigneesOf(repo, number)).toEqual(['alice', 'bob']);

    // Someone assigns dave on GitHub; htg's next change leaves him there.
    github.editIssue(repo, number, { assignees: ['alice', 'bob', 'dave'], by: 'dave' });
    const after = await issues.changeAssignees(repo, number, {
      add: ['Bob', 'carol', 'carol'],
      remove: ['alice'],
    });
    expect(after.slice().sort()).toEqual(['bob', 'carol', 'dave']);
    expect(assigneesOf(repo, number)).toEqual(['bob', 'carol', 'dave']);

    // Removals go first (an issue takes at most ten; those leaving make room), each login once.
    expect(
      github.requests
        .filter((request) => request.path === `/repos/${repo}/issues/${number}/assignees`)
        .map((request) => [request.method, request.body]),
    ).toEqual([
      ['POST', { assignees: ['alice', 'bob'] }],
      ['DELETE', { assignees: ['alice'] }],
      ['POST', { assignees: ['Bob', 'carol'] }],
    ]);

    // Nothing left to change (blanks, a login both added and removed is added): one read, or one add.
    const before = github.requests.length;
    expect((await issues.changeAssignees(repo, number, { add: [' ', ''], remove: [] })).sort()).toEqual([
      'bob',
      'carol',
      'dave',
    ]);
    expect(github.requests.slice(before).map((request) => request.operationId)).toEqual(['issues/get']);
    const both = github.requests.length;
    await issues.changeAssignees(repo, number, { add: ['dave'], remove: ['DAVE'] });
    expect(github.requests.slice(both).map((request) => request.operationId)).toEqual([
      'issues/add-assignees',
    ]);
    expect(assigneesOf(repo, number)).toEqual(['bob', 'carol', 'dave']);
  });

  it('answers who GitHub took: a login it may not assign, or one past ten, is left out', async () => {
    const repo = freshRepo();
    const members = Array.from({ length: 12 }, (_, i) => `member${String(i + 1).padStart(2, '0')}`);
    for (const login of ['alice', ...members]) github.addCollaborator(repo, login);
    const number = seed(repo, { title: 'Topic', labels: ['Q2/2026'] });
    const issues = tracker();

    // mallory has no access to the repository: GitHub answers 201 without her.
    expect(await issues.changeAssignees(repo, number, { add: ['alice', 'mallory'], remove: [] })).toEqual([
      'alice',
    ]);
    expect(assigneesOf(repo, number)).toEqual(['alice']);

    const taken = await issues.changeAssignees(repo, number, { add: members, remove: ['alice'] });
    expect(taken).toEqual(members.slice(0, 10));
    expect(assigneesOf(repo, number)).toEqual(members.slice(0, 10));

    // At ten, two leaving make room for two coming (the removal goes first).
    const swapped = await issues.changeAssignees(repo, number, {
      add: members.slice(10),
      remove: members.slice(0, 2),
    });
    expect(swapped.slice().sort()).toEqual(members.slice(2));
  });

  it('finds the comments carrying a marker across pages, oldest first', async () => {
    const repo = freshRepo();
    const number = seed(repo, { title: 'Topic', labels: ['Q2/2026'] });
    const marker = '<!-- htg:team:h1:7 -->';
    const marked: number[] = [];
    for (let n = 0; n < 250; n++) {
      const body = [5, 140, 249].includes(n) ? `Results\n\n${marker}` : `Comment ${n}`;
      const comment = github.addComment(repo, number, { body, author: n % 2 ? 'alice' : 'bob' });
      if (body.includes(marker)) marked.push(Number(comment.id));
    }
    github.addComment(repo, seed(repo, { title: 'Another topic' }), { body: marker });

    const before = github.requests.length;
    expect(await tracker().findComments(repo, number, marker)).toEqual(marked);
    expect(
      github.requests
        .slice(before)
        .filter((request) => request.operationId === 'issues/list-comments')
        .map((request) => request.query.page ?? '1'),
    ).toEqual(['1', '2', '3']);
    expect(await tracker().findComments(repo, number, '<!-- htg:team:h1:8 -->')).toEqual([]);
  });

  it('deletes a comment, and one already gone is no failure', async () => {
    const repo = freshRepo();
    const number = seed(repo, { title: 'Topic', labels: ['Q2/2026'] });
    const kept = Number(github.addComment(repo, number, { body: 'Keep me' }).id);
    const issues = tracker();
    const id = await issues.addComment(repo, number, 'A second copy');

    await issues.deleteComment(repo, id);
    expect(github.comments(repo, number).map((comment) => comment.id)).toEqual([kept]);
    const warnings = logged.length;
    await expect(issues.deleteComment(repo, id)).resolves.toBeUndefined();
    expect(
      github.requests
        .filter((request) => request.operationId === 'issues/delete-comment')
        .map((request) => [request.path, request.status]),
    ).toEqual([
      [`/repos/${repo}/issues/comments/${id}`, 204],
      [`/repos/${repo}/issues/comments/${id}`, 404],
    ]);
    // An answer, not a failure: nothing logged.
    expect(logged.slice(warnings)).toEqual([]);
    expect(github.comments(repo, number).map((comment) => comment.id)).toEqual([kept]);
  });

  it('reads one pull request with its state now, null when there is none', async () => {
    const repo = freshRepo();
    const open = seed(repo, { title: 'Docs for WireGuard', pullRequest: {} });
    const merged = seed(repo, { title: 'Add WireGuard', pullRequest: {} });
    const closed = seed(repo, { title: 'Abandoned approach', pullRequest: {}, state: 'closed' });
    const issue = seed(repo, { title: 'Topic', labels: ['Q2/2026'] });
    const issues = tracker();

    expect(await issues.pullRequest(repo, merged)).toMatchObject({ state: 'open' });
    github.mergePullRequest(repo, merged);
    expect(await issues.pullRequest(repo, open)).toEqual({
      number: open,
      repo,
      title: 'Docs for WireGuard',
      url: expect.stringMatching(new RegExp(`/${repo}/pull/${open}$`)),
      state: 'open',
    });
    expect(await issues.pullRequest(repo, merged)).toEqual({
      number: merged,
      repo,
      title: 'Add WireGuard',
      url: expect.stringMatching(new RegExp(`/${repo}/pull/${merged}$`)),
      state: 'merged',
    });
    expect(await issues.pullRequest(repo, closed)).toMatchObject({ number: closed, state: 'closed' });

    // GitHub answers 404 for a number that is no pull request (an issue's, or none at all).
    expect(await issues.pullRequest(repo, issue)).toBeNull();
    expect(await issues.pullRequest(repo, 4242)).toBeNull();
    expect(github.requests.at(-1)).toMatchObject({ operationId: 'pulls/get', status: 404 });
  });

  it('adds a comment and edits it', async () => {
    const repo = freshRepo();
    const number = seed(repo, { title: 'Topic', labels: ['Q2/2026'] });
    const issues = tracker();
    const id = await issues.addComment(repo, number, 'Team: @alice, @bob');
    expect(github.comments(repo, number)).toEqual([
      expect.objectContaining({ id, body: 'Team: @alice, @bob' }),
    ]);
    await issues.updateComment(repo, id, 'Team: @alice, @bob, @carol');
    expect(github.comments(repo, number)).toEqual([
      expect.objectContaining({ id, body: 'Team: @alice, @bob, @carol' }),
    ]);
  });

  it('lists the pull requests that refer to an issue, each once, merged ones as merged', async () => {
    const repo = freshRepo();
    const number = seed(repo, { title: 'Topic', labels: ['Q2/2026'] });
    const merged = seed(repo, { title: 'Add WireGuard', pullRequest: { merged: true } });
    const open = seed(repo, { title: 'Docs for WireGuard', pullRequest: {} });
    const elsewhere = `${repo}-docs`;
    const closedElsewhere = seed(elsewhere, {
      title: 'Abandoned approach',
      pullRequest: {},
      state: 'closed',
    });
    github.crossReference(repo, number, merged);
    github.crossReference(repo, number, merged);
    github.crossReference(repo, number, open);
    github.crossReference(repo, number, closedElsewhere, elsewhere);

    const linked = await tracker().linkedPullRequests(repo, number);
    expect(linked).toEqual([
      {
        number: merged,
        repo,
        title: 'Add WireGuard',
        url: expect.stringMatching(new RegExp(`/${repo}/pull/${merged}$`)),
        state: 'merged',
      },
      {
        number: open,
        repo,
        title: 'Docs for WireGuard',
        url: expect.stringMatching(new RegExp(`/${repo}/pull/${open}$`)),
        state: 'open',
      },
      {
        number: closedElsewhere,
        repo: elsewhere,
        title: 'Abandoned approach',
        url: expect.stringMatching(new RegExp(`/${elsewhere}/pull/${closedElsewhere}$`)),
        state: 'closed',
      },
    ]);
  });

  it("says 'not-installed' for a repository the App is not installed on", async () => {
    const repo = freshRepo({ installed: false });
    const error = await failureOf(tracker().listIssues(repo, 'Q2/2026', 'open'));
    expect(error.failure).toBe('not-installed');
    expect(error.message).toContain(repo);
    expect(error.message).toContain('GET /repos/{owner}/{repo}/installation');
  });

  it('retries a 503 and then succeeds', async () => {
    const repo = freshRepo();
    const number = seed(repo, { title: 'Topic', labels: ['Q2/2026'] });
    github.failNext(1, 503, 'issues/get');
    expect(await tracker().getIssue(repo, number)).toMatchObject({ number, title: 'Topic' });
  });

  it("says 'unavailable' when the 5xx outlasts the retries", async () => {
    const repo = freshRepo();
    const number = seed(repo, { title: 'Topic', labels: ['Q2/2026'] });
    github.failNext(3, 502, 'issues/get');
    const error = await failureOf(tracker({ retries: 2 }).getIssue(repo, number));
    expect(error.failure).toBe('unavailable');
    expect(error.message).toMatch(/GET \/repos\/\{owner\}\/\{repo\}\/issues\/\{issue_number\}.*502/);
  });

  it.each(['primary', 'secondary', 429] as const)(
    "waits out a %s rate limit, and says 'rate-limited' when it outlasts the retries",
    async (rateLimit) => {
      const repo = freshRepo();
      github.addIssue(repo, { title: 'Topic', labels: ['Q2/2026'] });
      github.failNext(1, { rateLimit, retryAfterSeconds: 1 }, 'issues/list-for-repo');
      expect(await tracker({ retries: 2 }).listIssues(repo, 'Q2/2026', 'open')).toHaveLength(1);

      github.failNext(3, { rateLimit, retryAfterSeconds: 1 }, 'issues/list-for-repo');
      const error = await failureOf(tracker({ retries: 2 }).listIssues(repo, 'Q2/2026', 'open'));
      expect(error.failure).toBe('rate-limited');
      expect(logged.some((line) => /rate limit/.test(line) && line.includes('"level":"warn"'))).toBe(true);
    },
  );

  it("says 'refused' when GitHub refuses the request (422)", async () => {
    const repo = freshRepo();
    const number = seed(repo, { title: 'Topic', labels: ['Q2/2026'] });
    // A state_reason GitHub does not know (a caller past the type checks): GitHub answers 422 "Invalid request".
    const unknownReason = { state: 'closed', stateReason: 'finished' } as unknown as IssueChange;
    const error = await failureOf(tracker().updateIssue(repo, number, unknownReason));
    expect(error.failure).toBe('refused');
    expect(error.message).toMatch(/PATCH \/repos\/\{owner\}\/\{repo\}\/issues\/\{issue_number\}.*422/);
    // The stand-in counts the refused request as a breach of the contract, which it is; this one was on purpose.
    expect(github.contractViolations).toEqual([expect.stringContaining('issues/update')]);
    github.contractViolations.splice(0);
  });

  it('answers null for an issue that was deleted or never was', async () => {
    const repo = freshRepo();
    const number = seed(repo, { title: 'Topic', labels: ['Q2/2026'] });
    github.deleteIssue(repo, number);
    expect(await tracker().getIssue(repo, number)).toBeNull();
    expect(github.requests.at(-1)).toMatchObject({
      operationId: 'issues/get',
      status: expect.toBeOneOf([404, 410]),
    });
    expect(await tracker().getIssue(repo, 4242)).toBeNull();
    const error = await failureOf(tracker().changeAssignees(repo, 4242, { add: ['alice'], remove: [] }));
    expect(error.failure).toBe('not-found');
    const unread = await failureOf(tracker().changeAssignees(repo, 4242, { add: [], remove: [] }));
    expect(unread.failure).toBe('not-found');
  });
});
