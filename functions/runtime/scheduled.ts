import { createStores } from '../adapters/dynamodb/stores.js';
import type { Table } from '../adapters/dynamodb/table.js';
import type { Logger } from '../adapters/logger.js';
import { createScheduledJobsHandler, type ScheduledJobsHandler } from '../scheduled/handler.js';

/**
 * The scheduled-jobs Lambda's runner: the jobs over the table's stores. `npm start`'s timers, the rehearsal and
 * the tests call it too. It works on the table only (what a job posts, the refresher posts), so nothing here
 * may import Slack's or Bolt's packages: the scheduled bundle stays small and never holds the Slack secret.
 */
export function buildScheduledJobs({
  table,
  logger,
  clock,
}: {
  table: Table;
  logger: Logger;
  clock?: () => Date;
}): ScheduledJobsHandler {
  return createScheduledJobsHandler({ deps: createStores(table), logger, clock });
}
