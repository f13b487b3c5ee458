import { topicActionValue } from '../functions/slack/views/topic-card.js';
import { percentile } from './cold-load.js';
import { type BenchEnvironment, seedHackathon } from './environment.js';

interface Kind {
  listener: string;
  /** Untimed preparation (opening the modal a submission needs). */
  prepare?: () => Promise<unknown>;
  request: (i: number, prepared: unknown) => Promise<unknown>;
}

export interface ListenerFigures {
  listener: string;
  runs: number;
  msP50: number;
  msP99: number;
  /** Slack Web API calls made per request, on average (each waits the stand-in's delay). */
  slackCallsPerRequest: number;
}

/**
 * Warm handler time for each kind of request the ingress serves, one at a time, through the real ingress
 * (signed requests, DynamoDB Local, the Slack stand-in answering after its delay). `warmup` requests of each
 * kind are run first and not counted.
 */
export async function benchListeners(
  env: BenchEnvironment,
  { runs = 300, warmup = 30 } = {},
): Promise<ListenerFigures[]> {
  const { sim, slack } = env;
  const { channel, topics, cards } = await seedHackathon(env, 'C0WARM001', 3);
  const card = cards[0];
  const topic = topics[1];
  if (!card || !topic) throw new Error('seeding failed');
  const cardTs = String(topic.card?.ts);

  const vote = (i: number) => ({
    ...card,
    reaction: 'arrow_up',
    added: true,
    eventTs: `${1_800_000_000 + i}.000100`,
  });
  const kinds: Kind[] = [
    { listener: 'vote (reaction_added event)', request: (i) => sim.react(`U0VOTE${i}`, vote(i)) },
    { listener: 'command, no Slack call (/htg help)', request: () => sim.command('U0ORG', channel, 'help') },
    {
      listener: 'command, reads the table (/htg my-votes)',
      request: (i) => sim.command(`U0VOTE${i}`, channel, 'my-votes'),
    },
    {
      listener: 'button (Join team on a card)',
      request: (i) => sim.click(`U0JOIN${i}`, channel, cardTs, 'topic_join', topicActionValue(topic)),
    },
    {
      listener: 'modal submission (propose a topic)',
      // The modal is opened (views.open) before the clock starts: only the submission is measured.
      prepare: async () => {
        await sim.command('U0ORG', channel, 'propose');
        return sim.lastOpenedView();
      },
      request: (i, view) =>
        sim.submit('U0ORG', view as never, { title: `Warm topic ${i}`, category: 'Core' }),
    },
  ];

  const figures: ListenerFigures[] = [];
  for (const kind of kinds) {
    const durations: number[] = [];
    let slackCalls = 0;
    for (let i = 0; i < warmup + runs; i++) {
      const prepared = await kind.prepare?.();
      const callsBefore = slack.calls.length;
      const started = performance.now();
      await kind.request(i, prepared);
      const ms = performance.now() - started;
      if (i >= warmup) {
        durations.push(ms);
        slackCalls += slack.calls.length - callsBefore;
      }
    }
    figures.push({
      listener: kind.listener,
      runs,
      msP50: percentile(durations, 50),
      msP99: percentile(durations, 99),
      slackCallsPerRequest: slackCalls / runs,
    });
  }
  return figures;
}
