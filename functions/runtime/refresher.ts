import { createStores, type Stores } from '../adapters/dynamodb/stores.js';
import type { Table } from '../adapters/dynamodb/table.js';
import { gitHubVotingDiscussions } from '../adapters/github/discussions.js';
import { type GitHubIssueTrackerOptions, gitHubIssueTracker } from '../adapters/github/issue-tracker.js';
import { gitHubWebsiteRepository } from '../adapters/github/website-repository.js';
import type { Logger } from '../adapters/logger.js';
import type { SlackCredentials } from '../adapters/runtime-config.js';
import { offRequestSlackClient } from '../adapters/slack/off-request-client.js';
import { SlackPacer } from '../adapters/slack/pacer.js';
import { slackRefresherDeps } from '../adapters/slack/refresher-deps.js';
import type { Scheduler } from '../app/ports/scheduling.js';
import { createRefresherHandler, type RefresherHandler } from '../refresher/handler.js';

/** What differs between the processes that run the refresher; everything else is built here. */
export interface RefresherRuntimeOptions {
  /** The bot's token for its calls and its user id (its own reactions are not votes); never logged. */
  credentials: SlackCredentials;
  /** The Slack Web API's base URL (unset: Slack's own); the rehearsal and the tests point it at a stand-in. */
  slackApiUrl?: string | undefined;
  table: Table;
  /** Keeps the hackathons' schedules: EventBridge Scheduler in AWS, timers for `npm start`, a recorder in tests. */
  scheduler: Scheduler;
  logger: Logger;
  clock?: () => Date;
  /**
   * Paces the Slack calls to Slack's rate limits (default: a new one on the real clock). Runs on a sped-up Slack
   * clock pass one on that clock; a process that builds the refresher twice passes the same one, so that the
   * second knows what the first already sent.
   */
  pacer?: SlackPacer;
  /**
   * The GitHub App htg writes linked hackathons' issues as (unset: GitHub is not configured, and linked
   * hackathons wait for it), with GitHub's API URL (a stand-in in tests and the rehearsal) and retry timings.
   */
  github?: Omit<GitHubIssueTrackerOptions, 'logger'> | undefined;
  /** Wraps the stores the refresher works with; local runs count its continuation jobs this way. */
  observeStores?: (stores: Stores) => Stores;
}

/**
 * The refresher Lambda's stream-record processor, over the off-request Slack client (paced, retried, with a
 * timeout). `npm start`, the rehearsal, the tests and the bench call it too, so that they all run the
 * refresher the Lambda runs.
 */
export function buildRefresher(options: RefresherRuntimeOptions): RefresherHandler {
  const { credentials, slackApiUrl, table, scheduler, logger, clock, pacer = new SlackPacer() } = options;
  logger.redact(credentials.signingSecret, credentials.botToken);
  const stores = createStores(table);
  const slack = offRequestSlackClient(credentials.botToken, slackApiUrl, pacer);
  return createRefresherHandler({
    deps: slackRefresherDeps(
      options.observeStores?.(stores) ?? stores,
      slack,
      credentials.botUserId,
      scheduler,
      clock,
      {
        tracker: options.github ? gitHubIssueTracker({ ...options.github, logger }) : null,
        website: options.github ? gitHubWebsiteRepository({ ...options.github, logger }) : null,
        discussions: options.github ? gitHubVotingDiscussions({ ...options.github, logger }) : null,
        warn: (message, error) => logger.warn(message, error),
      },
    ),
    logger,
  });
}
