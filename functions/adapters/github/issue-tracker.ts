import { createAppAuth } from '@octokit/auth-app';
import { Octokit } from '@octokit/core';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import type {
  IssueChange,
  IssueTracker,
  LinkedPullRequest,
  NewIssue,
  RepoIssue,
  RepositoryName,
} from '../../app/ports/github.js';
import { GitHubError } from '../../app/ports/github.js';
import { parseRepository } from '../../domain/github.js';
import type { Logger } from '../logger.js';
import type { GitHubAppCredentials } from './credentials.js';

/**
 * @octokit/core with explicit routes rather than @octokit/rest: rest adds every endpoint method and the
 * pagination plugin, 86 KB of the 178 KB a bundle of it takes (esbuild, minified); htg calls thirteen routes (the
 * installation lookup among them) and follows `link` headers itself.
 */
const GitHubClient = Octokit.plugin(retry, throttling);
type GitHubClient = InstanceType<typeof GitHubClient>;

export interface GitHubIssueTrackerOptions {
  credentials: GitHubAppCredentials;
  /** Octokit's baseUrl (no trailing slash); GitHub's own API when unset. */
  apiUrl?: string | undefined;
  logger: Logger;
  /** Retries of a 5xx, a failed connection or a rate limit; 2 when unset. */
  retries?: number;
  /** Each attempt's time limit; 10 s when unset. */
  timeoutMs?: number;
  /** Base of the back-off between 5xx retries, (n + 1)² × this; 500 ms when unset. */
  retryBaseMs?: number;
  /** How long GitHub's "retry after one second" lasts; 1000 ms when unset (tests shrink it). */
  retryAfterUnitMs?: number;
  /**
   * False turns Octokit's throttling off: the spacing of writes (1 s, 3 s for those that notify people, as GitHub
   * advises against its secondary rate limits) and the waits for rate limits, which then fail as 'rate-limited'.
   * Only for a GitHub stand-in that does not limit (the rehearsal); true when unset.
   */
  throttle?: boolean;
}

/** Rate limits that ask for a longer wait than this are not waited for: the call fails as 'rate-limited'. */
const MAX_RETRY_AFTER_SECONDS = 60;
/** Pages of 100 followed at most (10,000 issues or timeline events). */
const MAX_PAGES = 100;
/** Statuses the retry plugin leaves alone: answers that do not change on retry, and rate limits (throttling). */
const DO_NOT_RETRY = [400, 401, 403, 404, 410, 422, 429, 451];

/**
 * The IssueTracker on GitHub's REST API, as a GitHub App: an App-authenticated client finds each repository's
 * installation (once per repository per process), and one client per installation does the work with the
 * installation's token (created and cached by @octokit/auth-app). Failures become GitHubError; the key and
 * tokens never reach a message or a log line.
 */
export function gitHubIssueTracker(options: GitHubIssueTrackerOptions): IssueTracker {
  const { credentials, apiUrl, logger } = options;
  const retries = options.retries ?? 2;
  const timeoutMs = options.timeoutMs ?? 10_000;
  // Defence in depth: whatever quotes the key, whole or a line of it, is redacted.
  logger.redact(
    credentials.privateKey,
    credentials.webhookSecret,
    ...credentials.privateKey.split('\n').filter((line) => !line.startsWith('-----')),
  );

  const onLimit =
    (kind: 'primary' | 'secondary') =>
    (retryAfter: number, request: { method: string; url: string }, _octokit: unknown, retryCount: number) => {
      const again = retryCount < retries && retryAfter <= MAX_RETRY_AFTER_SECONDS;
      logger.warn(
        `GitHub ${kind} rate limit on ${request.method} ${request.url}: ${again ? `retrying in ${retryAfter} s` : `giving up after ${retryCount} retries (retry after ${retryAfter} s)`}`,
      );
      return again;
    };

  const newClient = (auth: Record<string, unknown>): GitHubClient =>
    new GitHubClient({
      ...(apiUrl ? { baseUrl: apiUrl } : {}),
      userAgent: 'htg',
      authStrategy: createAppAuth,
      auth: { appId: credentials.appId, privateKey: credentials.privateKey, ...auth },
      log: {
        debug: () => {},
        info: () => {},
        warn: (message: string) => logger.warn(`GitHub client: ${message}`),
        error: (message: string) => logger.error(`GitHub client: ${message}`),
      },
      request: { fetch: fetchWithTimeout(timeoutMs) },
      retry: { retries, doNotRetry: DO_NOT_RETRY, retryAfterBaseValue: options.retryBaseMs ?? 500 },
      throttle: {
        enabled: options.throttle ?? true,
        onRateLimit: onLimit('primary'),
        onSecondaryRateLimit: onLimit('secondary'),
        retryAfterBaseValue: options.retryAfterUnitMs ?? 1000,
      },
    });

  const app = newClient({});
  const installations = new Map<string, Promise<number>>();
  const clients = new Map<number, GitHubClient>();

  /** The client for the repository's installation; 'not-installed' when the App is not on it. */
  const clientFor = (target: Target): Promise<GitHubClient> => {
    let installation = installations.get(target.key);
    if (!installation) {
      installation = app
        .request('GET /repos/{owner}/{repo}/installation', { owner: target.owner, repo: target.repo })
        .then((response) => response.data.id)
        .catch((error: unknown) => {
          const status = statusOf(error);
          if (status === 404)
            throw new GitHubError(
              'not-installed',
              `The GitHub App is not installed on ${target.name} (GET /repos/{owner}/{repo}/installation: 404)`,
              { cause: error },
            );
          throw toGitHubError(error, 'GET /repos/{owner}/{repo}/installation', target.name);
        });
      // A failure is not remembered: the App may be installed a minute later.
      installation.catch(() => installations.delete(target.key));
      installations.set(target.key, installation);
    }
    return installation.then((id) => {
      let client = clients.get(id);
      if (!client) {
        client = newClient({ installationId: id });
        clients.set(id, client);
      }
      return client;
    });
  };

  /** Runs one call on the repository's installation, turning every failure into a GitHubError (and a log line). */
  const call = async <T>(
    repoName: RepositoryName,
    route: string,
    work: (client: GitHubClient, target: Target) => Promise<T>,
    { goneIsAnswer = false }: { goneIsAnswer?: boolean } = {},
  ): Promise<T> => {
    const target = targetOf(repoName, route);
    try {
      return await work(await clientFor(target), target);
    } catch (error) {
      const failure = toGitHubError(error, route, target.name);
      // The installation's token could not be made: uninstalled (404) or suspended (403) since it was looked up.
      if (
        isTokenRequest(error) &&
        (statusOf(error) === 404 || (statusOf(error) === 403 && failure.failure === 'refused'))
      ) {
        installations.delete(target.key);
        const gone = new GitHubError(
          'not-installed',
          `The GitHub App's installation on ${target.name} is gone or suspended (${route}: ${statusOf(error) ?? 'no status'})`,
          { cause: error },
        );
        logger.warn(gone.message);
        throw gone;
      }
      if (!(goneIsAnswer && failure.failure === 'not-found')) logger.warn(failure.message);
      throw failure;
    }
  };

  const getIssue = (repo: RepositoryName, number: number): Promise<RepoIssue | null> =>
    call(
      repo,
      'GET /repos/{owner}/{repo}/issues/{issue_number}',
      async (client, { owner, repo: name }) =>
        toRepoIssue(
          (
            await client.request('GET /repos/{owner}/{repo}/issues/{issue_number}', {
              owner,
              repo: name,
              issue_number: number,
            })
          ).data,
        ),
      { goneIsAnswer: true },
    ).catch((error: unknown) => {
      if (error instanceof GitHubError && error.failure === 'not-found') return null;
      throw error;
    });

  return {
    listIssues: (repo, label, state) =>
      call(repo, 'GET /repos/{owner}/{repo}/issues', async (client, { owner, repo: name }) => {
        const first = await client.request('GET /repos/{owner}/{repo}/issues', {
          owner,
          repo: name,
          labels: label,
          state,
          per_page: 100,
        });
        const issues = await allPages<RawIssue>(client, first);
        return issues.filter((issue) => !issue.pull_request).map(toRepoIssue);
      }),

    getIssue,

    createIssue: (repo, issue: NewIssue) =>
      call(repo, 'POST /repos/{owner}/{repo}/issues', async (client, { owner, repo: name }) => {
        const response = await client.request('POST /repos/{owner}/{repo}/issues', {
          owner,
          repo: name,
          title: issue.title,
          body: issue.body,
          labels: issue.labels,
        });
        return toRepoIssue(response.data);
      }),

    updateIssue: (repo, number, change: IssueChange) =>
      call(
        repo,
        'PATCH /repos/{owner}/{repo}/issues/{issue_number}',
        async (client, { owner, repo: name }) => {
          const response = await client.request('PATCH /repos/{owner}/{repo}/issues/{issue_number}', {
            owner,
            repo: name,
            issue_number: number,
            ...(change.title !== undefined ? { title: change.title } : {}),
            ...(change.body !== undefined ? { body: change.body } : {}),
            ...(change.labels !== undefined ? { labels: change.labels } : {}),
            ...(change.state !== undefined ? { state: change.state } : {}),
            ...(change.stateReason !== undefined ? { state_reason: change.stateReason } : {}),
          });
          return toRepoIssue(response.data);
        },
      ),

    changeAssignees: async (repo, number, change) => {
      const add = distinctLogins(change.add);
      const adding = new Set(add.map((login) => login.toLowerCase()));
      // A login both added and removed stays assigned (unassigning it first would only notify twice).
      const remove = distinctLogins(change.remove).filter((login) => !adding.has(login.toLowerCase()));
      if (add.length === 0 && remove.length === 0) {
        const issue = await getIssue(repo, number);
        if (!issue)
          throw new GitHubError(
            'not-found',
            `Issue ${repo}#${number} is gone (GET /repos/{owner}/{repo}/issues/{issue_number}: 404)`,
          );
        return issue.assignees;
      }
      const route = '/repos/{owner}/{repo}/issues/{issue_number}/assignees';
      let assignees: string[] = [];
      // Removals first: an issue takes at most ten assignees, and those leaving make room for those coming.
      if (remove.length > 0)
        assignees = await call(repo, `DELETE ${route}`, async (client, { owner, repo: name }) => {
          const response = await client.request(
            'DELETE /repos/{owner}/{repo}/issues/{issue_number}/assignees',
            { owner, repo: name, issue_number: number, assignees: remove },
          );
          return toRepoIssue(response.data).assignees;
        });
      if (add.length > 0)
        assignees = await call(repo, `POST ${route}`, async (client, { owner, repo: name }) => {
          const response = await client.request(
            'POST /repos/{owner}/{repo}/issues/{issue_number}/assignees',
            { owner, repo: name, issue_number: number, assignees: add },
          );
          // GitHub answers 201 without whoever it dropped: this list is who it took.
          return toRepoIssue(response.data).assignees;
        });
      return assignees;
    },

    addComment: (repo, number, body) =>
      call(
        repo,
        'POST /repos/{owner}/{repo}/issues/{issue_number}/comments',
        async (client, { owner, repo: name }) => {
          const response = await client.request('POST /repos/{owner}/{repo}/issues/{issue_number}/comments', {
            owner,
            repo: name,
            issue_number: number,
            body,
          });
          // Typed number | bigint (Octokit parses big integers exactly); comment ids are far below 2⁵³.
          return Number(response.data.id);
        },
      ),

    updateComment: async (repo, commentId, body) => {
      await call(
        repo,
        'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}',
        (client, { owner, repo: name }) =>
          client.request('PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}', {
            owner,
            repo: name,
            comment_id: commentId,
            body,
          }),
      );
    },

    findComments: (repo, number, marker) =>
      call(
        repo,
        'GET /repos/{owner}/{repo}/issues/{issue_number}/comments',
        async (client, { owner, repo: name }) => {
          const first = await client.request('GET /repos/{owner}/{repo}/issues/{issue_number}/comments', {
            owner,
            repo: name,
            issue_number: number,
            per_page: 100,
          });
          // GitHub lists an issue's comments by ascending id: oldest first.
          const comments = await allPages<RawComment>(client, first);
          return comments
            .filter((comment) => (comment.body ?? '').includes(marker))
            .map((comment) => Number(comment.id));
        },
      ),

    deleteComment: (repo, commentId) =>
      call(
        repo,
        'DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}',
        async (client, { owner, repo: name }) => {
          await client.request('DELETE /repos/{owner}/{repo}/issues/comments/{comment_id}', {
            owner,
            repo: name,
            comment_id: commentId,
          });
        },
        { goneIsAnswer: true },
      ).catch((error: unknown) => {
        // Already gone (deleted on GitHub, or by an earlier attempt): what was asked for is so.
        if (error instanceof GitHubError && error.failure === 'not-found') return;
        throw error;
      }),

    linkedPullRequests: (repo, number) =>
      call(
        repo,
        'GET /repos/{owner}/{repo}/issues/{issue_number}/timeline',
        async (client, { owner, repo: name }) => {
          const first = await client.request('GET /repos/{owner}/{repo}/issues/{issue_number}/timeline', {
            owner,
            repo: name,
            issue_number: number,
            per_page: 100,
          });
          const events = await allPages<RawTimelineEvent>(client, first);
          const linked = new Map<string, LinkedPullRequest>();
          for (const event of events) {
            const pullRequest = toLinkedPullRequest(event);
            if (pullRequest && !linked.has(pullRequest.url)) linked.set(pullRequest.url, pullRequest);
          }
          return [...linked.values()];
        },
      ),

    pullRequest: (repo, number) =>
      call(
        repo,
        'GET /repos/{owner}/{repo}/pulls/{pull_number}',
        async (client, { owner, repo: name, name: fullName }) => {
          const response = await client.request('GET /repos/{owner}/{repo}/pulls/{pull_number}', {
            owner,
            repo: name,
            pull_number: number,
          });
          return toPullRequest(response.data, fullName);
        },
        { goneIsAnswer: true },
      ).catch((error: unknown) => {
        if (error instanceof GitHubError && error.failure === 'not-found') return null;
        throw error;
      }),
  };
}

/** A repository as the calls need it. */
interface Target {
  owner: string;
  repo: string;
  /** `owner/name`. */
  name: string;
  /** GitHub's names are case-insensitive: the cache key. */
  key: string;
}

function targetOf(repoName: RepositoryName, route: string): Target {
  const name = parseRepository(repoName);
  const [owner, repo] = name?.split('/') ?? [];
  if (!name || !owner || !repo || name !== repoName.trim())
    throw new GitHubError(
      'not-installed',
      `${route}: "${repoName.slice(0, 120)}" is not a repository (owner/name)`,
    );
  return { owner, repo, name, key: name.toLowerCase() };
}

/** Each attempt gets its own time limit (a signal made once would expire for every later request). */
function fetchWithTimeout(timeoutMs: number): typeof fetch {
  return (input, init) => {
    const timeout = AbortSignal.timeout(timeoutMs);
    return fetch(input, {
      ...init,
      signal: init?.signal ? AbortSignal.any([init.signal, timeout]) : timeout,
    });
  };
}

/** Follows the `link: <…>; rel="next"` headers from the first page, as @octokit/plugin-paginate-rest does. */
async function allPages<T>(
  client: GitHubClient,
  first: { data: unknown; headers: { link?: string | undefined } },
): Promise<T[]> {
  const items = [...(first.data as T[])];
  let next = nextPage(first.headers.link);
  for (let page = 1; next && page < MAX_PAGES; page++) {
    const response = await client.request({ method: 'GET', url: next });
    items.push(...(response.data as T[]));
    next = nextPage(response.headers.link);
  }
  return items;
}

function nextPage(link: string | undefined): string | undefined {
  return link?.match(/<([^<>]+)>;\s*rel="next"/)?.[1];
}

interface RawIssue {
  number: number;
  title: string;
  body?: string | null;
  html_url: string;
  labels: Array<string | { name?: string | undefined }>;
  state: string;
  state_reason?: string | null;
  user: { login: string } | null;
  assignees?: Array<{ login: string }> | null;
  assignee?: { login: string } | null;
  pull_request?: unknown;
  updated_at: string;
}

const STATE_REASONS = ['completed', 'not_planned', 'reopened', 'duplicate'] as const;

function toRepoIssue(issue: RawIssue): RepoIssue {
  const assignees = issue.assignees ?? (issue.assignee ? [issue.assignee] : []);
  const stateReason = STATE_REASONS.find((reason) => reason === issue.state_reason) ?? null;
  return {
    number: issue.number,
    title: issue.title,
    body: issue.body ?? null,
    htmlUrl: issue.html_url,
    labels: issue.labels
      .map((label) => (typeof label === 'string' ? label : (label.name ?? '')))
      .filter((name) => name !== ''),
    state: issue.state === 'closed' ? 'closed' : 'open',
    stateReason,
    author: issue.user?.login ?? null,
    assignees: assignees.map((assignee) => assignee.login),
    isPullRequest: issue.pull_request !== undefined && issue.pull_request !== null,
    updatedAt: issue.updated_at,
  };
}

interface RawTimelineEvent {
  event?: string;
  source?: {
    issue?: {
      number: number;
      title: string;
      html_url: string;
      state: string;
      pull_request?: { merged_at?: string | null; html_url?: string | null } | null;
      repository?: { full_name?: string } | null;
    };
  };
}

/** A `cross-referenced` event from a pull request, as the pull request it names; undefined for anything else. */
function toLinkedPullRequest(event: RawTimelineEvent): LinkedPullRequest | undefined {
  const issue = event.source?.issue;
  if (event.event !== 'cross-referenced' || !issue?.pull_request) return undefined;
  const url = issue.pull_request.html_url ?? issue.html_url;
  const repo = issue.repository?.full_name ?? repositoryFromUrl(url);
  if (!repo) return undefined;
  return {
    number: issue.number,
    repo,
    title: issue.title,
    url,
    state: issue.pull_request.merged_at ? 'merged' : issue.state === 'closed' ? 'closed' : 'open',
  };
}

interface RawPullRequest {
  number: number;
  title: string;
  html_url: string;
  state: string;
  merged?: boolean | null;
  merged_at?: string | null;
  base?: { repo?: { full_name?: string } | null } | null;
}

/** A pull request as GET /repos/{owner}/{repo}/pulls/{pull_number} answers it; `asked` when it names no repository. */
function toPullRequest(pull: RawPullRequest, asked: string): LinkedPullRequest {
  return {
    number: pull.number,
    repo: pull.base?.repo?.full_name ?? repositoryFromUrl(pull.html_url) ?? asked,
    title: pull.title,
    url: pull.html_url,
    state: pull.merged_at || pull.merged ? 'merged' : pull.state === 'closed' ? 'closed' : 'open',
  };
}

interface RawComment {
  id: number | bigint;
  body?: string | null;
}

/** Logins trimmed, blanks left out, each once (GitHub's logins are case-insensitive), in the order given. */
function distinctLogins(logins: readonly string[]): string[] {
  const seen = new Set<string>();
  return logins
    .map((login) => login.trim())
    .filter((login) => {
      const key = login.toLowerCase();
      if (login === '' || seen.has(key)) return false;
      seen.add(key);
      return true;
    });
}

/** `owner/name` from an issue's or pull request's page (`https://github.com/owner/name/pull/12`). */
function repositoryFromUrl(url: string): string | undefined {
  try {
    const match = new URL(url).pathname.match(/^\/([^/]+\/[^/]+)\/(?:pull|issues)\/\d+/);
    return match?.[1];
  } catch {
    return undefined;
  }
}

function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

/** Whether the failed request was the one creating the installation's token (inside @octokit/auth-app). */
function isTokenRequest(error: unknown): boolean {
  const url = (error as { request?: { url?: unknown } } | null)?.request?.url;
  return typeof url === 'string' && /\/app\/installations\/[^/]+\/access_tokens$/.test(url);
}

/** What GitHub said, for the message: its own `message` field, or the transport's (no headers, no body). */
function reasonOf(error: unknown): string {
  const data = (error as { response?: { data?: unknown } } | null)?.response?.data;
  const message = (data as { message?: unknown } | null | undefined)?.message;
  if (typeof message === 'string') return message.slice(0, 200);
  return error instanceof Error ? error.message.slice(0, 200) : 'unknown error';
}

function isRateLimit(error: unknown, status: number): boolean {
  if (status === 429) return true;
  if (status !== 403) return false;
  const headers = (error as { response?: { headers?: Record<string, unknown> } } | null)?.response?.headers;
  return headers?.['x-ratelimit-remaining'] === '0' || /rate limit/i.test(reasonOf(error));
}

/** Maps an Octokit failure to htg's GitHubError: route, repository and status in the message, no credentials. */
function toGitHubError(error: unknown, route: string, repo: string): GitHubError {
  if (error instanceof GitHubError) return error;
  const status = statusOf(error);
  const where = `GitHub ${route} on ${repo}`;
  const options = { cause: error };
  if (status === undefined)
    return new GitHubError('unavailable', `${where} failed: ${reasonOf(error)}`, options);
  const failure =
    status === 404 || status === 410
      ? 'not-found'
      : isRateLimit(error, status)
        ? 'rate-limited'
        : status >= 500
          ? 'unavailable'
          : 'refused';
  return new GitHubError(failure, `${where} failed: ${status} ${reasonOf(error)}`, options);
}
