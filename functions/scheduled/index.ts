/**
 * Scheduled-jobs Lambda, invoked by EventBridge Scheduler: daily summaries, voting close, the mid-week
 * check-in, the wrap-up reminder and the wrap-up. Configuration, credentials and clients are built once, during
 * the init phase.
 */
import { bootstrapLambda } from '../adapters/lambda-bootstrap.js';
import { createScheduleAnnouncer } from '../adapters/slack/schedule-announcer.js';
import { createScheduledJobsHandler } from './handler.js';

const { logger, slack, stores } = await bootstrapLambda('scheduled');

export const handler = createScheduledJobsHandler({
  deps: { ...stores, announcer: createScheduleAnnouncer(slack) },
  logger,
});
