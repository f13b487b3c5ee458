/**
 * Scheduled-jobs Lambda, invoked by EventBridge Scheduler: daily summaries, voting close, the mid-week
 * check-in, the wrap-up reminder and the wrap-up. It works on the table only: what a job posts in Slack is a
 * job the refresher posts, so its config asks for no Slack credentials and it may not read the secret. This
 * entry reads the environment once, during the init phase; the handler comes from the builder every process
 * that runs the jobs uses.
 */
import { connectTable } from '../adapters/dynamodb/stores.js';
import { createLogger } from '../adapters/logger.js';
import { loadTableConfig } from '../adapters/runtime-config.js';
import { buildScheduledJobs } from '../runtime/scheduled.js';

const config = loadTableConfig(process.env);

export const handler = buildScheduledJobs({
  table: connectTable(config),
  logger: createLogger({ level: config.logLevel, name: 'scheduled' }),
});
