/**
 * Ingress Lambda (Function URL): verifies Slack's signature, acks within Slack's 3 seconds and does the
 * fast, essential work. This entry reads the environment and the Slack credentials once, during the init
 * phase; the handler comes from the builder every process that serves Slack's requests uses.
 */
import { connectTable } from '../adapters/dynamodb/stores.js';
import { loadGitHubCredentials } from '../adapters/github/credentials.js';
import { createLogger } from '../adapters/logger.js';
import { loadRuntimeConfig } from '../adapters/runtime-config.js';
import { loadSlackCredentials } from '../adapters/slack/credentials.js';
import { buildIngress } from '../runtime/ingress.js';

const config = loadRuntimeConfig(process.env);
const logger = createLogger({ level: config.logLevel, name: 'ingress' });
const credentials = await loadSlackCredentials(config);

export const handler = buildIngress({
  credentials,
  slackApiUrl: config.slackApiUrl,
  table: connectTable(config),
  logger,
  // Read when the first GitHub webhook arrives, not at cold start: Slack's requests never wait for it.
  gitHubWebhookSecret: config.github
    ? () =>
        loadGitHubCredentials(config)
          .then((github) => github?.webhookSecret)
          .catch((error: unknown) => {
            logger.warn('Could not read the GitHub App webhook secret', error);
            return undefined;
          })
    : undefined,
});
