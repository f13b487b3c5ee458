import { generateKeyPairSync, randomBytes } from 'node:crypto';
import { once } from 'node:events';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { ReactionContent } from '@octokit/graphql-schema';
import {
  BAD_CREDENTIALS,
  credentialOf,
  installationToken,
  jwtRefusal,
  UNDECODABLE,
} from './github-rules/app-auth.js';
import {
  changedPaths,
  commitsAhead,
  filesOf,
  isAncestor,
  mergeBase,
  mergeTrees,
  newObjects,
  putBlob,
  putCommit,
  putTree,
  type StoredCommit,
  topLevel,
} from './github-rules/git.js';
import { answerGraphql, graphqlOperationOf } from './github-rules/graphql.js';
import { matchOperation, type Operation, requestProblems, responseProblems } from './github-rules/openapi.js';
import { examplePayload, signedDelivery } from './github-rules/webhooks.js';
import {
  APP_PERMISSIONS,
  addReaction,
  botGitPerson,
  botLogin,
  commentObject,
  contentEntry,
  contentFileObject,
  covers,
  deleteDiscussionComment,
  discussionCommentNode,
  enableDiscussions,
  fullRepositoryObject,
  gitCommitObject,
  gitRefObject,
  gitTreeObject,
  installationObject,
  issueObject,
  labelObject,
  newDiscussion,
  newDiscussionComment,
  nextId,
  pullHead,
  pullRequestObject,
  removeReaction,
  repositoryNodeId,
  repositoryObject,
  type StoredComment,
  type StoredDiscussion,
  type StoredIssue,
  type StoredRepo,
  timestamp,
  userObject,
  type World,
} from './github-rules/world.js';

type Json = Record<string, unknown>;

/** How GitHub stores a state reason (`issue.state_reason`). */
type StateReason = 'completed' | 'not_planned' | 'reopened' | 'duplicate' | null;

/** An issue (or, with `pullRequest`, a pull request) as a test seeds it. */
interface IssueSeed {
  title: string;
  body?: string | null;
  labels?: string[];
  /** Login of who opened it (default `octocat`). */
  author?: string;
  state?: 'open' | 'closed';
  stateReason?: 'completed' | 'not_planned' | null;
  /** A pull request; a merged one is closed, with `merged_at`. */
  pullRequest?: { merged?: boolean };
}

/** A change a person makes to an issue on GitHub; absent fields stay as they are. */
interface IssueEdit {
  title?: string;
  body?: string | null;
  /** Replaces the labels. */
  labels?: string[];
  /** Replaces the assignees (GitHub silently drops those who cannot be assigned, and those past ten). */
  assignees?: string[];
  state?: 'open' | 'closed';
  stateReason?: 'completed' | 'not_planned' | null;
  /** Who makes it (default: the issue's author); the `sender` of the webhook that follows. */
  by?: string;
}

/** What an installation grants beyond issues (write), metadata (read) and pull requests (read). */
interface InstallPermissions {
  contents?: 'read' | 'write';
  pullRequests?: 'read' | 'write';
  administration?: 'read' | 'write';
  /** Discussions (GraphQL): read to read them, write to create and edit them. */
  discussions?: 'read' | 'write';
}

/** A discussion as a person writes it on GitHub, with its top-level comments. */
interface DiscussionSeed {
  title: string;
  body: string;
  /** Its category's name (default `General`, one of GitHub's default categories). */
  category?: string;
  /** Login of who opened it (default `octocat`). */
  author?: string;
  /** Its top-level comments, oldest first; a null author is an account deleted since. */
  comments?: Array<{ body: string; author?: string | null }>;
}

/** A stored discussion, as tests inspect it. */
interface DiscussionState {
  /** Its GraphQL node id. */
  id: string;
  number: number;
  url: string;
  title: string;
  body: string;
  category: string;
  comments: Array<{
    id: string;
    body: string;
    author: string | null;
    /** Who upvoted it (GraphQL tells only how many). */
    upvoters: string[];
    reactions: Array<{ content: ReactionContent; login: string | null }>;
  }>;
}

/** The discussions of the stand-in's repositories, as people use them on GitHub (and tests seed them). */
interface StandInDiscussions {
  /**
   * Enables Discussions on a repository, as its settings do: GitHub's default categories (Announcements,
   * General, Ideas, Polls, Q&A, Show and tell) the first time, and `categories` more. Returns the categories.
   */
  enable(repo: string, categories?: string[]): Array<{ id: string; name: string }>;
  /** Opens a discussion with its comments (enabling Discussions when they are not); returns it as stored. */
  create(repo: string, seed: DiscussionSeed): DiscussionState;
  /** Adds a top-level comment (author default `octocat`; null: an account deleted since); returns its node id. */
  addComment(discussionId: string, comment: { body: string; author?: string | null }): string;
  /** Upvotes a comment (⬆️) as a person; once per person, as on GitHub. */
  upvote(commentId: string, login: string): void;
  removeUpvote(commentId: string, login: string): void;
  /** Reacts to a comment (one of each content per person, as on GitHub); null: an account deleted since. */
  react(commentId: string, content: ReactionContent, login: string | null): void;
  unreact(commentId: string, content: ReactionContent, login: string): void;
  /** Edits a comment's body, as its author would. */
  editComment(commentId: string, body: string): void;
  /** Deletes a comment, as its author or a maintainer would: its node id resolves to nothing from then on. */
  deleteComment(commentId: string): void;
  /** A discussion as stored now; undefined when there is none. */
  get(repo: string, number: number): DiscussionState | undefined;
}

/** A fault the stand-in answers instead of GitHub: a server error, or one of GitHub's rate limits. */
type GitHubFault =
  | 500
  | 502
  | 503
  | {
      rateLimit: 'primary' | 'secondary' | 429;
      retryAfterSeconds?: number;
      /**
       * The `type` of a primary rate limit's GraphQL error: `RATE_LIMITED` (default; renovatebot/renovate#21861
       * quotes it for an installation), or `RATE_LIMIT` with `code: graphql_rate_limit`, as GitHub has answered
       * since (yanyongyu/githubkit#271).
       */
      graphqlType?: 'RATE_LIMITED' | 'RATE_LIMIT';
    };

/** One request the stand-in received. */
interface RecordedRequest {
  method: string;
  /** As received, without the query. */
  path: string;
  query: Record<string, string>;
  /** The JSON body, parsed (undefined without one). */
  body: unknown;
  /** The operation of GitHub's OpenAPI description it matched (undefined if none); `graphql` for POST /graphql. */
  operationId?: string;
  /** A GraphQL request's operation name (`query ReadDiscussion { … }`), when it has one. */
  graphqlOperation?: string;
  status: number;
}

export interface GitHubStandIn {
  /** Octokit's baseUrl / GITHUB_API_URL, e.g. http://127.0.0.1:PORT (no trailing slash). */
  url: string;
  /** The App the stand-in knows: its id, its private key (PKCS#8 PEM, generated per stand-in), its webhook secret. */
  app: { id: number; privateKey: string; webhookSecret: string };
  /**
   * Installs the App on a repository (`owner/name`), or on every repository of an account (a bare `owner`:
   * repository selection "all", those made later, forks among them, included); returns the installation id. One
   * installation per account, as on GitHub: repositories of the same owner join it (repository selection
   * "selected"). Repositories not installed answer 404 on GET /repos/{owner}/{repo}/installation and to
   * installation tokens. The installation grants issues (write), metadata (read) and pull requests (read), and
   * what `permissions` adds or changes (for the whole installation, as GitHub's are); a token without what an
   * operation needs is answered 403 "Resource not accessible by integration" (on GraphQL, an error of type
   * FORBIDDEN: discussions need `discussions`).
   */
  install(repo: string, permissions?: InstallPermissions): number;
  /** Makes a login assignable on a repository; GitHub silently drops assignees who are not. */
  addCollaborator(repo: string, login: string): void;
  /**
   * Seeds an issue (or, with pullRequest, a pull request) as GitHub stores it; returns the REST issue object.
   * Numbers are shared by issues and pull requests per repository, from 1.
   */
  addIssue(repo: string, issue: IssueSeed): Json;
  /**
   * Edits a stored issue (or pull request: its title, body, labels, state) as a person on GitHub would; returns
   * the REST issue object. A merged pull request cannot be reopened, as on GitHub.
   */
  editIssue(repo: string, number: number, change: IssueEdit): Json;
  /**
   * Merges a seeded open pull request as GitHub stores it: closed, `merged`, with `merged_at` and a
   * `merge_commit_sha`, by its author (the `merged_by`, and the `sender` of the `closed` delivery that follows);
   * returns the REST pull-request object. Its issue object and the timelines that cross-reference it say so too.
   */
  mergePullRequest(repo: string, number: number): Json;
  /** Deletes an issue, as a repository admin can: later requests for it answer 404. */
  deleteIssue(repo: string, number: number): void;
  /**
   * Commits files (path → text) on top of a branch (default: the repository's default branch, `main` unless the
   * repository was forked from one with another), as a person pushing to GitHub would; returns the commit's sha.
   * A branch that does not exist yet starts from the default branch, and an empty repository gets its first
   * commit.
   */
  addFiles(
    repo: string,
    files: Record<string, string>,
    options?: { branch?: string; message?: string },
  ): string;
  /** A file's text at a branch or commit; undefined when there is none. */
  fileAt(repo: string, ref: string, path: string): string | undefined;
  /** A branch's head commit; undefined when there is no such branch. */
  branch(repo: string, name: string): string | undefined;
  /** A commit: its parents, message, author, and the paths it changed from its first parent. */
  commit(
    repo: string,
    sha: string,
  ):
    | { sha: string; tree: string; parents: string[]; message: string; author: string; changed: string[] }
    | undefined;
  /** The stored REST pull-request objects of a repository, by number. */
  pulls(repo: string): Json[];
  /**
   * Forks made from now on answer their git data, contents and merge-upstream requests 404 for their first
   * `requests` requests: GitHub makes a fork asynchronously ("You may have to wait a short period of time before
   * you can access the git objects", the description of POST /repos/{owner}/{repo}/forks).
   */
  delayForks(requests: number): void;
  /** The stored REST issue objects of a repository (pull requests included), by number. */
  issues(repo: string): Json[];
  /** One stored REST issue object. */
  issue(repo: string, number: number): Json | undefined;
  /** The comments on an issue, oldest first (REST issue-comment objects). */
  comments(repo: string, number: number): Json[];
  /** Seeds a comment as a person writes it on GitHub (author default `octocat`); returns the REST issue-comment object. */
  addComment(repo: string, number: number, comment: { body: string; author?: string }): Json;
  /**
   * Adds a cross-reference to an issue's timeline: pull request `prNumber` (added with addIssue and
   * pullRequest) of `prRepo` (default: the same repository) mentions it.
   */
  crossReference(repo: string, issueNumber: number, prNumber: number, prRepo?: string): void;
  /** Every request received, in order. */
  requests: RecordedRequest[];
  /**
   * Requests or answers that do not conform to GitHub's OpenAPI description, and routes it does not describe
   * (or the stand-in does not serve); tests assert this is empty. Each a sentence naming the operation.
   */
  contractViolations: string[];
  /**
   * Answers the next `times` requests (only those of `operationId`, when given) with a fault: a 500/502/503,
   * GitHub's primary rate limit (403, `x-ratelimit-remaining: 0`, reset `retryAfterSeconds` from now), its
   * secondary rate limit (403 with `retry-after`) or a 429 with `retry-after` (default 60 s). `graphql` names
   * every POST /graphql, `graphql/<Name>` those of one named operation (`query Name { … }`); GraphQL's primary
   * rate limit is answered as GitHub does, HTTP 200 with an error of type RATE_LIMITED (github/docs#22607).
   */
  failNext(times: number, fault: GitHubFault, operationId?: string): void;
  /** Forgets every fault still queued by failNext: GitHub answers normally again. */
  clearFaults(): void;
  /** Discussions (GitHub's GraphQL API, POST /graphql), as people use them: seeding, votes, reactions. */
  discussions: StandInDiscussions;
  /**
   * A webhook delivery as GitHub sends it to the App: the @octokit/webhooks-examples payload of `event` and
   * `action`, its issue (or pull request), repository, installation and sender the stand-in's own, signed with
   * `app.webhookSecret`. `edited` carries `changes` (given, or those of the last edit); `labeled`/`unlabeled`
   * the label (given, or the issue's last); `assigned`/`unassigned` the issue's last assignee.
   */
  delivery(
    event: 'issues' | 'pull_request',
    action: string,
    repo: string,
    number: number,
    options?: { deliveryId?: string; changes?: unknown; label?: string },
  ): { id: string; headers: Record<string, string>; body: string };
  /** Stops the server, dropping open connections. */
  close(): Promise<void>;
}

interface GitHubStandInOptions {
  /** Latency of every answer, in milliseconds (imitates GitHub's). */
  delayMs?: number;
}

interface Answer {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

interface IssuedToken {
  installationId: number;
  /** What the token may do (the installation's permissions, or those asked for). */
  permissions: Record<string, string>;
  /** Lower-case full names, when the token was asked for some repositories only. */
  repos?: Set<string>;
  expiresAt: number;
}

/** A request, once matched to its operation and authenticated. */
interface Call {
  operation: Operation;
  params: Record<string, string>;
  query: Record<string, string>;
  body: Json;
  repo?: StoredRepo;
  /** The installation of the token (repository endpoints). */
  installationId?: number;
  /** The token's permissions (repository endpoints). */
  permissions?: Record<string, string>;
}

const GENERIC_DOCS = 'https://docs.github.com/rest';
const GRAPHQL_DOCS = 'https://docs.github.com/graphql';
const WEB_ORIGIN = 'https://github.com';
/** A body may have at most 65536 characters (GitHub's 422 "body is too long (maximum is 65536 characters)"). */
const MAX_BODY = 65_536;
/**
 * "You can assign up to 10 people to each issue or pull request" (docs.github.com, "Assigning issues and pull
 * requests to other GitHub users"); add-assignees "Adds up to 10 assignees to an issue" (its REST docs). Past ten
 * GitHub still answers with success and leaves the rest out, as silently as logins it cannot assign: Prow, which
 * compares the 201's assignees with those it asked for, took an eleventh for someone it may not assign
 * (kubernetes/test-infra#10391), and an issue created with more than ten got ten, without an error
 * (trstringer/manual-approval#94). Which ones GitHub keeps is not documented: the stand-in keeps those assigned
 * already, then the first of the new ones, up to ten.
 */
const MAX_ASSIGNEES = 10;
/** GitHub's installation rate limit: at least 5,000 requests an hour (docs.github.com, "Rate limits for the REST API"). */
const RATE_LIMIT = 5000;
/** Operations authenticated as the App (a JWT), after @octokit/auth-app's requires-app-auth.js and GitHub's docs. */
const APP_LEVEL =
  /^\/app(\/|$)|^\/(repos\/\{owner\}\/\{repo\}|orgs\/\{org\}|users\/\{username\})\/installation$/;

/**
 * What an installation token needs for each operation the stand-in serves: any one of the sets, each of which
 * it needs whole (docs.github.com, "Permissions required for GitHub Apps", and its source
 * src/github-apps/data/…/server-to-server-permissions.json in github/docs). The issues endpoints take either
 * permission, as they serve pull requests too. Forking needs Administration (write) and Contents (read).
 */
const REQUIRED: Readonly<Record<string, ReadonlyArray<Readonly<Record<string, 'read' | 'write'>>>>> = {
  'issues/list-for-repo': [{ issues: 'read' }, { pull_requests: 'read' }],
  'issues/get': [{ issues: 'read' }, { pull_requests: 'read' }],
  'issues/list-comments': [{ issues: 'read' }, { pull_requests: 'read' }],
  'issues/list-events-for-timeline': [{ issues: 'read' }, { pull_requests: 'read' }],
  'issues/create': [{ issues: 'write' }],
  'issues/update': [{ issues: 'write' }, { pull_requests: 'write' }],
  'issues/add-assignees': [{ issues: 'write' }, { pull_requests: 'write' }],
  'issues/remove-assignees': [{ issues: 'write' }, { pull_requests: 'write' }],
  'issues/create-comment': [{ issues: 'write' }, { pull_requests: 'write' }],
  'issues/update-comment': [{ issues: 'write' }, { pull_requests: 'write' }],
  'issues/delete-comment': [{ issues: 'write' }, { pull_requests: 'write' }],
  'repos/get': [{ metadata: 'read' }],
  'repos/get-content': [{ contents: 'read' }],
  'repos/create-fork': [{ administration: 'write', contents: 'read' }],
  'repos/merge-upstream': [{ contents: 'write' }],
  'git/create-blob': [{ contents: 'write' }],
  'git/create-tree': [{ contents: 'write' }],
  'git/create-commit': [{ contents: 'write' }],
  'git/get-commit': [{ contents: 'read' }],
  'git/get-ref': [{ contents: 'read' }],
  'git/create-ref': [{ contents: 'write' }],
  'git/update-ref': [{ contents: 'write' }],
  'pulls/list': [{ pull_requests: 'read' }, { contents: 'read' }],
  'pulls/get': [{ pull_requests: 'read' }, { contents: 'read' }],
  'pulls/create': [{ pull_requests: 'write' }],
  'pulls/update': [{ pull_requests: 'write' }],
};
/** The operations a fork GitHub is still making answers 404 (its git objects are not there yet). */
const LAGGING = new Set([
  'repos/get-content',
  'repos/merge-upstream',
  'git/create-blob',
  'git/create-tree',
  'git/create-commit',
  'git/get-commit',
  'git/get-ref',
  'git/create-ref',
  'git/update-ref',
]);
/** GitHub's 409 for the Git Data API on a repository without a commit (github/rest-api-description#637). */
const EMPTY_REPOSITORY = 'Git Repository is empty.';

let stand_ins = 0;

/**
 * A loopback stand-in for api.github.com, as a GitHub App on a few repositories sees it. It authenticates as
 * GitHub does (github-rules/app-auth.ts), and checks each installation token's permissions for what it asks
 * (REQUIRED); it serves the issue, comment, timeline and pull request endpoints htg uses, and a repository's
 * contents, Git Data (blobs, trees, commits, refs) and forks, from what it stores (github-rules/world.ts, the
 * git objects in github-rules/git.ts); and it checks every request and answer against GitHub's own OpenAPI
 * description (github-rules/openapi.ts): what does not conform lands in `contractViolations`, and an invalid
 * request is answered 422, as GitHub answers invalid input.
 */
export async function startGitHubStandIn({ delayMs = 0 }: GitHubStandInOptions = {}): Promise<GitHubStandIn> {
  stand_ins++;
  const { privateKey, publicKey } = generateKeyPairSync('rsa', {
    modulusLength: 2048,
    publicKeyEncoding: { type: 'spki', format: 'pem' },
    privateKeyEncoding: { type: 'pkcs8', format: 'pem' },
  });
  const appId = 1_000_000 + stand_ins;
  const webhookSecret = randomBytes(20).toString('hex');
  const hookId = 400_000_000 + stand_ins;
  const world: World = {
    api: '',
    app: {
      id: appId,
      slug: 'htg-stand-in',
      name: 'htg (stand-in)',
      clientId: `Iv23li${randomBytes(7).toString('hex')}`,
      owner: 'htg-maintainers',
      createdAt: timestamp(),
    },
    people: new Map(),
    repos: new Map(),
    installations: new Map(),
    counters: new Map(),
    nodes: new Map(),
  };
  const tokens = new Map<string, IssuedToken>();
  const requests: RecordedRequest[] = [];
  const contractViolations: string[] = [];
  const faults: Array<{ times: number; fault: GitHubFault; operationId?: string }> = [];
  const usage = new Map<string, { used: number; resetAt: number }>();

  const sequence = () => nextId(world, 'sequence', 1);

  const repoKey = (name: string) => name.toLowerCase();
  const ensureRepo = (name: string): StoredRepo => {
    const [owner, repoName, extra] = name.split('/');
    if (!owner || !repoName || extra !== undefined)
      throw new Error(`A repository is 'owner/name', not '${name}'`);
    const known = world.repos.get(repoKey(name));
    if (known) return known;
    const repo: StoredRepo = {
      id: nextId(world, 'repository', 700_000_001),
      owner,
      name: repoName,
      fullName: `${owner}/${repoName}`,
      createdAt: timestamp(),
      collaborators: new Map(),
      labels: new Map(),
      issues: new Map(),
      deleted: new Map(),
      nextNumber: 1,
      objects: newObjects(),
      refs: new Map(),
      defaultBranch: 'main',
      forkPending: 0,
      discussionsEnabled: false,
      discussionCategories: [],
      discussions: new Map(),
    };
    world.repos.set(repoKey(name), repo);
    repositoryNodeId(world, repo);
    return repo;
  };
  const repoOrThrow = (name: string): StoredRepo => {
    const repo = world.repos.get(repoKey(name));
    if (!repo) throw new Error(`The stand-in knows no repository ${name}`);
    return repo;
  };
  const issueOrThrow = (repo: StoredRepo, number: number): StoredIssue => {
    const issue = repo.issues.get(number);
    if (!issue) throw new Error(`${repo.fullName} has no issue #${number}`);
    return issue;
  };
  const installationOf = (repo: StoredRepo) =>
    [...world.installations.values()].find((installation) => covers(installation, repo));
  const installationOnAccount = (account: string) =>
    [...world.installations.values()].find((i) => i.account.toLowerCase() === account.toLowerCase());
  let forkLag = 0;

  /** Label names as the repository spells them, creating the missing ones (GitHub does, colour `ededed`). */
  const labelNames = (repo: StoredRepo, wanted: ReadonlyArray<unknown>): string[] => {
    const names: string[] = [];
    for (const item of wanted) {
      const name = typeof item === 'string' ? item : String((item as Json | null)?.name ?? '');
      if (name.trim() === '') continue;
      let label = repo.labels.get(name.toLowerCase());
      if (!label) {
        label = { id: nextId(world, 'label', 208_045_001), name, color: 'ededed', description: null };
        repo.labels.set(name.toLowerCase(), label);
      }
      if (!names.includes(label.name)) names.push(label.name);
    }
    return names;
  };
  const assignable = (repo: StoredRepo, logins: ReadonlyArray<unknown>): string[] =>
    logins.flatMap((item) => {
      const login = typeof item === 'string' ? item : String((item as Json | null)?.login ?? '');
      const known = repo.collaborators.get(login.toLowerCase());
      return known ? [known] : [];
    });

  /** The assignees an issue keeps: those it has, then the new ones, each once, at most MAX_ASSIGNEES. */
  const upToTen = (current: readonly string[], added: readonly string[]): string[] =>
    [...new Set([...current, ...added])].slice(0, MAX_ASSIGNEES);

  const setState = (
    issue: StoredIssue,
    state: 'open' | 'closed',
    reason: StateReason | undefined,
    by: string,
  ) => {
    if (state === 'closed') {
      if (issue.state !== 'closed') {
        issue.closedAt = timestamp();
        issue.closedBy = by;
      }
      issue.state = 'closed';
      issue.stateReason = issue.pullRequest ? null : (reason ?? 'completed');
    } else if (issue.state === 'closed') {
      issue.state = 'open';
      issue.closedAt = null;
      issue.closedBy = null;
      issue.stateReason = issue.pullRequest ? null : 'reopened';
    }
  };

  const newIssue = (
    repo: StoredRepo,
    fields: Omit<StoredIssue, 'id' | 'number' | 'sequence'>,
  ): StoredIssue => {
    const issue: StoredIssue = {
      ...fields,
      id: nextId(world, 'issue', 1_900_000_001),
      number: repo.nextNumber++,
      sequence: sequence(),
    };
    repo.issues.set(issue.number, issue);
    return issue;
  };

  /** An open issue (or, with `pullRequest`, pull request) the App opens through its installation token. */
  const openedByApp = (
    repo: StoredRepo,
    fields: Pick<StoredIssue, 'title' | 'body' | 'labels' | 'assignees' | 'pullRequest'>,
  ): StoredIssue => {
    const now = timestamp();
    return newIssue(repo, {
      ...fields,
      state: 'open',
      stateReason: null,
      author: botLogin(world),
      comments: [],
      createdAt: now,
      updatedAt: now,
      closedAt: null,
      closedBy: null,
      viaApp: true,
      crossReferences: [],
      lastActor: botLogin(world),
    });
  };

  const handlers: Record<string, (call: Call) => Answer> = {
    'apps/get-repo-installation': (call) => {
      const repo = world.repos.get(repoKey(`${call.params.owner}/${call.params.repo}`));
      const installation = repo && installationOf(repo);
      if (!installation) return notFound(call.operation);
      return { status: 200, body: installationObject(world, installation) };
    },
    'apps/create-installation-access-token': (call) => {
      const installation = world.installations.get(Number(call.params.installation_id));
      if (!installation) return notFound(call.operation);
      const names = (call.body.repositories as string[] | undefined)?.map((name) =>
        repoKey(`${installation.account}/${name}`),
      );
      const ids = (call.body.repository_ids as number[] | undefined)?.map((id) =>
        [...world.repos.values()].find((repo) => repo.id === id),
      );
      const wanted = [...(names ?? []), ...(ids ?? []).map((repo) => (repo ? repoKey(repo.fullName) : ''))];
      const coverable = (name: string) => {
        const repo = world.repos.get(name);
        return repo !== undefined && covers(installation, repo);
      };
      if (!wanted.every(coverable)) {
        return validationFailed(
          call.operation,
          'There is at least one repository that does not exist or is not accessible to the parent installation.',
        );
      }
      const granted = installation.permissions;
      const asked = (call.body.permissions as Record<string, string> | undefined) ?? granted;
      const rank = (level: string | undefined) => (level === 'write' ? 2 : level === 'read' ? 1 : 0);
      if (Object.entries(asked).some(([name, level]) => rank(level) > rank(granted[name]))) {
        return validationFailed(
          call.operation,
          'The permissions requested are not granted to this installation.',
        );
      }
      const token = installationToken();
      const expiresAt = Date.now() + 3600_000;
      tokens.set(token, {
        installationId: installation.id,
        permissions: { ...asked },
        ...(wanted.length > 0 ? { repos: new Set(wanted) } : {}),
        expiresAt,
      });
      return {
        status: 201,
        body: {
          token,
          expires_at: timestamp(expiresAt),
          permissions: asked,
          repository_selection: 'selected',
        },
      };
    },
    'issues/list-for-repo': (call) => {
      const repo = call.repo as StoredRepo;
      const q = call.query;
      const state = q.state ?? 'open';
      const wanted = (q.labels ?? '')
        .split(',')
        .map((name) => name.trim().toLowerCase())
        .filter(Boolean);
      const since = q.since ? Date.parse(q.since) : undefined;
      const issues = [...repo.issues.values()].filter((issue) => {
        if (state !== 'all' && issue.state !== state) return false;
        const has = new Set(issue.labels.map((name) => name.toLowerCase()));
        if (!wanted.every((name) => has.has(name))) return false;
        if (since !== undefined && Date.parse(issue.updatedAt) < since) return false;
        if (q.creator && issue.author.toLowerCase() !== q.creator.toLowerCase()) return false;
        if (q.assignee === 'none' && issue.assignees.length > 0) return false;
        if (q.assignee === '*' && issue.assignees.length === 0) return false;
        if (q.assignee && !['none', '*'].includes(q.assignee)) {
          if (!issue.assignees.some((login) => login.toLowerCase() === q.assignee?.toLowerCase()))
            return false;
        }
        // No milestones are stored: `none` is every issue, `*` or a number none.
        if (q.milestone && q.milestone !== 'none') return false;
        if (q.mentioned && !(issue.body ?? '').toLowerCase().includes(`@${q.mentioned.toLowerCase()}`))
          return false;
        return true;
      });
      const key = (issue: StoredIssue): number =>
        q.sort === 'updated'
          ? Date.parse(issue.updatedAt)
          : q.sort === 'comments'
            ? issue.comments.length
            : 0;
      const order = q.direction === 'asc' ? 1 : -1;
      issues.sort((a, b) => order * (key(a) - key(b) || a.sequence - b.sequence));
      return page(
        call,
        issues.map((issue) => issueObject(world, repo, issue)),
        '/issues',
      );
    },
    'issues/get': (call) => {
      const found = findIssue(call);
      return found
        ? { status: 200, body: issueObject(world, found.repo, found.issue) }
        : notFound(call.operation);
    },
    'issues/create': (call) => {
      const repo = call.repo as StoredRepo;
      const title = call.body.title === undefined || call.body.title === null ? '' : String(call.body.title);
      if (title.trim() === '') return missingField(call.operation, 'Issue', 'title');
      const body = (call.body.body as string | undefined) ?? null;
      if (body !== null && body.length > MAX_BODY) return tooLong(call.operation, 'Issue');
      const assignees = assignable(repo, [
        ...((call.body.assignees as unknown[] | undefined) ?? []),
        ...(typeof call.body.assignee === 'string' ? [call.body.assignee] : []),
      ]);
      const issue = openedByApp(repo, {
        title,
        body,
        labels: labelNames(repo, (call.body.labels as unknown[] | undefined) ?? []),
        assignees: upToTen([], assignees),
      });
      const json = issueObject(world, repo, issue);
      return { status: 201, body: json, headers: { location: String(json.url) } };
    },
    'issues/update': (call) => {
      const found = findIssue(call);
      if (!found) return notFound(call.operation);
      const { repo, issue } = found;
      const change = call.body;
      if ('title' in change && change.title !== null && String(change.title).trim() === '') {
        return missingField(call.operation, 'Issue', 'title');
      }
      if (typeof change.body === 'string' && change.body.length > MAX_BODY)
        return tooLong(call.operation, 'Issue');
      const changes: Record<string, { from: unknown }> = {};
      if (change.title !== undefined && change.title !== null && String(change.title) !== issue.title) {
        changes.title = { from: issue.title };
        issue.title = String(change.title);
      }
      if (change.body !== undefined && change.body !== issue.body) {
        changes.body = { from: issue.body };
        issue.body = change.body as string | null;
      }
      if (Array.isArray(change.labels)) issue.labels = labelNames(repo, change.labels);
      if (Array.isArray(change.assignees)) issue.assignees = upToTen([], assignable(repo, change.assignees));
      else if (change.assignee === null) issue.assignees = [];
      else if (typeof change.assignee === 'string') issue.assignees = assignable(repo, [change.assignee]);
      if (change.state === 'open' || change.state === 'closed') {
        setState(issue, change.state, change.state_reason as StateReason | undefined, botLogin(world));
      }
      if (Object.keys(changes).length > 0) issue.lastChanges = changes;
      issue.lastActor = botLogin(world);
      issue.updatedAt = timestamp();
      return { status: 200, body: issueObject(world, repo, issue) };
    },
    'issues/add-assignees': (call) => {
      const found = findIssue(call);
      if (!found) return notFound(call.operation);
      const added = assignable(found.repo, (call.body.assignees as unknown[] | undefined) ?? []);
      found.issue.assignees = upToTen(found.issue.assignees, added);
      found.issue.updatedAt = timestamp();
      found.issue.lastActor = botLogin(world);
      return { status: 201, body: issueObject(world, found.repo, found.issue) };
    },
    'issues/remove-assignees': (call) => {
      const found = findIssue(call);
      if (!found) return notFound(call.operation);
      const removed = new Set(
        ((call.body.assignees as string[] | undefined) ?? []).map((l) => l.toLowerCase()),
      );
      found.issue.assignees = found.issue.assignees.filter((login) => !removed.has(login.toLowerCase()));
      found.issue.updatedAt = timestamp();
      found.issue.lastActor = botLogin(world);
      return { status: 200, body: issueObject(world, found.repo, found.issue) };
    },
    'issues/create-comment': (call) => {
      const found = findIssue(call);
      if (!found) return notFound(call.operation);
      const body = String(call.body.body ?? '');
      if (body.trim() === '') return missingField(call.operation, 'IssueComment', 'body');
      if (body.length > MAX_BODY) return tooLong(call.operation, 'IssueComment');
      const now = timestamp();
      const comment: StoredComment = {
        id: nextId(world, 'comment', 2_100_000_001),
        issueNumber: found.issue.number,
        body,
        author: botLogin(world),
        viaApp: true,
        createdAt: now,
        updatedAt: now,
        sequence: sequence(),
      };
      found.issue.comments.push(comment);
      found.issue.updatedAt = now;
      const json = commentObject(world, found.repo, comment);
      return { status: 201, body: json, headers: { location: String(json.url) } };
    },
    'issues/update-comment': (call) => {
      const repo = call.repo as StoredRepo;
      const id = Number(call.params.comment_id);
      const comment = [...repo.issues.values()].flatMap((issue) => issue.comments).find((c) => c.id === id);
      if (!comment) return notFound(call.operation);
      const body = String(call.body.body ?? '');
      if (body.trim() === '') return missingField(call.operation, 'IssueComment', 'body');
      if (body.length > MAX_BODY) return tooLong(call.operation, 'IssueComment');
      comment.body = body;
      comment.updatedAt = timestamp();
      return { status: 200, body: commentObject(world, repo, comment) };
    },
    'issues/delete-comment': (call) => {
      const repo = call.repo as StoredRepo;
      const id = Number(call.params.comment_id);
      const issue = [...repo.issues.values()].find((i) => i.comments.some((c) => c.id === id));
      if (!issue) return notFound(call.operation);
      issue.comments = issue.comments.filter((c) => c.id !== id);
      return { status: 204 };
    },
    'issues/list-comments': (call) => {
      const found = findIssue(call);
      if (!found) return notFound(call.operation);
      const since = call.query.since ? Date.parse(call.query.since) : undefined;
      const comments = found.issue.comments.filter(
        (c) => since === undefined || Date.parse(c.updatedAt) >= since,
      );
      return page(
        call,
        comments.map((comment) => commentObject(world, found.repo, comment)),
        `/issues/${found.issue.number}/comments`,
      );
    },
    'issues/list-events-for-timeline': (call) => {
      const found = findIssue(call);
      if (!found) return notFound(call.operation);
      const { repo, issue } = found;
      const events: Array<{ sequence: number; json: Json }> = [
        ...issue.comments.map((comment) => ({
          sequence: comment.sequence,
          json: {
            event: 'commented',
            actor: userObject(world, comment.author),
            ...commentObject(world, repo, comment),
          },
        })),
        ...issue.crossReferences.map((reference) => {
          const source = repoOrThrow(reference.repo);
          const pull = issueOrThrow(source, reference.number);
          return {
            sequence: reference.sequence,
            json: {
              event: 'cross-referenced',
              actor: userObject(world, pull.author),
              created_at: reference.at,
              updated_at: reference.at,
              source: {
                type: 'issue',
                issue: { ...issueObject(world, source, pull), repository: repositoryObject(world, source) },
              },
            },
          };
        }),
      ];
      events.sort((a, b) => a.sequence - b.sequence);
      return page(
        call,
        events.map((event) => event.json),
        `/issues/${issue.number}/timeline`,
      );
    },
    'pulls/get': (call) => {
      const repo = call.repo as StoredRepo;
      const issue = repo.issues.get(Number(call.params.pull_number));
      if (!issue?.pullRequest) return notFound(call.operation);
      return { status: 200, body: pullRequestObject(world, repo, issue) };
    },
    'pulls/list': (call) => {
      const repo = call.repo as StoredRepo;
      const q = call.query;
      const state = q.state ?? 'open';
      // `head` is `user:ref-name` (its description); without the owner the stand-in takes the repository's.
      const [headOwner, headRef] = q.head?.includes(':')
        ? [q.head.slice(0, q.head.indexOf(':')), q.head.slice(q.head.indexOf(':') + 1)]
        : [repo.owner, q.head];
      const pulls = [...repo.issues.values()].filter((issue) => {
        if (!issue.pullRequest) return false;
        if (state !== 'all' && issue.state !== state) return false;
        if (q.head !== undefined) {
          const head = pullHead(world, repo, issue);
          if (head.owner.toLowerCase() !== headOwner.toLowerCase() || head.ref !== headRef) return false;
        }
        if (q.base !== undefined && (issue.pullRequest.base ?? 'main') !== q.base) return false;
        return true;
      });
      // GitHub's order: newest first unless asked; "desc when sort is created or sort is not specified,
      // otherwise asc" (the `direction` parameter's description).
      const sort = q.sort ?? 'created';
      const order = (q.direction ?? (sort === 'created' ? 'desc' : 'asc')) === 'asc' ? 1 : -1;
      const key = (issue: StoredIssue): number =>
        sort === 'updated'
          ? Date.parse(issue.updatedAt)
          : sort === 'popularity'
            ? issue.comments.length
            : sort === 'long-running'
              ? -Date.parse(issue.createdAt)
              : 0;
      pulls.sort((a, b) => order * (key(a) - key(b) || a.sequence - b.sequence));
      return page(
        call,
        pulls.map((issue) => simplePull(pullRequestObject(world, repo, issue))),
        '/pulls',
      );
    },
    'pulls/create': (call) => {
      const repo = call.repo as StoredRepo;
      const body = call.body;
      const title = String(body.title ?? '');
      if (title.trim() === '') return missingField(call.operation, 'PullRequest', 'title');
      const text = (body.body as string | undefined) ?? null;
      if (text !== null && text.length > MAX_BODY) return tooLong(call.operation, 'PullRequest');
      const invalid = (field: string) =>
        validationFailed(call.operation, 'Validation Failed', [
          { resource: 'PullRequest', field, code: 'invalid' },
        ]);
      const custom = (message: string, field?: string) =>
        validationFailed(call.operation, 'Validation Failed', [
          { resource: 'PullRequest', code: 'custom', ...(field ? { field } : {}), message },
        ]);
      const base = String(body.base ?? '');
      const baseSha = repo.refs.get(`heads/${base}`);
      if (!baseSha) return invalid('base');
      const headText = String(body.head ?? '');
      const colon = headText.indexOf(':');
      const owner = colon >= 0 ? headText.slice(0, colon) : repo.owner;
      const ref = colon >= 0 ? headText.slice(colon + 1) : headText;
      // "For cross-repository pull requests in the same network, namespace `head` with a user like this:
      // `username:branch`" (the description of POST /repos/{owner}/{repo}/pulls).
      const headRepo =
        owner.toLowerCase() === repo.owner.toLowerCase()
          ? repo
          : [...world.repos.values()].find(
              (r) => r.owner.toLowerCase() === owner.toLowerCase() && networkRoot(r) === networkRoot(repo),
            );
      const headSha = headRepo?.refs.get(`heads/${ref}`);
      if (!headRepo || !headSha) return invalid('head');
      const open = [...repo.issues.values()].find(
        (issue) =>
          issue.state === 'open' &&
          issue.pullRequest?.head?.repo.toLowerCase() === headRepo.fullName.toLowerCase() &&
          issue.pullRequest.head.ref === ref &&
          issue.pullRequest.base === base,
      );
      if (open) return custom(`A pull request already exists for ${headRepo.owner}:${ref}.`);
      if (commitsAhead(repo.objects, baseSha, headSha).length === 0)
        return custom(`No commits between ${base} and ${headText}`);
      const crossRepository = headRepo !== repo;
      // Letting maintainers push to the head branch is the head's owner's to grant, and GitHub grants it unless
      // told not to: a token that may not write the head repository gets this 422, verbatim from
      // electron/trop#93, unless it sends `maintainer_can_modify: false` (sigmavirus24/github3.py#1031).
      if (body.maintainer_can_modify !== false && crossRepository && !canWrite(call, headRepo))
        return custom(
          "fork_collab Fork collab can't be granted by someone without permission",
          'fork_collab',
        );
      const issue = openedByApp(repo, {
        title,
        body: text,
        labels: [],
        assignees: [],
        pullRequest: {
          merged: false,
          mergedAt: null,
          mergeCommitSha: null,
          headSha,
          head: { repo: headRepo.fullName, ref },
          base,
          maintainerCanModify: crossRepository && body.maintainer_can_modify !== false,
        },
      });
      const json = pullRequestObject(world, repo, issue);
      return { status: 201, body: json, headers: { location: String(json.url) } };
    },
    'pulls/update': (call) => {
      const repo = call.repo as StoredRepo;
      const issue = repo.issues.get(Number(call.params.pull_number));
      const pull = issue?.pullRequest;
      if (!issue || !pull) return notFound(call.operation);
      const change = call.body;
      if ('title' in change && String(change.title ?? '').trim() === '')
        return missingField(call.operation, 'PullRequest', 'title');
      if (typeof change.body === 'string' && change.body.length > MAX_BODY)
        return tooLong(call.operation, 'PullRequest');
      if (typeof change.base === 'string') {
        if (!repo.refs.has(`heads/${change.base}`))
          return validationFailed(call.operation, 'Validation Failed', [
            { resource: 'PullRequest', field: 'base', code: 'invalid' },
          ]);
        pull.base = change.base;
      }
      if (change.state === 'open' && pull.merged)
        return validationFailed(call.operation, 'Validation Failed', [
          {
            resource: 'PullRequest',
            code: 'custom',
            message: 'state cannot be changed. The pull request has been merged.',
          },
        ]);
      const changes: Record<string, { from: unknown }> = {};
      if (typeof change.title === 'string' && change.title !== issue.title) {
        changes.title = { from: issue.title };
        issue.title = change.title;
      }
      if (typeof change.body === 'string' && change.body !== issue.body) {
        changes.body = { from: issue.body };
        issue.body = change.body;
      }
      if (typeof change.maintainer_can_modify === 'boolean' && pull.head)
        pull.maintainerCanModify = change.maintainer_can_modify;
      if (change.state === 'closed' && issue.state === 'open')
        pull.headSha = pullHead(world, repo, issue).sha;
      if (change.state === 'open' || change.state === 'closed')
        setState(issue, change.state, null, botLogin(world));
      if (Object.keys(changes).length > 0) issue.lastChanges = changes;
      issue.lastActor = botLogin(world);
      issue.updatedAt = timestamp();
      return { status: 200, body: pullRequestObject(world, repo, issue) };
    },
    'repos/get': (call) => ({ status: 200, body: fullRepositoryObject(world, call.repo as StoredRepo) }),
    'repos/get-content': (call) => {
      const repo = call.repo as StoredRepo;
      if (repo.refs.size === 0) return notFoundBecause(call.operation, 'This repository is empty.');
      const ref = call.query.ref ?? repo.defaultBranch;
      const commit = resolveRef(repo, ref);
      if (!commit) return notFoundBecause(call.operation, `No commit found for the ref ${ref}`);
      const path = String(call.params.path ?? '').replace(/^\/+|\/+$/g, '');
      const files = filesOf(repo.objects, commit);
      const blob = files.get(path);
      if (blob) return { status: 200, body: contentFileObject(world, repo, ref, path, blob) };
      const inside = new Map(
        [...files]
          .filter(([file]) => file.startsWith(`${path}/`))
          .map(([file, sha]) => [file.slice(path.length + 1), sha] as const),
      );
      if (inside.size === 0) return notFound(call.operation);
      const entries = topLevel(inside).map((entry) =>
        contentEntry(world, repo, ref, `${path}/${entry.path}`, {
          type: entry.type === 'tree' ? 'dir' : 'file',
          sha: entry.sha,
          size: entry.type === 'tree' ? 0 : (repo.objects.blobs.get(entry.sha)?.length ?? 0),
        }),
      );
      return { status: 200, body: entries };
    },
    'git/create-blob': (call) => {
      const repo = call.repo as StoredRepo;
      if (repo.refs.size === 0) return conflict(call.operation, EMPTY_REPOSITORY);
      const encoding = (call.body.encoding as string | undefined) ?? 'utf-8';
      if (encoding !== 'utf-8' && encoding !== 'base64')
        return validationFailed(call.operation, 'Validation Failed', [
          { resource: 'Blob', field: 'encoding', code: 'invalid' },
        ]);
      const content = Buffer.from(String(call.body.content ?? ''), encoding === 'base64' ? 'base64' : 'utf8');
      const sha = putBlob(repo.objects, content);
      const url = `${world.api}/repos/${repo.fullName}/git/blobs/${sha}`;
      return { status: 201, body: { url, sha }, headers: { location: url } };
    },
    'git/create-tree': (call) => {
      const repo = call.repo as StoredRepo;
      if (repo.refs.size === 0) return conflict(call.operation, EMPTY_REPOSITORY);
      const refuse = (message: string) => validationFailed(call.operation, message);
      const baseTree = call.body.base_tree as string | undefined;
      const base = baseTree === undefined ? new Map<string, string>() : repo.objects.trees.get(baseTree);
      if (!base) return refuse('base_tree is not a valid tree oid');
      const files = new Map(base);
      for (const entry of (call.body.tree as Json[] | undefined) ?? []) {
        const path = String(entry.path ?? '');
        if (path === '' || path.split('/').some((part) => part === '' || part === '.' || part === '..'))
          return refuse(`tree.path contains a malformed path component`);
        if (entry.sha !== undefined && entry.content !== undefined)
          return refuse(
            'Must supply either tree.sha or tree.content. Request will be rejected if both are present.',
          );
        if (entry.type !== 'blob' || entry.mode !== '100644')
          return refuse(
            `The stand-in keeps regular files only (mode 100644, type blob), not ${String(entry.path)}`,
          );
        if (entry.sha === null) {
          if (!files.delete(path)) return refuse(`tree.path ${path} does not exist`);
        } else if (typeof entry.content === 'string') {
          files.set(path, putBlob(repo.objects, Buffer.from(entry.content, 'utf8')));
        } else {
          const sha = String(entry.sha ?? '');
          if (!repo.objects.blobs.has(sha)) return refuse(`tree.sha ${sha} is not a valid blob`);
          files.set(path, sha);
        }
      }
      const sha = putTree(repo.objects, files);
      const json = gitTreeObject(world, repo, sha);
      return { status: 201, body: json, headers: { location: String(json.url) } };
    },
    'git/create-commit': (call) => {
      const repo = call.repo as StoredRepo;
      if (repo.refs.size === 0) return conflict(call.operation, EMPTY_REPOSITORY);
      const tree = String(call.body.tree ?? '');
      if (!repo.objects.trees.has(tree)) return validationFailed(call.operation, 'Tree SHA does not exist');
      const parents = ((call.body.parents as unknown[] | undefined) ?? []).map(String);
      if (parents.some((parent) => !repo.objects.commits.has(parent)))
        return validationFailed(call.operation, 'Parent SHA does not exist or is not a commit object');
      const now = timestamp();
      const given = (value: unknown) => {
        const who = value as { name?: string; email?: string; date?: string } | undefined;
        return who?.name && who.email
          ? { name: who.name, email: who.email, date: who.date ?? now }
          : undefined;
      };
      // "By default, the author will be the authenticated user and the current date"; the committer "will use
      // the information set in author" (the description of POST /repos/{owner}/{repo}/git/commits).
      const author = given(call.body.author) ?? botGitPerson(world, now);
      const committer = given(call.body.committer) ?? author;
      const sha = putCommit(repo.objects, {
        tree,
        parents,
        message: String(call.body.message ?? ''),
        author,
        committer,
      });
      const json = gitCommitObject(world, repo, repo.objects.commits.get(sha) as StoredCommit);
      return { status: 201, body: json, headers: { location: String(json.url) } };
    },
    'git/get-commit': (call) => {
      const repo = call.repo as StoredRepo;
      if (repo.refs.size === 0) return conflict(call.operation, EMPTY_REPOSITORY);
      const commit = repo.objects.commits.get(String(call.params.commit_sha));
      return commit ? { status: 200, body: gitCommitObject(world, repo, commit) } : notFound(call.operation);
    },
    'git/get-ref': (call) => {
      const repo = call.repo as StoredRepo;
      if (repo.refs.size === 0) return conflict(call.operation, EMPTY_REPOSITORY);
      const ref = String(call.params.ref);
      const sha = repo.refs.get(ref);
      return sha ? { status: 200, body: gitRefObject(world, repo, ref, sha) } : notFound(call.operation);
    },
    'git/create-ref': (call) => {
      const repo = call.repo as StoredRepo;
      // "You are unable to create new references for empty repositories" (its description).
      if (repo.refs.size === 0) return conflict(call.operation, EMPTY_REPOSITORY);
      const full = String(call.body.ref ?? '');
      // "If it doesn't start with 'refs' and have at least two slashes, it will be rejected." The stand-in keeps
      // branches only: a tag is refused too.
      if (!/^refs\/heads\/[^/].*$/.test(full) || full.endsWith('/') || full.includes('//'))
        return validationFailed(call.operation, 'Reference name is invalid');
      const ref = full.slice('refs/'.length);
      const sha = String(call.body.sha ?? '');
      if (repo.refs.has(ref)) return validationFailed(call.operation, 'Reference already exists');
      if (!repo.objects.commits.has(sha)) return validationFailed(call.operation, 'Object does not exist');
      repo.refs.set(ref, sha);
      const json = gitRefObject(world, repo, ref, sha);
      return { status: 201, body: json, headers: { location: String(json.url) } };
    },
    'git/update-ref': (call) => {
      const repo = call.repo as StoredRepo;
      const ref = String(call.params.ref);
      const current = repo.refs.get(ref);
      if (!current) return validationFailed(call.operation, 'Reference does not exist');
      const sha = String(call.body.sha ?? '');
      if (!repo.objects.commits.has(sha)) return validationFailed(call.operation, 'Object does not exist');
      if (call.body.force !== true && !isAncestor(repo.objects, current, sha))
        return validationFailed(call.operation, 'Update is not a fast forward');
      repo.refs.set(ref, sha);
      return { status: 200, body: gitRefObject(world, repo, ref, sha) };
    },
    'repos/create-fork': (call) => {
      const source = call.repo as StoredRepo;
      const installation = world.installations.get(call.installationId ?? 0);
      const organization = call.body.organization as string | undefined;
      // "The GitHub App must be installed on the destination account with access to all repositories"; an
      // installation token has no user to fork for, so the destination is an organization it is installed on.
      if (
        !installation?.allRepositories ||
        organization === undefined ||
        organization.toLowerCase() !== installation.account.toLowerCase()
      )
        return notAccessible(call.operation);
      const existing = [...world.repos.values()].find(
        (repo) =>
          repo.owner.toLowerCase() === organization.toLowerCase() &&
          repo.parent?.toLowerCase() === source.fullName.toLowerCase(),
      );
      // A fork that exists already is answered as it is (202 again).
      if (existing) return { status: 202, body: fullRepositoryObject(world, existing) };
      const wanted = (call.body.name as string | undefined) ?? source.name;
      let name = wanted;
      for (let n = 1; world.repos.has(repoKey(`${installation.account}/${name}`)); n++)
        name = `${wanted}-${n}`;
      const fork = ensureRepo(`${installation.account}/${name}`);
      fork.objects = source.objects;
      fork.defaultBranch = source.defaultBranch;
      fork.parent = source.fullName;
      const defaultOnly = call.body.default_branch_only === true;
      for (const [ref, sha] of source.refs)
        if (!defaultOnly || ref === `heads/${source.defaultBranch}`) fork.refs.set(ref, sha);
      fork.forkPending = forkLag;
      return { status: 202, body: fullRepositoryObject(world, fork) };
    },
    'repos/merge-upstream': (call) => {
      const fork = call.repo as StoredRepo;
      const upstream = fork.parent ? world.repos.get(repoKey(fork.parent)) : undefined;
      const branch = String(call.body.branch ?? '');
      if (!upstream) return validationFailed(call.operation, 'This repository is not a fork.');
      const ours = fork.refs.get(`heads/${branch}`);
      const theirs = upstream.refs.get(`heads/${branch}`);
      if (!ours || !theirs) return validationFailed(call.operation, `Branch ${branch} was not found.`);
      const label = `${upstream.owner}:${branch}`;
      const answer = (message: string, mergeType: 'none' | 'fast-forward' | 'merge') => ({
        status: 200,
        body: { message, merge_type: mergeType, base_branch: label },
      });
      if (isAncestor(fork.objects, theirs, ours))
        return answer(`This branch is not behind the upstream ${label}`, 'none');
      if (isAncestor(fork.objects, ours, theirs)) {
        fork.refs.set(`heads/${branch}`, theirs);
        return answer(`Successfully fetched and fast-forwarded from upstream ${label}`, 'fast-forward');
      }
      const base = mergeBase(fork.objects, ours, theirs);
      const tree = mergeTrees(
        base ? filesOf(fork.objects, base) : new Map(),
        filesOf(fork.objects, ours),
        filesOf(fork.objects, theirs),
      );
      // "The branch could not be synced because of a merge conflict" (its 409).
      if (!tree) return conflict(call.operation, 'There are merge conflicts');
      const now = timestamp();
      const merge = putCommit(fork.objects, {
        tree: putTree(fork.objects, tree),
        parents: [ours, theirs],
        message: `Merge branch '${branch}' of ${WEB_ORIGIN}/${upstream.fullName}`,
        author: botGitPerson(world, now),
        committer: botGitPerson(world, now),
      });
      fork.refs.set(`heads/${branch}`, merge);
      return answer(`Successfully fetched and merged from upstream ${label}`, 'merge');
    },
    'apps/get-org-installation': (call) => {
      const installation = installationOnAccount(String(call.params.org));
      return installation
        ? { status: 200, body: installationObject(world, installation) }
        : notFound(call.operation);
    },
    'apps/get-user-installation': (call) => {
      const installation = installationOnAccount(String(call.params.username));
      return installation
        ? { status: 200, body: installationObject(world, installation) }
        : notFound(call.operation);
    },
  };

  function discussionCommentOrThrow(id: string) {
    const node = discussionCommentNode(world, id);
    if (!node) throw new Error(`The stand-in knows no discussion comment ${id}`);
    return node;
  }

  function discussionState(repo: StoredRepo, discussion: StoredDiscussion): DiscussionState {
    return {
      id: discussion.id,
      number: discussion.number,
      url: `${WEB_ORIGIN}/${repo.fullName}/discussions/${discussion.number}`,
      title: discussion.title,
      body: discussion.body,
      category: repo.discussionCategories.find((c) => c.id === discussion.categoryId)?.name ?? '',
      comments: discussion.comments.map((comment) => ({
        id: comment.id,
        body: comment.body,
        author: comment.author,
        upvoters: [...comment.upvotes.values()],
        reactions: comment.reactions.map(({ content, login }) => ({ content, login })),
      })),
    };
  }

  /** The repository at the root of a repository's fork network. */
  function networkRoot(repo: StoredRepo): StoredRepo {
    let root = repo;
    for (
      let up = root.parent && world.repos.get(repoKey(root.parent));
      up;
      up = up.parent && world.repos.get(repoKey(up.parent))
    )
      root = up;
    return root;
  }

  /** Whether the call's token may write a repository's contents (it covers it, with contents: write). */
  function canWrite(call: Call, repo: StoredRepo): boolean {
    const installation = world.installations.get(call.installationId ?? 0);
    return installation !== undefined && covers(installation, repo) && call.permissions?.contents === 'write';
  }

  /** A branch name, `heads/<name>`, `refs/heads/<name>` or a full commit sha, as the commit it names. */
  function resolveRef(repo: StoredRepo, ref: string): string | undefined {
    const branch = ref.replace(/^refs\//, '').replace(/^heads\//, '');
    const named = repo.refs.get(`heads/${branch}`);
    if (named) return named;
    return /^[0-9a-f]{40}$/.test(ref) && repo.objects.commits.has(ref) ? ref : undefined;
  }

  function findIssue(call: Call): { repo: StoredRepo; issue: StoredIssue } | undefined {
    const repo = call.repo as StoredRepo;
    const issue = repo.issues.get(Number(call.params.issue_number));
    return issue ? { repo, issue } : undefined;
  }

  /** One page of a list, with GitHub's `Link` header (its URLs name the repository by id, as GitHub's do). */
  function page(call: Call, items: unknown[], under: string): Answer {
    const perPage = Math.min(100, Math.max(1, Number(call.query.per_page ?? 30) || 30));
    const current = Math.max(1, Number(call.query.page ?? 1) || 1);
    const last = Math.max(1, Math.ceil(items.length / perPage));
    const repo = call.repo as StoredRepo;
    const link = (n: number, rel: string) => {
      const query = new URLSearchParams(call.query);
      query.set('page', String(n));
      return `<${world.api}/repositories/${repo.id}${under}?${query}>; rel="${rel}"`;
    };
    const links = [
      ...(current > 1 ? [link(Math.min(current - 1, last), 'prev')] : []),
      ...(current < last ? [link(current + 1, 'next'), link(last, 'last')] : []),
      ...(current > 1 ? [link(1, 'first')] : []),
    ];
    return {
      status: 200,
      body: items.slice((current - 1) * perPage, current * perPage),
      ...(links.length > 0 ? { headers: { link: links.join(', ') } } : {}),
    };
  }

  /**
   * The rate limit of whoever asks (an installation, the App), counted per hour as GitHub does, for the REST API
   * (`core`) or GraphQL (`graphql`, its own budget; the stand-in counts a point a request).
   */
  function rateLimit(key: string, exhausted?: number, resource = 'core'): Record<string, string> {
    const now = Date.now();
    let window = usage.get(`${key} ${resource}`);
    if (!window || window.resetAt <= now) {
      window = { used: 0, resetAt: now + 3600_000 };
      usage.set(`${key} ${resource}`, window);
    }
    window.used++;
    const reset = exhausted ?? Math.floor(window.resetAt / 1000);
    return {
      'x-ratelimit-limit': String(RATE_LIMIT),
      'x-ratelimit-remaining': String(exhausted === undefined ? Math.max(0, RATE_LIMIT - window.used) : 0),
      'x-ratelimit-reset': String(reset),
      'x-ratelimit-used': String(exhausted === undefined ? window.used : RATE_LIMIT),
      'x-ratelimit-resource': resource,
    };
  }

  function faultAnswer(
    fault: GitHubFault,
    requestId: string,
    who: string,
    graphql = false,
  ): Answer & { exhausted?: number } {
    if (typeof fault === 'number') {
      const message = fault === 503 ? 'Service Unavailable' : fault === 502 ? 'Bad Gateway' : 'Server Error';
      return { status: fault, body: { message, documentation_url: GENERIC_DOCS, status: String(fault) } };
    }
    const seconds = fault.retryAfterSeconds ?? 60;
    if (fault.rateLimit === 'primary' && graphql) {
      // GraphQL's primary rate limit is HTTP 200 with the error in `errors` (github/docs#22607), and
      // x-ratelimit-remaining 0.
      const type = fault.graphqlType ?? 'RATE_LIMITED';
      return {
        status: 200,
        exhausted: Math.floor(Date.now() / 1000) + seconds,
        body: {
          errors: [
            {
              type,
              ...(type === 'RATE_LIMIT' ? { code: 'graphql_rate_limit' } : {}),
              message: `API rate limit exceeded for ${who}.`,
            },
          ],
        },
      };
    }
    if (fault.rateLimit === 'primary') {
      // docs.github.com, "Rate limits for the REST API": 403 or 429 with x-ratelimit-remaining 0.
      return {
        status: 403,
        exhausted: Math.floor(Date.now() / 1000) + seconds,
        body: {
          message: `API rate limit exceeded for ${who}.`,
          documentation_url:
            'https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-the-primary-rate-limit',
          status: '403',
        },
      };
    }
    const status = fault.rateLimit === 429 ? 429 : 403;
    return {
      status,
      headers: { 'retry-after': String(seconds) },
      body: {
        message:
          'You have exceeded a secondary rate limit. Please wait a few minutes before you try again. If you reach ' +
          `out to GitHub Support for help, please include the request ID ${requestId}.`,
        documentation_url:
          'https://docs.github.com/free-pro-team@latest/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
        status: String(status),
      },
    };
  }

  function answer(
    method: string,
    rawPath: string,
    query: Record<string, string>,
    parsed: { body: unknown; unparsable: boolean },
    authorization: string | undefined,
    record: RecordedRequest,
    requestId: string,
  ): Answer & { rateKey: string; exhausted?: number; resource?: string } {
    const where = `${method} ${rawPath}`;
    // GitHub's Link headers name repositories by id (/repositories/1300192/issues?page=2; docs.github.com, "Using
    // pagination in the REST API"); those paths are the /repos/{owner}/{repo} ones.
    let path = rawPath;
    const byId = /^\/repositories\/(\d+)(\/.*)?$/.exec(rawPath);
    if (byId) {
      const repo = [...world.repos.values()].find((r) => r.id === Number(byId[1]));
      if (!repo) return { ...notFound(), rateKey: 'anonymous' };
      path = `/repos/${repo.fullName}${byId[2] ?? ''}`;
    }
    if (path === '/graphql') return graphqlRoute(method, parsed, authorization, record, requestId);
    const match = matchOperation(method, path);
    if (typeof match === 'string') {
      contractViolations.push(
        match === 'method-not-described'
          ? `${where}: GitHub's OpenAPI description has no ${method} operation on this path (GitHub answers 404)`
          : `${where}: GitHub's OpenAPI description has no such route (GitHub answers 404)`,
      );
      return { ...notFound(), rateKey: 'anonymous' };
    }
    const { operation, params } = match;
    record.operationId = operation.operationId;
    const context = `${operation.operationId} (${where})`;
    const credential = credentialOf(authorization);
    const issued = credential.kind === 'token' ? tokens.get(credential.token) : undefined;
    const rateKey = issued
      ? `installation ${issued.installationId}`
      : credential.kind === 'jwt'
        ? 'app'
        : 'anonymous';

    const faultAt = faults.findIndex(
      (f) => f.times > 0 && (!f.operationId || f.operationId === operation.operationId),
    );
    const queued = faults[faultAt];
    if (queued) {
      queued.times--;
      if (queued.times === 0) faults.splice(faultAt, 1);
      const who = issued ? `installation ID ${issued.installationId}` : `app ID ${appId}`;
      return { ...faultAnswer(queued.fault, requestId, who), rateKey };
    }

    if (parsed.unparsable) {
      contractViolations.push(`${context}: the request body is not JSON`);
      return {
        status: 400,
        body: {
          message: 'Problems parsing JSON',
          documentation_url: operation.documentationUrl,
          status: '400',
        },
        rateKey,
      };
    }
    const problems = requestProblems(operation, { params, query, body: parsed.body });
    for (const violation of problems.violations) contractViolations.push(`${context}: ${violation}`);

    const refuse = (status: number, message: string) => ({
      status,
      body: { message, documentation_url: GENERIC_DOCS, status: String(status) },
      rateKey,
    });
    const call: Call = { operation, params, query, body: isJsonObject(parsed.body) ? parsed.body : {} };
    if (APP_LEVEL.test(operation.template)) {
      if (credential.kind === 'none') return refuse(401, 'Requires authentication');
      if (credential.kind !== 'jwt') return refuse(401, UNDECODABLE);
      const refusal = jwtRefusal(
        credential.token,
        { id: appId, clientId: world.app.clientId, publicKey },
        Math.floor(Date.now() / 1000),
      );
      if (refusal) return refuse(refusal.status, refusal.message);
    } else {
      if (credential.kind === 'none') return refuse(401, 'Requires authentication');
      // The stand-in's choice: a JWT, or a token it did not issue or that expired, is bad credentials here.
      if (!issued || issued.expiresAt <= Date.now()) return refuse(401, BAD_CREDENTIALS);
      if (params.owner !== undefined && params.repo !== undefined) {
        const key = repoKey(`${params.owner}/${params.repo}`);
        const installation = world.installations.get(issued.installationId);
        const repo = world.repos.get(key);
        // Forking reads a repository of another installation: "the GitHub App must be installed on the
        // destination account with access to all repositories and on the source account with access to the
        // source repository" (the description of POST /repos/{owner}/{repo}/forks).
        const visible =
          repo !== undefined &&
          installation !== undefined &&
          (operation.operationId === 'repos/create-fork'
            ? installationOf(repo) !== undefined
            : covers(installation, repo) && (!issued.repos || issued.repos.has(key)));
        if (!visible || !repo || !installation) return { ...notFound(operation), rateKey };
        call.repo = repo;
        call.installationId = installation.id;
        call.permissions = issued.permissions;
      }
      const needed = REQUIRED[operation.operationId];
      const rank = (level: string | undefined) => (level === 'write' ? 2 : level === 'read' ? 1 : 0);
      const allowed = (set: Readonly<Record<string, string>>) =>
        Object.entries(set).every(([name, level]) => rank(issued.permissions[name]) >= rank(level));
      if (needed && !needed.some(allowed)) {
        const accepted = needed
          .map((set) =>
            Object.entries(set)
              .map(([name, level]) => `${name}=${level}`)
              .join(','),
          )
          .join('; ');
        return { ...notAccessible(operation, accepted), rateKey };
      }
    }
    if (problems.violations.length > 0) {
      return {
        status: 422,
        body: {
          message: `Invalid request.\n\n${problems.messages.join('\n')}`,
          documentation_url: operation.documentationUrl,
          status: '422',
        },
        rateKey,
      };
    }
    if (call.repo && call.repo.forkPending > 0 && LAGGING.has(operation.operationId)) {
      call.repo.forkPending--;
      return { ...notFound(operation), rateKey };
    }
    const handler = handlers[operation.operationId];
    if (!handler) {
      contractViolations.push(`${context}: the stand-in does not serve this operation (answered 404)`);
      return { ...notFound(operation), rateKey };
    }
    const result = handler(call);
    for (const problem of responseProblems(operation, result.status, result.body)) {
      contractViolations.push(
        `${context}: the stand-in's ${result.status} answer does not conform: ${problem}`,
      );
    }
    return { ...result, rateKey };
  }

  /**
   * POST /graphql: GitHub's GraphQL API (github-rules/graphql.ts answers it), authenticated as the REST routes
   * are (an installation token; the App's JWT is no credential here), with the same faults and its own rate
   * limit budget. Not in the OpenAPI description: GitHub's GraphQL schema is its contract.
   */
  function graphqlRoute(
    method: string,
    parsed: { body: unknown; unparsable: boolean },
    authorization: string | undefined,
    record: RecordedRequest,
    requestId: string,
  ): Answer & { rateKey: string; exhausted?: number; resource: string } {
    record.operationId = 'graphql';
    const operation = parsed.unparsable ? undefined : graphqlOperationOf(parsed.body);
    const context = `graphql ${operation?.type ?? 'request'}${operation?.name ? ` ${operation.name}` : ''} (${method} /graphql)`;
    const credential = credentialOf(authorization);
    const issued = credential.kind === 'token' ? tokens.get(credential.token) : undefined;
    const rateKey = issued ? `installation ${issued.installationId}` : 'anonymous';
    const resource = 'graphql';
    const refuse = (status: number, message: string) => ({
      status,
      body: { message, documentation_url: GRAPHQL_DOCS, status: String(status) },
      rateKey,
      resource,
    });
    if (method !== 'POST') {
      contractViolations.push(
        `${method} /graphql: GitHub's GraphQL API takes POST only (GitHub answers 404)`,
      );
      return { ...notFound(), rateKey, resource };
    }
    const faultAt = faults.findIndex(
      (f) =>
        f.times > 0 &&
        (!f.operationId ||
          f.operationId === 'graphql' ||
          (operation?.name !== undefined && f.operationId === `graphql/${operation.name}`)),
    );
    const queued = faults[faultAt];
    if (queued) {
      queued.times--;
      if (queued.times === 0) faults.splice(faultAt, 1);
      const who = issued ? `installation ID ${issued.installationId}` : `app ID ${appId}`;
      return { ...faultAnswer(queued.fault, requestId, who, true), rateKey, resource };
    }
    if (parsed.unparsable) {
      contractViolations.push(`${context}: the request body is not JSON`);
      return refuse(400, 'Problems parsing JSON');
    }
    if (credential.kind === 'none') return refuse(401, 'This endpoint requires you to be authenticated.');
    // The stand-in's choice, as for REST: a JWT, or a token it did not issue or that expired, is bad credentials.
    if (!issued || issued.expiresAt <= Date.now()) return refuse(401, BAD_CREDENTIALS);
    const answered = answerGraphql(world, parsed.body, {
      installationId: issued.installationId,
      permissions: issued.permissions,
      ...(issued.repos ? { repos: issued.repos } : {}),
    });
    for (const violation of answered.violations) contractViolations.push(`${context}: ${violation}`);
    return { status: 200, body: answered.body, rateKey, resource };
  }

  const server = createServer(async (request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    const query = Object.fromEntries(url.searchParams);
    const text = await readBody(request);
    let body: unknown;
    let unparsable = false;
    if (text.trim() !== '') {
      try {
        body = JSON.parse(text);
      } catch {
        unparsable = true;
      }
    }
    const method = request.method ?? 'GET';
    const record: RecordedRequest = { method, path: url.pathname, query, body, status: 0 };
    // A GraphQL request is named as it arrives (a test can act while it waits for its answer).
    const graphqlName = url.pathname === '/graphql' ? graphqlOperationOf(body)?.name : undefined;
    if (graphqlName) record.graphqlOperation = graphqlName;
    requests.push(record);
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    const requestId = requestIdentifier();
    const result = answer(
      method,
      url.pathname,
      query,
      { body, unparsable },
      request.headers.authorization,
      record,
      requestId,
    );
    record.status = result.status;
    response.writeHead(result.status, {
      'content-type': 'application/json; charset=utf-8',
      'x-github-api-version-selected': '2022-11-28',
      'x-github-media-type': 'github.v3; format=json',
      'x-github-request-id': requestId,
      ...rateLimit(result.rateKey, result.exhausted, 'resource' in result ? result.resource : undefined),
      ...result.headers,
    });
    response.end(result.body === undefined ? '' : JSON.stringify(result.body));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  world.api = `http://127.0.0.1:${port}`;

  return {
    url: world.api,
    app: { id: appId, privateKey, webhookSecret },
    install: (name, permissions = {}) => {
      const wholeAccount = !name.includes('/');
      const account = wholeAccount ? name.trim() : ensureRepo(name).owner;
      if (account === '') throw new Error('An installation is on an account or a repository, not on nothing');
      const repo = wholeAccount ? undefined : ensureRepo(name);
      let installation = (repo && installationOf(repo)) ?? installationOnAccount(account);
      if (!installation) {
        installation = {
          id: nextId(world, 'installation', 40_000_001),
          account,
          repos: new Set(),
          allRepositories: false,
          permissions: { ...APP_PERMISSIONS },
          createdAt: timestamp(),
        };
        world.installations.set(installation.id, installation);
      }
      if (repo) installation.repos.add(repoKey(repo.fullName));
      else installation.allRepositories = true;
      if (permissions.contents) installation.permissions.contents = permissions.contents;
      if (permissions.pullRequests) installation.permissions.pull_requests = permissions.pullRequests;
      if (permissions.administration) installation.permissions.administration = permissions.administration;
      if (permissions.discussions) installation.permissions.discussions = permissions.discussions;
      return installation.id;
    },
    addCollaborator: (name, login) => {
      ensureRepo(name).collaborators.set(login.toLowerCase(), login);
    },
    addIssue: (name, seed) => {
      const repo = ensureRepo(name);
      const author = seed.author ?? 'octocat';
      const now = timestamp();
      const merged = seed.pullRequest?.merged === true;
      const closed = merged || seed.state === 'closed';
      const issue = newIssue(repo, {
        title: seed.title,
        body: seed.body ?? null,
        labels: labelNames(repo, seed.labels ?? []),
        state: closed ? 'closed' : 'open',
        stateReason: closed && !seed.pullRequest ? (seed.stateReason ?? 'completed') : null,
        author,
        assignees: [],
        comments: [],
        createdAt: now,
        updatedAt: now,
        closedAt: closed ? now : null,
        closedBy: closed ? author : null,
        viaApp: false,
        crossReferences: [],
        lastActor: author,
        ...(seed.pullRequest
          ? {
              pullRequest: {
                merged,
                mergedAt: merged ? now : null,
                mergeCommitSha: merged ? randomBytes(20).toString('hex') : null,
                headSha: randomBytes(20).toString('hex'),
              },
            }
          : {}),
      });
      return issueObject(world, repo, issue);
    },
    editIssue: (name, number, change) => {
      const repo = repoOrThrow(name);
      const issue = issueOrThrow(repo, number);
      if (change.state === 'open' && issue.pullRequest?.merged)
        throw new Error(`${repo.fullName}#${number} is merged: GitHub cannot reopen it`);
      const by = change.by ?? issue.author;
      const changes: Record<string, { from: unknown }> = {};
      if (change.title !== undefined && change.title !== issue.title) {
        changes.title = { from: issue.title };
        issue.title = change.title;
      }
      if (change.body !== undefined && change.body !== issue.body) {
        changes.body = { from: issue.body };
        issue.body = change.body;
      }
      if (change.labels) issue.labels = labelNames(repo, change.labels);
      if (change.assignees) issue.assignees = upToTen([], assignable(repo, change.assignees));
      if (change.state) setState(issue, change.state, change.stateReason, by);
      else if (change.stateReason !== undefined && issue.state === 'closed' && !issue.pullRequest)
        issue.stateReason = change.stateReason;
      if (Object.keys(changes).length > 0) issue.lastChanges = changes;
      issue.lastActor = by;
      issue.updatedAt = timestamp();
      return issueObject(world, repo, issue);
    },
    mergePullRequest: (name, number) => {
      const repo = repoOrThrow(name);
      const issue = issueOrThrow(repo, number);
      const pull = issue.pullRequest;
      if (!pull) throw new Error(`${repo.fullName}#${number} is not a pull request`);
      if (issue.state !== 'open')
        throw new Error(`${repo.fullName}#${number} is not open: GitHub cannot merge it`);
      const now = timestamp();
      let mergeCommitSha = randomBytes(20).toString('hex');
      if (pull.head && pull.base) {
        // One opened through the API merges as GitHub's merge button does: a merge commit of the base branch's
        // head and the pull request's, on the base branch.
        const head = pullHead(world, repo, issue).sha;
        const base = repo.refs.get(`heads/${pull.base}`);
        if (!base) throw new Error(`${repo.fullName} has no branch ${pull.base} to merge #${number} into`);
        const common = mergeBase(repo.objects, base, head);
        const tree = mergeTrees(
          common ? filesOf(repo.objects, common) : new Map(),
          filesOf(repo.objects, base),
          filesOf(repo.objects, head),
        );
        if (!tree)
          throw new Error(`${repo.fullName}#${number} conflicts with ${pull.base}: GitHub cannot merge it`);
        const author = { name: issue.author, email: `${issue.author}@users.noreply.github.com`, date: now };
        mergeCommitSha = putCommit(repo.objects, {
          tree: putTree(repo.objects, tree),
          parents: [base, head],
          message: `Merge pull request #${number} from ${pullHead(world, repo, issue).owner}/${pull.head.ref}\n\n${issue.title}`,
          author,
          committer: { name: 'GitHub', email: 'noreply@github.com', date: now },
        });
        repo.refs.set(`heads/${pull.base}`, mergeCommitSha);
        pull.headSha = head;
      }
      setState(issue, 'closed', null, issue.author);
      issue.closedAt = now;
      pull.merged = true;
      pull.mergedAt = now;
      pull.mergeCommitSha = mergeCommitSha;
      issue.lastActor = issue.author;
      issue.updatedAt = now;
      return pullRequestObject(world, repo, issue);
    },
    deleteIssue: (name, number) => {
      const repo = repoOrThrow(name);
      repo.deleted.set(number, issueOrThrow(repo, number));
      repo.issues.delete(number);
    },
    addFiles: (name, files, { branch, message } = {}) => {
      const repo = ensureRepo(name);
      const ref = `heads/${branch ?? repo.defaultBranch}`;
      const parent = repo.refs.get(ref) ?? repo.refs.get(`heads/${repo.defaultBranch}`);
      const tree = new Map(parent ? filesOf(repo.objects, parent) : []);
      for (const [path, content] of Object.entries(files))
        tree.set(path, putBlob(repo.objects, Buffer.from(content, 'utf8')));
      const who = { name: 'The Octocat', email: 'octocat@github.com', date: timestamp() };
      const sha = putCommit(repo.objects, {
        tree: putTree(repo.objects, tree),
        parents: parent ? [parent] : [],
        message: message ?? `Add ${Object.keys(files).join(', ')}`,
        author: who,
        committer: who,
      });
      repo.refs.set(ref, sha);
      return sha;
    },
    fileAt: (name, ref, path) => {
      const repo = world.repos.get(repoKey(name));
      const commit = repo && resolveRef(repo, ref);
      const blob = repo && commit ? filesOf(repo.objects, commit).get(path) : undefined;
      return blob === undefined ? undefined : repo?.objects.blobs.get(blob)?.toString('utf8');
    },
    branch: (name, branch) => world.repos.get(repoKey(name))?.refs.get(`heads/${branch}`),
    commit: (name, sha) => {
      const repo = world.repos.get(repoKey(name));
      const commit = repo?.objects.commits.get(sha);
      if (!repo || !commit) return undefined;
      const before = commit.parents[0] ? filesOf(repo.objects, commit.parents[0]) : new Map<string, string>();
      return {
        sha,
        tree: commit.tree,
        parents: [...commit.parents],
        message: commit.message,
        author: commit.author.name,
        changed: changedPaths(before, filesOf(repo.objects, sha)),
      };
    },
    pulls: (name) => {
      const repo = world.repos.get(repoKey(name));
      if (!repo) return [];
      return [...repo.issues.values()]
        .filter((issue) => issue.pullRequest)
        .sort((a, b) => a.number - b.number)
        .map((issue) => pullRequestObject(world, repo, issue));
    },
    delayForks: (requests) => {
      forkLag = Math.max(0, requests);
    },
    issues: (name) => {
      const repo = world.repos.get(repoKey(name));
      if (!repo) return [];
      return [...repo.issues.values()]
        .sort((a, b) => a.number - b.number)
        .map((issue) => issueObject(world, repo, issue));
    },
    issue: (name, number) => {
      const repo = world.repos.get(repoKey(name));
      const issue = repo?.issues.get(number);
      return repo && issue ? issueObject(world, repo, issue) : undefined;
    },
    comments: (name, number) => {
      const repo = world.repos.get(repoKey(name));
      const issue = repo?.issues.get(number);
      return repo && issue ? issue.comments.map((comment) => commentObject(world, repo, comment)) : [];
    },
    addComment: (name, number, { body, author = 'octocat' }) => {
      const repo = repoOrThrow(name);
      const issue = issueOrThrow(repo, number);
      const now = timestamp();
      const comment: StoredComment = {
        id: nextId(world, 'comment', 2_100_000_001),
        issueNumber: issue.number,
        body,
        author,
        viaApp: false,
        createdAt: now,
        updatedAt: now,
        sequence: sequence(),
      };
      issue.comments.push(comment);
      issue.updatedAt = now;
      return commentObject(world, repo, comment);
    },
    crossReference: (name, issueNumber, prNumber, prRepo = name) => {
      const repo = repoOrThrow(name);
      const issue = issueOrThrow(repo, issueNumber);
      const source = repoOrThrow(prRepo);
      if (!issueOrThrow(source, prNumber).pullRequest) {
        throw new Error(`${source.fullName}#${prNumber} is not a pull request`);
      }
      issue.crossReferences.push({
        repo: source.fullName,
        number: prNumber,
        at: timestamp(),
        sequence: sequence(),
      });
    },
    requests,
    contractViolations,
    failNext: (times, fault, operationId) => {
      faults.push({ times, fault, ...(operationId ? { operationId } : {}) });
    },
    clearFaults: () => {
      faults.length = 0;
    },
    discussions: {
      enable: (name, categories = []) =>
        enableDiscussions(world, ensureRepo(name), categories).map((category) => ({
          id: category.id,
          name: category.name,
        })),
      create: (name, seed) => {
        const repo = ensureRepo(name);
        if (!repo.discussionsEnabled) enableDiscussions(world, repo);
        const wanted = (seed.category ?? 'General').toLowerCase();
        const category = repo.discussionCategories.find((c) => c.name.toLowerCase() === wanted);
        if (!category) throw new Error(`${repo.fullName} has no discussion category ${seed.category}`);
        const discussion = newDiscussion(world, repo, {
          title: seed.title,
          body: seed.body,
          categoryId: category.id,
          author: seed.author ?? 'octocat',
          viaApp: false,
        });
        for (const { body, author = 'octocat' } of seed.comments ?? [])
          newDiscussionComment(world, repo, discussion, { body, author, viaApp: false });
        return discussionState(repo, discussion);
      },
      addComment: (discussionId, { body, author = 'octocat' }) => {
        const node = world.nodes.get(discussionId);
        if (node?.type !== 'Discussion') throw new Error(`The stand-in knows no discussion ${discussionId}`);
        return newDiscussionComment(world, node.repo, node.discussion, { body, author, viaApp: false }).id;
      },
      upvote: (commentId, login) => {
        discussionCommentOrThrow(commentId).comment.upvotes.set(login.toLowerCase(), login);
      },
      removeUpvote: (commentId, login) => {
        discussionCommentOrThrow(commentId).comment.upvotes.delete(login.toLowerCase());
      },
      react: (commentId, content, login) => {
        addReaction(world, discussionCommentOrThrow(commentId).comment, content, login);
      },
      unreact: (commentId, content, login) => {
        removeReaction(discussionCommentOrThrow(commentId).comment, content, login);
      },
      editComment: (commentId, body) => {
        const { comment } = discussionCommentOrThrow(commentId);
        comment.body = body;
        comment.updatedAt = timestamp();
      },
      deleteComment: (commentId) => {
        deleteDiscussionComment(world, discussionCommentOrThrow(commentId));
      },
      get: (name, number) => {
        const repo = world.repos.get(repoKey(name));
        const discussion = repo?.discussions.get(number);
        return repo && discussion ? discussionState(repo, discussion) : undefined;
      },
    },
    delivery: (event, action, name, number, options = {}) => {
      const repo = repoOrThrow(name);
      const stored = repo.issues.get(number) ?? repo.deleted.get(number);
      if (!stored) throw new Error(`${repo.fullName} has no issue #${number}`);
      const installation = installationOf(repo);
      if (!installation)
        throw new Error(`The App is not installed on ${repo.fullName}: GitHub would not deliver`);
      const payload = examplePayload(event, action);
      if (event === 'issues') {
        payload.issue = issueObject(world, repo, stored);
        if (options.changes !== undefined) payload.changes = options.changes;
        else if (action === 'edited') payload.changes = stored.lastChanges ?? payload.changes;
      } else {
        if (!stored.pullRequest) throw new Error(`${repo.fullName}#${number} is not a pull request`);
        payload.number = number;
        payload.pull_request = pullRequestObject(world, repo, stored);
      }
      if ('label' in payload) {
        const labelName = options.label ?? stored.labels.at(-1);
        const label = labelName ? repo.labels.get(labelName.toLowerCase()) : undefined;
        if (!label) throw new Error(`${repo.fullName} has no label ${labelName ?? '(none given)'}`);
        payload.label = labelObject(world, repo, label);
      }
      if ('assignee' in payload) {
        const login = stored.assignees.at(-1);
        if (!login) throw new Error(`${repo.fullName}#${number} has no assignee`);
        payload.assignee = userObject(world, login);
      }
      payload.repository = { ...(payload.repository as Json), ...repositoryObject(world, repo) };
      payload.installation = {
        id: installation.id,
        node_id: Buffer.from(`Installation${installation.id}`).toString('base64'),
      };
      payload.sender = userObject(world, stored.lastActor);
      return signedDelivery(event, payload, {
        ...(options.deliveryId ? { deliveryId: options.deliveryId } : {}),
        hookId,
        appId,
        secret: webhookSecret,
      });
    },
    close: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

/** GitHub's 404: the same for what is not there and what the credentials may not see. */
function notFound(operation?: Operation): Answer {
  return {
    status: 404,
    body: {
      message: 'Not Found',
      documentation_url: operation?.documentationUrl ?? GENERIC_DOCS,
      status: '404',
    },
  };
}

/** A 404 with GitHub's reason (`No commit found for the ref …`, `This repository is empty.`). */
function notFoundBecause(operation: Operation, message: string): Answer {
  return { status: 404, body: { message, documentation_url: operation.documentationUrl, status: '404' } };
}

function conflict(operation: Operation, message: string): Answer {
  return { status: 409, body: { message, documentation_url: operation.documentationUrl, status: '409' } };
}

/** GitHub's 403 for an installation token that lacks a permission (or may not act on the resource at all). */
function notAccessible(operation: Operation, accepted?: string): Answer {
  return {
    status: 403,
    body: {
      message: 'Resource not accessible by integration',
      documentation_url: operation.documentationUrl,
      status: '403',
    },
    // docs.github.com, "Troubleshooting the REST API": the permissions the endpoint accepts.
    ...(accepted ? { headers: { 'x-accepted-github-permissions': accepted } } : {}),
  };
}

/** Fields of `pull-request` that `pull-request-simple` (the list's items) does not have. */
const NOT_IN_SIMPLE = [
  'merged',
  'mergeable',
  'rebaseable',
  'mergeable_state',
  'merged_by',
  'comments',
  'review_comments',
  'maintainer_can_modify',
  'commits',
  'additions',
  'deletions',
  'changed_files',
];

/** A pull request as GET /repos/{owner}/{repo}/pulls lists it (`pull-request-simple`). */
function simplePull(pull: Json): Json {
  return Object.fromEntries(Object.entries(pull).filter(([key]) => !NOT_IN_SIMPLE.includes(key)));
}

/** GitHub's 422 for input it understood but will not take (`validation-error`). */
function validationFailed(operation: Operation, message: string, errors?: Json[]): Answer {
  return {
    status: 422,
    body: {
      message,
      ...(errors ? { errors } : {}),
      documentation_url: operation.documentationUrl,
      status: '422',
    },
  };
}

function missingField(operation: Operation, resource: string, field: string): Answer {
  return validationFailed(operation, 'Validation Failed', [{ resource, code: 'missing_field', field }]);
}

function tooLong(operation: Operation, resource: string): Answer {
  return validationFailed(operation, 'Validation Failed', [
    {
      resource,
      code: 'custom',
      field: 'body',
      message: `body is too long (maximum is ${MAX_BODY} characters)`,
    },
  ]);
}

/** Like GitHub's `x-github-request-id` (`C0DE:1F2E:3A4B5C:6D7E8F:66A1B2C3`). */
function requestIdentifier(): string {
  const hex = (bytes: number) => randomBytes(bytes).toString('hex').toUpperCase();
  return `${hex(2)}:${hex(2)}:${hex(3)}:${hex(3)}:${hex(4)}`;
}

function isJsonObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
