import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStores } from '../../functions/adapters/dynamodb/stores.js';
import { rateLimitedCount } from '../../functions/local/dev/slack-rules/rate-limits.js';
import type { SlackSim } from '../../functions/local/dev/slack-sim.js';
import { runVotingMeeting } from '../../functions/local/dev/voting-meeting.js';
import { hackathonWithCards } from '../helpers/hackathon-setup.js';
import { EXACT_CLOCK_SPEED, type IngressHarness, startIngressSuite } from '../helpers/ingress-harness.js';

/**
 * Slack's rate limits (the stand-in enforces them on a clock five times as fast, `EXACT_CLOCK_SPEED`): htg paces its calls so that
 * Slack never has to refuse them, and a 429 that still comes holds only calls of that method.
 */
let harness: IngressHarness;
let slack: SlackSim;
const ORGANIZER = 'U0ORGANIZE';

beforeAll(async () => {
  ({ harness, slack } = await startIngressSuite('ratelimits', { clockSpeed: EXACT_CLOCK_SPEED }));
});
afterAll(async () => {
  await harness?.close();
});

describe('a voting meeting', () => {
  it('30 people, 25 cards, 5 reactions a second for a minute: every card exact within 30 s, no 429', async () => {
    const titles = Array.from({ length: 25 }, (_, i) => `Meeting topic ${i + 1}`);
    const { hackathonId, cards } = await hackathonWithCards(harness, slack, ORGANIZER, titles);
    const people = Array.from({ length: 30 }, (_, i) => `U0MEET${String(i).padStart(3, '0')}`);
    const stores = createStores(harness.table);
    const world = {
      ...harness,
      hackathon: (id: string) => stores.hackathons.get(id),
      topics: (id: string) => stores.topics.list(id),
    };
    const result = await runVotingMeeting(world, slack, { hackathonId, cards, people });
    expect(result.reactions).toBe(300);
    expect(result.counted).toEqual(result.expected);
    expect(result.exactCards).toBe(25);
    expect(result.rateLimited).toBe(0);
    // The issue asks for 30 s; cards leave room in the limit while they change (BUSY_CARDS_KEEP): about 8 s.
    expect(result.lagSeconds).toBeLessThanOrEqual(20);
    // Within chat.update's Tier 3 (50 a minute), and cards were updated all along, not only at the end.
    expect(result.updatesInBusiestMinute).toBeLessThanOrEqual(50);
    expect(result.updatesInBusiestMinute).toBeGreaterThan(25);
  }, 120_000);
});

describe('a 429 that still comes', () => {
  it('holds only the method Slack refused: new cards are posted while chat.update waits', async () => {
    const { channel, hackathonId } = await hackathonWithCards(harness, slack, ORGANIZER, ['First']);
    const before = harness.slack.calls.length;
    // Another process used chat.update's budget: Slack refuses the next ones for 20 s (on its clock).
    harness.slack.rateLimit('chat.update', 1, 20);
    await slack.command(ORGANIZER, channel, 'settings');
    await slack.submit(ORGANIZER, slack.lastOpenedView(), { voteEmoji: 'star' });
    await slack.command(ORGANIZER, channel, 'propose');
    await slack.submit(ORGANIZER, slack.lastOpenedView(), { title: 'Second', category: 'Core' });
    const started = harness.pacingClock.now();
    expect(await harness.refresh()).toEqual({ batchItemFailures: [] });
    const calls = harness.slack.calls.slice(before);
    const refused = calls.findIndex((c) => c.method === 'chat.update' && c.answer === undefined);
    const posted = calls.findIndex((c) => c.method === 'chat.postMessage' && c.answer?.ok);
    expect(refused).toBeGreaterThanOrEqual(0);
    // The new card went while the refused update was held, not after it.
    const postedAt = calls[posted]?.at ?? Number.POSITIVE_INFINITY;
    expect(postedAt - started).toBeLessThan(20_000);
    // The held card was brought up to date after Slack's Retry-After.
    const topics = (await harness.entities('topic')).filter((t) => t.hackathonId === hackathonId);
    expect(topics.every((t) => t.card)).toBe(true);
    const firstCard = topics.find((t) => t.number === 1)?.card as { ts: string };
    const lastUpdate = calls.filter((c) => c.method === 'chat.update' && c.args.ts === firstCard.ts).at(-1);
    expect(lastUpdate?.answer?.ok).toBe(true);
    expect(String(lastUpdate?.args.blocks)).toContain(':star:');
  }, 60_000);

  it('answers no 429 in the suite beyond the one it was told to give', () => {
    // The stand-in's own limits (not `rateLimit`) refused nothing htg sent.
    expect(rateLimitedCount(harness.slack.world)).toBe(0);
  });
});
