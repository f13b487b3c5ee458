import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  type GitHubWebsiteRepositoryOptions,
  gitHubWebsiteRepository,
} from '../../functions/adapters/github/website-repository.js';
import { createLogger } from '../../functions/adapters/logger.js';
import { GitHubError, type WebsiteRepository } from '../../functions/app/ports/github.js';
import { type GitHubStandIn, startGitHubStandIn } from '../../functions/local/dev/github-stand-in.js';
import { expectCleanGitHubLogs } from '../helpers/github-logs.js';

const INDEX = 'website/community/hackathons/_index.md';
const PAGE = 'website/community/hackathons/2026-05.md';
const INDEX_TEXT =
  '---\ntitle: Hackathons\n---\n\n| Date | Place |\n| --- | --- |\n| 2025-11 | Schelklingen |\n';
const PAGE_TEXT =
  '---\ntitle: Hack the Garden 05/2026\n---\n\n# Größer, schneller – 🎉\n\nWireGuard everywhere.\n';

let github: GitHubStandIn;
/** Every line any adapter logged, across the tests (checked for the key after each). */
const logged: string[] = [];
let counter = 0;

beforeAll(async () => {
  github = await startGitHubStandIn();
});

afterAll(async () => {
  await github.close();
});

afterEach(() => expectCleanGitHubLogs(github, logged));

/**
 * A website repository of its own per test (each its own account, so each its own installation and tokens), laid
 * out as gardener/documentation, with the App installed as asked.
 */
function website(
  permissions: Parameters<GitHubStandIn['install']>[1] = { contents: 'write', pullRequests: 'write' },
): string {
  const repo = `gardener-${++counter}/documentation`;
  github.install(repo, permissions);
  github.addFiles(repo, { [INDEX]: INDEX_TEXT, 'README.md': '# Gardener documentation\n' });
  return repo;
}

/** The adapter on the stand-in, quick: no pacing of writes (unless asked), short retries and fork waits. */
function adapter(options: Partial<GitHubWebsiteRepositoryOptions> = {}): WebsiteRepository {
  return gitHubWebsiteRepository({
    credentials: {
      appId: github.app.id,
      privateKey: github.app.privateKey,
      webhookSecret: github.app.webhookSecret,
    },
    apiUrl: github.url,
    logger: createLogger({ level: 'debug', name: 'website-test', write: (line) => logged.push(line) }),
    retryBaseMs: 1,
    retryAfterUnitMs: 1,
    timeoutMs: 5_000,
    throttle: false,
    forkWaitsMs: [5, 5, 5, 5],
    ...options,
  });
}

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

/** The requests of one operation since `from`, as method, status. */
const statuses = (operationId: string, from = 0): number[] =>
  github.requests
    .slice(from)
    .filter((request) => request.operationId === operationId)
    .map((request) => request.status);

describe('gitHubWebsiteRepository', { timeout: 30_000 }, () => {
  it('reads the default branch with its head, and a file at a branch or a commit', async () => {
    const repo = website();
    const site = adapter();
    const head = github.branch(repo, 'main');
    expect(await site.defaultBranch(repo)).toEqual({ branch: 'main', sha: head });
    expect(await site.readFile(repo, INDEX, 'main')).toBe(INDEX_TEXT);

    // Text beyond ASCII comes back as it went in (the contents API sends base64 in lines).
    const next = github.addFiles(repo, { [PAGE]: PAGE_TEXT });
    expect(await site.readFile(repo, PAGE, next)).toBe(PAGE_TEXT);
    expect(await site.readFile(repo, PAGE, head ?? '')).toBeNull();
    expect(await site.readFile(repo, 'website/community/hackathons/2024-01.md', 'main')).toBeNull();

    const directory = await failureOf(site.readFile(repo, 'website/community', 'main'));
    expect(directory.failure).toBe('refused');
    expect(directory.message).toContain('a directory');
  });

  it('commits two files in one commit on top of the parent, every other file as it was', async () => {
    const repo = website();
    const site = adapter();
    const { sha: parent } = await site.defaultBranch(repo);
    const index = `${INDEX_TEXT}| 2026-05 | [Hack the Garden](./2026-05) |\n`;
    const sha = await site.commitFiles(repo, {
      parent,
      message: 'Add the wrap-up of Hack the Garden 05/2026',
      files: [
        { path: PAGE, content: PAGE_TEXT },
        { path: INDEX, content: index },
      ],
    });

    expect(github.commit(repo, sha)).toMatchObject({
      parents: [parent],
      message: 'Add the wrap-up of Hack the Garden 05/2026',
      author: 'htg-stand-in[bot]',
      changed: [PAGE, INDEX].sort(),
    });
    expect(github.fileAt(repo, sha, PAGE)).toBe(PAGE_TEXT);
    expect(github.fileAt(repo, sha, INDEX)).toBe(index);
    expect(github.fileAt(repo, sha, 'README.md')).toBe('# Gardener documentation\n');
    // Nothing points at it yet.
    expect(github.branch(repo, 'main')).toBe(parent);
    expect(await site.readFile(repo, PAGE, sha)).toBe(PAGE_TEXT);
  });

  it('creates a branch, then moves it wherever asked (forced), and answers null for a branch that is not there', async () => {
    const repo = website();
    const site = adapter();
    const { sha: parent } = await site.defaultBranch(repo);
    const first = await site.commitFiles(repo, {
      parent,
      message: 'First draft',
      files: [{ path: PAGE, content: 'Draft one.\n' }],
    });
    const second = await site.commitFiles(repo, {
      parent,
      message: 'Second draft',
      files: [{ path: PAGE, content: 'Draft two.\n' }],
    });
    const branch = 'htg/wrap-up-2026-05';
    expect(await site.branchHead(repo, branch)).toBeNull();

    await site.setBranch(repo, branch, first);
    expect(github.branch(repo, branch)).toBe(first);
    expect(await site.branchHead(repo, branch)).toBe(first);

    // Second is no descendant of first: only a forced update moves the branch there.
    const from = github.requests.length;
    const before = logged.length;
    await site.setBranch(repo, branch, second);
    expect(github.branch(repo, branch)).toBe(second);
    expect(statuses('git/create-ref', from)).toEqual([422]);
    expect(statuses('git/update-ref', from)).toEqual([200]);
    expect(github.requests.at(-1)?.body).toMatchObject({ sha: second, force: true });
    // The 422 is how the branch is found to be there: not a warning.
    expect(logged.slice(before).filter((line) => line.includes('"level":"warn"'))).toEqual([]);
    expect(await site.readFile(repo, PAGE, branch)).toBe('Draft two.\n');
  });

  it("says 'refused' when the App may only read the repository's contents (the sign to go through a fork)", async () => {
    const repo = website({ contents: 'read', pullRequests: 'write' });
    const site = adapter();
    const { sha: parent } = await site.defaultBranch(repo);
    expect(await site.readFile(repo, INDEX, 'main')).toBe(INDEX_TEXT);
    const error = await failureOf(
      site.commitFiles(repo, { parent, message: 'Wrap-up', files: [{ path: PAGE, content: PAGE_TEXT }] }),
    );
    expect(error.failure).toBe('refused');
    expect(error.message).toMatch(/POST .*403 Resource not accessible by integration/);
    expect(github.requests.at(-1)).toMatchObject({ operationId: 'git/create-blob', status: 403 });
    const refused = await failureOf(site.setBranch(repo, 'htg/wrap-up', parent));
    expect(refused.failure).toBe('refused');
  });

  it('forks into an account the App is installed on, commits there and opens the pull request into the upstream', async () => {
    // The upstream lets the App read and open pull requests; the App's own organization takes the fork.
    const upstream = website({ contents: 'read', pullRequests: 'write' });
    const account = `htg-bot-${counter}`;
    github.install(account, { contents: 'write', administration: 'write' });
    const site = adapter();
    const from = github.requests.length;

    // GitHub makes the fork asynchronously: its first requests answer 404, and are tried again.
    github.delayForks(2);
    const fork = await site.fork(upstream, account);
    github.delayForks(0);
    expect(fork).toBe(`${account}/documentation`);
    expect(statuses('repos/create-fork', from)).toEqual([202]);
    expect(statuses('repos/merge-upstream', from)).toEqual([404, 404, 200]);
    const { branch, sha: base } = await site.defaultBranch(fork);
    expect(branch).toBe('main');
    expect(base).toBe(github.branch(upstream, 'main'));

    const headBranch = 'htg/wrap-up-2026-05';
    const sha = await site.commitFiles(fork, {
      parent: base,
      message: 'Add the wrap-up of Hack the Garden 05/2026',
      files: [{ path: PAGE, content: PAGE_TEXT }],
    });
    await site.setBranch(fork, headBranch, sha);
    const opened = await site.openPullRequest(upstream, {
      title: 'Hack the Garden 05/2026',
      body: 'The wrap-up, from Slack.',
      headOwner: account,
      headBranch,
      base: 'main',
    });
    expect(opened).toEqual({
      number: expect.any(Number),
      url: expect.stringMatching(new RegExp(`/${upstream}/pull/${opened.number}$`)),
      state: 'open',
      headOwner: account,
      headBranch,
      headSha: sha,
    });
    // Maintainers cannot be let to push to a fork the opening token cannot write: not asked, opened at once.
    expect(statuses('pulls/create', from)).toEqual([201]);
    expect(github.requests.filter((r) => r.operationId === 'pulls/create').at(-1)?.body).toMatchObject({
      maintainer_can_modify: false,
    });
    expect(github.pulls(upstream)).toEqual([
      expect.objectContaining({
        number: opened.number,
        head: expect.objectContaining({
          label: `${account}:${headBranch}`,
          sha,
          repo: expect.objectContaining({ full_name: fork }),
        }),
        base: expect.objectContaining({ ref: 'main', sha: base }),
        maintainer_can_modify: false,
        changed_files: 1,
      }),
    ]);

    expect(await site.findPullRequest(upstream, account, headBranch)).toEqual(opened);
    expect(await site.findPullRequest(upstream, account, 'htg/another')).toBeNull();
    expect(await site.getPullRequest(upstream, opened.number)).toEqual(opened);
    expect(await site.getPullRequest(upstream, 4242)).toBeNull();
  });

  it('answers the pull request there already when it is opened again, updates it, and sees it merged', async () => {
    const repo = website();
    const site = adapter();
    const { sha: parent } = await site.defaultBranch(repo);
    const sha = await site.commitFiles(repo, {
      parent,
      message: 'Wrap-up',
      files: [{ path: PAGE, content: PAGE_TEXT }],
    });
    const headBranch = 'htg/wrap-up-2026-05';
    await site.setBranch(repo, headBranch, sha);
    const pull = {
      title: 'Wrap-up',
      body: 'First.',
      headOwner: repo.split('/')[0] ?? '',
      headBranch,
      base: 'main',
    };
    const opened = await site.openPullRequest(repo, pull);
    expect(opened).toMatchObject({ state: 'open', headOwner: pull.headOwner, headBranch, headSha: sha });

    // The first answer lost, the call made again: GitHub's 422 "A pull request already exists", and the same one.
    const from = github.requests.length;
    expect(await site.openPullRequest(repo, pull)).toEqual(opened);
    expect(statuses('pulls/create', from)).toEqual([422]);
    expect(github.pulls(repo)).toHaveLength(1);

    const updated = await site.updatePullRequest(repo, opened.number, {
      title: 'Hack the Garden 05/2026',
      body: 'Second.',
    });
    expect(updated).toEqual(opened);
    expect(github.pulls(repo)[0]).toMatchObject({ title: 'Hack the Garden 05/2026', body: 'Second.' });

    github.mergePullRequest(repo, opened.number);
    expect(await site.getPullRequest(repo, opened.number)).toMatchObject({ state: 'merged', headSha: sha });
    expect(await site.findPullRequest(repo, pull.headOwner, headBranch)).toMatchObject({ state: 'merged' });
    // The merged page is on the default branch.
    expect(await site.readFile(repo, PAGE, 'main')).toBe(PAGE_TEXT);
  });

  it('finds an existing fork again and brings its default branch up to the upstream', async () => {
    const upstream = website({ contents: 'read', pullRequests: 'write' });
    const account = `htg-bot-${counter}`;
    github.install(account, { contents: 'write', administration: 'write' });
    const site = adapter();
    const fork = await site.fork(upstream, account);
    const moved = github.addFiles(upstream, { 'README.md': '# Gardener documentation, updated\n' });
    expect(github.branch(fork, 'main')).not.toBe(moved);

    expect(await site.fork(upstream, account)).toBe(fork);
    expect(github.branch(fork, 'main')).toBe(moved);
  });

  it("says 'not-installed' for a repository or an account the App is not installed on", async () => {
    const site = adapter();
    const missing = await failureOf(site.defaultBranch(`gardener-${++counter}/documentation`));
    expect(missing.failure).toBe('not-installed');
    const upstream = website({ contents: 'read', pullRequests: 'write' });
    const noAccount = await failureOf(site.fork(upstream, `nobody-${counter}`));
    expect(noAccount.failure).toBe('not-installed');
    expect(noAccount.message).toContain(`nobody-${counter}`);
  });

  it('retries a 5xx through the commit, and surfaces a rate limit that outlasts the retries', async () => {
    const repo = website();
    const { sha: parent } = await adapter().defaultBranch(repo);
    github.failNext(1, 503, 'git/create-tree');
    const sha = await adapter().commitFiles(repo, {
      parent,
      message: 'Wrap-up',
      files: [{ path: PAGE, content: PAGE_TEXT }],
    });
    expect(github.fileAt(repo, sha, PAGE)).toBe(PAGE_TEXT);

    github.failNext(3, { rateLimit: 'primary', retryAfterSeconds: 1 }, 'repos/get');
    const error = await failureOf(adapter({ throttle: true, retries: 2 }).defaultBranch(repo));
    expect(error.failure).toBe('rate-limited');
    expect(logged.some((line) => /rate limit/.test(line) && line.includes('"level":"warn"'))).toBe(true);
  });
});
