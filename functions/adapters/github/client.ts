import { createAppAuth } from '@octokit/auth-app';
import { Octokit } from '@octokit/core';
import { retry } from '@octokit/plugin-retry';
import { throttling } from '@octokit/plugin-throttling';
import type { RepositoryName } from '../../app/ports/github.js';
import { GitHubError } from '../../app/ports/github.js';
import { parseRepository } from '../../domain/github.js';
import type { Logger } from '../logger.js';
import type { GitHubAppCredentials } from './credentials.js';

/**
 * @octokit/core with explicit routes rather than @octokit/rest: rest adds every endpoint method and the
 * pagination plugin, 86 KB of the 178 KB a bundle of it takes (esbuild, minified); htg calls a few dozen routes
 * (the installation lookups among them) and follows `link` headers itself.
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

/** A repository as the calls need it. */
interface Target {
  owner: string;
  repo: string;
  /** `owner/name`. */
  name: string;
  /** GitHub's names are case-insensitive: the cache key. */
  key: string;
}

interface CallOptions {
  /** A 404/410 is an answer the caller turns into null: it is not logged. */
  goneIsAnswer?: boolean;
  /** A failure the caller expects and handles (a 422 it answers with another call): it is not logged. */
  quietWhen?: (failure: GitHubError) => boolean;
  /**
   * Acts as the App's installation on this account (an organization or user) rather than the repository's: for
   * a call about a repository the App is not on, e.g. forking it into the account.
   */
  account?: string;
}

/** Runs one call as the right installation, turning every failure into a GitHubError (and a log line). */
export type GitHubCall = <T>(
  repo: RepositoryName,
  route: string,
  work: (client: GitHubClient, target: Target) => Promise<T>,
  options?: CallOptions,
) => Promise<T>;

/** Rate limits that ask for a longer wait than this are not waited for: the call fails as 'rate-limited'. */
const MAX_RETRY_AFTER_SECONDS = 60;
/** Pages of 100 followed at most (10,000 issues, timeline events or pull requests). */
const MAX_PAGES = 100;
/**
 * Statuses the retry plugin leaves alone: answers that do not change on retry (409 among them: an empty
 * repository's git data, a fork that conflicts with its upstream), and rate limits (throttling's).
 */
const DO_NOT_RETRY = [400, 401, 403, 404, 409, 410, 422, 429, 451];

/**
 * One GitHub App's clients, for the adapters of adapters/github: an App-authenticated client finds each
 * repository's (or account's) installation, once per process, and one client per installation does the work
 * with the installation's token (created and cached by @octokit/auth-app). `call` maps every failure to a
 * GitHubError; the key and tokens never reach a message or a log line.
 */
export function gitHubClients(options: GitHubIssueTrackerOptions): { call: GitHubCall } {
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
  /** Installation ids, by `repo:<owner/name>` or `account:<login>` (lower case). */
  const installations = new Map<string, Promise<number>>();
  const clients = new Map<number, GitHubClient>();

  /** An installation's id, as `find` looks it up: 'not-installed' on 404; only a success is remembered. */
  const lookUp = (
    key: string,
    where: { route: string; name: string },
    find: () => Promise<number>,
  ): Promise<number> => {
    let installation = installations.get(key);
    if (!installation) {
      installation = find().catch((error: unknown) => {
        if (statusOf(error) === 404)
          throw new GitHubError(
            'not-installed',
            `The GitHub App is not installed on ${where.name} (${where.route}: 404)`,
            { cause: error },
          );
        throw toGitHubError(error, where.route, where.name);
      });
      // A failure is not remembered: the App may be installed a minute later.
      installation.catch(() => installations.delete(key));
      installations.set(key, installation);
    }
    return installation;
  };

  /** Where the App is installed for a call: the repository's installation, or (options.account) the account's. */
  const installationFor = (
    target: Target,
    account: string | undefined,
  ): { key: string; id: Promise<number> } => {
    if (account === undefined) {
      const key = `repo:${target.key}`;
      const route = 'GET /repos/{owner}/{repo}/installation';
      const id = lookUp(key, { route, name: target.name }, async () => {
        const response = await app.request(route, { owner: target.owner, repo: target.repo });
        return response.data.id;
      });
      return { key, id };
    }
    const login = account.trim();
    const key = `account:${login.toLowerCase()}`;
    const route = 'GET /orgs/{org}/installation, GET /users/{username}/installation';
    // An organization's installation, or else a user's: the App is installed on accounts of either kind.
    const id = lookUp(key, { route, name: login }, async () => {
      try {
        return (await app.request('GET /orgs/{org}/installation', { org: login })).data.id;
      } catch (error) {
        if (statusOf(error) !== 404) throw error;
        return (await app.request('GET /users/{username}/installation', { username: login })).data.id;
      }
    });
    return { key, id };
  };

  const clientOf = async (id: Promise<number>): Promise<GitHubClient> => {
    const installationId = await id;
    let client = clients.get(installationId);
    if (!client) {
      client = newClient({ installationId });
      clients.set(installationId, client);
    }
    return client;
  };

  const call: GitHubCall = async (
    repoName,
    route,
    work,
    { goneIsAnswer = false, quietWhen, account } = {},
  ) => {
    const target = targetOf(repoName, route);
    const installation = installationFor(target, account);
    try {
      return await work(await clientOf(installation.id), target);
    } catch (error) {
      const failure = toGitHubError(error, route, target.name);
      // The installation's token could not be made: uninstalled (404) or suspended (403) since it was looked up.
      if (
        isTokenRequest(error) &&
        (statusOf(error) === 404 || (statusOf(error) === 403 && failure.failure === 'refused'))
      ) {
        installations.delete(installation.key);
        const gone = new GitHubError(
          'not-installed',
          `The GitHub App's installation on ${account ?? target.name} is gone or suspended (${route}: ${statusOf(error) ?? 'no status'})`,
          { cause: error },
        );
        logger.warn(gone.message);
        throw gone;
      }
      const expected = (goneIsAnswer && failure.failure === 'not-found') || quietWhen?.(failure) === true;
      if (!expected) logger.warn(failure.message);
      throw failure;
    }
  };

  return { call };
}

/** A 404 (or 410) as null, for calls made with `goneIsAnswer`. */
export function nullWhenGone<T>(promise: Promise<T>): Promise<T | null> {
  return promise.catch((error: unknown) => {
    if (error instanceof GitHubError && error.failure === 'not-found') return null;
    throw error;
  });
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
export async function allPages<T>(
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

function statusOf(error: unknown): number | undefined {
  const status = (error as { status?: unknown } | null)?.status;
  return typeof status === 'number' ? status : undefined;
}

/** Whether the failed request was the one creating the installation's token (inside @octokit/auth-app). */
function isTokenRequest(error: unknown): boolean {
  const url = (error as { request?: { url?: unknown } } | null)?.request?.url;
  return typeof url === 'string' && /\/app\/installations\/[^/]+\/access_tokens$/.test(url);
}

/**
 * The sentences of a 422's `errors` (GitHub's "Validation Failed" says what failed only there: `{ resource,
 * code: 'custom', message }`, or `{ resource, field, code }`), of a GitHubError's cause or an Octokit error.
 */
export function validationErrors(error: unknown): string[] {
  const cause = error instanceof GitHubError ? error.cause : error;
  const data = (cause as { response?: { data?: unknown } } | null)?.response?.data;
  const errors = (data as { errors?: unknown } | null | undefined)?.errors;
  if (!Array.isArray(errors)) return [];
  return errors.map((item: unknown) => {
    if (typeof item === 'string') return item;
    const { message, resource, field, code } = (item ?? {}) as Record<string, unknown>;
    if (typeof message === 'string') return message;
    return [resource, field, code].filter((part) => typeof part === 'string').join(' ');
  });
}

/** What GitHub said, for the message: its own `message` field, or the transport's (no headers, no body). */
function reasonOf(error: unknown): string {
  const data = (error as { response?: { data?: unknown } } | null)?.response?.data;
  const message = (data as { message?: unknown } | null | undefined)?.message;
  if (typeof message === 'string') {
    const details = validationErrors(error);
    return (details.length > 0 ? `${message}: ${details.join('; ')}` : message).slice(0, 200);
  }
  return error instanceof Error ? error.message.slice(0, 200) : 'unknown error';
}

function isRateLimit(error: unknown, status: number): boolean {
  if (status === 429) return true;
  if (status !== 403) return false;
  const headers = (error as { response?: { headers?: Record<string, unknown> } } | null)?.response?.headers;
  return headers?.['x-ratelimit-remaining'] === '0' || /rate limit/i.test(reasonOf(error));
}

/**
 * Maps an Octokit failure to htg's GitHubError: route, repository and status in the message, no credentials. A
 * 403 other than a rate limit ("Resource not accessible by integration": the installation lacks a permission)
 * is 'refused', as are 409 and 422.
 */
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
