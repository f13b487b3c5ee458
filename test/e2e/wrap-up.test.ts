import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_BOT_USER_ID } from '../../functions/local/dev/signed-request.js';
import type { SlackSim } from '../../functions/local/dev/slack-sim.js';
import { setUpHackathon } from '../helpers/hackathon-setup.js';
import {
  expectNoSecretsLogged,
  expectWithinGrants,
  type IngressHarness,
  startIngressSuite,
} from '../helpers/ingress-harness.js';

/**
 * The end of a hackathon, end to end through signed requests against DynamoDB Local: teams write outcomes,
 * `/htg wrapup` posts the highlights, a thread of details and the Markdown files once, and the hackathon is
 * read-only afterwards; `/htg export` sends the files to whoever asks.
 */
let harness: IngressHarness;
let slack: SlackSim;
const ORGANIZER = 'U0ORGANIZE';
type Json = Record<string, unknown>;

const items = (entity: string) => harness.entities(entity);
const hackathonIn = (channel: string) => harness.hackathonIn(channel);
const topicOf = (hackathonId: string, number: number) => harness.topicOf(hackathonId, number);
const text = (reply: unknown) => JSON.stringify(reply);

/** Four topics: #1 done by Anna and Bob, #2 in progress with Carl, #3 dropped, #4 untouched. */
async function hackathonAtTheEnd() {
  const { channel } = await setUpHackathon(slack, ORGANIZER, {
    topics: ['Gardener on IPv6', 'Shoot flavors', 'Etcd backups in Go', 'Dashboard dark mode'],
  });
  const hackathonId = String((await hackathonIn(channel))?.id);
  await slack.command('U0ANNA', channel, 'join #1');
  await slack.command('U0BOB', channel, 'join #1');
  await slack.command('U0CARL', channel, 'join #2');
  await slack.command('U0ANNA', channel, 'status #1 done');
  await slack.command('U0CARL', channel, 'status #2 in-progress');
  await slack.command(ORGANIZER, channel, 'status #3 dropped closed in favour of #1');
  await slack.command('U0ANNA', channel, 'link #1 https://github.com/gardener/gardener/pull/4242');
  await harness.refresh();
  const cardOf = async (number: number) =>
    String(((await topicOf(hackathonId, number))?.card as Json | undefined)?.ts);
  return { channel, hackathonId, cardOf };
}

async function openOutcome(user: string, channel: string, hackathonId: string, ts: string) {
  const before = harness.slack.callsTo('views.open').length;
  await slack.click(user, channel, ts, 'topic_outcome', JSON.stringify({ h: hackathonId, n: 1 }));
  expect(harness.slack.callsTo('views.open')).toHaveLength(before + 1);
  return slack.lastOpenedView();
}

beforeAll(async () => {
  ({ harness, slack } = await startIngressSuite('e2e-wrapup'));
});
afterAll(async () => {
  await harness?.close();
});

describe('outcomes', () => {
  it('the team writes the outcome from its card, prefilled with the team and links; a teammate’s save is not overwritten', async () => {
    const { channel, hackathonId, cardOf } = await hackathonAtTheEnd();
    const ts = await cardOf(1);
    const card = harness.slack.calls
      .filter(
        (c) =>
          ['chat.postMessage', 'chat.update'].includes(c.method) &&
          c.args.channel === channel &&
          String(c.args.text).startsWith('#1 Gardener on IPv6'),
      )
      .at(-1);
    expect(String(card?.args.blocks)).toContain('"action_id":"topic_outcome"');

    const refusedBefore = harness.slack.callsTo('chat.postEphemeral').length;
    await slack.click('U0DORA', channel, ts, 'topic_outcome', JSON.stringify({ h: hackathonId, n: 1 }));
    expect(String(harness.slack.callsTo('chat.postEphemeral').at(refusedBefore)?.args.text)).toBe(
      'Only the team of #1, its proposer and the organizers can write its outcome.',
    );

    const annas = await openOutcome('U0ANNA', channel, hackathonId, ts);
    const bobs = await openOutcome('U0BOB', channel, hackathonId, ts);
    const blocks = JSON.stringify(annas.blocks);
    expect(blocks).toContain('"initial_users":["U0ANNA","U0BOB"]');
    expect(blocks).toContain('https://github.com/gardener/gardener/pull/4242');

    const empty = await slack.submit('U0ANNA', annas, {});
    expect(empty.reply).toMatchObject({
      response_action: 'errors',
      errors: { highlight: expect.any(String) },
    });
    const badLink = await slack.submit('U0ANNA', annas, { highlight: 'x', code: 'not-a-link' });
    expect(badLink.reply).toMatchObject({ response_action: 'errors', errors: { code: expect.any(String) } });

    const saved = await slack.submit('U0ANNA', annas, {
      highlight: 'Dual-stack shoots run end to end on the local setup',
      emoji: '🌐',
      problem: 'Shoots were IPv4 only.',
      achievements: 'Dual-stack shoots come up.\nThe DNSRecord extension writes AAAA records.',
      nextSteps: 'Try it on real infrastructure.',
      otherContributors: 'Jane Outside',
    });
    expect(text(saved.reply)).toContain('Outcome saved');
    const late = await slack.submit('U0BOB', bobs, { highlight: 'Something else' });
    expect(text(late.reply)).toContain('Someone else saved the outcome of #1 while you were writing');
    const outcome = (await topicOf(hackathonId, 1))?.outcome as Json;
    expect(outcome).toMatchObject({
      highlight: 'Dual-stack shoots run end to end on the local setup',
      emoji: '🌐',
      contributors: ['U0ANNA', 'U0BOB', 'Jane Outside'],
      code: ['https://github.com/gardener/gardener/pull/4242'],
      updatedBy: 'U0ANNA',
    });
  });
});

describe('/htg wrapup', () => {
  it('posts the highlights, a thread reply per topic and the Markdown files once, then the hackathon is read-only', async () => {
    const { channel, hackathonId, cardOf } = await hackathonAtTheEnd();
    const ts = await cardOf(1);
    const form = await openOutcome('U0ANNA', channel, hackathonId, ts);
    await slack.submit('U0ANNA', form, {
      highlight: 'Dual-stack shoots run end to end on the local setup',
      emoji: '🌐',
      achievements: 'Dual-stack shoots come up.',
    });

    expect(String((await slack.command('U0ANNA', channel, 'wrapup')).reply?.text)).toContain(
      'Only the organizers of *Hack The Garden 11/2026* can wrap the hackathon up',
    );
    const { reply } = await slack.command(ORGANIZER, channel, 'wrapup');
    expect(String(reply?.text)).toContain(
      'Wrapping up *Hack The Garden 11/2026*: the highlights of 3 topics',
    );
    expect(String(reply?.text)).toContain('2 of them had no outcome written');
    expect((await hackathonIn(channel))?.status).toBe('ended');

    const before = harness.slack.calls.length;
    expect(await harness.refresh()).toEqual({ batchItemFailures: [] });
    const calls = harness.slack.calls.slice(before);
    const highlights = calls.find(
      (c) =>
        c.method === 'chat.postMessage' && String(c.args.text) === 'Highlights of Hack The Garden 11/2026',
    );
    const shown = String(highlights?.args.blocks);
    expect(shown).toContain('1. 🌐 *Gardener on IPv6*: Dual-stack shoots run end to end on the local setup');
    expect(shown).toContain('*Shoot flavors*: 🚧 in progress');
    expect(shown).toContain('*Etcd backups in Go*: dropped: closed in favour of #1');
    expect(shown).not.toContain('Dashboard dark mode');
    const wrap = (await hackathonIn(channel))?.wrapUp as { ts: string; replies: Json; files: boolean };
    expect(wrap.files).toBe(true);
    expect(Object.keys(wrap.replies).sort()).toEqual(['1', '2', '3']);
    const replies = calls.filter((c) => c.method === 'chat.postMessage' && c.args.thread_ts === wrap.ts);
    expect(replies.map((c) => c.args.text)).toEqual([
      '#1 Gardener on IPv6',
      '#2 Shoot flavors',
      '#3 Etcd backups in Go',
    ]);
    expect(String(replies[0]?.args.blocks)).toContain('*Achievements*');
    expect(String(replies[0]?.args.blocks)).toContain('*Contributors:* <@U0ANNA>, <@U0BOB>');

    const completed = calls.filter((c) => c.method === 'files.completeUploadExternal');
    expect(completed).toHaveLength(1);
    expect(completed[0]?.args).toMatchObject({ channel_id: channel, thread_ts: wrap.ts });
    const uploads = calls.filter((c) => c.method === 'upload').map((c) => c.body);
    expect(uploads).toHaveLength(2);
    const page = uploads.find((body) => body.startsWith('---')) as string;
    expect(page).toContain('title: Hack The Garden 11/2026');
    expect(page).toMatch(/## 🌐 Gardener on IPv6/);
    expect(page).toContain('### Achievements');
    expect(uploads.find((body) => body.includes('- Topics'))).toContain('Gardener on IPv6');

    // Idempotent: again by command, and the job delivered again, post nothing more.
    expect(String((await slack.command(ORGANIZER, channel, 'wrapup')).reply?.text)).toContain(
      'wrapped up already',
    );
    const after = harness.slack.calls.length;
    await harness.refresh();
    expect(
      harness.slack.calls
        .slice(after)
        .filter((c) => c.method === 'chat.postMessage' && c.args.channel === channel),
    ).toEqual([]);

    // Read-only: every change is refused politely, and nothing changes.
    const snapshot = JSON.stringify((await items('topic')).filter((t) => t.hackathonId === hackathonId));
    for (const [user, command] of [
      ['U0DORA', 'join #4'],
      ['U0ANNA', 'leave #1'],
      ['U0ANNA', 'status #1 paused'],
      ['U0ANNA', 'link #1 https://github.com/gardener/gardener/pull/1'],
      [ORGANIZER, 'close-voting'],
      [ORGANIZER, 'import'],
      [ORGANIZER, 'settings'],
      ['U0DORA', 'propose Late idea'],
      [ORGANIZER, 'propose Late idea'],
    ] as const) {
      const answer = String((await slack.command(user, channel, command)).reply?.text);
      expect(answer, command).toMatch(/has ended/);
    }
    const refusedBefore = harness.slack.callsTo('chat.postEphemeral').length;
    await slack.click('U0ANNA', channel, ts, 'topic_outcome', JSON.stringify({ h: hackathonId, n: 1 }));
    expect(String(harness.slack.callsTo('chat.postEphemeral').at(refusedBefore)?.args.text)).toMatch(
      /has ended/,
    );
    const vote = await slack.react('U0DORA', {
      channel,
      ts: await cardOf(4),
      itemUser: TEST_BOT_USER_ID,
      reaction: 'arrow_up',
      added: true,
      eventTs: `${Math.floor(Date.now() / 1000)}.000100`,
    });
    expect(vote).toBe(200);
    expect(JSON.stringify((await items('topic')).filter((t) => t.hackathonId === hackathonId))).toBe(
      snapshot,
    );

    // The channel can start its next hackathon.
    await slack.command(ORGANIZER, channel, 'setup');
    const next = await slack.submit(ORGANIZER, slack.lastOpenedView(), {
      name: 'Hack The Garden 05/2027',
      startDate: '2027-05-10',
      endDate: '2027-05-14',
      timeZone: 'Europe/Berlin',
    });
    expect(text(next.reply)).toContain('Hack The Garden 05/2027');
    expect((await hackathonIn(channel))?.name).toBeDefined();
    expect(
      (await items('hackathon'))
        .filter((h) => h.channelId === channel)
        .map((h) => h.status)
        .sort(),
    ).toEqual(['active', 'ended']);
  });
});

describe('/htg export', () => {
  it('sends anyone the wrap-up page and the topic board as files in a direct message, at any time', async () => {
    const { channel } = await hackathonAtTheEnd();
    const { reply } = await slack.command('U0DORA', channel, 'export');
    expect(String(reply?.text)).toContain('will send you the files in a direct message');
    const before = harness.slack.calls.length;
    await harness.refresh();
    const calls = harness.slack.calls.slice(before);
    expect(calls.find((c) => c.method === 'conversations.open')?.args.users).toBe('U0DORA');
    const completed = calls.find((c) => c.method === 'files.completeUploadExternal');
    expect(completed?.args.channel_id).toBe('D0DORA');
    expect(calls.filter((c) => c.method === 'upload')).toHaveLength(2);

    // An organizer also gets the complete data as JSON, which restores (see the export integration test).
    const from = harness.slack.calls.length;
    await slack.command(ORGANIZER, channel, 'export');
    await harness.refresh();
    const uploads = harness.slack.calls.slice(from).filter((c) => c.method === 'upload');
    expect(uploads).toHaveLength(3);
    const data = JSON.parse(uploads.map((c) => c.body).find((body) => body.startsWith('{')) as string);
    expect(data).toMatchObject({ format: 'htg-hackathon-export', version: 1 });
    expect(data.items.filter((item: Json) => item.entity === 'topic')).toHaveLength(4);
  });
});

describe('IAM grants', () => {
  it('cover every DynamoDB call the ingress and the refresher made in these tests', () => {
    expectWithinGrants(harness);
    // Nothing logged during these tests holds the signing secret or a token.
    expectNoSecretsLogged(harness);
  });
});
