import type { LambdaFunctionURLEvent } from 'aws-lambda';
import { signRequest } from '../../slack/request-verification.js';

export const TEST_SIGNING_SECRET = 'e2e-signing-secret-0123456789abcdef';
export const TEST_BOT_TOKEN = 'xoxb-0000000000-1111111111-e2eTestBotTokenValue';
export const TEST_BOT_USER_ID = 'U0BOTUSER1';

export interface SignedRequestOptions {
  body: string;
  contentType: 'application/x-www-form-urlencoded' | 'application/json' | (string & {});
  /** Epoch seconds the request claims; now by default. */
  timestamp?: number;
  signingSecret?: string;
  /** Overrides the computed signature (a forgery). */
  signature?: string;
  /** Leave out the X-Slack-* signature headers. */
  unsigned?: boolean;
  base64?: boolean;
  headers?: Record<string, string>;
}

/**
 * A Lambda Function URL event (payload format 2.0) as AWS delivers Slack's POST, signed with Slack's
 * real v0 scheme: HMAC-SHA256 over `v0:{timestamp}:{body}` with the signing secret.
 */
export function signedFunctionUrlEvent(options: SignedRequestOptions): LambdaFunctionURLEvent {
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const signature =
    options.signature ?? signRequest(options.signingSecret ?? TEST_SIGNING_SECRET, timestamp, options.body);
  const headers: Record<string, string> = {
    'content-type': options.contentType,
    host: 'abcdefghijklmnopqrstuvwxyz012345.lambda-url.eu-central-1.on.aws',
    'user-agent': 'Slackbot 1.0 (+https://api.slack.com/robots)',
    'x-forwarded-proto': 'https',
    ...(options.unsigned ? {} : { 'x-slack-request-timestamp': timestamp, 'x-slack-signature': signature }),
    ...options.headers,
  };
  return functionUrlEvent('/slack/events', headers, options.body, Boolean(options.base64));
}

/**
 * A webhook delivery as the Function URL hands it over under `/github/webhook`: GitHub's headers (signature,
 * event, delivery id) and body as the GitHub stand-in built them (functions/local/dev/github-stand-in.ts).
 */
export function gitHubWebhookEvent(delivery: {
  headers: Record<string, string>;
  body: string;
}): LambdaFunctionURLEvent {
  return functionUrlEvent(
    '/github/webhook',
    {
      host: 'abcdefghijklmnopqrstuvwxyz012345.lambda-url.eu-central-1.on.aws',
      'x-forwarded-proto': 'https',
      ...delivery.headers,
    },
    delivery.body,
    false,
  );
}

function functionUrlEvent(
  path: string,
  headers: Record<string, string>,
  body: string,
  base64: boolean,
): LambdaFunctionURLEvent {
  const now = new Date();
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath: path,
    rawQueryString: '',
    headers,
    requestContext: {
      accountId: 'anonymous',
      apiId: 'abcdefghijklmnopqrstuvwxyz012345',
      domainName: headers.host as string,
      domainPrefix: 'abcdefghijklmnopqrstuvwxyz012345',
      http: {
        method: 'POST',
        path,
        protocol: 'HTTP/1.1',
        sourceIp: '203.0.113.10',
        userAgent: headers['user-agent'] ?? '',
      },
      requestId: crypto.randomUUID(),
      routeKey: '$default',
      stage: '$default',
      time: now.toISOString(),
      timeEpoch: now.getTime(),
    },
    body: base64 ? Buffer.from(body, 'utf8').toString('base64') : body,
    isBase64Encoded: base64,
  };
}

/** Replaces fields of a real form-encoded slash command body, keeping Slack's field order and encoding. */
export function slashCommandBody(template: string, fields: Record<string, string>): string {
  const params = new URLSearchParams(template.trim());
  for (const [key, value] of Object.entries(fields)) params.set(key, value);
  return params.toString();
}
