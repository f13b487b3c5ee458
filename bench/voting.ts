import { randomUUID } from 'node:crypto';
import { WebClient } from '@slack/web-api';
import { createDynamoDbClient } from '../functions/adapters/dynamodb/client.js';
import { connectTable, createStores } from '../functions/adapters/dynamodb/stores.js';
import { startDynamoDbLocal } from '../functions/adapters/local/dynamodb-local.js';
import { ensureTable } from '../functions/adapters/local/ensure-table.js';
import { openStreamReader } from '../functions/adapters/local/stream-reader.js';
import { createLogger } from '../functions/adapters/logger.js';
import { createRefresherHandler } from '../functions/refresher/handler.js';
import type { IngressHandler } from '../functions/slack/ingress-handler.js';
import { slackRefresherDeps } from '../functions/slack/refresher-deps.js';
import { recordingScheduler } from '../test/helpers/recording-scheduler.js';
import { TEST_BOT_TOKEN, TEST_BOT_USER_ID, TEST_SIGNING_SECRET } from '../test/helpers/signed-request.js';
import { type ReactionTarget, SlackSim } from '../test/helpers/slack-sim.js';
import { startSlackStandIn } from '../test/helpers/slack-stand-in.js';
import { deliver, planBurst, runConcurrently } from '../test/helpers/vote-burst.js';

export interface VotingFigures {
  burst: {
    events: number;
    concurrency: number;
    seconds: number;
    eventsPerSecond: number;
    handlerMsP50: number;
    handlerMsP99: number;
    exact: boolean;
    chatUpdates: number;
  };
  warmVote: { runs: number; msP50: number; msP99: number };
}

/**
 * The voting issue's figures: the 2,000-event burst (40 topics, 60 people, concurrency 32, 10 % redelivered,
 * 10 % removals) through the real ingress on DynamoDB Local, then warm single votes one at a time.
 */
export async function benchVoting({ slackDelayMs = 0, warmRuns = 500 } = {}): Promise<VotingFigures> {
  const dynamo = await startDynamoDbLocal();
  const slack = await startSlackStandIn({ delayMs: slackDelayMs });
  try {
    const tableName = `bench-${randomUUID()}`;
    await ensureTable(createDynamoDbClient({ region: 'local', endpoint: dynamo.endpoint }), tableName);
    Object.assign(process.env, {
      TABLE_NAME: tableName,
      DYNAMODB_ENDPOINT: dynamo.endpoint,
      SLACK_API_URL: slack.url,
      SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
      SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
      SLACK_BOT_USER_ID: TEST_BOT_USER_ID,
      LOG_LEVEL: 'error',
    });
    delete process.env.SLACK_SECRET_ARN;
    const { handler } = (await import('../functions/ingress/index.js')) as { handler: IngressHandler };
    const sim = new SlackSim(handler, slack);
    const table = connectTable({ tableName, region: 'local', dynamoDbEndpoint: dynamo.endpoint });
    const stream = await openStreamReader({ endpoint: dynamo.endpoint, tableName, from: 'TRIM_HORIZON' });
    const refresher = createRefresherHandler({
      deps: slackRefresherDeps(
        createStores(table),
        new WebClient(TEST_BOT_TOKEN, { slackApiUrl: slack.url }),
        TEST_BOT_USER_ID,
        recordingScheduler(),
      ),
      logger: createLogger({ level: 'error' }),
    });
    const refresh = async () => refresher({ Records: await stream.read() });

    // A hackathon with 40 topic cards.
    const channel = 'C0BENCH01';
    await sim.command('U0ORG', channel, 'setup');
    await sim.submit('U0ORG', sim.lastOpenedView(), {
      name: 'Bench',
      startDate: '2026-11-23',
      endDate: '2026-11-27',
      timeZone: 'Europe/Berlin',
    });
    for (let i = 1; i <= 40; i++) {
      await sim.command('U0ORG', channel, 'propose');
      await sim.submit('U0ORG', sim.lastOpenedView(), { title: `Bench topic ${i}`, category: 'Core' });
    }
    await refresh();
    const stores = createStores(table);
    const hackathon = await stores.hackathons.findActiveByChannel(sim.teamId, channel);
    const topics = (await stores.topics.list(String(hackathon?.id))).sort((a, b) => a.number - b.number);
    const cards: ReactionTarget[] = topics.map((t) => ({
      channel,
      ts: String(t.card?.ts),
      itemUser: TEST_BOT_USER_ID,
    }));

    const plan = planBurst(cards);
    const started = performance.now();
    const durations = await runConcurrently(plan.deliveries, 32, async (d) => {
      await deliver(sim, d);
    });
    const seconds = (performance.now() - started) / 1000;
    const after = (await stores.topics.list(String(hackathon?.id))).sort((a, b) => a.number - b.number);
    const exact =
      JSON.stringify(after.map((t) => ({ votes: t.voteCount, interest: t.interestCount }))) ===
      JSON.stringify(plan.expected);
    const updatesBefore = slack.callsTo('chat.update').length;
    await refresh();
    const chatUpdates = slack.callsTo('chat.update').length - updatesBefore;

    // Warm single votes, one at a time, on one card.
    const card = cards[0] as ReactionTarget;
    const warm: number[] = [];
    for (let i = 0; i < warmRuns + 50; i++) {
      const startedOne = performance.now();
      await sim.react(`U0WARM${i}`, {
        ...card,
        reaction: 'arrow_up',
        added: true,
        eventTs: `${1_800_000_000 + i}.000100`,
      });
      if (i >= 50) warm.push(performance.now() - startedOne);
    }
    stream.close();
    return {
      burst: {
        events: plan.deliveries.length,
        concurrency: 32,
        seconds,
        eventsPerSecond: plan.deliveries.length / seconds,
        handlerMsP50: percentile(durations, 50),
        handlerMsP99: percentile(durations, 99),
        exact,
        chatUpdates,
      },
      warmVote: { runs: warm.length, msP50: percentile(warm, 50), msP99: percentile(warm, 99) },
    };
  } finally {
    await slack.close();
    await dynamo.stop();
  }
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}
