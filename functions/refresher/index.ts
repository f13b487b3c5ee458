/**
 * Refresher Lambda, triggered by the table's stream: posts new topic cards and updates changed ones, keeps the
 * living board and the hackathons' EventBridge schedules, and runs jobs, off the request path. This entry reads
 * the environment and the Slack credentials once, during the init phase; the handler comes from the builder
 * every process that runs the refresher uses. Only here are the schedules kept in EventBridge Scheduler.
 */
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { createEventBridgeScheduler } from '../adapters/aws/event-bridge-scheduler.js';
import { connectTable } from '../adapters/dynamodb/stores.js';
import { loadGitHubCredentials } from '../adapters/github/credentials.js';
import { createLogger } from '../adapters/logger.js';
import { loadRuntimeConfig } from '../adapters/runtime-config.js';
import { loadSlackCredentials } from '../adapters/slack/credentials.js';
import { buildRefresher } from '../runtime/refresher.js';

const config = loadRuntimeConfig(process.env);
const logger = createLogger({ level: config.logLevel, name: 'refresher' });
const credentials = await loadSlackCredentials(config);
// An unset or unfilled GitHub secret leaves GitHub off (linked hackathons wait, and the logs say so); Slack goes on.
const github = await loadGitHubCredentials(config).catch((error: unknown) => {
  logger.warn('Could not read the GitHub App credentials; GitHub work waits for them', error);
  return undefined;
});
if (!config.scheduler)
  throw new Error(
    'The refresher keeps EventBridge schedules: set SCHEDULE_GROUP_NAME, SCHEDULED_JOBS_ARN and SCHEDULER_ROLE_ARN',
  );

export const handler = buildRefresher({
  credentials,
  slackApiUrl: config.slackApiUrl,
  table: connectTable(config),
  scheduler: createEventBridgeScheduler({
    client: new SchedulerClient({ region: config.region }),
    ...config.scheduler,
  }),
  logger,
  github: github ? { credentials: github, apiUrl: config.github?.apiUrl } : undefined,
});
