/**
 * Ingress Lambda (Function URL): verifies Slack's signature, acks within Slack's 3 seconds and does the
 * fast, essential work. Configuration, credentials and clients are built once, during the init phase.
 */
import { randomUUID } from 'node:crypto';
import { connectTable, createStores } from '../adapters/dynamodb/stores.js';
import { createLogger } from '../adapters/logger.js';
import { loadRuntimeConfig } from '../adapters/runtime-config.js';
import { loadSlackCredentials } from '../adapters/slack/credentials.js';
import { createIngressHandler } from '../slack/ingress-handler.js';

const config = loadRuntimeConfig(process.env);
const logger = createLogger({ level: config.logLevel, name: 'ingress' });
const credentials = await loadSlackCredentials(config);
const stores = createStores(connectTable(config));

export const handler = createIngressHandler({
  config,
  credentials,
  logger,
  dependencies: { logger, ...stores, clock: () => new Date(), newId: randomUUID },
});
