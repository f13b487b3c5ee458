/**
 * What the GitHub stand-in stores (its App, installations, repositories with their git objects and branches,
 * issues, pull requests and comments) and the REST objects it answers with, field for field as api.github.com
 * shapes them: the schemas `issue`, `simple-user`, `label`, `issue-comment`, `repository`, `full-repository`,
 * `pull-request`, `git-commit`, `git-ref`, `git-tree`, `content-file`, `installation` and `integration` of
 * GitHub's OpenAPI description (github-rules/openapi.ts checks every answer against them), with URLs in
 * GitHub's forms (the description's examples, e.g. `labels_url: …/issues/1347/labels{/name}`). API URLs point at
 * the stand-in; web URLs (`html_url`) at github.com, as people would follow them.
 *
 * It stores the discussions GraphQL serves too (categories, discussions, their comments with upvotes and
 * reactions; github-rules/graphql.ts answers for them), with node ids in GitHub's present form (`D_kwDO…`).
 */
import type { ReactionContent } from '@octokit/graphql-schema';
import { changedPaths, commitsAhead, filesOf, type GitObjects, type StoredCommit, topLevel } from './git.js';

const WEB = 'https://github.com';

type Json = Record<string, unknown>;

interface Person {
  login: string;
  id: number;
  type: 'User' | 'Bot' | 'Organization';
}

interface StoredLabel {
  id: number;
  name: string;
  color: string;
  description: string | null;
}

export interface StoredComment {
  id: number;
  issueNumber: number;
  body: string;
  author: string;
  viaApp: boolean;
  createdAt: string;
  updatedAt: string;
  /** For ordering (timestamps have whole seconds). */
  sequence: number;
}

interface CrossReference {
  repo: string;
  number: number;
  at: string;
  sequence: number;
}

export interface StoredIssue {
  id: number;
  number: number;
  title: string;
  body: string | null;
  /** Label names, as the repository spells them. */
  labels: string[];
  state: 'open' | 'closed';
  stateReason: 'completed' | 'not_planned' | 'reopened' | 'duplicate' | null;
  author: string;
  assignees: string[];
  comments: StoredComment[];
  createdAt: string;
  updatedAt: string;
  closedAt: string | null;
  closedBy: string | null;
  /** Opened by the App (through an installation token): `performed_via_github_app` is the App. */
  viaApp: boolean;
  pullRequest?: StoredPull;
  crossReferences: CrossReference[];
  /** Who made the last change, and the `changes` of the last edit (the `sender`/`changes` of webhooks). */
  lastActor: string;
  lastChanges?: Record<string, { from: unknown }>;
  sequence: number;
}

/** What a pull request adds to its issue. */
interface StoredPull {
  merged: boolean;
  mergedAt: string | null;
  mergeCommitSha: string | null;
  /** Its head commit: a seeded one's, or an opened one's when it was closed (an open one follows its branch). */
  headSha: string;
  /** Opened through the API: its head branch (of this repository or a fork) and base branch. */
  head?: { repo: string; ref: string };
  base?: string;
  maintainerCanModify?: boolean;
}

export interface StoredRepo {
  id: number;
  owner: string;
  name: string;
  fullName: string;
  createdAt: string;
  /** Logins that can be assigned (GitHub silently drops the others), by lower-case login. */
  collaborators: Map<string, string>;
  /** By lower-case name: GitHub's label names are case-insensitive. */
  labels: Map<string, StoredLabel>;
  issues: Map<number, StoredIssue>;
  /** Deleted issues, as last stored (for the `deleted` webhook). */
  deleted: Map<number, StoredIssue>;
  nextNumber: number;
  /** Its git objects: shared with the repositories of its fork network. */
  objects: GitObjects;
  /** Its branches: `heads/<name>` → commit sha. */
  refs: Map<string, string>;
  defaultBranch: string;
  /** The full name of the repository it was forked from. */
  parent?: string;
  /** Requests to its git data still answered 404 (a fork GitHub is still making). */
  forkPending: number;
  /** Whether Discussions are enabled (a repository setting; GraphQL `hasDiscussionsEnabled`). */
  discussionsEnabled: boolean;
  /** Its discussion categories, in the order GitHub lists them. */
  discussionCategories: StoredDiscussionCategory[];
  /** Its discussions, by number (numbers are shared with issues and pull requests, as on GitHub). */
  discussions: Map<number, StoredDiscussion>;
}

export interface StoredDiscussionCategory {
  /** Its node id (`DIC_…`). */
  id: string;
  name: string;
  slug: string;
  /** A shortcode, as GraphQL answers it (`:speech_balloon:`). */
  emoji: string;
  description: string | null;
  /** Q&A: a comment can be marked as the answer. */
  isAnswerable: boolean;
  createdAt: string;
}

/** One reaction: GitHub takes one of each content per person and subject. */
export interface StoredReaction {
  id: string;
  content: ReactionContent;
  /** Null: an account deleted since (GitHub's "ghost"). */
  login: string | null;
  createdAt: string;
  sequence: number;
}

/** A top-level comment of a discussion (replies are not stored). */
export interface StoredDiscussionComment {
  /** Its node id (`DC_…`). */
  id: string;
  databaseId: number;
  body: string;
  /** Null: an account deleted since (GraphQL answers `author: null`). */
  author: string | null;
  viaApp: boolean;
  createdAt: string;
  updatedAt: string;
  sequence: number;
  /** Who upvoted it (⬆️), by lower-case login: GraphQL tells only how many (`upvoteCount`). */
  upvotes: Map<string, string>;
  /** Its reactions, oldest first. */
  reactions: StoredReaction[];
}

export interface StoredDiscussion {
  /** Its node id (`D_…`). */
  id: string;
  databaseId: number;
  number: number;
  title: string;
  body: string;
  /** The node id of its category. */
  categoryId: string;
  author: string;
  viaApp: boolean;
  createdAt: string;
  updatedAt: string;
  sequence: number;
  /** Bumped by every change (timestamps have whole seconds): the order of `orderBy: UPDATED_AT`. */
  updatedSequence: number;
  /** Its top-level comments, oldest first. */
  comments: StoredDiscussionComment[];
}

/** What a GraphQL node id (`node(id:)`) stands for, among what the stand-in serves by id. */
export type GraphNode =
  | { type: 'Repository'; repo: StoredRepo }
  | { type: 'DiscussionCategory'; repo: StoredRepo; category: StoredDiscussionCategory }
  | { type: 'Discussion'; repo: StoredRepo; discussion: StoredDiscussion }
  | {
      type: 'DiscussionComment';
      repo: StoredRepo;
      discussion: StoredDiscussion;
      comment: StoredDiscussionComment;
    };

interface StoredInstallation {
  id: number;
  account: string;
  /** Lower-case full names of the repositories it was given. */
  repos: Set<string>;
  /** Repository selection "all": every repository of the account, those made later included. */
  allRepositories: boolean;
  /** What the installation granted the App (its tokens get these, or fewer). */
  permissions: Record<string, string>;
  createdAt: string;
}

/** Whether an installation covers a repository. */
export function covers(installation: StoredInstallation, repo: StoredRepo): boolean {
  if (installation.allRepositories) return installation.account.toLowerCase() === repo.owner.toLowerCase();
  return installation.repos.has(repo.fullName.toLowerCase());
}

export interface World {
  /** The stand-in's origin, the API's base URL. */
  api: string;
  app: { id: number; slug: string; name: string; clientId: string; owner: string; createdAt: string };
  people: Map<string, Person>;
  repos: Map<string, StoredRepo>;
  installations: Map<number, StoredInstallation>;
  /** Counters of ids (one per kind, as GitHub's are per table) and of ordering. */
  counters: Map<string, number>;
  /** What GraphQL node ids stand for (repositories, discussions, their categories and comments). */
  nodes: Map<string, GraphNode>;
}

/** GitHub's timestamps: ISO 8601 in UTC, whole seconds (`2011-04-22T13:33:48Z`). */
export function timestamp(ms = Date.now()): string {
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function nextId(world: World, kind: string, first: number): number {
  const id = (world.counters.get(kind) ?? first - 1) + 1;
  world.counters.set(kind, id);
  return id;
}

/** A legacy global node id, base64 of `<length>:<Type><id>` (`MDU6SXNzdWUx` is `05:Issue1`). */
function nodeId(type: string, id: number): string {
  return Buffer.from(`${String(type.length).padStart(2, '0')}:${type}${id}`).toString('base64');
}

function person(world: World, login: string, type: Person['type'] = 'User'): Person {
  const key = login.toLowerCase();
  const known = world.people.get(key);
  if (known) return known;
  const created: Person = { login, id: nextId(world, 'user', 5_830_001), type };
  world.people.set(key, created);
  return created;
}

/** The App's bot user, who acts for its installation tokens (`<slug>[bot]`). */
export function botLogin(world: World): string {
  return `${world.app.slug}[bot]`;
}

/** `simple-user`. */
export function userObject(world: World, login: string): Json {
  const who = person(world, login, login.endsWith('[bot]') ? 'Bot' : 'User');
  const url = `${world.api}/users/${encodeURIComponent(who.login)}`;
  return {
    login: who.login,
    id: who.id,
    node_id: nodeId(who.type === 'Organization' ? 'Organization' : who.type, who.id),
    avatar_url: `https://avatars.githubusercontent.com/u/${who.id}?v=4`,
    gravatar_id: '',
    url,
    html_url: who.type === 'Bot' ? `${WEB}/apps/${who.login.replace(/\[bot\]$/, '')}` : `${WEB}/${who.login}`,
    followers_url: `${url}/followers`,
    following_url: `${url}/following{/other_user}`,
    gists_url: `${url}/gists{/gist_id}`,
    starred_url: `${url}/starred{/owner}{/repo}`,
    subscriptions_url: `${url}/subscriptions`,
    organizations_url: `${url}/orgs`,
    repos_url: `${url}/repos`,
    events_url: `${url}/events{/privacy}`,
    received_events_url: `${url}/received_events`,
    type: who.type,
    user_view_type: 'public',
    site_admin: false,
  };
}

function ownerObject(world: World, login: string): Json {
  person(world, login, 'Organization');
  return userObject(world, login);
}

/** `label`. */
export function labelObject(world: World, repo: StoredRepo, label: StoredLabel): Json {
  return {
    id: label.id,
    node_id: nodeId('Label', label.id),
    url: `${world.api}/repos/${repo.fullName}/labels/${encodeURIComponent(label.name)}`,
    name: label.name,
    color: label.color,
    default: false,
    description: label.description,
  };
}

/** `repository`, the full one (the timeline's `source.issue.repository`, a pull request's `head.repo`). */
export function repositoryObject(world: World, repo: StoredRepo): Json {
  const url = `${world.api}/repos/${repo.fullName}`;
  const html = `${WEB}/${repo.fullName}`;
  const open = [...repo.issues.values()].filter((issue) => issue.state === 'open').length;
  return {
    id: repo.id,
    node_id: nodeId('Repository', repo.id),
    name: repo.name,
    full_name: repo.fullName,
    private: false,
    owner: ownerObject(world, repo.owner),
    html_url: html,
    description: null,
    fork: repo.parent !== undefined,
    url,
    forks_url: `${url}/forks`,
    keys_url: `${url}/keys{/key_id}`,
    collaborators_url: `${url}/collaborators{/collaborator}`,
    teams_url: `${url}/teams`,
    hooks_url: `${url}/hooks`,
    issue_events_url: `${url}/issues/events{/number}`,
    events_url: `${url}/events`,
    assignees_url: `${url}/assignees{/user}`,
    branches_url: `${url}/branches{/branch}`,
    tags_url: `${url}/tags`,
    blobs_url: `${url}/git/blobs{/sha}`,
    git_tags_url: `${url}/git/tags{/sha}`,
    git_refs_url: `${url}/git/refs{/sha}`,
    trees_url: `${url}/git/trees{/sha}`,
    statuses_url: `${url}/statuses/{sha}`,
    languages_url: `${url}/languages`,
    stargazers_url: `${url}/stargazers`,
    contributors_url: `${url}/contributors`,
    subscribers_url: `${url}/subscribers`,
    subscription_url: `${url}/subscription`,
    commits_url: `${url}/commits{/sha}`,
    git_commits_url: `${url}/git/commits{/sha}`,
    comments_url: `${url}/comments{/number}`,
    issue_comment_url: `${url}/issues/comments{/number}`,
    contents_url: `${url}/contents/{+path}`,
    compare_url: `${url}/compare/{base}...{head}`,
    merges_url: `${url}/merges`,
    archive_url: `${url}/{archive_format}{/ref}`,
    downloads_url: `${url}/downloads`,
    issues_url: `${url}/issues{/number}`,
    pulls_url: `${url}/pulls{/number}`,
    milestones_url: `${url}/milestones{/number}`,
    notifications_url: `${url}/notifications{?since,all,participating}`,
    labels_url: `${url}/labels{/name}`,
    releases_url: `${url}/releases{/id}`,
    deployments_url: `${url}/deployments`,
    created_at: repo.createdAt,
    updated_at: repo.createdAt,
    pushed_at: repo.createdAt,
    git_url: `git://github.com/${repo.fullName}.git`,
    ssh_url: `git@github.com:${repo.fullName}.git`,
    clone_url: `${html}.git`,
    svn_url: html,
    homepage: null,
    size: 0,
    stargazers_count: 0,
    watchers_count: 0,
    language: null,
    has_issues: true,
    has_projects: true,
    has_downloads: true,
    has_wiki: true,
    has_pages: false,
    has_discussions: repo.discussionsEnabled,
    forks_count: 0,
    mirror_url: null,
    archived: false,
    disabled: false,
    open_issues_count: open,
    license: null,
    allow_forking: true,
    is_template: false,
    web_commit_signoff_required: false,
    topics: [],
    visibility: 'public',
    forks: 0,
    open_issues: open,
    watchers: 0,
    default_branch: repo.defaultBranch,
  };
}

/**
 * `full-repository` (GET /repos/{owner}/{repo}, and a fork as POST …/forks answers it): a fork has `parent`, the
 * repository it was forked from, and `source`, the root of its network ("The `parent` and `source` objects are
 * present when the repository is a fork", the description of GET /repos/{owner}/{repo}).
 */
export function fullRepositoryObject(world: World, repo: StoredRepo): Json {
  const parentOf = (r: StoredRepo) => (r.parent ? world.repos.get(r.parent.toLowerCase()) : undefined);
  const parent = parentOf(repo);
  let source = parent;
  for (let up = source && parentOf(source); up; up = parentOf(up)) source = up;
  return {
    ...repositoryObject(world, repo),
    network_count: 0,
    subscribers_count: 0,
    ...(parent && source
      ? { parent: repositoryObject(world, parent), source: repositoryObject(world, source) }
      : {}),
  };
}

/** `integration`: the App, as `performed_via_github_app` names it. */
function appObject(world: World): Json {
  return {
    id: world.app.id,
    slug: world.app.slug,
    node_id: nodeId('Integration', world.app.id),
    client_id: world.app.clientId,
    owner: ownerObject(world, world.app.owner),
    name: world.app.name,
    description: 'A GitHub App stand-in for htg',
    external_url: `${WEB}/${world.app.owner}`,
    html_url: `${WEB}/apps/${world.app.slug}`,
    created_at: world.app.createdAt,
    updated_at: world.app.createdAt,
    permissions: { issues: 'write', metadata: 'read' },
    events: ['issues', 'pull_request'],
  };
}

/** The permissions and events the App asks for (and its installation tokens get). */
/** What the README's App asks for: issues to write, metadata, and pull requests to read (the optional one). */
export const APP_PERMISSIONS = { issues: 'write', metadata: 'read', pull_requests: 'read' } as const;

/** `installation`. */
export function installationObject(world: World, installation: StoredInstallation): Json {
  const account = person(world, installation.account, 'Organization');
  return {
    id: installation.id,
    client_id: world.app.clientId,
    account: ownerObject(world, installation.account),
    repository_selection: installation.allRepositories ? 'all' : 'selected',
    access_tokens_url: `${world.api}/app/installations/${installation.id}/access_tokens`,
    repositories_url: `${world.api}/installation/repositories`,
    html_url: `${WEB}/organizations/${installation.account}/settings/installations/${installation.id}`,
    app_id: world.app.id,
    app_slug: world.app.slug,
    target_id: account.id,
    target_type: 'Organization',
    permissions: { ...installation.permissions },
    events: ['issues', 'pull_request'],
    created_at: installation.createdAt,
    updated_at: installation.createdAt,
    single_file_name: null,
    has_multiple_single_files: false,
    single_file_paths: [],
    suspended_by: null,
    suspended_at: null,
  };
}

function associationOf(repo: StoredRepo, login: string): string {
  if (login.toLowerCase() === repo.owner.toLowerCase()) return 'OWNER';
  if (repo.collaborators.has(login.toLowerCase())) return 'COLLABORATOR';
  return 'NONE';
}

function reactions(url: string): Json {
  return {
    url: `${url}/reactions`,
    total_count: 0,
    '+1': 0,
    '-1': 0,
    laugh: 0,
    hooray: 0,
    confused: 0,
    heart: 0,
    rocket: 0,
    eyes: 0,
  };
}

/** `issue` (a pull request's too, with `pull_request`), as the issues endpoints answer it. */
export function issueObject(world: World, repo: StoredRepo, issue: StoredIssue): Json {
  const base = `${world.api}/repos/${repo.fullName}`;
  const url = `${base}/issues/${issue.number}`;
  const html = `${WEB}/${repo.fullName}/${issue.pullRequest ? 'pull' : 'issues'}/${issue.number}`;
  const assignees = issue.assignees.map((login) => userObject(world, login));
  return {
    url,
    repository_url: base,
    labels_url: `${url}/labels{/name}`,
    comments_url: `${url}/comments`,
    events_url: `${url}/events`,
    html_url: html,
    id: issue.id,
    node_id: nodeId(issue.pullRequest ? 'PullRequest' : 'Issue', issue.id),
    number: issue.number,
    title: issue.title,
    user: userObject(world, issue.author),
    labels: issue.labels.flatMap((name) => {
      const label = repo.labels.get(name.toLowerCase());
      return label ? [labelObject(world, repo, label)] : [];
    }),
    state: issue.state,
    locked: false,
    assignee: assignees[0] ?? null,
    assignees,
    milestone: null,
    comments: issue.comments.length,
    created_at: issue.createdAt,
    updated_at: issue.updatedAt,
    closed_at: issue.closedAt,
    author_association: associationOf(repo, issue.author),
    active_lock_reason: null,
    ...(issue.pullRequest
      ? {
          draft: false,
          pull_request: {
            url: `${base}/pulls/${issue.number}`,
            html_url: html,
            diff_url: `${html}.diff`,
            patch_url: `${html}.patch`,
            merged_at: issue.pullRequest.mergedAt,
          },
        }
      : {}),
    body: issue.body,
    closed_by: issue.closedBy ? userObject(world, issue.closedBy) : null,
    reactions: reactions(url),
    timeline_url: `${url}/timeline`,
    performed_via_github_app: issue.viaApp ? appObject(world) : null,
    state_reason: issue.stateReason,
    sub_issues_summary: { total: 0, completed: 0, percent_completed: 0 },
    issue_dependencies_summary: { blocked_by: 0, blocking: 0, total_blocked_by: 0, total_blocking: 0 },
  };
}

/** `issue-comment`. */
export function commentObject(world: World, repo: StoredRepo, comment: StoredComment): Json {
  const url = `${world.api}/repos/${repo.fullName}/issues/comments/${comment.id}`;
  return {
    url,
    html_url: `${WEB}/${repo.fullName}/issues/${comment.issueNumber}#issuecomment-${comment.id}`,
    issue_url: `${world.api}/repos/${repo.fullName}/issues/${comment.issueNumber}`,
    id: comment.id,
    node_id: nodeId('IssueComment', comment.id),
    user: userObject(world, comment.author),
    created_at: comment.createdAt,
    updated_at: comment.updatedAt,
    author_association: associationOf(repo, comment.author),
    body: comment.body,
    reactions: reactions(url),
    performed_via_github_app: comment.viaApp ? appObject(world) : null,
  };
}

/** A seeded pull request's base commit (it has no git data behind it). */
const SEEDED_BASE_SHA = '6dcb09b5b57875f334f61aebed695e2e4193db5e';

/**
 * A pull request's head: an opened one's branch (in its repository or a fork) and, while it is open, the
 * branch's commit now (GitHub moves a pull request's head with its branch); a seeded one's `topic-<number>`.
 */
export function pullHead(
  world: World,
  repo: StoredRepo,
  issue: StoredIssue,
): { repo: StoredRepo | undefined; owner: string; ref: string; sha: string } {
  const pull = issue.pullRequest;
  if (!pull?.head) return { repo, owner: repo.owner, ref: `topic-${issue.number}`, sha: pull?.headSha ?? '' };
  const headRepo = world.repos.get(pull.head.repo.toLowerCase());
  const live = issue.state === 'open' ? headRepo?.refs.get(`heads/${pull.head.ref}`) : undefined;
  return {
    repo: headRepo,
    owner: headRepo?.owner ?? pull.head.repo.split('/')[0] ?? repo.owner,
    ref: pull.head.ref,
    sha: live ?? pull.headSha,
  };
}

/** What a pull request changes: its commits, files and lines, between its base and its head. */
function pullStats(repo: StoredRepo, issue: StoredIssue, baseSha: string, headSha: string) {
  const pull = issue.pullRequest;
  if (!pull?.head) return { commits: 1, additions: 1, deletions: 0, changed_files: 1 };
  // A merged one is measured against the base as it was: the merge commit's first parent.
  const merged = pull.mergeCommitSha ? repo.objects.commits.get(pull.mergeCommitSha) : undefined;
  const base = merged?.parents[0] ?? baseSha;
  const before = filesOf(repo.objects, base);
  const after = filesOf(repo.objects, headSha);
  const lines = (blob: string | undefined) =>
    blob === undefined ? [] : (repo.objects.blobs.get(blob)?.toString('utf8').split('\n') ?? []);
  let additions = 0;
  let deletions = 0;
  const paths = changedPaths(before, after);
  for (const path of paths) {
    const old = lines(before.get(path));
    const now = lines(after.get(path));
    const counts = new Map<string, number>();
    for (const line of old) counts.set(line, (counts.get(line) ?? 0) + 1);
    for (const line of now) {
      const left = counts.get(line) ?? 0;
      if (left > 0) counts.set(line, left - 1);
      else additions++;
    }
    for (const left of counts.values()) deletions += left;
  }
  return {
    commits: commitsAhead(repo.objects, base, headSha).length,
    additions,
    deletions,
    changed_files: paths.length,
  };
}

/** `pull-request`, for a stored pull request (GET /repos/{owner}/{repo}/pulls/{pull_number}). */
export function pullRequestObject(world: World, repo: StoredRepo, issue: StoredIssue): Json {
  const pull = issue.pullRequest;
  if (!pull) throw new Error(`${repo.fullName}#${issue.number} is not a pull request`);
  const issueJson = issueObject(world, repo, issue);
  const url = `${world.api}/repos/${repo.fullName}/pulls/${issue.number}`;
  const html = `${WEB}/${repo.fullName}/pull/${issue.number}`;
  const issueUrl = `${world.api}/repos/${repo.fullName}/issues/${issue.number}`;
  const branch = (owner: string, of: StoredRepo | undefined, ref: string, sha: string) => ({
    label: `${owner}:${ref}`,
    ref,
    sha,
    user: ownerObject(world, owner),
    repo: of ? repositoryObject(world, of) : null,
  });
  const head = pullHead(world, repo, issue);
  const baseRef = pull.base ?? 'main';
  const baseSha = pull.base ? (repo.refs.get(`heads/${pull.base}`) ?? SEEDED_BASE_SHA) : SEEDED_BASE_SHA;
  const statuses = `${world.api}/repos/${repo.fullName}/statuses/${head.sha}`;
  return {
    url,
    id: issue.id,
    node_id: nodeId('PullRequest', issue.id),
    html_url: html,
    diff_url: `${html}.diff`,
    patch_url: `${html}.patch`,
    issue_url: issueUrl,
    commits_url: `${url}/commits`,
    review_comments_url: `${url}/comments`,
    review_comment_url: `${world.api}/repos/${repo.fullName}/pulls/comments{/number}`,
    comments_url: `${issueUrl}/comments`,
    statuses_url: statuses,
    number: issue.number,
    state: issue.state,
    locked: false,
    title: issue.title,
    user: userObject(world, issue.author),
    body: issue.body,
    labels: issueJson.labels,
    milestone: null,
    active_lock_reason: null,
    created_at: issue.createdAt,
    updated_at: issue.updatedAt,
    closed_at: issue.closedAt,
    merged_at: pull.mergedAt,
    merge_commit_sha: pull.mergeCommitSha,
    assignee: issueJson.assignee,
    assignees: issueJson.assignees,
    requested_reviewers: [],
    requested_teams: [],
    head: branch(head.owner, head.repo, head.ref, head.sha),
    base: branch(repo.owner, repo, baseRef, baseSha),
    _links: {
      self: { href: url },
      html: { href: html },
      issue: { href: issueUrl },
      comments: { href: `${issueUrl}/comments` },
      review_comments: { href: `${url}/comments` },
      review_comment: { href: `${world.api}/repos/${repo.fullName}/pulls/comments{/number}` },
      commits: { href: `${url}/commits` },
      statuses: { href: statuses },
    },
    author_association: issueJson.author_association,
    auto_merge: null,
    draft: false,
    merged: pull.merged,
    mergeable: pull.merged ? null : true,
    rebaseable: pull.merged ? null : true,
    mergeable_state: pull.merged ? 'unknown' : 'clean',
    merged_by: pull.merged ? userObject(world, issue.author) : null,
    comments: issue.comments.length,
    review_comments: 0,
    maintainer_can_modify: pull.maintainerCanModify ?? false,
    ...pullStats(repo, issue, baseSha, head.sha),
  };
}

/** The App's bot as git knows it: GitHub's noreply address for a bot, `<id>+<login>@users.noreply.github.com`. */
export function botGitPerson(world: World, date: string): { name: string; email: string; date: string } {
  const login = botLogin(world);
  return { name: login, email: `${person(world, login, 'Bot').id}+${login}@users.noreply.github.com`, date };
}

/** `git-commit` (GET and POST /repos/{owner}/{repo}/git/commits…). */
export function gitCommitObject(world: World, repo: StoredRepo, commit: StoredCommit): Json {
  const base = `${world.api}/repos/${repo.fullName}`;
  return {
    sha: commit.sha,
    node_id: Buffer.from(`04:Commit${repo.id}:${commit.sha}`).toString('base64'),
    url: `${base}/git/commits/${commit.sha}`,
    html_url: `${WEB}/${repo.fullName}/commit/${commit.sha}`,
    author: { ...commit.author },
    committer: { ...commit.committer },
    tree: { sha: commit.tree, url: `${base}/git/trees/${commit.tree}` },
    message: commit.message,
    parents: commit.parents.map((sha) => ({
      sha,
      url: `${base}/git/commits/${sha}`,
      html_url: `${WEB}/${repo.fullName}/commit/${sha}`,
    })),
    // The stand-in signs nothing.
    verification: { verified: false, reason: 'unsigned', signature: null, payload: null, verified_at: null },
  };
}

/** `git-ref`, of a branch (`heads/<name>`). */
export function gitRefObject(world: World, repo: StoredRepo, ref: string, sha: string): Json {
  const base = `${world.api}/repos/${repo.fullName}`;
  return {
    ref: `refs/${ref}`,
    node_id: Buffer.from(`03:Ref${repo.id}:refs/${ref}`).toString('base64'),
    url: `${base}/git/refs/${ref}`,
    object: { type: 'commit', sha, url: `${base}/git/commits/${sha}` },
  };
}

/** `git-tree`, as POST /repos/{owner}/{repo}/git/trees answers: the new tree's top level (not recursive). */
export function gitTreeObject(world: World, repo: StoredRepo, sha: string): Json {
  const base = `${world.api}/repos/${repo.fullName}`;
  const files = repo.objects.trees.get(sha) ?? new Map<string, string>();
  return {
    sha,
    url: `${base}/git/trees/${sha}`,
    truncated: false,
    tree: topLevel(files).map((entry) => ({
      ...entry,
      ...(entry.type === 'blob' ? { size: repo.objects.blobs.get(entry.sha)?.length ?? 0 } : {}),
      url: `${base}/git/${entry.type === 'blob' ? 'blobs' : 'trees'}/${entry.sha}`,
    })),
  };
}

/**
 * `content-file` (GET /repos/{owner}/{repo}/contents/{path}): the content base64, in lines of 60 characters
 * each ending in a newline, as GitHub sends it.
 */
export function contentFileObject(
  world: World,
  repo: StoredRepo,
  ref: string,
  path: string,
  blob: string,
): Json {
  const content = repo.objects.blobs.get(blob) ?? Buffer.alloc(0);
  const encoded = content.toString('base64');
  return {
    ...contentEntry(world, repo, ref, path, { type: 'file', sha: blob, size: content.length }),
    content: (encoded.match(/.{1,60}/g) ?? []).map((line) => `${line}\n`).join(''),
    encoding: 'base64',
  };
}

/** An item of `content-directory`, or the common fields of `content-file`. */
export function contentEntry(
  world: World,
  repo: StoredRepo,
  ref: string,
  path: string,
  item: { type: 'file' | 'dir'; sha: string; size: number },
): Json {
  const self = `${world.api}/repos/${repo.fullName}/contents/${path}?ref=${encodeURIComponent(ref)}`;
  const git = `${world.api}/repos/${repo.fullName}/git/${item.type === 'file' ? 'blobs' : 'trees'}/${item.sha}`;
  const html = `${WEB}/${repo.fullName}/${item.type === 'file' ? 'blob' : 'tree'}/${ref}/${path}`;
  return {
    type: item.type,
    size: item.size,
    name: path.split('/').at(-1) ?? path,
    path,
    sha: item.sha,
    url: self,
    git_url: git,
    html_url: html,
    download_url:
      item.type === 'file' ? `https://raw.githubusercontent.com/${repo.fullName}/${ref}/${path}` : null,
    _links: { self, git, html },
  };
}

/**
 * A GraphQL node id in GitHub's present form, `<prefix>_kwDO…` (`D_kwDOAbc123`, `DC_kwDO…`): opaque to clients
 * ("Using global node IDs", docs.github.com); the stand-in's encode the kind's own number.
 */
function graphNodeId(prefix: string, n: number): string {
  return `${prefix}_kwDO${Buffer.from(String(n)).toString('base64url')}`;
}

/** A repository's GraphQL node id (`R_kgDO…`), known to node(id:) from then on. */
export function repositoryNodeId(world: World, repo: StoredRepo): string {
  const id = `R_kgDO${Buffer.from(String(repo.id)).toString('base64url')}`;
  if (!world.nodes.has(id)) world.nodes.set(id, { type: 'Repository', repo });
  return id;
}

/** The categories a repository gets when Discussions are enabled (GitHub's defaults, in its order). */
const DEFAULT_CATEGORIES: ReadonlyArray<Omit<StoredDiscussionCategory, 'id' | 'createdAt'>> = [
  {
    name: 'Announcements',
    slug: 'announcements',
    emoji: ':mega:',
    description: 'Updates from maintainers',
    isAnswerable: false,
  },
  {
    name: 'General',
    slug: 'general',
    emoji: ':speech_balloon:',
    description: 'Chat about anything and everything here',
    isAnswerable: false,
  },
  {
    name: 'Ideas',
    slug: 'ideas',
    emoji: ':bulb:',
    description: 'Share ideas for new features',
    isAnswerable: false,
  },
  {
    name: 'Polls',
    slug: 'polls',
    emoji: ':ballot_box:',
    description: 'Take a vote from the community',
    isAnswerable: false,
  },
  {
    name: 'Q&A',
    slug: 'q-a',
    emoji: ':pray:',
    description: 'Ask the community for help',
    isAnswerable: true,
  },
  {
    name: 'Show and tell',
    slug: 'show-and-tell',
    emoji: ':raised_hands:',
    description: "Show off something you've made",
    isAnswerable: false,
  },
];

/**
 * Enables Discussions on a repository, as its settings do: the first time it gets GitHub's default categories
 * (Announcements, General, Ideas, Polls, Q&A, Show and tell); `extra` names more (as a maintainer adds them).
 * Returns its categories.
 */
export function enableDiscussions(
  world: World,
  repo: StoredRepo,
  extra: readonly string[] = [],
): StoredDiscussionCategory[] {
  const add = (category: Omit<StoredDiscussionCategory, 'id' | 'createdAt'>) => {
    if (repo.discussionCategories.some((c) => c.name.toLowerCase() === category.name.toLowerCase())) return;
    const stored: StoredDiscussionCategory = {
      ...category,
      id: graphNodeId('DIC', nextId(world, 'discussion-category', 37_000_001)),
      createdAt: timestamp(),
    };
    repo.discussionCategories.push(stored);
    world.nodes.set(stored.id, { type: 'DiscussionCategory', repo, category: stored });
  };
  if (!repo.discussionsEnabled && repo.discussionCategories.length === 0) DEFAULT_CATEGORIES.forEach(add);
  repo.discussionsEnabled = true;
  for (const name of extra) {
    const slug = name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-|-$/g, '');
    add({ name, slug, emoji: ':speech_balloon:', description: null, isAnswerable: false });
  }
  return repo.discussionCategories;
}

/** A new discussion, numbered after the repository's issues and pull requests (they share the numbers). */
export function newDiscussion(
  world: World,
  repo: StoredRepo,
  fields: Pick<StoredDiscussion, 'title' | 'body' | 'categoryId' | 'author' | 'viaApp'>,
): StoredDiscussion {
  const databaseId = nextId(world, 'discussion', 7_300_001);
  const now = timestamp();
  const sequence = nextId(world, 'sequence', 1);
  const discussion: StoredDiscussion = {
    ...fields,
    id: graphNodeId('D', databaseId),
    databaseId,
    number: repo.nextNumber++,
    createdAt: now,
    updatedAt: now,
    sequence,
    updatedSequence: sequence,
    comments: [],
  };
  repo.discussions.set(discussion.number, discussion);
  world.nodes.set(discussion.id, { type: 'Discussion', repo, discussion });
  return discussion;
}

/** A new top-level comment on a discussion. */
export function newDiscussionComment(
  world: World,
  repo: StoredRepo,
  discussion: StoredDiscussion,
  fields: Pick<StoredDiscussionComment, 'body' | 'author' | 'viaApp'>,
): StoredDiscussionComment {
  const databaseId = nextId(world, 'discussion-comment', 11_800_001);
  const now = timestamp();
  const comment: StoredDiscussionComment = {
    ...fields,
    id: graphNodeId('DC', databaseId),
    databaseId,
    createdAt: now,
    updatedAt: now,
    sequence: nextId(world, 'sequence', 1),
    upvotes: new Map(),
    reactions: [],
  };
  discussion.comments.push(comment);
  touchDiscussion(world, discussion);
  world.nodes.set(comment.id, { type: 'DiscussionComment', repo, discussion, comment });
  return comment;
}

/** A discussion's `updatedAt` and its place in `orderBy: UPDATED_AT` after a change. */
export function touchDiscussion(world: World, discussion: StoredDiscussion): void {
  discussion.updatedAt = timestamp();
  discussion.updatedSequence = nextId(world, 'sequence', 1);
}

/** A stored discussion comment by its node id. */
export function discussionCommentNode(
  world: World,
  id: string,
): Extract<GraphNode, { type: 'DiscussionComment' }> | undefined {
  const node = world.nodes.get(id);
  return node?.type === 'DiscussionComment' ? node : undefined;
}

/** Deletes a discussion comment: gone from its discussion, and its node id resolves to nothing. */
export function deleteDiscussionComment(
  world: World,
  node: Extract<GraphNode, { type: 'DiscussionComment' }>,
): void {
  node.discussion.comments = node.discussion.comments.filter((c) => c !== node.comment);
  world.nodes.delete(node.comment.id);
  touchDiscussion(world, node.discussion);
}

/** Adds a reaction (a second one of the same content by the same person is no change, as on GitHub). */
export function addReaction(
  world: World,
  comment: StoredDiscussionComment,
  content: ReactionContent,
  login: string | null,
): void {
  const same = (reaction: StoredReaction) =>
    reaction.content === content &&
    login !== null &&
    reaction.login !== null &&
    reaction.login.toLowerCase() === login.toLowerCase();
  if (comment.reactions.some(same)) return;
  const databaseId = nextId(world, 'reaction', 260_000_001);
  comment.reactions.push({
    id: graphNodeId('REA', databaseId),
    content,
    login,
    createdAt: timestamp(),
    sequence: nextId(world, 'sequence', 1),
  });
}

/** Removes a person's reaction of one content (none is no change). */
export function removeReaction(
  comment: StoredDiscussionComment,
  content: ReactionContent,
  login: string,
): void {
  comment.reactions = comment.reactions.filter(
    (reaction) => reaction.content !== content || reaction.login?.toLowerCase() !== login.toLowerCase(),
  );
}
