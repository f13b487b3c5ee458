import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import type { DynamoDBBatchResponse, DynamoDBRecord } from 'aws-lambda';
import { expect, vi } from 'vitest';
import { connectTable } from '../../functions/adapters/dynamodb/stores.js';
import type { Table } from '../../functions/adapters/dynamodb/table.js';
import { continuationRunner } from '../../functions/adapters/local/continuations.js';
import { fastClock } from '../../functions/adapters/local/fast-clock.js';
import { openStreamReader, type StreamReader } from '../../functions/adapters/local/stream-reader.js';
import { createLogger } from '../../functions/adapters/logger.js';
import { SlackPacer } from '../../functions/adapters/slack/pacer.js';
import type { PacingClock } from '../../functions/app/ports/clock.js';
import type { GitHubStandIn } from '../../functions/local/dev/github-stand-in.js';
import { lambdaContext } from '../../functions/local/dev/lambda-context.js';
import {
  type RecordingScheduler,
  recordingScheduler,
} from '../../functions/local/dev/recording-scheduler.js';
import {
  gitHubWebhookEvent,
  TEST_BOT_TOKEN,
  TEST_BOT_USER_ID,
  TEST_SIGNING_SECRET,
} from '../../functions/local/dev/signed-request.js';
import { SlackSim } from '../../functions/local/dev/slack-sim.js';
import { type SlackStandIn, startSlackStandIn } from '../../functions/local/dev/slack-stand-in.js';
import { buildRefresher } from '../../functions/runtime/refresher.js';
import { buildScheduledJobs } from '../../functions/runtime/scheduled.js';
import type { ScheduledJobsHandler } from '../../functions/scheduled/handler.js';
import type { FunctionUrlResponse, IngressHandler } from '../../functions/slack/ingress-handler.js';
import { INGRESS_TABLE_ACTIONS, REFRESHER_TABLE_ACTIONS } from '../../lib/table-grants.js';
import { createTestTable, type TestTable } from './dynamodb.js';

/**
 * How much faster than real time the Slack clock of the end-to-end tests runs (rate limits and pacing). Suites
 * that measure timing against Slack's limits (a voting meeting's lag, no 429 at all) run at `EXACT_CLOCK_SPEED`,
 * where the event loop's hiccups under a loaded machine stretch less into Slack's time.
 */
const HARNESS_CLOCK_SPEED = 10;
export const EXACT_CLOCK_SPEED = 5;

interface HarnessOptions {
  clockSpeed?: number;
  /** A GitHub stand-in: the ingress and the refresher are configured with its App (and its API URL). */
  github?: GitHubStandIn;
  /**
   * Whether GitHub calls are paced as Octokit's throttling paces them in production (default true: a second
   * between writes and GraphQL requests). A suite making hundreds of calls turns it off, as the rehearsal does.
   */
  githubThrottle?: boolean;
}

/** What an ingress end-to-end test runs against. */
export interface IngressHarness {
  table: TestTable;
  slack: SlackStandIn;
  /** Every line written to the console while the harness was up. */
  logLines: string[];
  /** The table's items of one entity; the channel's hackathon; a topic by number. */
  entities(entity: string): Promise<Array<Record<string, unknown>>>;
  hackathonIn(channel: string): Promise<Record<string, unknown> | undefined>;
  topicOf(hackathonId: string, number: number): Promise<Record<string, unknown> | undefined>;
  /**
   * Runs the card refresher on everything the table's stream recorded since the last call; with `again` (the
   * previous call's answer), on the previous records from the first failed one, as Lambda retries a batch.
   */
  refresh(options?: { again?: DynamoDBBatchResponse }): Promise<DynamoDBBatchResponse>;
  /** Sends the refresher's DynamoDB calls to another endpoint (a fault-injecting proxy) from now on. */
  refresherThrough(endpoint: string): void;
  /**
   * The IAM actions the DynamoDB calls made while handling requests (through `track`) and while refreshing came
   * to; a Query on an index is recorded as `dynamodb:Query (index)`. Tests compare them with the grants.
   */
  dynamoActions: { ingress: Set<string>; refresher: Set<string> };
  /** The ingress handler, its DynamoDB calls recorded as the ingress's. */
  track(handler: IngressHandler): IngressHandler;
  /** The schedules the refresher keeps, as its last sync per hackathon left them. */
  scheduler: RecordingScheduler;
  /** The scheduled-jobs handler, as EventBridge Scheduler would invoke it (its calls count as the refresher's). */
  scheduled: ScheduledJobsHandler;
  /** Fixes the clock of the refresher and the scheduled jobs (null: the real time). */
  setNow(date: Date | null): void;
  /** The sped-up clock of Slack's rate limits, shared by the stand-in and htg's pacing (`HARNESS_CLOCK_SPEED`). */
  pacingClock: PacingClock;
  close(): Promise<void>;
}

/** The IAM actions a DynamoDB command needs (document client or low-level). */
function iamActions(command: { constructor: { name: string }; input?: Record<string, unknown> }): string[] {
  const name = command.constructor.name.replace(/Command$/, '');
  const input = command.input ?? {};
  switch (name) {
    case 'Get':
    case 'GetItem':
      return ['dynamodb:GetItem'];
    case 'Put':
    case 'PutItem':
      return ['dynamodb:PutItem'];
    case 'Update':
    case 'UpdateItem':
      return ['dynamodb:UpdateItem'];
    case 'Delete':
    case 'DeleteItem':
      return ['dynamodb:DeleteItem'];
    case 'BatchGet':
    case 'BatchGetItem':
      return ['dynamodb:BatchGetItem'];
    case 'Query':
      return [input.IndexName ? 'dynamodb:Query (index)' : 'dynamodb:Query'];
    case 'TransactWrite':
    case 'TransactWriteItems': {
      const kinds: Record<string, string> = {
        Put: 'dynamodb:PutItem',
        Update: 'dynamodb:UpdateItem',
        Delete: 'dynamodb:DeleteItem',
        ConditionCheck: 'dynamodb:ConditionCheckItem',
      };
      return ((input.TransactItems ?? []) as Array<Record<string, unknown>>).flatMap((item) =>
        Object.keys(item).map((kind) => kinds[kind] ?? `dynamodb:${kind}`),
      );
    }
    case 'TransactGet':
    case 'TransactGetItems':
      return ['dynamodb:GetItem'];
    default:
      return [`dynamodb:${name}`];
  }
}

/**
 * A fresh DynamoDB Local table and a Slack Web API stand-in, with the environment the ingress reads at cold
 * start pointing at them (credentials from variables, debug logging) and the console captured.
 * Import the handler after this resolves.
 */
export async function startIngressHarness(
  tablePrefix: string,
  { clockSpeed = HARNESS_CLOCK_SPEED, github, githubThrottle = true }: HarnessOptions = {},
): Promise<IngressHarness> {
  const table = await createTestTable(tablePrefix);
  // Slack's rate limits hold in every test, on a sped-up clock shared by the stand-in and htg's pacing.
  const pacingClock = fastClock(clockSpeed);
  const slack = await startSlackStandIn({ clock: pacingClock });
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
    // The GitHub App as the stand-in knows it; without one GitHub is not configured (the variables are empty).
    GITHUB_SECRET_ARN: '',
    GITHUB_APP_ID: github ? String(github.app.id) : '',
    GITHUB_PRIVATE_KEY: github?.app.privateKey ?? '',
    GITHUB_WEBHOOK_SECRET: github?.app.webhookSecret ?? '',
    GITHUB_API_URL: github?.url ?? '',
  };
  for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
  const stream: StreamReader = await openStreamReader({
    endpoint: table.endpoint,
    tableName: table.tableName,
    from: 'TRIM_HORIZON',
  });
  // Every SDK client sends through the same smithy Client.prototype.send: record the actions of DynamoDB calls
  // made while a tracked request or a refresh is running.
  const dynamoActions = { ingress: new Set<string>(), refresher: new Set<string>() };
  let requestsInFlight = 0;
  let refreshing = false;
  let lastRecords: DynamoDBRecord[] = [];
  const clientPrototype = Object.getPrototypeOf(DynamoDBDocumentClient.prototype) as {
    send: (...args: unknown[]) => Promise<unknown>;
  };
  const send = clientPrototype.send;
  vi.spyOn(clientPrototype, 'send').mockImplementation(function (this: unknown, ...args: unknown[]) {
    const [command] = args as [Parameters<typeof iamActions>[0]];
    const isDynamoDb =
      this instanceof DynamoDBDocumentClient || /DynamoDB/.test(String((this as object).constructor.name));
    const into = refreshing ? dynamoActions.refresher : requestsInFlight > 0 ? dynamoActions.ingress : null;
    if (into && isDynamoDb) for (const action of iamActions(command)) into.add(action);
    return send.apply(this, args);
  });
  const continuations = continuationRunner();
  const entities = async (entity: string) => (await table.items()).filter((item) => item.entity === entity);
  const scheduler = recordingScheduler();
  let now: Date | null = null;
  const clock = () => now ?? new Date();
  // The refresher and the scheduled jobs as their Lambdas build them, over the test table and the stand-in.
  const scheduled = buildScheduledJobs({
    table,
    logger: createLogger({ level: 'info', name: 'scheduled' }),
    clock,
  });
  // One pacer for both refreshers `refresherThrough` may build: the second knows what the first sent.
  const pacer = new SlackPacer(pacingClock);
  const refresherOver = (over: Table) =>
    buildRefresher({
      credentials: {
        signingSecret: TEST_SIGNING_SECRET,
        botToken: TEST_BOT_TOKEN,
        botUserId: TEST_BOT_USER_ID,
      },
      slackApiUrl: slack.url,
      table: over,
      scheduler,
      logger: createLogger({ level: 'warn', name: 'refresher' }),
      clock,
      pacer,
      observeStores: continuations.track,
      // Retries as in production, their waits shortened: the stand-in's faults are answered in milliseconds.
      github: github
        ? {
            credentials: {
              appId: github.app.id,
              privateKey: github.app.privateKey,
              webhookSecret: github.app.webhookSecret,
            },
            apiUrl: github.url,
            retryBaseMs: 5,
            retryAfterUnitMs: 5,
            throttle: githubThrottle,
          }
        : undefined,
    });
  let refresher = refresherOver(table);
  return {
    table,
    slack,
    logLines,
    refresh: async ({ again } = {}) => {
      const failedAt = again?.batchItemFailures[0]?.itemIdentifier;
      const from = failedAt ? lastRecords.findIndex((r) => r.dynamodb?.SequenceNumber === failedAt) : 0;
      if (from < 0) throw new Error(`refresh: ${failedAt} is not among the previous call's records`);
      // Work that ran out of an invocation's time goes on in continuation jobs, which Lambda would deliver
      // next: those invocations run too, so that one call leaves the work done.
      return continuations.run(
        stream,
        failedAt ? lastRecords.slice(from) : await stream.read(),
        async (Records) => {
          lastRecords = Records;
          refreshing = true;
          try {
            return await refresher({ Records });
          } finally {
            refreshing = false;
          }
        },
      );
    },
    refresherThrough: (endpoint) => {
      refresher = refresherOver(
        connectTable({ tableName: table.tableName, region: 'local', dynamoDbEndpoint: endpoint }),
      );
    },
    dynamoActions,
    entities,
    hackathonIn: async (channel) => (await entities('hackathon')).find((h) => h.channelId === channel),
    topicOf: async (hackathonId, number) =>
      (await entities('topic')).find((t) => t.hackathonId === hackathonId && t.number === number),
    scheduler,
    scheduled: async (event) => {
      refreshing = true;
      try {
        return await scheduled(event);
      } finally {
        refreshing = false;
      }
    },
    setNow: (date) => {
      now = date;
    },
    pacingClock,
    track: (handler) => async (event, context) => {
      requestsInFlight++;
      try {
        return await handler(event, context);
      } finally {
        requestsInFlight--;
      }
    },
    close: async () => {
      stream.close();
      vi.unstubAllEnvs();
      vi.restoreAllMocks();
      await slack.close();
      await table.drop();
    },
  };
}

/**
 * A harness with the real ingress (loaded from source, after the harness has set the environment it reads)
 * behind it, its DynamoDB calls recorded, and a simulated Slack workspace to drive it: what each end-to-end
 * suite starts with in `beforeAll`.
 */
export async function startIngressSuite(
  name: string,
  options: HarnessOptions = {},
): Promise<{
  harness: IngressHarness;
  slack: SlackSim;
  /** Sends a webhook delivery (as the GitHub stand-in builds them) to the ingress's GitHub path. */
  deliver(delivery: { headers: Record<string, string>; body: string }): Promise<FunctionUrlResponse>;
}> {
  const harness = await startIngressHarness(name, options);
  const { handler } = (await import('../../functions/ingress/index.js')) as { handler: IngressHandler };
  const tracked = harness.track(handler);
  return {
    harness,
    slack: new SlackSim(tracked, harness.slack),
    deliver: (delivery) => tracked(gitHubWebhookEvent(delivery), lambdaContext()),
  };
}

/** Asserts the DynamoDB calls seen so far need nothing beyond the Lambdas' IAM grants. */
export function expectWithinGrants(harness: IngressHarness): void {
  const beyond = (used: Set<string>, granted: readonly string[]) =>
    [...used].filter((a) => !granted.includes(a));
  expect(harness.dynamoActions.refresher.size).toBeGreaterThan(0);
  expect(harness.dynamoActions.ingress.size).toBeGreaterThan(0);
  expect(beyond(harness.dynamoActions.refresher, REFRESHER_TABLE_ACTIONS), 'refresher').toEqual([]);
  // The ingress's grant covers the table and its index.
  expect(
    beyond(harness.dynamoActions.ingress, [...INGRESS_TABLE_ACTIONS, 'dynamodb:Query (index)']),
    'ingress',
  ).toEqual([]);
}

/** Asserts that nothing logged while the harness was up contains the signing secret or anything token-shaped. */
export function expectNoSecretsLogged(harness: IngressHarness): void {
  const logged = harness.logLines.join('\n');
  expect(logged).not.toContain(TEST_SIGNING_SECRET);
  expect(logged).not.toContain(TEST_BOT_TOKEN);
  expect(logged).not.toMatch(/xox[abpr]-[A-Za-z0-9-]{10,}/);
}
