import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rateLimitedCount } from '../../functions/local/dev/slack-rules/rate-limits.js';
import type { SlackSim } from '../../functions/local/dev/slack-sim.js';
import { setUpHackathon } from '../helpers/hackathon-setup.js';
import { EXACT_CLOCK_SPEED, type IngressHarness, startIngressSuite } from '../helpers/ingress-harness.js';

/**
 * Long jobs under Slack's rate limits (the strict stand-in, on a clock five times as fast, `EXACT_CLOCK_SPEED`): an import of 100
 * topics posts 100 cards at about one a second, the recount at close reads 100 cards with reactions.get (Tier 3,
 * 50 a minute), the wrap-up of 60 topics posts 60 thread replies. Each is far longer than one invocation's slice
 * (10 s of waiting), so each goes on in continuation jobs: every part posted exactly once, no batch failure
 * (nothing towards the dead-letter queue), no 429.
 */
let harness: IngressHarness;
let slack: SlackSim;
const ORGANIZER = 'U0ORGANIZE';
let channel: string;
let hackathonId: string;

const jobs = async (kind: string) =>
  (await harness.entities('job')).filter((j) => j.hackathonId === hackathonId && j.kind === kind);

beforeAll(async () => {
  ({ harness, slack } = await startIngressSuite('longjobs', { clockSpeed: EXACT_CLOCK_SPEED }));
  ({ channel } = await setUpHackathon(slack, ORGANIZER));
  hackathonId = String((await harness.hackathonIn(channel))?.id);
  expect(await harness.refresh()).toEqual({ batchItemFailures: [] });
});
afterAll(async () => {
  await harness?.close();
});

describe('long jobs checkpoint and go on in the next invocation', () => {
  it('imports 100 topics: 100 cards, each posted once', async () => {
    const markdown = ['### Core', ...Array.from({ length: 100 }, (_, i) => `- Imported topic ${i + 1}`)].join(
      '\n',
    );
    await slack.command(ORGANIZER, channel, 'import');
    const preview = await slack.submit(ORGANIZER, slack.lastOpenedView(), { markdown });
    await slack.submit(ORGANIZER, preview.reply?.view as Record<string, unknown>);
    const before = harness.slack.callsTo('chat.postMessage').length;
    expect(await harness.refresh()).toEqual({ batchItemFailures: [] });
    const topics = (await harness.entities('topic')).filter((t) => t.hackathonId === hackathonId);
    expect(topics).toHaveLength(100);
    expect(topics.every((t) => t.card)).toBe(true);
    const cardPosts = harness.slack
      .callsTo('chat.postMessage')
      .slice(before)
      .filter((c) => c.answer?.ok && /Imported topic \d+/.test(String(c.args.text)));
    expect(cardPosts).toHaveLength(100);
    expect(new Set(cardPosts.map((c) => /Imported topic (\d+)/.exec(String(c.args.text))?.[1])).size).toBe(
      100,
    );
    // It took more than one invocation, each handing on to the next.
    expect((await jobs('refresh-cards')).length).toBeGreaterThan(1);
    // At about one a second: 100 posts take at least 90 s on Slack's clock.
    const span = (cardPosts.at(-1)?.at ?? 0) - (cardPosts[0]?.at ?? 0);
    expect(span).toBeGreaterThan(90_000);
  }, 120_000);

  it('recounts 100 cards at close: each card read once, over several invocations, and one report', async () => {
    const before = harness.slack.callsTo('reactions.get').length;
    await slack.command(ORGANIZER, channel, 'close-voting');
    expect(await harness.refresh()).toEqual({ batchItemFailures: [] });
    const reads = harness.slack.callsTo('reactions.get').slice(before);
    expect(reads.filter((c) => c.answer?.ok)).toHaveLength(100);
    expect(new Set(reads.map((c) => c.args.timestamp)).size).toBe(100);
    const rounds = (await jobs('reconcile-reactions')).map((j) => Number(j.round ?? 0));
    expect(Math.max(...rounds)).toBeGreaterThan(0);
    // The ranking is posted once, when the recount is complete.
    const rankings = harness.slack
      .callsTo('chat.postMessage')
      .filter((c) => c.args.channel === channel && /rank/i.test(String(c.args.text)));
    expect(rankings.length).toBeLessThanOrEqual(1);
  }, 120_000);

  it('wraps up 60 topics: the highlights, 60 replies and the files, each once', async () => {
    for (let number = 1; number <= 60; number++)
      await slack.command(ORGANIZER, channel, `status #${number} in-progress`);
    expect(await harness.refresh()).toEqual({ batchItemFailures: [] });
    const before = harness.slack.calls.length;
    await slack.command(ORGANIZER, channel, 'wrapup');
    expect(await harness.refresh()).toEqual({ batchItemFailures: [] });
    const hackathon = (await harness.entities('hackathon')).find((h) => h.id === hackathonId);
    const wrapUp = hackathon?.wrapUp as { ts: string; replies: Record<string, string>; files?: boolean };
    expect(Object.keys(wrapUp.replies)).toHaveLength(60);
    expect(wrapUp.files).toBeTruthy();
    const calls = harness.slack.calls.slice(before);
    const replies = calls.filter(
      (c) => c.method === 'chat.postMessage' && c.args.thread_ts === wrapUp.ts && c.answer?.ok,
    );
    // Each topic's reply once (a long one may take several messages, none twice).
    expect(new Set(replies.map((c) => String(c.args.text))).size).toBe(replies.length);
    expect(replies.length).toBeGreaterThanOrEqual(60);
    expect(calls.filter((c) => c.method === 'files.completeUploadExternal')).toHaveLength(1);
    const highlights = calls.filter(
      (c) => c.method === 'chat.postMessage' && !c.args.thread_ts && /Highlights/.test(String(c.args.text)),
    );
    expect(highlights).toHaveLength(1);
    expect(Math.max(...(await jobs('wrap-up')).map((j) => Number(j.round ?? 0)))).toBeGreaterThan(0);
  }, 180_000);

  it('got no 429 from Slack on the way', () => {
    expect(rateLimitedCount(harness.slack.world)).toBe(0);
  });
});
