import type { PacingClock } from '../../app/ports/clock.js';
import type { Hackathon } from '../../domain/hackathon.js';
import type { Topic } from '../../domain/topic.js';
import { topicCard } from '../../slack/views/topic-card.js';
import { rateLimitedCount } from './slack-rules/rate-limits.js';
import type { ReactionTarget, SlackSim } from './slack-sim.js';
import type { SlackStandIn } from './slack-stand-in.js';

/** What a meeting runs against: the test harness, or the bench's environment. */
export interface MeetingWorld {
  pacingClock: PacingClock;
  slack: SlackStandIn;
  /** Runs the refresher on what the table's stream recorded (and its continuations). */
  refresh(): Promise<unknown>;
  hackathon(hackathonId: string): Promise<Hackathon | null>;
  topics(hackathonId: string): Promise<Topic[]>;
}

/** What a voting meeting came to: the ground truth, and how the cards and Slack fared. */
export interface MeetingResult {
  reactions: number;
  /** Votes per card at the end, as planned (ground truth). */
  expected: number[];
  /** Votes per card as the table counts them. */
  counted: number[];
  /** Cards whose last update shows the topic as it is. */
  exactCards: number;
  /** Seconds (on the Slack clock) from the last reaction until the last card showed its final count. */
  lagSeconds: number;
  /** chat.update calls in the busiest minute of the meeting and after it. */
  updatesInBusiestMinute: number;
  /** 429s Slack (the stand-in) answered while the meeting ran. */
  rateLimited: number;
}

/**
 * A voting meeting, as in a hackathon's kick-off: `people` react on `cards` with the vote emoji at about
 * `perSecond` reactions a second for `seconds` (on the Slack clock), adding votes and sometimes taking them back,
 * while the card refresher runs as Lambda would on the table's stream (polled every 250 ms). Resolves when every
 * card shows its final count, or after two minutes past the last reaction.
 */
export async function runVotingMeeting(
  harness: MeetingWorld,
  slack: SlackSim,
  {
    hackathonId,
    cards,
    people,
    perSecond = 5,
    seconds = 60,
    seed = 11,
  }: {
    hackathonId: string;
    cards: readonly ReactionTarget[];
    people: readonly string[];
    perSecond?: number;
    seconds?: number;
    seed?: number;
  },
): Promise<MeetingResult> {
  const clock = harness.pacingClock;
  let state = seed;
  const random = () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
  const voted = cards.map(() => new Set<string>());
  const rateLimitedBefore = rateLimitedCount(harness.slack.world);
  const updatesBefore = harness.slack.callsTo('chat.update').length;
  const started = clock.now();
  let lastReactionAt = Number.POSITIVE_INFINITY;
  let reactions = 0;
  const react = async () => {
    const total = Math.round(perSecond * seconds);
    for (let i = 0; i < total; i++) {
      const due = started + (i * 1000) / perSecond;
      const wait = due - clock.now();
      if (wait > 0) await clock.sleep(wait);
      const card = Math.floor(random() * cards.length);
      const person = people[Math.floor(random() * people.length)] as string;
      const votes = voted[card] as Set<string>;
      const added = !votes.has(person) || random() < 0.2 ? !votes.has(person) : false;
      if (added) votes.add(person);
      else votes.delete(person);
      await slack.react(person, {
        ...(cards[card] as ReactionTarget),
        reaction: 'arrow_up',
        added,
        eventTs: `${Math.floor(clock.now() / 1000)}.${String(i).padStart(6, '0')}`,
      });
      reactions++;
    }
    lastReactionAt = clock.now();
  };
  const exact = async (): Promise<number> => {
    const hackathon = await harness.hackathon(hackathonId);
    const topics = await harness.topics(hackathonId);
    if (!hackathon) return 0;
    let count = 0;
    for (const target of cards) {
      const topic = topics.find((t) => t.card?.ts === target.ts);
      const last = harness.slack.calls
        .filter((c) => (c.method === 'chat.update' || c.method === 'chat.postMessage') && c.answer?.ok)
        .filter((c) => c.args.ts === target.ts || c.answer?.ts === target.ts)
        .at(-1);
      if (!topic || !last) continue;
      const shown = JSON.parse(String(last.args.blocks ?? '[]'));
      if (JSON.stringify(shown) === JSON.stringify(topicCard(hackathon, topic).blocks)) count++;
    }
    return count;
  };
  let exactCards = 0;
  const refresh = async () => {
    for (;;) {
      await harness.refresh();
      if (clock.now() > lastReactionAt) {
        exactCards = await exact();
        if (exactCards === cards.length || clock.now() > lastReactionAt + 120_000) return;
      }
      await clock.sleep(250);
    }
  };
  await Promise.all([react(), refresh()]);
  const updates = harness.slack.callsTo('chat.update').slice(updatesBefore);
  const lastCardUpdate = Math.max(
    lastReactionAt,
    ...updates.filter((c) => cards.some((card) => card.ts === c.args.ts)).map((c) => c.at),
  );
  let busiest = 0;
  for (const call of updates)
    busiest = Math.max(busiest, updates.filter((c) => c.at >= call.at && c.at < call.at + 60_000).length);
  const topics = await harness.topics(hackathonId);
  return {
    reactions,
    expected: voted.map((votes) => votes.size),
    counted: cards.map((card) => Number(topics.find((t) => t.card?.ts === card.ts)?.voteCount ?? -1)),
    exactCards,
    lagSeconds: (lastCardUpdate - lastReactionAt) / 1000,
    updatesInBusiestMinute: busiest,
    rateLimited: rateLimitedCount(harness.slack.world) - rateLimitedBefore,
  };
}
