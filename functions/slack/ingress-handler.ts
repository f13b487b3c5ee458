import { App, AwsLambdaReceiver } from '@slack/bolt';
import type { APIGatewayProxyStructuredResultV2, Context, LambdaFunctionURLEvent } from 'aws-lambda';
import type { Logger } from '../adapters/logger.js';
import type { RuntimeConfig, SlackCredentials } from '../adapters/runtime-config.js';
import type { IssueLinkStore } from '../app/ports/stores.js';
import { slackAppOptions, toBoltLogger } from './app-options.js';
import { checkEnvelope } from './envelope.js';
import type { ListenerDependencies } from './listeners/dependencies.js';
import { registerListeners } from './listeners/index.js';
import { normalizeFunctionUrlEvent, verifySlackSignature } from './request-verification.js';

/** A Function URL response; always the structured form (status, headers, body). */
export type FunctionUrlResponse = APIGatewayProxyStructuredResultV2;

export type IngressHandler = (
  event: LambdaFunctionURLEvent,
  context: Context,
) => Promise<FunctionUrlResponse>;

export interface IngressOptions {
  config: Pick<RuntimeConfig, 'slackApiUrl'>;
  credentials: SlackCredentials;
  logger: Logger;
  dependencies: ListenerDependencies;
  /** Clock in epoch seconds; tests pin it. */
  nowSeconds?: () => number;
  /** GitHub's webhooks, on the same Function URL under GITHUB_WEBHOOK_PATH (see functions/github/webhook-handler.ts). */
  github?: {
    webhookSecret(): Promise<string | undefined>;
    issueLinks: Pick<IssueLinkStore, 'linkedHackathons' | 'recordDelivery'>;
  };
}

/** Where GitHub delivers the App's webhooks: the Function URL with this path (README, "GitHub"). */
const GITHUB_WEBHOOK_PATH = '/github/webhook';

/**
 * A signed request that cannot succeed however often it is sent: 400, and Slack is asked not to retry it
 * (Slack retries events on any non-2xx answer unless told so).
 */
const MALFORMED: FunctionUrlResponse = { statusCode: 400, headers: { 'x-slack-no-retry': '1' }, body: '' };

/**
 * The Function URL handler: Bolt's `AwsLambdaReceiver` behind two guards. The first refuses, before any
 * parsing, every request whose Slack signature or timestamp is not valid (401, nothing read or written); the
 * second refuses signed bodies without the shape Bolt and the listeners rely on (400, see `checkEnvelope`).
 */
export function createIngressHandler(options: IngressOptions): IngressHandler {
  const { credentials, logger, nowSeconds = () => Math.floor(Date.now() / 1000) } = options;
  logger.redact(credentials.signingSecret, credentials.botToken);

  const receiver = new AwsLambdaReceiver({
    signingSecret: credentials.signingSecret,
    logger: toBoltLogger(logger),
  });
  const app = new App({ receiver, ...slackAppOptions(credentials, options.config, logger) });
  registerListeners(app, options.dependencies);
  const boltHandler = receiver.toHandler();

  return async (event, context) => {
    const request = normalizeFunctionUrlEvent(event);
    if (request.rawPath === GITHUB_WEBHOOK_PATH) {
      if (!options.github) return { statusCode: 404, body: '' };
      // Loaded on the first delivery only: Slack's requests (and the cold start) never pay for it.
      const { handleGitHubWebhook } = await import('../github/webhook-handler.js');
      try {
        return await handleGitHubWebhook(request, { ...options.github, logger });
      } catch (error) {
        logger.error('Could not record a GitHub webhook delivery', error);
        // GitHub does not retry on its own; a 500 shows in the App's "Recent deliveries" for redelivery.
        return { statusCode: 500, body: '' };
      }
    }
    const verdict = verifySlackSignature({
      signingSecret: credentials.signingSecret,
      rawBody: request.body ?? '',
      timestamp: request.headers['x-slack-request-timestamp'],
      signature: request.headers['x-slack-signature'],
      nowSeconds: nowSeconds(),
    });
    if (!verdict.ok) {
      logger.warn(`Refused a request that is not from Slack (${verdict.reason})`);
      return { statusCode: 401, body: '' };
    }
    const envelope = checkEnvelope(request.body ?? '', request.headers['content-type']);
    if (!envelope.ok) {
      logger.warn(`Refused a signed request with ${envelope.reason}`);
      return MALFORMED;
    }
    try {
      // Bolt's types describe API Gateway events; a Function URL event has the same (v2) shape.
      return (await boltHandler(request as never, context)) as FunctionUrlResponse;
    } catch (error) {
      // Signed by Slack but not processable: a request that cannot succeed.
      logger.error('Could not process a signed request', error);
      return MALFORMED;
    }
  };
}
