import { WebClient } from '@slack/web-api';
import { connectTable, createStores, type Stores } from './dynamodb/stores.js';
import { createLogger, type Logger } from './logger.js';
import type { SlackCredentials } from './runtime-config.js';
import { loadRuntimeConfig, type RuntimeConfig } from './runtime-config.js';
import { loadSlackCredentials } from './slack/credentials.js';
import { httpFetch } from './slack/http-fetch.js';

export interface LambdaRuntime {
  config: RuntimeConfig;
  logger: Logger;
  credentials: SlackCredentials;
  /** The Slack Web API client, retrying transient failures and waiting out rate limits. */
  slack: WebClient;
  stores: Stores;
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
  const slack = new WebClient(credentials.botToken, {
    ...(config.slackApiUrl ? { slackApiUrl: config.slackApiUrl } : {}),
    retryConfig: { retries: 3, factor: 2, minTimeout: 500 },
    fetch: httpFetch,
  });
  return { config, logger, credentials, slack, stores: createStores(connectTable(config)) };
}
