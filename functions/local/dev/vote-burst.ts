import type { ReactionTarget, SlackSim } from './slack-sim.js';

/** One Events API delivery of a reaction. */
export interface ReactionDelivery {
  user: string;
  card: ReactionTarget;
  reaction: string;
  added: boolean;
  eventTs: string;
  eventId: string;
  retryNum?: number;
}

export interface BurstPlan {
  deliveries: ReactionDelivery[];
  /** The counts each card must end with: what the people last did, whatever the delivery order. */
  expected: Array<{ votes: number; interest: number }>;
  activeRecords: number;
}

/**
 * The voting-issue burst: `events` reaction deliveries over the cards by `users` people, of which 10 % are
 * later removals and 10 % redeliveries of earlier events, shuffled (a removal may arrive before its add).
 * Deterministic for a seed, so the test and the benchmark run the same traffic.
 */
export function planBurst(
  cards: readonly ReactionTarget[],
  { events = 2000, users = 60, seed = 42, startTs = 1_790_000_000 } = {},
): BurstPlan {
  let state = seed;
  const random = () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
  let ts = startTs;
  const people = Array.from({ length: users }, (_, i) => `U0BURST${i}`);
  const removals = Math.round(events * 0.1);
  const redeliveries = Math.round(events * 0.1);
  const adds = events - removals - redeliveries;
  if (adds > users * cards.length * 2)
    throw new Error(
      `planBurst: ${adds} distinct reactions cannot come from ${users} people on ${cards.length} cards`,
    );
  const deliveries: ReactionDelivery[] = [];
  const on = new Map<string, boolean>();
  const key = (d: Pick<ReactionDelivery, 'user' | 'card' | 'reaction'>) =>
    `${d.user}|${d.card.ts}|${d.reaction}`;
  while (on.size < adds) {
    const user = people[Math.floor(random() * people.length)] as string;
    const card = cards[Math.floor(random() * cards.length)] as ReactionTarget;
    const reaction = random() < 0.7 ? 'arrow_up' : 'rocket';
    if (on.has(key({ user, card, reaction }))) continue;
    on.set(key({ user, card, reaction }), true);
    deliveries.push({
      user,
      card,
      reaction,
      added: true,
      eventTs: `${++ts}.000100`,
      eventId: `EvB${deliveries.length}`,
    });
  }
  for (const add of deliveries.slice(0, removals)) {
    on.set(key(add), false);
    deliveries.push({ ...add, added: false, eventTs: `${++ts}.000100`, eventId: `EvB${deliveries.length}` });
  }
  for (const original of deliveries.slice(0, redeliveries)) deliveries.push({ ...original, retryNum: 1 });
  // Fisher–Yates with the seeded generator.
  for (let i = deliveries.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [deliveries[i], deliveries[j]] = [deliveries[j] as ReactionDelivery, deliveries[i] as ReactionDelivery];
  }
  const expected = cards.map((card) => {
    const live = [...on]
      .filter(([k, active]) => active && k.split('|')[1] === card.ts)
      .map(([k]) => k.split('|')[2]);
    return {
      votes: live.filter((r) => r === 'arrow_up').length,
      interest: live.filter((r) => r === 'rocket').length,
    };
  });
  return { deliveries, expected, activeRecords: [...on.values()].filter(Boolean).length };
}

/** Runs `work` over `items` with at most `concurrency` in flight; returns each item's duration in ms. */
export async function runConcurrently<T>(
  items: readonly T[],
  concurrency: number,
  work: (item: T) => Promise<void>,
): Promise<number[]> {
  const durations: number[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < items.length) {
        const item = items[next++] as T;
        const started = performance.now();
        await work(item);
        durations.push(performance.now() - started);
      }
    }),
  );
  return durations;
}

/** Sends one planned delivery through the simulated Slack. */
export function deliver(sim: SlackSim, d: ReactionDelivery): Promise<number | undefined> {
  return sim.react(d.user, {
    ...d.card,
    reaction: d.reaction,
    added: d.added,
    eventTs: d.eventTs,
    eventId: d.eventId,
    retryNum: d.retryNum,
  });
}
