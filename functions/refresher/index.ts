/**
 * Refresher Lambda, triggered by the table's stream: posts new topic cards and updates changed ones, keeps the
 * living board and the hackathons' EventBridge schedules, and runs jobs, off the request path. Configuration, credentials and clients are built once, during the init phase.
 */
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { WebClient } from '@slack/web-api';
import { createEventBridgeScheduler } from '../adapters/aws/event-bridge-scheduler.js';
import { connectTable, createStores } from '../adapters/dynamodb/stores.js';
import { createLogger } from '../adapters/logger.js';
import { loadRuntimeConfig } from '../adapters/runtime-config.js';
import { loadSlackCredentials } from '../adapters/slack/credentials.js';
import { slackRefresherDeps } from '../slack/refresher-deps.js';
import { createRefresherHandler } from './handler.js';

const config = loadRuntimeConfig(process.env);
const logger = createLogger({ level: config.logLevel, name: 'refresher' });
const credentials = await loadSlackCredentials(config);
logger.redact(credentials.signingSecret, credentials.botToken);
const slack = new WebClient(credentials.botToken, {
  ...(config.slackApiUrl ? { slackApiUrl: config.slackApiUrl } : {}),
  retryConfig: { retries: 3, factor: 2, minTimeout: 500 },
});
const stores = createStores(connectTable(config));

if (!config.scheduler)
  throw new Error(
    'The refresher keeps EventBridge schedules: set SCHEDULE_GROUP_NAME, SCHEDULED_JOBS_ARN and SCHEDULER_ROLE_ARN',
  );
const scheduler = createEventBridgeScheduler({
  client: new SchedulerClient({ region: config.region }),
  ...config.scheduler,
});

export const handler = createRefresherHandler({
  deps: slackRefresherDeps(stores, slack, credentials.botUserId, scheduler),
  logger,
});
