import { topicActionValue } from '../functions/slack/views/topic-card.js';
import { percentile } from './cold-load.js';
import { type BenchEnvironment, seedHackathon } from './environment.js';

/** People voting in the warm-vote measurement, as many as a large Hack The Garden. */
const PEOPLE = 60;

interface Kind {
  listener: string;
  /** Requests run first and not counted (default: the bench's warm-up). */
  warmup?: number;
  /** Untimed preparation (opening the modal a submission needs). */
  prepare?: () => Promise<unknown>;
  /** Untimed, once before the kind's requests. */
  before?: () => Promise<void>;
  request: (i: number, prepared: unknown) => Promise<unknown>;
}

export interface ListenerFigures {
  listener: string;
  runs: number;
  msP50: number;
  msP99: number;
  /** Slack Web API calls made per request, on average (each waits the stand-in's delay). */
  slackCallsPerRequest: number;
  /** Of those, calls Slack (the stand-in's rules: rate limits) refused, in all. */
  slackRefused: number;
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
    {
      listener: 'vote by someone new to the container (asks Slack users.info)',
      request: (i) => sim.react(`U0VOTE${i}`, vote(1_000_000 + i)),
    },
    {
      listener: 'vote, warm (60 people known to the container, adding and removing)',
      // The first round (each person's first vote: htg asks Slack whether they are a bot) is the warm-up. The
      // kind before used up users.info's minute (Tier 4, 100 a minute): wait it out on the Slack clock, so that
      // the warm-up gets answers, as it would in a workspace.
      before: () => env.pacingClock.sleep(62_000),
      warmup: PEOPLE,
      request: (i) =>
        sim.react(`U0KNOWN${i % PEOPLE}`, { ...vote(i), added: Math.floor(i / PEOPLE) % 2 === 0 }),
    },
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
    let slackRefused = 0;
    const skip = kind.warmup ?? warmup;
    await kind.before?.();
    for (let i = 0; i < skip + runs; i++) {
      const prepared = await kind.prepare?.();
      const callsBefore = slack.calls.length;
      const started = performance.now();
      await kind.request(i, prepared);
      const ms = performance.now() - started;
      if (i >= skip) {
        durations.push(ms);
        const made = slack.calls.slice(callsBefore);
        slackCalls += made.length;
        slackRefused += made.filter((call) => call.refused !== undefined).length;
      }
    }
    figures.push({
      listener: kind.listener,
      runs,
      msP50: percentile(durations, 50),
      msP99: percentile(durations, 99),
      slackCallsPerRequest: slackCalls / runs,
      slackRefused,
    });
  }
  return figures;
}
