/**
 * Scheduled-jobs Lambda, invoked by EventBridge Scheduler: daily summaries, voting close, the mid-week
 * check-in, the wrap-up reminder and the wrap-up. It works on the table only: what a job posts in Slack is a
 * job the refresher posts. Configuration and the stores are built once, during the init phase.
 */
import { bootstrapTableLambda } from '../adapters/table-lambda-bootstrap.js';
import { createScheduledJobsHandler } from './handler.js';

const { logger, stores } = bootstrapTableLambda('scheduled');

export const handler = createScheduledJobsHandler({ deps: stores, logger });
