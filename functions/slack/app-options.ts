import type { AppOptions, Logger as BoltLogger, LogLevel as BoltLogLevel } from '@slack/bolt';
import type { Logger } from '../adapters/logger.js';
import type { RuntimeConfig, SlackCredentials } from '../adapters/runtime-config.js';
import { httpFetch } from '../adapters/slack/http-fetch.js';

/**
 * Bolt options shared by the Lambda ingress and the local Socket Mode runtime.
 * A static `authorize` hands Bolt the bot's ids, so no `auth.test` round trip happens at cold start.
 */
export function slackAppOptions(
  credentials: SlackCredentials,
  config: Pick<RuntimeConfig, 'slackApiUrl'>,
  logger: Logger,
): Pick<AppOptions, 'authorize' | 'logger' | 'logLevel' | 'clientOptions' | 'convoStore' | 'ignoreSelf'> {
  const authorization = {
    botToken: credentials.botToken,
    botUserId: credentials.botUserId,
    botId: credentials.botId,
  };
  return {
    authorize: async () => authorization,
    logger: toBoltLogger(logger),
    // Bolt sets the logger it is given to this level, INFO when none is passed: LOG_LEVEL would not hold, and
    // a process that shares one logger between Bolt and its other handlers would log at info throughout.
    logLevel: logger.getLevel() as unknown as BoltLogLevel,
    clientOptions: {
      fetch: httpFetch,
      ...(config.slackApiUrl ? { slackApiUrl: config.slackApiUrl } : {}),
      // Slack wants its answer within 3 s: a failed call is retried once, after 0.2 s; a call with no answer in
      // 1.2 s is given up; a rate-limited call fails at once instead of waiting out Retry-After. The listeners
      // then tell the person it did not work (the Web API client's default retries for 30 minutes).
      retryConfig: { retries: 1, factor: 1, minTimeout: 200, maxTimeout: 200 },
      timeout: 1_200,
      rejectRateLimitedCalls: true,
    },
    // Conversation state is not used; the in-memory store would only cost time on every request.
    convoStore: false,
    ignoreSelf: true,
  };
}

/** Bolt's Logger types its level as an enum whose values are the same strings as ours. */
export function toBoltLogger(logger: Logger): BoltLogger {
  return {
    debug: logger.debug,
    info: logger.info,
    warn: logger.warn,
    error: logger.error,
    setLevel: (level: BoltLogLevel) => logger.setLevel(level as unknown as ReturnType<Logger['getLevel']>),
    getLevel: () => logger.getLevel() as unknown as BoltLogLevel,
    setName: logger.setName,
  };
}
