/**
 * Refresher Lambda, triggered by the table's stream: posts new topic cards and updates changed ones, keeps the
 * living board and the hackathons' EventBridge schedules, and runs jobs, off the request path. Configuration,
 * credentials and clients are built once, during the init phase.
 */
import { SchedulerClient } from '@aws-sdk/client-scheduler';
import { createEventBridgeScheduler } from '../adapters/aws/event-bridge-scheduler.js';
import { bootstrapLambda } from '../adapters/lambda-bootstrap.js';
import { slackRefresherDeps } from '../adapters/slack/refresher-deps.js';
import { createRefresherHandler } from './handler.js';

const { config, logger, credentials, slack, stores } = await bootstrapLambda('refresher');
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
