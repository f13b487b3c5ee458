import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStores } from '../../functions/adapters/dynamodb/stores.js';
import type { SlackSim } from '../../functions/local/dev/slack-sim.js';
import type { RecordedCall } from '../../functions/local/dev/slack-stand-in.js';
import { aTopicDraft } from '../helpers/builders.js';
import { setUpHackathon } from '../helpers/hackathon-setup.js';
import { type IngressHarness, startIngressSuite } from '../helpers/ingress-harness.js';

/**
 * A big week against the strict stand-in, which refuses what Slack refuses (more than 50 blocks, more than about
 * 12,000 characters of block text in a message: `msg_blocks_too_long`): the daily summary of 30 staffed topics
 * with 1,000-character check-ins, a board of 40 topics, and a wrap-up of 60 topics with long outcomes are each
 * posted in parts, every part accepted and nothing a person wrote missing.
 */
let harness: IngressHarness;
let slack: SlackSim;
const ORGANIZER = 'U0ORGANIZE';
type Json = Record<string, unknown>;

beforeAll(async () => {
  ({ harness, slack } = await startIngressSuite('e2e-big-week'));
});
afterAll(async () => {
  await harness?.close();
});

/** Words of plain text (nothing mrkdwn escapes), unique to `tag`, `length` characters long. */
const prose = (tag: string, length: number) => {
  let text = `${tag}:`;
  for (let i = 0; text.length < length; i++) text += ` ${tag}w${i}`;
  return text.slice(0, length).trimEnd();
};

/** A hackathon in November with `count` staffed topics (teams of four, ten long links each), in progress. */
async function staffedHackathon(count: number, extra: (number: number) => Json = () => ({})) {
  harness.setNow(new Date('2026-11-20T08:00:00Z'));
  const { channel } = await setUpHackathon(slack, ORGANIZER, {
    answers: { startDate: '2026-11-23', endDate: '2026-11-27', timeZone: 'Europe/Berlin' },
  });
  const hackathonId = String((await harness.hackathonIn(channel))?.id);
  await createStores(harness.table).topics.createMany(
    hackathonId,
    Array.from({ length: count }, (_, i) =>
      aTopicDraft({ title: `Topic ${i + 1}: ${'a long and descriptive title '.repeat(4)}`.slice(0, 150) }),
    ),
    ORGANIZER,
    '2026-11-20T08:00:00.000Z',
  );
  for (let number = 1; number <= count; number++) {
    const values: Json = {
      ':members': new Set([1, 2, 3, 4].map((m) => `U0M${number}X${m}`)),
      ':four': 4,
      ':links': Array.from(
        { length: 10 },
        (_, l) =>
          `https://github.com/gardener/gardener-extension-provider-openstack/pull/${number}${l}?diff=split`,
      ),
      ':status': 'in_progress',
      ...Object.fromEntries(Object.entries(extra(number)).map(([k, v]) => [`:${k}`, v])),
    };
    const sets = Object.keys(values)
      .filter((k) => !['members', 'four', 'links', 'status'].includes(k.slice(1)))
      .map((k) => `${k.slice(1)} = ${k}`);
    await harness.table.documents.send(
      new UpdateCommand({
        TableName: harness.table.tableName,
        Key: { pk: `HACKATHON#${hackathonId}`, sk: `TOPIC#${String(number).padStart(5, '0')}` },
        UpdateExpression: [
          'SET members = :members, memberCount = :four, links = :links, #status = :status',
          ...sets,
        ].join(', '),
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: values,
      }),
    );
  }
  return { channel, hackathonId };
}

/**
 * Runs the refresher until `done` holds: work paced to Slack's limits (one post a second in a channel) goes on
 * in continuations, a few invocations per `refresh()`. Each round must succeed.
 */
async function refreshUntil(done: () => Promise<boolean>) {
  for (let round = 0; round < 30; round++) {
    expect(await harness.refresh()).toEqual({ batchItemFailures: [] });
    if (await done()) return;
  }
  throw new Error(`the refresher did not finish in 30 rounds (${harness.slack.calls.length} calls)`);
}

/** The text of every block of a call (sections, contexts, headers), as posted. */
const blockTexts = (call: RecordedCall) => {
  const walk = (value: unknown): string[] =>
    Array.isArray(value)
      ? value.flatMap(walk)
      : value && typeof value === 'object'
        ? Object.entries(value).flatMap(([k, v]) => (k === 'text' && typeof v === 'string' ? [v] : walk(v)))
        : [];
  return walk(JSON.parse(String(call.args.blocks ?? '[]')));
};

/** A message and its thread replies in a channel, posted since `from`. */
const threadOf = (channel: string, from: number, first: (call: RecordedCall) => boolean) => {
  const posts = harness.slack.calls
    .slice(from)
    .filter((c) => c.method === 'chat.postMessage' && c.args.channel === channel);
  const main = posts.find((c) => !c.args.thread_ts && first(c));
  const ts = String(main?.answer?.ts);
  return [main, ...posts.filter((c) => c.args.thread_ts === ts)].filter(Boolean) as RecordedCall[];
};

describe('a big week', () => {
  it('posts the daily summary of 30 staffed topics with 1,000-character check-ins completely, each part once', async () => {
    const checkIn = (n: number) => prose(`checkin${n}`, 1000);
    const { channel, hackathonId } = await staffedHackathon(30, (n) => ({
      checkIn: { achieved: checkIn(n), blockers: '', by: `U0M${n}X1`, at: '2026-11-25T13:00:00Z' },
    }));
    // The cards and board of this hackathon first.
    await refreshUntil(async () => Boolean((await harness.hackathonIn(channel))?.board));
    harness.setNow(new Date('2026-11-25T08:00:00Z'));
    const refused = harness.slack.refusals().length;
    const from = harness.slack.calls.length;
    const { result } = await harness.scheduled({
      hackathonId,
      kind: 'summary',
      slot: 'summary-0900',
      scheduledTime: '2026-11-25T08:00:00Z',
    });
    expect(result).toBe('done');
    // Slack fails the second page: the record is handed back and Lambda's retry posts what is missing.
    let replies = 0;
    harness.slack.refuseNext(
      'chat.postMessage',
      'internal_error',
      (args) => args.channel === channel && Boolean(args.thread_ts) && ++replies === 2,
    );
    const failed = await harness.refresh();
    expect(failed.batchItemFailures).toHaveLength(1);
    expect(await harness.refresh({ again: failed })).toEqual({ batchItemFailures: [] });
    expect(harness.slack.refusals().slice(refused)).toEqual([]);
    const parts = threadOf(channel, from, (c) => String(c.args.text).startsWith('Daily summary')).filter(
      (c) => c.answer?.ok,
    );
    expect(parts.length).toBeGreaterThan(2);
    const shown = parts.flatMap(blockTexts);
    for (let n = 1; n <= 30; n++) {
      // Every check-in in full, once: no page posted twice.
      expect(shown.filter((text) => text.includes(checkIn(n)))).toHaveLength(1);
      expect(shown.join('\n')).toContain(`\`#${n}\``);
    }
    expect(
      harness.slack.calls
        .slice(from)
        .filter((c) => c.method === 'chat.postMessage' && String(c.args.text).startsWith('Daily summary'))
        .filter((c) => !c.args.thread_ts),
    ).toHaveLength(1);
  }, 120_000);

  it('asks 30 teams to check in over several invocations (one post a second in the channel), each once', async () => {
    const { channel, hackathonId } = await staffedHackathon(30);
    await refreshUntil(async () => Boolean((await harness.hackathonIn(channel))?.board));
    const cards = new Map(
      (await harness.entities('topic'))
        .filter((t) => t.hackathonId === hackathonId)
        .map((t) => [(t.card as { ts: string }).ts, t.number as number]),
    );
    harness.setNow(new Date('2026-11-25T13:00:00Z'));
    const from = harness.slack.calls.length;
    const refused = harness.slack.refusals().length;
    const execution = {
      hackathonId,
      kind: 'check-in',
      slot: 'check-in',
      scheduledTime: '2026-11-25T13:00:00Z',
    };
    expect((await harness.scheduled(execution)).result).toBe('done');
    const asked = () =>
      harness.slack.calls
        .slice(from)
        .filter(
          (c) => c.method === 'chat.postMessage' && c.answer?.ok && cards.has(String(c.args.thread_ts)),
        );
    await refreshUntil(async () => asked().length >= 30);
    // Scheduler delivers the execution again: nothing more.
    expect((await harness.scheduled(execution)).result).toBe('duplicate');
    await harness.refresh();
    expect(harness.slack.refusals().slice(refused)).toEqual([]);
    expect(
      asked()
        .map((c) => cards.get(String(c.args.thread_ts)))
        .sort((a, b) => Number(a) - Number(b)),
    ).toEqual(Array.from({ length: 30 }, (_, i) => i + 1));
    // More than one invocation's slice: the job went on in continuations.
    const rounds = (await harness.entities('job')).filter(
      (j) => j.hackathonId === hackathonId && j.kind === 'scheduled-post',
    );
    expect(rounds.length).toBeGreaterThan(1);
    // One a second in the channel, after a short burst: about 30 s on Slack's clock.
    const times = asked().map((c) => c.at);
    expect(((times.at(-1) ?? 0) - (times[0] ?? 0)) / 1000).toBeGreaterThan(20);
  }, 120_000);

  it('posts a board of 40 topics, with teams, ten links and check-ins each, in parts Slack accepts', async () => {
    const { channel } = await staffedHackathon(40, (n) => ({
      checkIn: {
        achieved: prose(`board${n}`, 1000),
        blockers: prose(`block${n}`, 600),
        by: 'U0X',
        at: '2026-11-25T13:00:00Z',
      },
    }));
    const refused = harness.slack.refusals().length;
    await refreshUntil(async () => Boolean((await harness.hackathonIn(channel))?.board));
    expect(harness.slack.refusals().slice(refused)).toEqual([]);
    const board = (await harness.hackathonIn(channel))?.board as { ts: string; replies: string[] };
    expect(board.replies.length).toBeGreaterThan(0);
    const parts = harness.slack.calls.filter(
      (c) =>
        (c.method === 'chat.postMessage' || c.method === 'chat.update') &&
        c.args.channel === channel &&
        (c.answer?.ts === board.ts ||
          c.args.ts === board.ts ||
          board.replies.includes(String(c.answer?.ts ?? c.args.ts))),
    );
    const shown = parts.flatMap(blockTexts).join('\n');
    for (let n = 1; n <= 40; n++) expect(shown).toContain(`\`#${n}\``);
    // Every topic's every link is on the board, whole.
    for (let n = 1; n <= 40; n++)
      for (let l = 0; l < 10; l++)
        expect(shown).toContain(
          `<https://github.com/gardener/gardener-extension-provider-openstack/pull/${n}${l}?diff=split|`,
        );
  }, 180_000);

  it('wraps up 60 topics with long outcomes: every part accepted, every outcome section present', async () => {
    const achievements = (n: number) => prose(`achieved${n}`, 3000);
    const problem = (n: number) => prose(`problem${n}`, 2500);
    const nextSteps = (n: number) => prose(`next${n}`, 3000);
    const { channel, hackathonId } = await staffedHackathon(60, (n) => ({
      outcome: {
        problem: problem(n),
        motivation: prose(`motivation${n}`, 1500),
        achievements: achievements(n),
        nextSteps: nextSteps(n),
        code: Array.from({ length: 20 }, (_, l) => `https://github.com/gardener/gardener/pull/${n}${l}`),
        outcome: '',
        contributors: [`U0M${n}X1`, `U0M${n}X2`],
        highlight: `Highlight of ${n}`,
        emoji: null,
        updatedBy: `U0M${n}X1`,
        updatedAt: '2026-11-26T10:00:00.000Z',
      },
    }));
    await refreshUntil(async () => Boolean((await harness.hackathonIn(channel))?.board));
    harness.setNow(new Date('2026-11-27T14:00:00Z'));
    const refused = harness.slack.refusals().length;
    const from = harness.slack.calls.length;
    const { reply } = await slack.command(ORGANIZER, channel, 'wrapup');
    expect(String(reply?.text)).toContain('Wrapping up');
    await refreshUntil(async () =>
      Boolean(((await harness.hackathonIn(channel))?.wrapUp as Json | undefined)?.files),
    );
    expect(harness.slack.refusals().slice(refused)).toEqual([]);

    const wrap = (await harness.hackathonIn(channel))?.wrapUp as { ts: string; replies: Json };
    expect(Object.keys(wrap.replies)).toHaveLength(60);
    expect(hackathonId).not.toBe('');
    const thread = threadOf(channel, from, (c) => String(c.args.text).startsWith('Highlights of'));
    const shown = thread.flatMap(blockTexts).join('\n');
    for (let n = 1; n <= 60; n++) {
      expect(shown).toContain(`Highlight of ${n}`);
      // A section longer than one block is split at a space: its words all appear, in order.
      for (const section of [problem(n), achievements(n), nextSteps(n), prose(`motivation${n}`, 1500)])
        expect(shown.replace(/\s+/g, ' ')).toContain(section);
      expect(shown).toContain(`<https://github.com/gardener/gardener/pull/${n}19|`);
    }
  }, 300_000);
});
