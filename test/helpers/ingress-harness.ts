import { WebClient } from '@slack/web-api';
import type { DynamoDBBatchResponse } from 'aws-lambda';
import { vi } from 'vitest';
import { createStores } from '../../functions/adapters/dynamodb/stores.js';
import { openStreamReader, type StreamReader } from '../../functions/adapters/local/stream-reader.js';
import { createLogger } from '../../functions/adapters/logger.js';
import { createRefresherHandler } from '../../functions/refresher/handler.js';
import { slackRefresherDeps } from '../../functions/slack/refresher-deps.js';
import { createTestTable, type TestTable } from './dynamodb.js';
import { TEST_BOT_TOKEN, TEST_BOT_USER_ID, TEST_SIGNING_SECRET } from './signed-request.js';
import { type SlackStandIn, startSlackStandIn } from './slack-stand-in.js';

/** What an ingress end-to-end test runs against. */
export interface IngressHarness {
  table: TestTable;
  slack: SlackStandIn;
  /** Every line written to the console while the harness was up. */
  logLines: string[];
  /** Runs the card refresher on everything the table's stream recorded since the last call. */
  refresh(): Promise<DynamoDBBatchResponse>;
  close(): Promise<void>;
}

/**
 * A fresh DynamoDB Local table and a Slack Web API stand-in, with the environment the ingress reads at cold
 * start pointing at them (credentials from variables, debug logging) and the console captured.
 * Import the handler after this resolves.
 */
export async function startIngressHarness(tablePrefix: string): Promise<IngressHarness> {
  const table = await createTestTable(tablePrefix);
  const slack = await startSlackStandIn();
  const logLines: string[] = [];
  for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
    vi.spyOn(console, method).mockImplementation((...parts: unknown[]) => {
      logLines.push(parts.map(String).join(' '));
    });
  }
  const env = {
    TABLE_NAME: table.tableName,
    DYNAMODB_ENDPOINT: table.endpoint,
    SLACK_API_URL: slack.url,
    SLACK_SECRET_ARN: '',
    SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
    SLACK_BOT_USER_ID: TEST_BOT_USER_ID,
    LOG_LEVEL: 'debug',
  };
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  const stream: StreamReader = await openStreamReader({
    endpoint: table.endpoint,
    tableName: table.tableName,
    from: 'TRIM_HORIZON',
  });
  const refresher = createRefresherHandler({
    deps: slackRefresherDeps(
      createStores(table),
      new WebClient(TEST_BOT_TOKEN, { slackApiUrl: slack.url }),
      TEST_BOT_USER_ID,
    ),
    logger: createLogger({ level: 'warn', name: 'refresher' }),
  });
  return {
    table,
    slack,
    logLines,
    refresh: async () => refresher({ Records: await stream.read() }),
    close: async () => {
      stream.close();
      vi.unstubAllEnvs();
      vi.restoreAllMocks();
      await slack.close();
      await table.drop();
    },
  };
}
