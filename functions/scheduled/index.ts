/**
 * Scheduled-jobs Lambda, invoked by EventBridge Scheduler: daily summaries, voting close, the mid-week
 * check-in, the wrap-up reminder and the wrap-up. Configuration, credentials and clients are built once, during
 * the init phase.
 */
import { bootstrapLambda } from '../adapters/lambda-bootstrap.js';
import { createScheduledJobsHandler } from './handler.js';

const { logger, stores } = await bootstrapLambda('scheduled');

export const handler = createScheduledJobsHandler({
  deps: stores,
  logger,
});
