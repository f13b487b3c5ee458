import type { WebClient } from '@slack/web-api';
import { httpFetch } from './http-fetch.js';
import { PacedWebClient, SlackPacer } from './pacer.js';

/**
 * The Slack client of work done off the request path: every call is paced to Slack's rate limits (`pacer`), a
 * failed call (5xx, timeout, dropped connection) is retried three times with exponential backoff (0.5, 1, 2 s),
 * a rate-limited one after Slack's Retry-After (holding only calls of that method), and a call with no answer in
 * 10 s is given up (and retried). What still fails is the caller's to hand back: the refresher reports the
 * record as failed, so Lambda retries it.
 */
export function offRequestSlackClient(
  token: string,
  slackApiUrl?: string,
  pacer: SlackPacer = new SlackPacer(),
): WebClient {
  return new PacedWebClient(
    token,
    {
      ...(slackApiUrl ? { slackApiUrl } : {}),
      retryConfig: { retries: 3, factor: 2, minTimeout: 500 },
      timeout: 10_000,
      fetch: httpFetch,
    },
    pacer,
  );
}
