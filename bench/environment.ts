import { randomUUID } from 'node:crypto';
import { createDynamoDbClient } from '../functions/adapters/dynamodb/client.js';
import { connectTable, createStores, type Stores } from '../functions/adapters/dynamodb/stores.js';
import { continuationRunner } from '../functions/adapters/local/continuations.js';
import { type DynamoDbLocal, startDynamoDbLocal } from '../functions/adapters/local/dynamodb-local.js';
import { ensureTable } from '../functions/adapters/local/ensure-table.js';
import { fastClock } from '../functions/adapters/local/fast-clock.js';
import { openStreamReader } from '../functions/adapters/local/stream-reader.js';
import { createLogger } from '../functions/adapters/logger.js';
import { SlackPacer } from '../functions/adapters/slack/pacer.js';
import type { PacingClock } from '../functions/app/ports/clock.js';
import type { Topic } from '../functions/domain/topic.js';
import { type GitHubStandIn, startGitHubStandIn } from '../functions/local/dev/github-stand-in.js';
import { recordingScheduler } from '../functions/local/dev/recording-scheduler.js';
import {
  TEST_BOT_TOKEN,
  TEST_BOT_USER_ID,
  TEST_SIGNING_SECRET,
} from '../functions/local/dev/signed-request.js';
import { type ReactionTarget, SlackSim } from '../functions/local/dev/slack-sim.js';
import { type SlackStandIn, startSlackStandIn } from '../functions/local/dev/slack-stand-in.js';
import { buildIngress } from '../functions/runtime/ingress.js';
import { buildRefresher } from '../functions/runtime/refresher.js';
import { aTopicDraft } from '../test/helpers/builders.js';

/** What the request benchmarks share: DynamoDB Local, the Slack stand-in, the real ingress and refresher. */
export interface BenchEnvironment {
  dynamo: DynamoDbLocal;
  slack: SlackStandIn;
  tableName: string;
  /** The environment a fresh ingress process needs to reach the same table and stand-in. */
  ingressEnv: NodeJS.ProcessEnv;
  sim: SlackSim;
  stores: Stores;
  /** Feeds the table's stream to the refresher (posts and updates cards), continuations included. */
  refresh: () => Promise<void>;
  /** The Slack clock: the stand-in's rate limits and htg's pacing (sped up unless `clockSpeed` is 1). */
  pacingClock: PacingClock;
  /**
   * With `github: true`: the GitHub stand-in the ingress (webhook secret) and the refresher (the App, its API
   * URL) are configured with; undefined otherwise (GitHub not configured, as before).
   */
  github: GitHubStandIn | undefined;
  /**
   * Whether the refresher's GitHub calls are paced by Octokit's throttling as deployed (true, the default: a
   * second between GraphQL requests and REST writes). A bench turns it off for the setup it does not measure
   * (an import of 120 issues, a comment per topic), and on again for what it measures. The refreshers of either
   * setting share one Slack pacer and the continuations; each has its own GitHub clients (installation lookups).
   */
  setGitHubThrottle: (on: boolean) => void;
  close: () => Promise<void>;
}

/**
 * `clockSpeed`: how much faster than real time the Slack stand-in's rate limits and htg's pacing run (1: real
 * time, for figures measured against Slack's physical limits). `github`: a GitHub stand-in too (the benches
 * whose hackathons are not linked to a repository make no GitHub call, so it changes nothing they measure).
 */
export async function startBenchEnvironment({
  slackDelayMs = 0,
  clockSpeed = 10,
  github: withGitHub = false,
}: {
  slackDelayMs?: number;
  clockSpeed?: number;
  github?: boolean;
} = {}): Promise<BenchEnvironment> {
  const dynamo = await startDynamoDbLocal();
  const github = withGitHub ? await startGitHubStandIn() : undefined;
  const clock = fastClock(clockSpeed);
  const slack = await startSlackStandIn({ delayMs: slackDelayMs, clock });
  const tableName = `bench-${randomUUID()}`;
  await ensureTable(createDynamoDbClient({ region: 'local', endpoint: dynamo.endpoint }), tableName);
  const ingressEnv: NodeJS.ProcessEnv = {
    TABLE_NAME: tableName,
    DYNAMODB_ENDPOINT: dynamo.endpoint,
    SLACK_API_URL: slack.url,
    SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
    SLACK_BOT_USER_ID: TEST_BOT_USER_ID,
    LOG_LEVEL: 'error',
  };
  // In this process, the ingress and the refresher as their Lambdas build them, over the bench's table and
  // stand-in (a fresh process reads the same from `ingressEnv`).
  const table = connectTable({ tableName, region: 'local', dynamoDbEndpoint: dynamo.endpoint });
  const credentials = {
    signingSecret: TEST_SIGNING_SECRET,
    botToken: TEST_BOT_TOKEN,
    botUserId: TEST_BOT_USER_ID,
  };
  const logger = createLogger({ level: 'error' });
  const handler = buildIngress({
    credentials,
    slackApiUrl: slack.url,
    table,
    logger,
    ...(github ? { gitHubWebhookSecret: async () => github.app.webhookSecret } : {}),
  });
  const stores = createStores(table);
  const stream = await openStreamReader({ endpoint: dynamo.endpoint, tableName, from: 'TRIM_HORIZON' });
  const continuations = continuationRunner();
  const scheduler = recordingScheduler();
  const pacer = new SlackPacer(clock);
  // The GitHub App as the stand-in knows it, with the deployed retries and timings (none shortened).
  const refresherWith = (throttle: boolean) =>
    buildRefresher({
      credentials,
      slackApiUrl: slack.url,
      table,
      scheduler,
      logger,
      pacer,
      observeStores: continuations.track,
      github: github
        ? {
            credentials: {
              appId: github.app.id,
              privateKey: github.app.privateKey,
              webhookSecret: github.app.webhookSecret,
            },
            apiUrl: github.url,
            throttle,
          }
        : undefined,
    });
  const throttled = refresherWith(true);
  const unthrottled = github ? refresherWith(false) : throttled;
  let refresher = throttled;
  return {
    dynamo,
    slack,
    tableName,
    ingressEnv,
    sim: new SlackSim(handler, slack),
    stores,
    pacingClock: clock,
    github,
    setGitHubThrottle: (on) => {
      refresher = on ? throttled : unthrottled;
    },
    refresh: async () => {
      await continuations.run(stream, await stream.read(), (Records) => refresher({ Records }));
    },
    close: async () => {
      stream.close();
      await slack.close();
      await github?.close();
      await dynamo.stop();
    },
  };
}

export interface BenchHackathon {
  channel: string;
  hackathonId: string;
  topics: Topic[];
  /** The topic cards, as reaction targets. */
  cards: ReactionTarget[];
}

/**
 * Sets up a hackathon in `channel` through the ingress and stores `topics` topics (as an import does: one
 * proposal after another through the ingress would use up views.open's Tier 4 minute, which is not what the
 * bench measures); their cards are posted by the refresher.
 */
export async function seedHackathon(
  env: BenchEnvironment,
  channel: string,
  topics: number,
): Promise<BenchHackathon> {
  const { sim } = env;
  await sim.inviteBot(channel);
  await sim.command('U0ORG', channel, 'setup');
  await sim.submit('U0ORG', sim.lastOpenedView(), {
    name: `Bench ${channel}`,
    startDate: '2026-11-23',
    endDate: '2026-11-27',
    timeZone: 'Europe/Berlin',
  });
  const hackathon = await env.stores.hackathons.findActiveByChannel(channel);
  if (!hackathon) throw new Error(`no hackathon in ${channel}`);
  if (topics > 0)
    await env.stores.topics.createMany(
      hackathon.id,
      Array.from({ length: topics }, (_, i) =>
        aTopicDraft({ title: `Bench topic ${i + 1}`, category: 'Core' }),
      ),
      'U0ORG',
      new Date().toISOString(),
    );
  await env.refresh();
  const list = (await env.stores.topics.list(hackathon.id)).sort((a, b) => a.number - b.number);
  return {
    channel,
    hackathonId: hackathon.id,
    topics: list,
    cards: list.map((t) => ({ channel, ts: String(t.card?.ts), itemUser: TEST_BOT_USER_ID })),
  };
}
