import { randomUUID } from 'node:crypto';
import { App } from '@slack/bolt';
import { createStores, type Stores } from '../adapters/dynamodb/stores.js';
import type { Table } from '../adapters/dynamodb/table.js';
import type { Logger } from '../adapters/logger.js';
import type { SlackCredentials } from '../adapters/runtime-config.js';
import { slackAppOptions } from '../slack/app-options.js';
import { createIngressHandler, type IngressHandler } from '../slack/ingress-handler.js';
import type { ListenerDependencies } from '../slack/listeners/dependencies.js';
import { registerListeners } from '../slack/listeners/index.js';

/** What differs between the processes that serve Slack's requests; everything else is built here. */
export interface IngressRuntimeOptions {
  credentials: SlackCredentials;
  /** The Slack Web API's base URL (unset: Slack's own); the rehearsal and the tests point it at a stand-in. */
  slackApiUrl?: string | undefined;
  table: Table;
  logger: Logger;
  clock?: () => Date;
  newId?: () => string;
  /**
   * The GitHub App's webhook secret, read when the first webhook arrives (unset: GitHub is not configured, and
   * the webhook path answers 404).
   */
  gitHubWebhookSecret?: (() => Promise<string | undefined>) | undefined;
}

/** The listeners' stores, clock and id source, the same for the Function URL and Socket Mode. */
function listenerDependencies({
  table,
  logger,
  clock = () => new Date(),
  newId = randomUUID,
}: IngressRuntimeOptions): ListenerDependencies & Pick<Stores, 'issueLinks'> {
  return { logger, ...createStores(table), clock, newId };
}

/**
 * The ingress Lambda's handler (Function URL): Bolt behind the signature and envelope checks, with every
 * listener. The rehearsal and the bench call it too, so that what they drive is what the Lambda runs.
 */
export function buildIngress(
  options: IngressRuntimeOptions & {
    /** Slack's request timestamps are checked against this clock (epoch seconds); tests pin it. */
    nowSeconds?: () => number;
  },
): IngressHandler {
  const { credentials, slackApiUrl, logger, nowSeconds, gitHubWebhookSecret } = options;
  const dependencies = listenerDependencies(options);
  return createIngressHandler({
    config: { slackApiUrl },
    credentials,
    logger,
    dependencies,
    nowSeconds,
    ...(gitHubWebhookSecret
      ? { github: { webhookSecret: gitHubWebhookSecret, issueLinks: dependencies.issueLinks } }
      : {}),
  });
}

/**
 * `npm start`'s ingress: the same Bolt options and listeners as the Lambda's, over Socket Mode (an app-level
 * token instead of a public URL; Socket Mode has no request signatures to check). Start it with `app.start()`.
 */
export function buildSocketModeIngress(options: IngressRuntimeOptions & { appToken: string }): App {
  const { credentials, slackApiUrl, logger, appToken } = options;
  logger.redact(credentials.signingSecret, credentials.botToken, appToken);
  const app = new App({
    socketMode: true,
    appToken,
    ...slackAppOptions(credentials, { slackApiUrl }, logger),
  });
  registerListeners(app, listenerDependencies(options));
  return app;
}
