import { createHmac, timingSafeEqual } from 'node:crypto';
import type { LambdaFunctionURLEvent } from 'aws-lambda';

/** Slack's replay window: a request signed more than five minutes away from now is refused. */
const MAX_REQUEST_AGE_SECONDS = 5 * 60;

export type VerificationResult =
  | { ok: true }
  | { ok: false; reason: 'missing-headers' | 'stale-timestamp' | 'bad-signature' };

/**
 * Verifies Slack's v0 request signature (HMAC-SHA256 of `v0:{timestamp}:{raw body}`) and the timestamp,
 * in both directions, before anything parses the body.
 */
export function verifySlackSignature(input: {
  signingSecret: string;
  rawBody: string;
  timestamp: string | undefined;
  signature: string | undefined;
  nowSeconds: number;
}): VerificationResult {
  const { signingSecret, rawBody, timestamp, signature, nowSeconds } = input;
  if (!timestamp || !signature) return { ok: false, reason: 'missing-headers' };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'stale-timestamp' };
  if (Math.abs(nowSeconds - Number(timestamp)) > MAX_REQUEST_AGE_SECONDS)
    return { ok: false, reason: 'stale-timestamp' };
  const expected = Buffer.from(signRequest(signingSecret, timestamp, rawBody));
  const actual = Buffer.from(signature);
  if (actual.length !== expected.length || !timingSafeEqual(actual, expected))
    return { ok: false, reason: 'bad-signature' };
  return { ok: true };
}

/** The `X-Slack-Signature` value Slack computes for a request. */
export function signRequest(signingSecret: string, timestamp: string, rawBody: string): string {
  return `v0=${createHmac('sha256', signingSecret).update(`v0:${timestamp}:${rawBody}`).digest('hex')}`;
}

/**
 * Function URL events carry lower-cased headers and may base64-encode the body. Bolt's receiver decodes
 * base64 as ASCII (mangling UTF-8 such as emoji in titles) and matches Content-Type exactly, so the event is
 * normalised first: body decoded as UTF-8, Content-Type reduced to its media type.
 */
export function normalizeFunctionUrlEvent(event: LambdaFunctionURLEvent): LambdaFunctionURLEvent {
  const rawBody =
    event.body == null
      ? ''
      : event.isBase64Encoded
        ? Buffer.from(event.body, 'base64').toString('utf8')
        : event.body;
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(event.headers ?? {})) headers[name.toLowerCase()] = value;
  const contentType = headers['content-type'];
  if (contentType) headers['content-type'] = contentType.split(';')[0]?.trim().toLowerCase();
  return { ...event, headers, body: rawBody, isBase64Encoded: false };
}
