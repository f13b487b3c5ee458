/**
 * Pull requests found, not typed: a topic of a linked hackathon lists the pull requests that refer to its issue
 * (the issue's timeline of cross-references, and `pull_request` webhooks whose text names the issue), with their
 * state, for its card and the wrap-up's Code & Pull Requests. Run in the refresher, off the request path.
 */
import { mergePullRequests, type PullRequestLink, samePullRequests } from '../domain/github.js';
import type { Topic } from '../domain/topic.js';
import { type GitHubSyncDeps, linkedHackathon } from './github-sync.js';
import { GitHubError } from './ports/github.js';
import type { GitHubPullRequestJob } from './ports/jobs.js';

/** Writes under a race are tried again this often, each time on the topic read again. */
const ATTEMPTS = 3;

/** Adds pull requests to a topic's list (a newer state replacing an older one); true when the list changed. */
async function addPullRequests(
  deps: GitHubSyncDeps,
  topic: Topic,
  found: readonly PullRequestLink[],
): Promise<boolean> {
  let current: Topic | null = topic;
  for (let attempt = 0; attempt < ATTEMPTS && current; attempt++) {
    const known = current.pullRequests ?? [];
    const next = mergePullRequests(known, found);
    if (samePullRequests(known, next)) return false;
    if (await deps.issueLinks.recordPullRequests(current, known, next)) return true;
    current = await deps.topics.get(topic.hackathonId, topic.number);
  }
  return false;
}

/**
 * A pull request delivery: the topics of the issues it names list it. Its state is read again from GitHub, so
 * deliveries arriving out of order still end with its state now; when GitHub cannot be read, the delivery's.
 */
export async function applyPullRequestEvent(
  deps: GitHubSyncDeps,
  job: GitHubPullRequestJob,
): Promise<number[]> {
  const linked = await linkedHackathon(deps, job.hackathonId);
  if (!linked) return [];
  const { hackathon, link, tracker } = linked;
  const pull =
    (await tracker.pullRequest(job.pull.repo, job.pull.number).catch((error: unknown) => {
      if (!(error instanceof GitHubError)) throw error;
      return job.pull;
    })) ?? job.pull;
  const claimed = await deps.issueLinks.topicsOfIssues(hackathon.id);
  const changed: number[] = [];
  for (const issueNumber of new Set(job.issues)) {
    const number = claimed.get(`${link.repo.toLowerCase()}#${issueNumber}`);
    const topic = number === undefined ? null : await deps.topics.get(hackathon.id, number);
    if (topic && (await addPullRequests(deps, topic, [pull]))) changed.push(topic.number);
  }
  return changed;
}

/**
 * The reconcile's part: each topic with an issue re-reads the issue's timeline, so pull requests in other
 * repositories (where the App may not be installed, and no webhook comes from) are found too, and states move
 * on (open → merged). Stops at the first rate limit or outage, leaving the rest for the next sync.
 */
export async function findPullRequests(deps: GitHubSyncDeps, hackathonId: string): Promise<number[]> {
  const linked = await linkedHackathon(deps, hackathonId);
  if (!linked) return [];
  const changed: number[] = [];
  for (const topic of await deps.topics.list(hackathonId)) {
    if (!topic.issue || topic.status === 'withdrawn') continue;
    try {
      const found = await linked.tracker.linkedPullRequests(topic.issue.repo, topic.issue.number);
      if (await addPullRequests(deps, topic, found)) changed.push(topic.number);
    } catch (error) {
      if (!(error instanceof GitHubError)) throw error;
      deps.warn(`Could not read the pull requests of #${topic.number} (${error.failure})`, error);
      if (error.failure === 'rate-limited' || error.failure === 'unavailable') break;
    }
  }
  return changed;
}
