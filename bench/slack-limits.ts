import type { Topic } from '../functions/domain/topic.js';
import { rateLimitedCount } from '../functions/local/dev/slack-rules/rate-limits.js';
import { runVotingMeeting } from '../functions/local/dev/voting-meeting.js';
import { type BenchEnvironment, seedHackathon } from './environment.js';

export interface MeetingFigures {
  reactions: number;
  exact: boolean;
  lagSeconds: number;
  updatesInBusiestMinute: number;
  rateLimited: number;
}

/**
 * The voting meeting of issue 16: 30 people, 25 cards, 5 reactions a second for a minute (on the Slack clock),
 * the refresher running as on the stream; how long after the last reaction the last card showed its final
 * count, chat.update calls in the busiest minute, and 429s.
 */
export async function benchMeeting(env: BenchEnvironment): Promise<MeetingFigures> {
  const { hackathonId, cards } = await seedHackathon(env, 'C0MEETING', 25);
  const people = Array.from({ length: 30 }, (_, i) => `U0MEET${String(i).padStart(3, '0')}`);
  const result = await runVotingMeeting(
    {
      ...env,
      hackathon: (id) => env.stores.hackathons.get(id),
      topics: (id) => env.stores.topics.list(id),
    },
    env.sim,
    { hackathonId, cards, people },
  );
  return {
    reactions: result.reactions,
    exact:
      result.exactCards === cards.length &&
      JSON.stringify(result.counted) === JSON.stringify(result.expected),
    lagSeconds: result.lagSeconds,
    updatesInBusiestMinute: result.updatesInBusiestMinute,
    rateLimited: result.rateLimited,
  };
}

export interface BigWeekFigures {
  topics: number;
  /** Messages the wrap-up posted in the channel (highlights, replies and their parts). */
  messages: number;
  /** Seconds on the Slack clock from the wrap-up's first message to its files. */
  seconds: number;
  /** The fewest seconds Slack allows for that many messages in one channel (one a second after a burst). */
  physicalSeconds: number;
  /** Topics without their reply in the thread. */
  partsDropped: number;
  rateLimited: number;
}

/**
 * The big week's wrap-up: 60 topics worked on, each with a long outcome, wrapped up in one channel; how long
 * posting it all takes against Slack's one message a second in a channel, and whether any part was dropped.
 */
export async function benchBigWeek(env: BenchEnvironment): Promise<BigWeekFigures> {
  const channel = 'C0BIGWEEK';
  const { hackathonId } = await seedHackathon(env, channel, 60);
  const long =
    'The team got the extension to reconcile shoots end to end and wrote down what is left. '.repeat(12);
  for (const topic of await env.stores.topics.list(hackathonId)) {
    await env.stores.topics.setStatus(topic, 'in_progress', null, 'U0ORG', new Date().toISOString());
    const fresh = (await env.stores.topics.get(hackathonId, topic.number)) as Topic;
    const now = new Date().toISOString();
    await env.stores.topics.setOutcome(
      fresh,
      {
        problem: long,
        motivation: long,
        achievements: long,
        nextSteps: long,
        code: [`https://github.com/gardener/gardener/pull/${topic.number}`],
        outcome: long,
        contributors: ['U0ORG'],
        highlight: `Topic ${topic.number} works end to end`,
        emoji: null,
        updatedBy: 'U0ORG',
        updatedAt: now,
      },
      null,
    );
  }
  await env.refresh();
  const before = env.slack.calls.length;
  const limitedBefore = rateLimitedCount(env.slack.world);
  await env.sim.command('U0ORG', channel, 'wrapup');
  await env.refresh();
  const calls = env.slack.calls.slice(before);
  const posts = calls.filter(
    (c) => c.method === 'chat.postMessage' && c.args.channel === channel && c.answer?.ok,
  );
  const files = calls.find((c) => c.method === 'files.completeUploadExternal');
  const hackathon = await env.stores.hackathons.get(hackathonId);
  const replies = Object.keys(hackathon?.wrapUp?.replies ?? {}).length;
  const first = posts[0]?.at ?? 0;
  return {
    topics: 60,
    messages: posts.length,
    seconds: ((files?.at ?? posts.at(-1)?.at ?? first) - first) / 1000,
    // A burst of 10 (the stand-in's), then one a second.
    physicalSeconds: Math.max(0, posts.length - 10),
    partsDropped: 60 - replies,
    rateLimited: rateLimitedCount(env.slack.world) - limitedBefore,
  };
}
