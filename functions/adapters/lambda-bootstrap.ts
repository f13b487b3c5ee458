import type { WebClient } from '@slack/web-api';
import { connectTable, createStores, type Stores } from './dynamodb/stores.js';
import { createLogger, type Logger } from './logger.js';
import type { SlackCredentials } from './runtime-config.js';
import { loadRuntimeConfig, type RuntimeConfig } from './runtime-config.js';
import { loadSlackCredentials } from './slack/credentials.js';
import { httpFetch } from './slack/http-fetch.js';
import { PacedWebClient, SlackPacer } from './slack/pacer.js';

export interface LambdaRuntime {
  config: RuntimeConfig;
  logger: Logger;
  credentials: SlackCredentials;
  /** The Slack Web API client, paced to Slack's rate limits and retrying transient failures. */
  slack: WebClient;
  /** The pacer of `slack`'s calls; the handlers set its deadline per invocation. */
  pacer: SlackPacer;
  stores: Stores;
}

/**
 * The Slack client of work done off the request path: every call is paced to Slack's rate limits (`pacer`), a
 * failed call (5xx, timeout, dropped connection) is retried three times with exponential backoff (0.5, 1, 2 s),
 * a rate-limited one after Slack's Retry-After (holding only calls of that method), and a call with no answer in
 * 10 s is given up (and retried). What still fails is the caller's to hand back: the refresher reports the
 * record as failed, so Lambda retries it.
 */
export function offRequestSlackClient(
  token: string,
  slackApiUrl?: string,
  pacer: SlackPacer = new SlackPacer(),
): WebClient {
  return new PacedWebClient(
    token,
    {
      ...(slackApiUrl ? { slackApiUrl } : {}),
      retryConfig: { retries: 3, factor: 2, minTimeout: 500 },
      timeout: 10_000,
      fetch: httpFetch,
    },
    pacer,
  );
}

/**
 * What the Lambdas that talk to Slack off the request path (refresher, scheduled jobs) build once, during the
 * init phase: config from the environment, a logger that redacts the secrets, the Slack credentials and
 * client, and the stores.
 */
export async function bootstrapLambda(name: string): Promise<LambdaRuntime> {
  const config = loadRuntimeConfig(process.env);
  const logger = createLogger({ level: config.logLevel, name });
  const credentials = await loadSlackCredentials(config);
  logger.redact(credentials.signingSecret, credentials.botToken);
  const pacer = new SlackPacer();
  const slack = offRequestSlackClient(credentials.botToken, config.slackApiUrl, pacer);
  return { config, logger, credentials, slack, pacer, stores: createStores(connectTable(config)) };
}
