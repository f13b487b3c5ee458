import type {
  IssueChange,
  IssueTracker,
  LinkedPullRequest,
  NewIssue,
  RepoIssue,
  RepositoryName,
} from '../../app/ports/github.js';
import { GitHubError } from '../../app/ports/github.js';
import { allPages, type GitHubIssueTrackerOptions, gitHubClients, nullWhenGone } from './client.js';

export type { GitHubIssueTrackerOptions } from './client.js';

/**
 * The IssueTracker on GitHub's REST API, as a GitHub App (the clients, installation lookups and error mapping of
 * ./client.ts): each call runs as the repository's installation. Failures become GitHubError; the key and tokens
 * never reach a message or a log line.
 */
export function gitHubIssueTracker(options: GitHubIssueTrackerOptions): IssueTracker {
  const { call } = gitHubClients(options);

  const getIssue = (repo: RepositoryName, number: number): Promise<RepoIssue | null> =>
    nullWhenGone(
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
      ),
    );

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
      nullWhenGone(
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
        ),
      ),
  };
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
