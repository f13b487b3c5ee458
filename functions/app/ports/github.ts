/**
 * GitHub, as htg uses it: the issues of a hackathon's repository are its topics of record. Implemented with
 * Octokit as a GitHub App in adapters/github (called off the request path only), and by a loopback stand-in in
 * the tests and the rehearsal.
 */

import type { PullRequestLink } from '../../domain/github.js';

/** A repository as `owner/name`. */
export type RepositoryName = string;

/** An issue as htg reads it (REST `issues` objects and the `issues` webhooks' `issue`). */
export interface RepoIssue {
  number: number;
  title: string;
  body: string | null;
  htmlUrl: string;
  /** Label names. */
  labels: string[];
  state: 'open' | 'closed';
  /** Why a closed issue was closed (GitHub's `state_reason`). */
  stateReason: 'completed' | 'not_planned' | 'reopened' | 'duplicate' | null;
  /** The author's login. */
  author: string | null;
  assignees: string[];
  /** GitHub lists pull requests among the issues; they are never topics. */
  isPullRequest: boolean;
  updatedAt: string;
}

/** What htg writes when it opens an issue. */
export interface NewIssue {
  title: string;
  body: string;
  labels: string[];
}

/** A change to an issue; absent fields are left as they are. */
export interface IssueChange {
  title?: string;
  body?: string;
  labels?: string[];
  state?: 'open' | 'closed';
  stateReason?: 'completed' | 'not_planned' | 'reopened';
}

/** A pull request that refers to an issue (its timeline's cross-references). */
export type LinkedPullRequest = PullRequestLink;

/** Why a GitHub call failed, as far as htg acts on it. */
export type GitHubFailure =
  /** The App is not installed on the repository (or the repository does not exist for it). */
  | 'not-installed'
  /** The issue or comment is not there (deleted, transferred). */
  | 'not-found'
  /** GitHub refused the content (422), or the App lacks a permission (403 other than a rate limit). */
  | 'refused'
  /** A primary or secondary rate limit that outlasts the retries. */
  | 'rate-limited'
  /** 5xx, timeouts, connection failures past the retries. */
  | 'unavailable';

/** A failed GitHub call, its cause kept for the logs (never with a token in it). */
export class GitHubError extends Error {
  constructor(
    readonly failure: GitHubFailure,
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'GitHubError';
  }
}

/** The issues of one GitHub App's installations. Every method throws GitHubError when GitHub fails. */
export interface IssueTracker {
  /** The repository's issues with the label (pull requests left out), every page: open ones, or all. */
  listIssues(repo: RepositoryName, label: string, state: 'open' | 'all'): Promise<RepoIssue[]>;
  /** One issue; null when it is gone (404, 410). */
  getIssue(repo: RepositoryName, number: number): Promise<RepoIssue | null>;
  createIssue(repo: RepositoryName, issue: NewIssue): Promise<RepoIssue>;
  updateIssue(repo: RepositoryName, number: number, change: IssueChange): Promise<RepoIssue>;
  /**
   * Adds and removes assignees (others are left as they are); returns the issue's assignees afterwards. GitHub
   * silently drops logins it may not assign (no access to the repository, past ten assignees): the answer shows
   * who it took.
   */
  changeAssignees(
    repo: RepositoryName,
    number: number,
    change: { add: readonly string[]; remove: readonly string[] },
  ): Promise<string[]>;
  /** Adds a comment; returns its id. */
  addComment(repo: RepositoryName, number: number, body: string): Promise<number>;
  updateComment(repo: RepositoryName, commentId: number, body: string): Promise<void>;
  /** The ids of the issue's comments whose body contains `marker`, oldest first (every page). */
  findComments(repo: RepositoryName, number: number, marker: string): Promise<number[]>;
  /** Deletes a comment; one already gone is no failure. */
  deleteComment(repo: RepositoryName, commentId: number): Promise<void>;
  /** Pull requests that reference the issue, each once, with their state. */
  linkedPullRequests(repo: RepositoryName, number: number): Promise<LinkedPullRequest[]>;
  /** One pull request with its state now; null when it is gone. */
  pullRequest(repo: RepositoryName, number: number): Promise<LinkedPullRequest | null>;
}

/** A file htg writes into a repository: its path from the root, and its whole text (UTF-8). */
export interface RepoFile {
  path: string;
  content: string;
}

/** A pull request htg opened (the wrap-up on the community website), as GitHub answers it. */
export interface OpenedPullRequest {
  number: number;
  url: string;
  state: 'open' | 'closed' | 'merged';
  /** Its head: the branch's owner (the fork's, or the repository's own) and name. */
  headOwner: string;
  headBranch: string;
  /** The head commit's sha. */
  headSha: string;
}

/**
 * The community website's repository, as the wrap-up publishes to it: files in one commit through the Git Data
 * API (blobs, tree, commit, ref), on a branch of the repository or of a fork, and the pull request from it.
 * Implemented with Octokit as the same GitHub App in adapters/github; every method throws GitHubError.
 */
export interface WebsiteRepository {
  /** The repository's default branch and its head commit; 'not-installed' when the App is not on it. */
  defaultBranch(repo: RepositoryName): Promise<{ branch: string; sha: string }>;
  /** A file's text at a commit or branch; null when there is no such file. */
  readFile(repo: RepositoryName, path: string, ref: string): Promise<string | null>;
  /**
   * One commit holding `files` (added or replaced) on top of `parent`, every other file as in `parent`; returns
   * its sha. Nothing points at it until setBranch. 'refused' when the App may not write the repository's
   * contents (403): the wrap-up then goes through a fork.
   */
  commitFiles(
    repo: RepositoryName,
    commit: { parent: string; files: readonly RepoFile[]; message: string },
  ): Promise<string>;
  /** A branch's head commit; null when there is no such branch. */
  branchHead(repo: RepositoryName, branch: string): Promise<string | null>;
  /** Points a branch at a commit: creates it, or moves it there (forced: htg's branches are htg's alone). */
  setBranch(repo: RepositoryName, branch: string, sha: string): Promise<void>;
  /**
   * The fork of `upstream` in `account` (an organization the App is installed on), made when there is none;
   * its default branch is brought up to date with the upstream's. Returns its name.
   */
  fork(upstream: RepositoryName, account: string): Promise<RepositoryName>;
  /** The newest pull request (any state) into `repo` from `headOwner:headBranch`; null when there is none. */
  findPullRequest(
    repo: RepositoryName,
    headOwner: string,
    headBranch: string,
  ): Promise<OpenedPullRequest | null>;
  /** One pull request with its state now; null when it is gone. */
  getPullRequest(repo: RepositoryName, number: number): Promise<OpenedPullRequest | null>;
  openPullRequest(
    repo: RepositoryName,
    pull: { title: string; body: string; headOwner: string; headBranch: string; base: string },
  ): Promise<OpenedPullRequest>;
  updatePullRequest(
    repo: RepositoryName,
    number: number,
    change: { title?: string; body?: string },
  ): Promise<OpenedPullRequest>;
}

/** GitHub's reactions (GraphQL `ReactionContent`): 🚀 is `ROCKET`, 👍 `THUMBS_UP`. */
export type ReactionContent =
  | 'THUMBS_UP'
  | 'THUMBS_DOWN'
  | 'LAUGH'
  | 'HOORAY'
  | 'CONFUSED'
  | 'HEART'
  | 'ROCKET'
  | 'EYES';

/** A discussion as htg refers to it: its GraphQL node id, its number in the repository, its page. */
export interface DiscussionRef {
  id: string;
  number: number;
  url: string;
}

/** A top-level comment of a voting discussion, with everything people left on it. */
interface VoteComment {
  /** Its GraphQL node id. */
  id: string;
  body: string;
  /** The author's login; null for an account deleted since. An App's bot is its slug, without `[bot]`. */
  author: string | null;
  /** Its ⬆️ upvotes: GitHub tells how many, never who (`Votable` has `upvoteCount` and `viewerHasUpvoted` only). */
  upvoteCount: number;
  /** Every reaction, oldest first; `login` is null for an account deleted since, or a bot. */
  reactions: Array<{ content: ReactionContent; login: string | null }>;
  /**
   * The reactions GitHub counted on the last page read (`totalCount`); it differs from `reactions.length` only
   * when people reacted while the pages were read.
   */
  reactionsTotal: number;
}

/** A discussion read whole: its body, and every top-level comment, oldest first. */
export interface VotingDiscussion extends DiscussionRef {
  body: string;
  comments: VoteComment[];
}

/**
 * The GitHub Discussions a community votes in (GitHub's GraphQL API, as the same GitHub App; it needs the
 * repository permission "Discussions: read and write"). Ids are GraphQL node ids; every method takes the
 * repository, whose installation the call runs as. Every method throws GitHubError when GitHub fails, as
 * IssueTracker's do ('refused' also for a query GitHub's schema refuses, or a token without the permission).
 */
export interface VotingDiscussions {
  /** The repository's discussion categories (none while Discussions are disabled). */
  categories(repo: RepositoryName): Promise<Array<{ id: string; name: string }>>;
  createDiscussion(
    repo: RepositoryName,
    discussion: { categoryId: string; title: string; body: string },
  ): Promise<DiscussionRef>;
  /**
   * The newest discussion whose body contains `marker`, among the repository's 200 newest (by creation); null
   * when none has. Lets a retry after a lost answer find the discussion an earlier attempt created.
   */
  findDiscussion(repo: RepositoryName, marker: string): Promise<DiscussionRef | null>;
  /** Adds a top-level comment. */
  addComment(repo: RepositoryName, discussionId: string, body: string): Promise<{ id: string; url: string }>;
  updateDiscussion(repo: RepositoryName, discussionId: string, body: string): Promise<void>;
  updateComment(repo: RepositoryName, commentId: string, body: string): Promise<void>;
  /** Deletes a comment; one already gone is no failure. */
  deleteComment(repo: RepositoryName, commentId: string): Promise<void>;
  /**
   * A discussion read whole: every page of its comments and every page of each comment's reactions. It returns
   * all of it or throws, never part (a recount must not close on half the votes); null when the discussion is
   * gone. A comment deleted while it is read is left out, as if read a moment later.
   */
  readDiscussion(repo: RepositoryName, number: number): Promise<VotingDiscussion | null>;
}
