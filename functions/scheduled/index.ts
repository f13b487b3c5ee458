/**
 * Scheduled-jobs Lambda, invoked by EventBridge Scheduler: daily summaries, voting close, the mid-week
 * check-in, the wrap-up reminder and the wrap-up. Configuration, credentials and clients are built once, during
 * the init phase.
 */
import { WebClient } from '@slack/web-api';
import { connectTable, createStores } from '../adapters/dynamodb/stores.js';
import { createLogger } from '../adapters/logger.js';
import { loadRuntimeConfig } from '../adapters/runtime-config.js';
import { loadSlackCredentials } from '../adapters/slack/credentials.js';
import { createScheduleAnnouncer } from '../adapters/slack/schedule-announcer.js';
import { createScheduledJobsHandler } from './handler.js';

const config = loadRuntimeConfig(process.env);
const logger = createLogger({ level: config.logLevel, name: 'scheduled' });
const credentials = await loadSlackCredentials(config);
logger.redact(credentials.signingSecret, credentials.botToken);
const slack = new WebClient(credentials.botToken, {
  ...(config.slackApiUrl ? { slackApiUrl: config.slackApiUrl } : {}),
  retryConfig: { retries: 3, factor: 2, minTimeout: 500 },
});
const stores = createStores(connectTable(config));

export const handler = createScheduledJobsHandler({
  deps: { ...stores, announcer: createScheduleAnnouncer(slack) },
  logger,
});
