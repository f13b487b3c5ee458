import type { OpenedPullRequest, RepositoryName, WebsiteRepository } from '../../app/ports/github.js';
import { GitHubError } from '../../app/ports/github.js';
import {
  allPages,
  type GitHubCall,
  type GitHubIssueTrackerOptions,
  gitHubClients,
  nullWhenGone,
  validationErrors,
} from './client.js';

export interface GitHubWebsiteRepositoryOptions extends GitHubIssueTrackerOptions {
  /**
   * The waits before each new try of a fork's first requests while they answer 404: GitHub makes a fork
   * asynchronously. 1 s, 2 s, 4 s, 8 s, 16 s when unset (tests shrink them).
   */
  forkWaitsMs?: readonly number[];
}

const FORK_WAITS_MS = [1000, 2000, 4000, 8000, 16_000];

/**
 * The WebsiteRepository on GitHub's REST API, as the same GitHub App as the issues (the clients, installation
 * lookups and error mapping of ./client.ts; it keeps its own installation cache). Files go in as one commit
 * through the Git Data API ("Getting started with the Git Database API", docs.github.com): a blob per file, a
 * tree on the parent's, a commit, then a branch pointed at it.
 *
 * Permissions (docs.github.com, "Permissions required for GitHub Apps"): Contents (read) to read, Contents
 * (write) to commit and move branches, Pull requests (write) on the repository a pull request goes into;
 * forking needs Administration (write) and Contents (read) on the account the fork goes to.
 */
export function gitHubWebsiteRepository(options: GitHubWebsiteRepositoryOptions): WebsiteRepository {
  const { call } = gitHubClients(options);
  const forkWaits = options.forkWaitsMs ?? FORK_WAITS_MS;

  const findPullRequest = (repo: RepositoryName, headOwner: string, headBranch: string) =>
    call(repo, 'GET /repos/{owner}/{repo}/pulls', async (client, { owner, repo: name }) => {
      // `head` filters "by head user or head organization and branch name in the format of user:ref-name"
      // (its description); state=all for merged and closed ones too, newest first.
      const first = await client.request('GET /repos/{owner}/{repo}/pulls', {
        owner,
        repo: name,
        head: `${headOwner}:${headBranch}`,
        state: 'all',
        per_page: 100,
      });
      const pulls = await allPages<RawPull>(client, first);
      const newest = pulls.reduce<RawPull | undefined>(
        (best, pull) => (best === undefined || pull.number > best.number ? pull : best),
        undefined,
      );
      return newest ? toOpenedPullRequest(newest) : null;
    });

  return {
    defaultBranch: async (repo) => {
      const branch = await call(repo, 'GET /repos/{owner}/{repo}', async (client, { owner, repo: name }) => {
        const response = await client.request('GET /repos/{owner}/{repo}', { owner, repo: name });
        return response.data.default_branch;
      });
      const sha = await headOf(call, repo, branch);
      if (sha === null)
        throw new GitHubError('not-found', `${repo} has no commit on its default branch ${branch} (404)`);
      return { branch, sha };
    },

    readFile: (repo, path, ref) =>
      nullWhenGone(
        call(
          repo,
          'GET /repos/{owner}/{repo}/contents/{path}',
          async (client, { owner, repo: name }) => {
            const response = await client.request('GET /repos/{owner}/{repo}/contents/{path}', {
              owner,
              repo: name,
              path,
              ref,
            });
            // A file is an object with its content in base64 (GitHub breaks it into lines); a directory is an
            // array of its entries ("Get repository content", docs.github.com).
            const data = response.data as unknown;
            const file = data as { type?: unknown; encoding?: unknown; content?: unknown };
            if (Array.isArray(data) || file.type !== 'file')
              throw new GitHubError(
                'refused',
                `${repo}: ${path} at ${ref} is ${Array.isArray(data) ? 'a directory' : `a ${String(file.type)}`}, not a file`,
              );
            // Files of 1 to 100 MB come with encoding "none" and no content: not what a web page is.
            if (file.encoding !== 'base64' || typeof file.content !== 'string')
              throw new GitHubError(
                'refused',
                `${repo}: ${path} at ${ref} came without its content (encoding ${String(file.encoding)})`,
              );
            return Buffer.from(file.content, 'base64').toString('utf8');
          },
          { goneIsAnswer: true },
        ),
      ),

    commitFiles: (repo, { parent, files, message }) =>
      call(repo, 'POST /repos/{owner}/{repo}/git/commits', async (client, { owner, repo: name }) => {
        const blobs: string[] = [];
        for (const file of files) {
          const response = await client.request('POST /repos/{owner}/{repo}/git/blobs', {
            owner,
            repo: name,
            content: file.content,
            encoding: 'utf-8',
          });
          blobs.push(response.data.sha);
        }
        const { data: parentCommit } = await client.request(
          'GET /repos/{owner}/{repo}/git/commits/{commit_sha}',
          { owner, repo: name, commit_sha: parent },
        );
        // `base_tree` keeps every file of the parent; the entries add or replace the files given.
        const { data: tree } = await client.request('POST /repos/{owner}/{repo}/git/trees', {
          owner,
          repo: name,
          base_tree: parentCommit.tree.sha,
          tree: files.map((file, i) => ({
            path: file.path,
            mode: '100644' as const,
            type: 'blob' as const,
            sha: blobs[i] ?? null,
          })),
        });
        const { data: commit } = await client.request('POST /repos/{owner}/{repo}/git/commits', {
          owner,
          repo: name,
          message,
          tree: tree.sha,
          parents: [parent],
        });
        return commit.sha;
      }),

    branchHead: (repo, branch) => headOf(call, repo, branch),

    setBranch: async (repo, branch, sha) => {
      try {
        await call(
          repo,
          'POST /repos/{owner}/{repo}/git/refs',
          (client, { owner, repo: name }) =>
            client.request('POST /repos/{owner}/{repo}/git/refs', {
              owner,
              repo: name,
              ref: `refs/heads/${branch}`,
              sha,
            }),
          { quietWhen: referenceExists },
        );
      } catch (error) {
        if (!referenceExists(error)) throw error;
        // The branch is htg's own: moved wherever it was, as a force push would.
        await call(repo, 'PATCH /repos/{owner}/{repo}/git/refs/{ref}', (client, { owner, repo: name }) =>
          client.request('PATCH /repos/{owner}/{repo}/git/refs/{ref}', {
            owner,
            repo: name,
            ref: `heads/${branch}`,
            sha,
            force: true,
          }),
        );
      }
    },

    fork: async (upstream, account) => {
      // As the installation on the account the fork goes to: "the GitHub App must be installed on the
      // destination account with access to all repositories and on the source account with access to the
      // source repository" ("Create a fork", docs.github.com). GitHub answers 202 with the fork, one made
      // earlier included.
      const fork = await call(
        upstream,
        'POST /repos/{owner}/{repo}/forks',
        async (client, { owner, repo: name }) => {
          const response = await client.request('POST /repos/{owner}/{repo}/forks', {
            owner,
            repo: name,
            organization: account,
            default_branch_only: true,
          });
          return { name: response.data.full_name, branch: response.data.default_branch };
        },
        { account },
      );
      // "Forking a Repository happens asynchronously. You may have to wait a short period of time before you can
      // access the git objects": a 404 right after is waited out.
      await untilMade(forkWaits, (last) =>
        call(
          fork.name,
          'POST /repos/{owner}/{repo}/merge-upstream',
          (client, { owner, repo: name }) =>
            // The fork's default branch brought up to the upstream's ("Sync a fork branch with the upstream
            // repository"); a conflict (409) is 'refused'.
            client.request('POST /repos/{owner}/{repo}/merge-upstream', {
              owner,
              repo: name,
              branch: fork.branch,
            }),
          { account, goneIsAnswer: !last },
        ),
      );
      return fork.name;
    },

    findPullRequest,

    getPullRequest: (repo, number) =>
      nullWhenGone(
        call(
          repo,
          'GET /repos/{owner}/{repo}/pulls/{pull_number}',
          async (client, { owner, repo: name }) => {
            const response = await client.request('GET /repos/{owner}/{repo}/pulls/{pull_number}', {
              owner,
              repo: name,
              pull_number: number,
            });
            return toOpenedPullRequest(response.data);
          },
          { goneIsAnswer: true },
        ),
      ),

    openPullRequest: async (repo, pull) => {
      const open = (maintainerCanModify: boolean) =>
        call(
          repo,
          'POST /repos/{owner}/{repo}/pulls',
          async (client, { owner, repo: name }) => {
            const response = await client.request('POST /repos/{owner}/{repo}/pulls', {
              owner,
              repo: name,
              title: pull.title,
              body: pull.body,
              head: `${pull.headOwner}:${pull.headBranch}`,
              base: pull.base,
              maintainer_can_modify: maintainerCanModify,
            });
            return toOpenedPullRequest(response.data);
          },
          { quietWhen: (error) => alreadyExists(error) || forkCollab(error) },
        );
      // From a fork in another account, maintainers cannot be let in by the base's token (below): not asked.
      const sameOwner = pull.headOwner.toLowerCase() === repo.split('/')[0]?.toLowerCase();
      try {
        try {
          return await open(sameOwner);
        } catch (error) {
          // Only the head's owner may let maintainers push to it: a token that may not write the fork gets a 422
          // "fork_collab Fork collab can't be granted by someone without permission" (PyGithub/PyGithub#1921,
          // cockpit-project/cockpit#7203); the pull request is opened without it.
          if (!forkCollab(error)) throw error;
          return await open(false);
        }
      } catch (error) {
        // An answer lost on the way, the call retried: the pull request is there already (422 "A pull request
        // already exists for owner:branch.").
        if (!alreadyExists(error)) throw error;
        const existing = await findPullRequest(repo, pull.headOwner, pull.headBranch);
        if (!existing) throw error;
        return existing;
      }
    },

    updatePullRequest: (repo, number, change) =>
      call(repo, 'PATCH /repos/{owner}/{repo}/pulls/{pull_number}', async (client, { owner, repo: name }) => {
        const response = await client.request('PATCH /repos/{owner}/{repo}/pulls/{pull_number}', {
          owner,
          repo: name,
          pull_number: number,
          ...(change.title !== undefined ? { title: change.title } : {}),
          ...(change.body !== undefined ? { body: change.body } : {}),
        });
        return toOpenedPullRequest(response.data);
      }),
  };
}

/**
 * A branch's head commit, null when there is none: GET …/git/ref/heads/<branch>, the singular `ref`, which
 * answers the ref named or 404 ("Get a reference"; the plural `refs` route lists the refs that start with it).
 */
function headOf(call: GitHubCall, repo: RepositoryName, branch: string): Promise<string | null> {
  return nullWhenGone(
    call(
      repo,
      'GET /repos/{owner}/{repo}/git/ref/{ref}',
      async (client, { owner, repo: name }) => {
        const response = await client.request('GET /repos/{owner}/{repo}/git/ref/{ref}', {
          owner,
          repo: name,
          ref: `heads/${branch}`,
        });
        return response.data.object.sha;
      },
      { goneIsAnswer: true },
    ),
  );
}

/** Runs `attempt` until it answers something other than 404, waiting `waits` in turn; the last 404 fails. */
async function untilMade<T>(waits: readonly number[], attempt: (last: boolean) => Promise<T>): Promise<T> {
  for (const wait of waits) {
    try {
      return await attempt(false);
    } catch (error) {
      if (!(error instanceof GitHubError && error.failure === 'not-found')) throw error;
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
  return attempt(true);
}

/** POST …/git/refs on a branch that is there: 422 "Reference already exists". */
function referenceExists(error: unknown): boolean {
  return (
    error instanceof GitHubError &&
    error.failure === 'refused' &&
    /Reference already exists/i.test(error.message)
  );
}

function alreadyExists(error: unknown): boolean {
  return (
    error instanceof GitHubError &&
    error.failure === 'refused' &&
    validationErrors(error).some((message) => /A pull request already exists/i.test(message))
  );
}

function forkCollab(error: unknown): boolean {
  return (
    error instanceof GitHubError &&
    error.failure === 'refused' &&
    validationErrors(error).some((message) => /fork_collab/i.test(message))
  );
}

interface RawPull {
  number: number;
  html_url: string;
  state: string;
  merged_at?: string | null;
  head: {
    ref: string;
    sha: string;
    user?: { login: string } | null;
    repo?: { owner?: { login: string } } | null;
  };
}

/**
 * A pull request as htg keeps it. `head.repo` is null once the fork is deleted; `head.user` still names its
 * owner. Merged is closed with `merged_at`.
 */
function toOpenedPullRequest(pull: RawPull): OpenedPullRequest {
  return {
    number: pull.number,
    url: pull.html_url,
    state: pull.merged_at ? 'merged' : pull.state === 'closed' ? 'closed' : 'open',
    headOwner: pull.head.repo?.owner?.login ?? pull.head.user?.login ?? '',
    headBranch: pull.head.ref,
    headSha: pull.head.sha,
  };
}
