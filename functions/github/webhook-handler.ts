/**
 * GitHub's webhook deliveries, on the ingress's Function URL under `/github/webhook`: verified, recorded once as
 * jobs, and answered at once. The work (topics following their issues) is the refresher's, off the request
 * path. The ingress loads this module with `import()` on the first delivery, so Slack's requests never pay for it.
 */
import { verify } from '@octokit/webhooks-methods';
import type { APIGatewayProxyStructuredResultV2, LambdaFunctionURLEvent } from 'aws-lambda';
import * as z from 'zod/mini';
import type { LinkedPullRequest, RepoIssue } from '../app/ports/github.js';
import type { GitHubIssueJob, GitHubPullRequestJob } from '../app/ports/jobs.js';
import type { IssueLinkStore } from '../app/ports/stores.js';
import { issueReferencesIn } from '../domain/github.js';

type Response = APIGatewayProxyStructuredResultV2;

interface Logger {
  warn(message: string, error?: unknown): void;
  info(message: string): void;
}

export interface WebhookOptions {
  /** The GitHub App's webhook secret; undefined while GitHub is not configured (or its secret not filled in). */
  webhookSecret(): Promise<string | undefined>;
  issueLinks: Pick<IssueLinkStore, 'linkedHackathons' | 'recordDelivery'>;
  logger: Logger;
  clock?: () => Date;
}

/** The `issues` actions htg follows (docs.github.com, "Webhook events and payloads", issues). */
const FOLLOWED = new Set([
  'opened',
  'edited',
  'labeled',
  'unlabeled',
  'closed',
  'reopened',
  'transferred',
  'deleted',
]);

/** GitHub's delivery GUIDs (`X-GitHub-Delivery`), e.g. 72d3162e-cc78-11e3-81ab-4c9367dc0958. */
const DELIVERY_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** GitHub's largest payload is 25 MB; an issue's is far below that. Larger bodies are not read. */
const BODY_MAX = 1024 * 1024;

const label = z.union([z.string(), z.looseObject({ name: z.nullish(z.string()) })]);
/** The fields of an `issues` payload htg reads (the rest is GitHub's and left alone). */
const issuesPayload = z.looseObject({
  action: z.string(),
  issue: z.looseObject({
    number: z.number().check(z.int(), z.positive()),
    title: z.string(),
    body: z.nullish(z.string()),
    html_url: z.string(),
    state: z.enum(['open', 'closed']),
    state_reason: z.nullish(z.string()),
    labels: z.optional(z.array(label)),
    user: z.nullish(z.looseObject({ login: z.string() })),
    assignees: z.nullish(z.array(z.looseObject({ login: z.string() }))),
    pull_request: z.optional(z.unknown()),
    updated_at: z.string(),
  }),
  repository: z.looseObject({ full_name: z.string().check(z.regex(/^[^/\s]+\/[^/\s]+$/)) }),
  sender: z.nullish(z.looseObject({ login: z.string() })),
});

const answer = (statusCode: number, message: string): Response => ({
  statusCode,
  headers: { 'content-type': 'text/plain; charset=utf-8' },
  body: message,
});

/**
 * Handles one delivery. Nothing is parsed before its `X-Hub-Signature-256` is verified (401 otherwise); a
 * delivery seen before (GitHub gives a redelivery the same `X-GitHub-Delivery`, and a replayed request has it
 * too) is refused with 401 and nothing written; a signed body that is not an `issues` payload is 400. An
 * `issues` delivery is recorded, with one job per hackathon linked to its repository, in one transaction, and
 * answered 202: GitHub's 10 seconds are never spent on the work itself.
 */
export async function handleGitHubWebhook(
  event: LambdaFunctionURLEvent,
  { webhookSecret, issueLinks, logger, clock = () => new Date() }: WebhookOptions,
): Promise<Response> {
  if (event.requestContext?.http?.method && event.requestContext.http.method !== 'POST')
    return answer(405, 'GitHub delivers webhooks with POST.');
  const secret = await webhookSecret();
  if (!secret) {
    logger.warn('A GitHub webhook arrived, but no GitHub App webhook secret is configured');
    return answer(503, 'GitHub is not configured for this htg.');
  }
  const body = event.body ?? '';
  const signature = event.headers['x-hub-signature-256'];
  if (body.length > BODY_MAX || !signature || !(await verify(secret, body, signature).catch(() => false))) {
    logger.warn(`Refused a webhook not signed by GitHub (${signature ? 'wrong signature' : 'no signature'})`);
    return answer(401, 'Not signed with this webhook secret.');
  }
  const delivery = event.headers['x-github-delivery'] ?? '';
  const name = event.headers['x-github-event'] ?? '';
  if (!DELIVERY_ID.test(delivery) || !name)
    return answer(400, 'X-GitHub-Delivery and X-GitHub-Event are required.');
  if (name === 'ping') return answer(200, 'pong');
  if (name !== 'issues' && name !== 'pull_request') return answer(202, `htg does not follow ${name} events.`);
  if (event.headers['content-type'] !== 'application/json')
    return answer(400, "Set the webhook's content type to application/json.");

  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return answer(400, 'The payload is not JSON.');
  }
  if (name === 'pull_request')
    return pullRequestDelivery(json, delivery, { issueLinks, logger, now: clock() });
  const parsed = issuesPayload.safeParse(json);
  if (!parsed.success) {
    logger.warn(`Refused a signed issues delivery ${delivery} without the fields htg reads`);
    return answer(400, 'Not an issues payload.');
  }
  const payload = parsed.data;
  if (!FOLLOWED.has(payload.action)) return answer(202, `htg does not follow issues ${payload.action}.`);

  const repo = payload.repository.full_name;
  const now = clock();
  const linked = await issueLinks.linkedHackathons(repo);
  const jobs: GitHubIssueJob[] = linked.map(({ hackathonId, channelId }) => ({
    kind: 'github-issue',
    hackathonId,
    channelId,
    requestedBy: `github:${payload.sender?.login ?? 'unknown'}`,
    requestedAt: now.toISOString(),
    delivery,
    action: payload.action,
    repo,
    issue: repoIssue(payload.issue),
  }));
  const recorded = await issueLinks.recordDelivery(delivery, jobs, now);
  if (recorded === 'duplicate') {
    logger.warn(`Refused delivery ${delivery} again: it was received before (a replay or a redelivery)`);
    return answer(401, 'This delivery was received before.');
  }
  logger.info(
    `GitHub issues ${payload.action} #${payload.issue.number} in ${repo}: ${jobs.length} hackathon(s)`,
  );
  return answer(202, jobs.length > 0 ? 'Recorded.' : 'No hackathon is linked to this repository.');
}

/** The `pull_request` actions that can add a reference or move a state. */
const PULL_ACTIONS = new Set(['opened', 'edited', 'closed', 'reopened']);
/** At most this many referenced repositories are looked up per delivery (a pull request names one or two). */
const REFERENCED_REPOS_MAX = 10;

/** The fields of a `pull_request` payload htg reads. */
const pullRequestPayload = z.looseObject({
  action: z.string(),
  pull_request: z.looseObject({
    number: z.number().check(z.int(), z.positive()),
    title: z.string(),
    body: z.nullish(z.string()),
    html_url: z.string(),
    state: z.enum(['open', 'closed']),
    merged: z.nullish(z.boolean()),
    merged_at: z.nullish(z.string()),
  }),
  repository: z.looseObject({ full_name: z.string().check(z.regex(/^[^/\s]+\/[^/\s]+$/)) }),
  sender: z.nullish(z.looseObject({ login: z.string() })),
});

/**
 * A pull request delivery: the issues its title and body name (`Fixes #12`, `owner/name#12`, links) are looked
 * up among the linked repositories, and each hackathon linked to one gets a job that lists the pull request on
 * those issues' topics. A pull request naming no linked issue records only its delivery.
 */
async function pullRequestDelivery(
  json: unknown,
  delivery: string,
  { issueLinks, logger, now }: { issueLinks: WebhookOptions['issueLinks']; logger: Logger; now: Date },
): Promise<Response> {
  const parsed = pullRequestPayload.safeParse(json);
  if (!parsed.success) {
    logger.warn(`Refused a signed pull_request delivery ${delivery} without the fields htg reads`);
    return answer(400, 'Not a pull_request payload.');
  }
  const payload = parsed.data;
  if (!PULL_ACTIONS.has(payload.action))
    return answer(202, `htg does not follow pull_request ${payload.action}.`);
  const pr = payload.pull_request;
  const repo = payload.repository.full_name;
  const pull: LinkedPullRequest = {
    repo,
    number: pr.number,
    title: pr.title,
    url: pr.html_url,
    state: pr.merged || pr.merged_at ? 'merged' : pr.state,
  };
  const byRepo = new Map<string, { repo: string; numbers: number[] }>();
  for (const reference of issueReferencesIn(`${pr.title}\n${pr.body ?? ''}`, repo)) {
    const key = reference.repo.toLowerCase();
    const entry = byRepo.get(key) ?? { repo: reference.repo, numbers: [] };
    entry.numbers.push(reference.number);
    byRepo.set(key, entry);
  }
  const jobs: GitHubPullRequestJob[] = [];
  for (const { repo: referenced, numbers } of [...byRepo.values()].slice(0, REFERENCED_REPOS_MAX)) {
    for (const { hackathonId, channelId } of await issueLinks.linkedHackathons(referenced))
      jobs.push({
        kind: 'github-pull-request',
        hackathonId,
        channelId,
        requestedBy: `github:${payload.sender?.login ?? 'unknown'}`,
        requestedAt: now.toISOString(),
        delivery,
        pull,
        issues: numbers.slice(0, 20),
      });
  }
  // One transaction holds at most 100 writes: the delivery and up to 99 jobs (far more than real traffic).
  const recorded = await issueLinks.recordDelivery(delivery, jobs.slice(0, 99), now);
  if (recorded === 'duplicate') {
    logger.warn(`Refused delivery ${delivery} again: it was received before (a replay or a redelivery)`);
    return answer(401, 'This delivery was received before.');
  }
  logger.info(`GitHub pull_request ${payload.action} ${repo}#${pr.number}: ${jobs.length} hackathon(s)`);
  return answer(202, jobs.length > 0 ? 'Recorded.' : 'It refers to no issue of a linked repository.');
}

function repoIssue(issue: z.infer<typeof issuesPayload>['issue']): RepoIssue {
  const reason = issue.state_reason;
  return {
    number: issue.number,
    title: issue.title,
    body: issue.body ?? null,
    htmlUrl: issue.html_url,
    labels: (issue.labels ?? []).map((l) => (typeof l === 'string' ? l : (l.name ?? ''))).filter(Boolean),
    state: issue.state,
    stateReason:
      reason === 'completed' || reason === 'not_planned' || reason === 'reopened' || reason === 'duplicate'
        ? reason
        : null,
    author: issue.user?.login ?? null,
    assignees: (issue.assignees ?? []).map((a) => a.login),
    isPullRequest: issue.pull_request !== undefined && issue.pull_request !== null,
    updatedAt: issue.updated_at,
  };
}
