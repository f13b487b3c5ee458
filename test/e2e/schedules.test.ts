import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStores } from '../../functions/adapters/dynamodb/stores.js';
import type { SlackSim } from '../../functions/local/dev/slack-sim.js';
import type { RecordedCall } from '../../functions/local/dev/slack-stand-in.js';
import { aTopicDraft } from '../helpers/builders.js';
import { setUpHackathon } from '../helpers/hackathon-setup.js';
import {
  expectNoSecretsLogged,
  expectWithinGrants,
  type IngressHarness,
  startIngressSuite,
} from '../helpers/ingress-harness.js';

/**
 * Hackathons on a clock, end to end against DynamoDB Local: settings become schedules (through the table's
 * stream and the refresher), scheduled jobs post once per execution, the living board follows the topics, and
 * teams answer the mid-week check-in.
 */
let harness: IngressHarness;
let slack: SlackSim;
const ORGANIZER = 'U0ORGANIZE';
type Json = Record<string, unknown>;

const items = (entity: string) => harness.entities(entity);
const hackathonIn = (channel: string) => harness.hackathonIn(channel);
const seconds = (iso: string) => Date.parse(iso) / 1000;
const postsIn = (channel: string, from = 0) =>
  harness.slack.calls
    .slice(from)
    .filter((c) => c.method === 'chat.postMessage' && c.args.channel === channel && !c.args.thread_ts);
const blocksOf = (call: RecordedCall | undefined) => JSON.parse(String(call?.args.blocks ?? '[]')) as Json[];

/** Hack The Garden 11/2026 in Berlin: Monday 23 to Friday 27 November; voting closes Saturday before. */
async function novemberHackathon(topics: string[] = ['Gardener on IPv6', 'Shoot flavors', 'Etcd in Go']) {
  harness.setNow(new Date('2026-11-20T08:00:00Z'));
  const { channel } = await setUpHackathon(slack, ORGANIZER, {
    answers: {
      startDate: '2026-11-23',
      endDate: '2026-11-27',
      timeZone: 'Europe/Berlin',
      votingClosesAt: seconds('2026-11-21T17:00:00Z'),
    },
    topics,
  });
  const hackathon = await hackathonIn(channel);
  return { channel, hackathonId: String(hackathon?.id) };
}

const job = (hackathonId: string, kind: string, scheduledTime: string, slot = kind) => ({
  hackathonId,
  kind,
  slot,
  scheduledTime,
});

beforeAll(async () => {
  ({ harness, slack } = await startIngressSuite('e2e-schedules'));
});
afterAll(async () => {
  await harness?.close();
});

describe('schedules follow the settings', () => {
  it('creates a hackathon’s schedules from its setup, and updates them when organizers change the settings', async () => {
    harness.setNow(new Date('2026-10-01T08:00:00Z'));
    const { channel } = await setUpHackathon(slack, ORGANIZER, {
      answers: {
        startDate: '2026-10-19',
        endDate: '2026-10-30',
        timeZone: 'Europe/Berlin',
        votingClosesAt: seconds('2026-10-16T15:00:00Z'),
      },
    });
    const hackathonId = String((await hackathonIn(channel))?.id);
    expect(await harness.refresh()).toEqual({ batchItemFailures: [] });
    const specs = () =>
      (harness.scheduler.schedules.get(hackathonId) ?? []).map((s) => [s.slot, s.expression, s.timeZone]);
    expect(specs()).toEqual([
      ['summary-0900', 'cron(0 9 * * ? *)', 'Europe/Berlin'],
      ['voting-close', 'at(2026-10-16T17:00:00)', 'Europe/Berlin'],
      // Saturday 24 October, before the change (CEST); the last day after it (CET): local times all the same.
      ['check-in', 'at(2026-10-24T14:00:00)', 'Europe/Berlin'],
      ['wrap-up-reminder', 'at(2026-10-30T10:00:00)', 'Europe/Berlin'],
      ['wrap-up', 'at(2026-10-30T15:00:00)', 'Europe/Berlin'],
    ]);
    expect((await hackathonIn(channel))?.scheduleSlots).toEqual([
      'summary-0900',
      'voting-close',
      'check-in',
      'wrap-up-reminder',
      'wrap-up',
    ]);

    // Remembering the slots changes the hackathon item, but not its schedule: no second sync.
    const syncs = harness.scheduler.syncs;
    await harness.refresh();
    expect(harness.scheduler.syncs).toBe(syncs);

    await slack.command(ORGANIZER, channel, 'settings');
    const form = slack.lastOpenedView();
    const wrong = await slack.submit(ORGANIZER, form, { summaryTimes: '9 am' });
    expect(wrong.reply).toMatchObject({
      response_action: 'errors',
      errors: { summaryTimes: expect.any(String) },
    });
    await slack.submit(ORGANIZER, form, {
      summaryTimes: '08:30, 17:00',
      checkInAt: seconds('2026-10-25T00:30:00Z'), // 02:30 CEST: the first of the two 02:30s that night
    });
    await harness.refresh();
    expect(specs()).toEqual([
      ['summary-0830', 'cron(30 8 * * ? *)', 'Europe/Berlin'],
      ['summary-1700', 'cron(0 17 * * ? *)', 'Europe/Berlin'],
      ['voting-close', 'at(2026-10-16T17:00:00)', 'Europe/Berlin'],
      ['check-in', 'at(2026-10-25T00:30:00)', 'UTC'],
      ['wrap-up-reminder', 'at(2026-10-30T10:00:00)', 'Europe/Berlin'],
      ['wrap-up', 'at(2026-10-30T15:00:00)', 'Europe/Berlin'],
    ]);
    expect((await hackathonIn(channel))?.scheduleSlots).toEqual([
      'summary-0830',
      'summary-1700',
      'voting-close',
      'check-in',
      'wrap-up-reminder',
      'wrap-up',
    ]);
  });
});

describe('scheduled jobs', () => {
  it('post the voting summary once per execution, even when Scheduler delivers it twice', async () => {
    const { channel, hackathonId } = await novemberHackathon();
    await harness.refresh();
    const before = harness.slack.calls.length;
    const event = job(hackathonId, 'summary', '2026-11-20T08:00:00Z', 'summary-0900');
    const [first, second] = await Promise.all([harness.scheduled(event), harness.scheduled(event)]);
    expect([first.result, second.result].sort()).toEqual(['done', 'duplicate']);
    expect((await harness.scheduled(event)).result).toBe('duplicate');
    // The scheduled job posts nothing itself: the refresher does, off the table's stream.
    expect(postsIn(channel, before)).toHaveLength(0);
    expect(await harness.refresh()).toEqual({ batchItemFailures: [] });
    const posts = postsIn(channel, before);
    expect(posts).toHaveLength(1);
    expect(String(posts[0]?.args.text)).toContain('Voting summary: Hack The Garden 11/2026');
    expect(JSON.stringify(blocksOf(posts[0]))).toContain('Voting closes in 1 day 9 hours');
    // The next day's summary is another execution.
    expect(
      (await harness.scheduled(job(hackathonId, 'summary', '2026-11-21T08:00:00Z', 'summary-0900'))).result,
    ).toBe('done');
    await harness.refresh();
    expect(postsIn(channel, before)).toHaveLength(2);
  });

  it('a summary Slack fails is posted by Lambda’s retry of the record, once', async () => {
    const { channel, hackathonId } = await novemberHackathon(['Only topic']);
    await harness.refresh();
    const before = harness.slack.calls.length;
    harness.slack.refuseNext('chat.postMessage', 'internal_error', (args) => args.channel === channel);
    expect(
      (await harness.scheduled(job(hackathonId, 'summary', '2026-11-20T08:00:00Z', 'summary-0900'))).result,
    ).toBe('done');
    const failed = await harness.refresh();
    expect(failed.batchItemFailures).toHaveLength(1);
    expect(await harness.refresh({ again: failed })).toEqual({ batchItemFailures: [] });
    const posted = postsIn(channel, before).filter((c) => c.answer?.ok);
    expect(posted).toHaveLength(1);
    expect(String(posted[0]?.args.text)).toContain('Voting summary');
  });

  it('a summary in a channel the app is not in asks the organizer once to invite it, and is not retried', async () => {
    const { channel, hackathonId } = await novemberHackathon(['Only topic']);
    await harness.refresh();
    const before = harness.slack.calls.length;
    const inChannel = (args: Record<string, unknown>) => args.channel === channel;
    harness.slack.refuseNext('chat.postMessage', 'not_in_channel', inChannel);
    harness.slack.refuseNext('chat.postMessage', 'not_in_channel', inChannel);
    for (const day of ['20', '21']) {
      await harness.scheduled(job(hackathonId, 'summary', `2026-11-${day}T08:00:00Z`, 'summary-0900'));
      expect(await harness.refresh()).toEqual({ batchItemFailures: [] });
    }
    expect(postsIn(channel, before).filter((c) => c.answer?.ok)).toHaveLength(0);
    const asked = postsIn(ORGANIZER, before).filter((c) => String(c.args.text).includes('invite'));
    expect(asked).toHaveLength(1);
    expect((await hackathonIn(channel))?.waitingForChannel).toMatchObject({ reason: 'not-in-channel' });
  });

  it('close voting at the scheduled time and post the ranking, as /htg close-voting does', async () => {
    const { channel, hackathonId } = await novemberHackathon();
    await harness.refresh();
    harness.slack.respond('reactions.get', (args) => ({
      ok: true,
      message: { ts: args.timestamp, reactions: [] },
    }));
    harness.setNow(new Date('2026-11-21T17:00:02Z'));
    expect((await harness.scheduled(job(hackathonId, 'voting-close', '2026-11-21T17:00:00Z'))).result).toBe(
      'done',
    );
    expect((await hackathonIn(channel))?.votingClosesAt).toBe('2026-11-21T17:00:00.000Z');
    const before = harness.slack.calls.length;
    expect(await harness.refresh()).toEqual({ batchItemFailures: [] });
    expect(postsIn(channel, before).some((c) => String(c.args.text).startsWith('Voting results'))).toBe(true);
    // Nobody clicked anything: the organizer gets the proposal and its button by direct message.
    const proposal = postsIn(ORGANIZER, before).at(-1);
    expect(String(proposal?.args.text)).toContain('*Proposed teams*');
    expect(String(proposal?.args.blocks)).toContain('"action_id":"teams_review"');
  });

  it('ask each team to check in on its card, store the answers, and show them on the card and the board', async () => {
    const { channel, hackathonId } = await novemberHackathon();
    await slack.command('U0ANNA', channel, 'join #1');
    await slack.command('U0BOB', channel, 'join #1');
    await slack.command('U0ANNA', channel, 'status #1 in-progress');
    await harness.refresh();
    const card = (await items('topic')).find((t) => t.hackathonId === hackathonId && t.number === 1)
      ?.card as {
      ts: string;
    };

    harness.setNow(new Date('2026-11-25T13:00:00Z'));
    const before = harness.slack.calls.length;
    expect((await harness.scheduled(job(hackathonId, 'check-in', '2026-11-25T13:00:00Z'))).result).toBe(
      'done',
    );
    await harness.refresh();
    const asked = harness.slack.calls.slice(before).filter((c) => c.method === 'chat.postMessage');
    expect(asked).toHaveLength(1); // only #1 has a team
    expect(asked[0]?.args).toMatchObject({ channel, thread_ts: card.ts });
    expect(String(asked[0]?.args.text)).toContain(
      '<@U0ANNA>, <@U0BOB> mid-week check-in for `#1` Gardener on IPv6',
    );
    const button = JSON.stringify(blocksOf(asked[0]));
    expect(button).toContain('"action_id":"checkin_answer"');

    const value = JSON.stringify({ h: hackathonId, n: 1 });
    const refusedBefore = harness.slack.callsTo('chat.postEphemeral').length;
    await slack.click('U0CARL', channel, String(asked[0]?.args.ts ?? card.ts), 'checkin_answer', value);
    expect(String(harness.slack.callsTo('chat.postEphemeral').at(refusedBefore)?.args.text)).toBe(
      'Only the team of #1 and the organizers can answer its check-in.',
    );
    await slack.click('U0BOB', channel, card.ts, 'checkin_answer', value);
    const form = slack.lastOpenedView();
    expect(form.callback_id).toBe('checkin');
    const empty = await slack.submit('U0BOB', form, { achieved: '  ' });
    expect(empty.reply).toMatchObject({
      response_action: 'errors',
      errors: { achieved: expect.any(String) },
    });
    const saved = await slack.submit('U0BOB', form, {
      achieved: 'Dual-stack shoots come up on <provider>',
      blockers: 'Waiting for the CIDR review',
    });
    expect(JSON.stringify(saved.reply)).toContain('Check-in saved');
    const topic = (await items('topic')).find((t) => t.hackathonId === hackathonId && t.number === 1);
    expect(topic?.checkIn).toMatchObject({
      achieved: 'Dual-stack shoots come up on <provider>',
      blockers: 'Waiting for the CIDR review',
      by: 'U0BOB',
      at: expect.any(String),
    });

    const updatesBefore = harness.slack.callsTo('chat.update').length;
    await harness.refresh();
    const updates = harness.slack.callsTo('chat.update').slice(updatesBefore);
    const board = (await hackathonIn(channel))?.board as { ts: string };
    const cardUpdate = updates.find((c) => c.args.ts === card.ts);
    expect(String(cardUpdate?.args.blocks)).toContain(
      '📝 *Check-in:* Dual-stack shoots come up on &lt;provider&gt;',
    );
    const boardUpdate = updates.find((c) => c.args.ts === board.ts);
    expect(String(boardUpdate?.args.blocks)).toContain('Check-in');
    // The question is asked once per execution.
    expect((await harness.scheduled(job(hackathonId, 'check-in', '2026-11-25T13:00:00Z'))).result).toBe(
      'duplicate',
    );
  });

  it('during the hackathon, post the board with what changed since the last summary; then remind and wrap up', async () => {
    const { channel, hackathonId } = await novemberHackathon();
    await slack.command('U0ANNA', channel, 'join #2');
    await slack.command('U0ANNA', channel, 'status #2 in-progress');
    harness.setNow(new Date('2026-11-24T08:00:00Z'));
    await harness.scheduled(job(hackathonId, 'summary', '2026-11-24T08:00:00Z', 'summary-0900'));
    await harness.refresh();
    await slack.command('U0ANNA', channel, 'status #2 done');
    await slack.command('U0ANNA', channel, 'link #2 https://github.com/gardener/gardener/pull/12345');
    harness.setNow(new Date('2026-11-25T08:00:00Z'));
    const before = harness.slack.calls.length;
    expect(
      (await harness.scheduled(job(hackathonId, 'summary', '2026-11-25T08:00:00Z', 'summary-0900'))).result,
    ).toBe('done');
    await harness.refresh();
    const [summary] = postsIn(channel, before).filter((c) => String(c.args.text).startsWith('Daily summary'));
    expect(String(summary?.args.text)).toContain(
      'Daily summary: Hack The Garden 11/2026. 2 changes since the last summary.',
    );
    const shown = JSON.stringify(blocksOf(summary));
    expect(shown).toContain('`#2` Shoot flavors: 🚧 in progress → ✅ done');
    expect(shown).toContain('github.com/gardener/gardener/pull/12345');
    expect(shown).toContain('Topics with teams');

    harness.setNow(new Date('2026-11-27T09:00:00Z'));
    const reminderFrom = harness.slack.calls.length;
    await harness.scheduled(job(hackathonId, 'wrap-up-reminder', '2026-11-27T09:00:00Z'));
    await harness.refresh();
    const [reminder] = postsIn(channel, reminderFrom);
    expect(String(reminder?.args.text)).toBe(
      'The wrap-up of Hack The Garden 11/2026 is Fri 27 Nov, 15:00 (Europe/Berlin).',
    );
    expect(JSON.stringify(blocksOf(reminder))).toContain('`#2` Shoot flavors: <@U0ANNA>');

    harness.setNow(new Date('2026-11-27T14:00:00Z'));
    const wrapFrom = harness.slack.calls.length;
    expect((await harness.scheduled(job(hackathonId, 'wrap-up', '2026-11-27T14:00:00Z'))).result).toBe(
      'done',
    );
    expect((await hackathonIn(channel))?.status).toBe('ended');
    await harness.refresh();
    const wrapPosts = postsIn(channel, wrapFrom).map((c) => String(c.args.text));
    expect(wrapPosts).toContain('Highlights of Hack The Garden 11/2026');
    // The living board turns into the results.
    const board = (await hackathonIn(channel))?.board as { ts: string };
    const boardUpdate = harness.slack.calls
      .slice(wrapFrom)
      // Updated, or (the cards and board had not been posted before the wrap-up) posted as the results.
      .filter(
        (c) =>
          (c.method === 'chat.update' && c.args.ts === board.ts) ||
          (c.method === 'chat.postMessage' && c.answer?.ts === board.ts),
      )
      .at(-1);
    expect(String(boardUpdate?.args.text)).toContain('Results: Hack The Garden 11/2026');

    // After the wrap-up the hackathon is over: a summary has nothing to say.
    harness.setNow(new Date('2026-11-28T08:00:00Z'));
    expect(
      (await harness.scheduled(job(hackathonId, 'summary', '2026-11-28T08:00:00Z', 'summary-0900'))).result,
    ).toBe('nothing-to-do');
  });
});

describe('the living board', () => {
  it('is posted once and pinned, then updated once per batch of changes', async () => {
    const { channel } = await novemberHackathon();
    await harness.refresh();
    const board = (await hackathonIn(channel))?.board as { channelId: string; ts: string; replies: string[] };
    expect(board).toMatchObject({ channelId: channel, replies: [] });
    expect(harness.slack.callsTo('pins.add').map((c) => [c.args.channel, c.args.timestamp])).toContainEqual([
      channel,
      board.ts,
    ]);
    const posted = harness.slack
      .callsTo('chat.postMessage')
      .find(
        (c) =>
          c.args.channel === channel && String(c.args.text).startsWith('Hack The Garden 11/2026 – Topics'),
      );
    expect(posted).toBeDefined();

    const updatesBefore = harness.slack.callsTo('chat.update').filter((c) => c.args.ts === board.ts).length;
    // Three changes on three topics, handled in one batch: three card updates, one board update.
    for (const number of [1, 2, 3]) await slack.command(`U0JOIN${number}`, channel, `join #${number}`);
    await harness.refresh();
    expect(harness.slack.callsTo('chat.update').filter((c) => c.args.ts === board.ts).length).toBe(
      updatesBefore + 1,
    );
  });

  it('with 200 topics, continues in thread replies, every message within Slack’s limits', async () => {
    const { channel, hackathonId } = await novemberHackathon([]);
    const stores = createStores(harness.table);
    for (const batch of [0, 1]) {
      await stores.topics.createMany(
        hackathonId,
        Array.from({ length: 100 }, (_, i) =>
          aTopicDraft({
            title: `Topic ${batch * 100 + i + 1}: ${'a long and descriptive title '.repeat(4)}`.slice(0, 150),
            category: 'Core',
            kind: i % 10 === 0 ? 'discussion' : 'hacking',
            links: Array.from(
              { length: 3 },
              (_, l) => `https://github.com/gardener/gardener/pull/${batch}${i}${l}`,
            ),
          }),
        ),
        ORGANIZER,
        '2026-11-20T08:00:00.000Z',
      );
    }
    // Teams of four with ten long links and a long check-in each: far more than one message holds.
    for (let number = 1; number <= 200; number++) {
      await harness.table.documents.send(
        new UpdateCommand({
          TableName: harness.table.tableName,
          Key: { pk: `HACKATHON#${hackathonId}`, sk: `TOPIC#${String(number).padStart(5, '0')}` },
          UpdateExpression:
            'SET members = :members, memberCount = :four, links = :links, checkIn = :checkIn, #status = :status',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: {
            ':members': new Set([1, 2, 3, 4].map((m) => `U0M${number}X${m}`)),
            ':four': 4,
            ':links': Array.from(
              { length: 10 },
              (_, l) =>
                `https://github.com/gardener/gardener-extension-provider-openstack/pull/${number}${l}?diff=split`,
            ),
            ':checkIn': {
              achieved: 'x'.repeat(500),
              blockers: 'y'.repeat(300),
              by: 'U0M1',
              at: '2026-11-25T13:00:00Z',
            },
            ':status': 'in_progress',
          },
        }),
      );
    }
    const before = harness.slack.calls.length;
    expect(await harness.refresh()).toEqual({ batchItemFailures: [] });
    const board = (await hackathonIn(channel))?.board as { ts: string; replies: string[] };
    expect(board.replies.length).toBeGreaterThan(0);
    const messages = harness.slack.calls
      .slice(before)
      .filter(
        (c) =>
          c.method === 'chat.postMessage' &&
          c.args.channel === channel &&
          (c.args.thread_ts === board.ts ||
            String(c.args.text).startsWith('Hack The Garden 11/2026 – Topics')),
      );
    expect(messages).toHaveLength(board.replies.length + 1);
    const seen = new Set<string>();
    for (const message of messages) {
      const blocks = blocksOf(message);
      expect(blocks.length).toBeLessThanOrEqual(50);
      for (const block of blocks) {
        const texts = [block.text, ...((block.elements as Json[] | undefined) ?? [])].map((t) =>
          String((t as Json | undefined)?.text ?? ''),
        );
        for (const text of texts) {
          expect(text.length).toBeLessThanOrEqual(block.type === 'header' ? 150 : 3000);
          for (const match of text.matchAll(/`#(\d+)`/g)) seen.add(String(match[1]));
        }
      }
    }
    expect(seen.size).toBe(200);
  }, 240_000);
});

describe('IAM grants', () => {
  it('cover every DynamoDB call the ingress, the refresher and the scheduled jobs made in these tests', () => {
    expectWithinGrants(harness);
    // Nothing logged during these tests holds the signing secret or a token.
    // The scheduled jobs log each execution, so there is something to scan.
    expect(harness.logLines.some((line) => line.includes('Scheduled summary'))).toBe(true);
    expectNoSecretsLogged(harness);
  });
});
