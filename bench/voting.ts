import type { ReactionTarget } from '../functions/local/dev/slack-sim.js';
import { deliver, planBurst, runConcurrently } from '../functions/local/dev/vote-burst.js';
import { percentile } from './cold-load.js';
import { type BenchEnvironment, seedHackathon } from './environment.js';

export interface BurstFigures {
  events: number;
  concurrency: number;
  seconds: number;
  eventsPerSecond: number;
  handlerMsP50: number;
  handlerMsP99: number;
  exact: boolean;
  chatUpdates: number;
}

/**
 * The voting issue's burst: 2,000 reaction events (40 topics, 60 people, concurrency 32, 10 % redelivered,
 * 10 % removals) through the real ingress on DynamoDB Local; then the refresher's card updates.
 */
export async function benchBurst(env: BenchEnvironment): Promise<BurstFigures> {
  const { sim, stores, slack } = env;
  const { hackathonId, cards } = await seedHackathon(env, 'C0BURST01', 40);
  const plan = planBurst(cards as ReactionTarget[]);
  const started = performance.now();
  const durations = await runConcurrently(plan.deliveries, 32, async (d) => {
    await deliver(sim, d);
  });
  const seconds = (performance.now() - started) / 1000;
  const after = (await stores.topics.list(hackathonId)).sort((a, b) => a.number - b.number);
  const exact =
    JSON.stringify(after.map((t) => ({ votes: t.voteCount, interest: t.interestCount }))) ===
    JSON.stringify(plan.expected);
  const updatesBefore = slack.callsTo('chat.update').length;
  await env.refresh();
  return {
    events: plan.deliveries.length,
    concurrency: 32,
    seconds,
    eventsPerSecond: plan.deliveries.length / seconds,
    handlerMsP50: percentile(durations, 50),
    handlerMsP99: percentile(durations, 99),
    exact,
    chatUpdates: slack.callsTo('chat.update').length - updatesBefore,
  };
}
