import { connectTable, createStores, type Stores } from './dynamodb/stores.js';
import { createLogger, type Logger } from './logger.js';
import { loadTableConfig, type TableConfig } from './runtime-config.js';

/**
 * What a Lambda that only works on the table (the scheduled jobs) builds once, during the init phase: config
 * from the environment, a logger and the stores. No Slack credentials and no Slack client: it never talks to
 * Slack (what it has to say is a job the refresher posts), so it may not read the secret either.
 */
export function bootstrapTableLambda(name: string): { config: TableConfig; logger: Logger; stores: Stores } {
  const config = loadTableConfig(process.env);
  const logger = createLogger({ level: config.logLevel, name });
  return { config, logger, stores: createStores(connectTable(config)) };
}
