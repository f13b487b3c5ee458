import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SlackSim } from '../../functions/local/dev/slack-sim.js';
import type { RecordedCall } from '../../functions/local/dev/slack-stand-in.js';
import { lastCardMessage, setUpHackathon } from '../helpers/hackathon-setup.js';
import {
  expectNoSecretsLogged,
  expectWithinGrants,
  type IngressHarness,
  startIngressSuite,
} from '../helpers/ingress-harness.js';

/**
 * A meeting day, end to end (signed Slack requests, DynamoDB Local, the refresher and the scheduled jobs): the
 * settings make the agenda's schedules, the agenda is posted and pinned before the meeting with the first
 * presenter told, organizers move it on with **Next** (once per slot, however many clicks), each next presenter
 * is told in their card's thread, and the pin goes at the end of the day.
 */
let harness: IngressHarness;
let slack: SlackSim;
const ORGANIZER = 'U0ORGANIZE';
type Json = Record<string, unknown>;

const postsIn = (channel: string, from = 0, thread?: string) =>
  harness.slack.calls
    .slice(from)
    .filter(
      (c) =>
        c.method === 'chat.postMessage' &&
        c.args.channel === channel &&
        (thread === undefined ? !c.args.thread_ts : c.args.thread_ts === thread),
    );
const shown = (call: RecordedCall | undefined) => `${String(call?.args.text)}\n${String(call?.args.blocks)}`;
const blocksOf = (call: RecordedCall | undefined) => JSON.parse(String(call?.args.blocks ?? '[]')) as Json[];
/** The value of the agenda's Start / Next button as last posted or updated. */
const nextButton = (call: RecordedCall | undefined) =>
  blocksOf(call)
    .filter((block) => block.type === 'actions')
    .flatMap((block) => block.elements as Array<{ action_id: string; value: string; text: { text: string } }>)
    .find((element) => element.action_id === 'agenda_next');

beforeAll(async () => {
  ({ harness, slack } = await startIngressSuite('e2e-agendas'));
});
afterAll(async () => {
  await harness?.close();
});

describe('a meeting day', () => {
  it('posts and pins the agenda before the meeting, walks it with Next, reminds each next team, and unpins it', async () => {
    // The ingress runs on the real clock: the mid-week update starts in three hours, on a whole minute.
    const at = new Date(Math.ceil(Date.now() / 60_000) * 60_000 + 3 * 3_600_000);
    harness.setNow(null);
    const { channel } = await setUpHackathon(slack, ORGANIZER, {
      answers: { midWeekAt: at.getTime() / 1000, midWeekMinutes: '30', agendaLead: '20' },
    });
    for (const [title, kind] of [
      ['Gardener on IPv6', 'hacking'],
      ['Community calls', 'discussion'],
      ['Etcd in Go', 'hacking'],
      ['Nobody here', 'hacking'],
    ] as const) {
      await slack.command(ORGANIZER, channel, 'propose');
      await slack.submit(ORGANIZER, slack.lastOpenedView(), { title, category: 'Core', kind });
    }
    await slack.command('U0ANNA', channel, 'join #1');
    await slack.command('U0CARL', channel, 'join #2');
    await slack.command('U0BOB', channel, 'join #3');
    expect(await harness.refresh()).toEqual({ batchItemFailures: [] });
    const hackathon = await harness.hackathonIn(channel);
    const hackathonId = String(hackathon?.id);
    expect(hackathon?.meetings).toEqual({ 'mid-week': { at: at.toISOString(), minutes: 30 } });

    // The schedules: the agenda twenty minutes before, the unpin at the end of the meeting's day (Berlin).
    const postAt = new Date(at.getTime() - 20 * 60_000);
    const specs = harness.scheduler.schedules.get(hackathonId) ?? [];
    const spec = (slot: string) => specs.find((s) => s.slot === slot);
    expect(spec('agenda-mid-week')?.fires).toEqual({ at: postAt.toISOString() });
    expect(spec('agenda-unpin-mid-week')?.kind).toBe('agenda-unpin');
    const lastCard = (n: number) => lastCardMessage(harness, channel, n);
    const cardOf = async (n: number) =>
      (await harness.topicOf(hackathonId, n))?.card as { channelId: string; ts: string };

    // Asked on the card: Bob's team has Dora present #3; someone off the team may not choose.
    const three = await cardOf(3);
    const value = JSON.stringify({ h: hackathonId, n: 3 });
    expect(shown(lastCard(3))).toContain('"action_id":"topic_presenter"');
    expect(shown(lastCard(4))).not.toContain('topic_presenter');
    await slack.click('U0EVE', channel, three.ts, 'topic_presenter', value);
    expect(String(harness.slack.callsTo('chat.postEphemeral').at(-1)?.args.text)).toContain(
      'Only the team of #3, its proposer and the organizers can say who presents it.',
    );
    await slack.click('U0BOB', channel, three.ts, 'topic_presenter', value);
    const form = slack.lastOpenedView();
    expect(JSON.stringify(form)).toContain('"initial_user":"U0BOB"');
    expect((await slack.submit('U0BOB', form, { presenter: 'U0DORA' })).status).toBe(200);
    expect((await harness.topicOf(hackathonId, 3))?.presenter).toBe('U0DORA');
    expect(await harness.refresh()).toEqual({ batchItemFailures: [] });
    expect(shown(lastCard(3))).toContain('Presents it at the team meetings: <@U0DORA>');

    // The agenda job, twice (Scheduler may deliver an invocation twice): one agenda, pinned once.
    harness.setNow(new Date(postAt.getTime() + 1000));
    const event = {
      hackathonId,
      kind: 'agenda',
      slot: 'agenda-mid-week',
      scheduledTime: postAt.toISOString(),
    };
    const [first, second] = await Promise.all([harness.scheduled(event), harness.scheduled(event)]);
    expect([first.result, second.result].sort()).toEqual(['done', 'duplicate']);
    const before = harness.slack.calls.length;
    expect(await harness.refresh()).toEqual({ batchItemFailures: [] });
    const agendas = postsIn(channel, before).filter((c) => String(c.args.text).startsWith('Mid-week update'));
    expect(agendas).toHaveLength(1);
    const agenda = agendas[0];
    const text = shown(agenda);
    // Hacking teams by number, the discussion at the end; ten minutes each, adding up to the meeting's thirty;
    // the topic nobody joined has no slot; the presenter is the team's member (the proposer is on no team).
    expect(text.indexOf('`#1` Gardener on IPv6 · <@U0ANNA>')).toBeGreaterThan(0);
    expect(text.indexOf('`#1`')).toBeLessThan(text.indexOf('`#3` Etcd in Go · <@U0DORA>'));
    expect(text.indexOf('`#3`')).toBeLessThan(text.indexOf('`#2` Community calls · <@U0CARL>'));
    expect(text).not.toContain('Nobody here');
    expect(text.match(/· 10 min ·/g)).toHaveLength(3);
    expect(nextButton(agenda)?.text.text).toBe('Start');
    const agendaTs = String(agenda?.answer?.ts);
    expect(harness.slack.callsTo('pins.add').filter((c) => c.args.timestamp === agendaTs)).toHaveLength(1);
    // The first presenter is told in their card's thread.
    const one = await cardOf(1);
    expect(shown(postsIn(one.channelId, before, one.ts).at(-1))).toContain(
      '<@U0ANNA>: `#1` opens the mid-week update',
    );
    const stored = (await harness.hackathonIn(channel))?.agendas as Record<
      string,
      { ts: string; current: number }
    >;
    expect(stored['mid-week']).toMatchObject({ ts: agendaTs, current: -1 });
    // The living board lists the meeting in the agenda's order (the stream's next batch has the agenda stored).
    expect(await harness.refresh()).toEqual({ batchItemFailures: [] });
    const board = harness.slack.calls
      .filter(
        (c) =>
          ['chat.postMessage', 'chat.update'].includes(c.method) && String(c.args.text).includes('– Topics'),
      )
      .at(-1);
    expect(shown(board)).toContain('Mid-week update');
    expect(shown(board)).toContain('`#1` → `#3` → `#2`');

    // Someone who is no organizer cannot move it on; they are told why.
    const start = nextButton(agenda)?.value as string;
    await slack.click('U0ANNA', channel, agendaTs, 'agenda_next', start);
    expect(String(harness.slack.callsTo('chat.postEphemeral').at(-1)?.args.text)).toContain(
      "Only the organizers of *Hack The Garden 11/2026* can move a meeting's agenda on",
    );
    expect(postsIn(channel, before, agendaTs)).toHaveLength(0);

    // The organizer starts the meeting; a double click (the same button twice) moves it once.
    await Promise.all([
      slack.click(ORGANIZER, channel, agendaTs, 'agenda_next', start),
      slack.click(ORGANIZER, channel, agendaTs, 'agenda_next', start),
    ]);
    const thread = () => postsIn(channel, before, agendaTs);
    expect(thread()).toHaveLength(1);
    expect(shown(thread()[0])).toContain('*Now:* `#1` Gardener on IPv6 · <@U0ANNA> (10 min)');
    expect(shown(thread()[0])).toContain('*Next up:* `#3` Etcd in Go · <@U0DORA>');
    expect(String(harness.slack.callsTo('chat.postEphemeral').at(-1)?.args.text)).toContain(
      'Someone moved the agenda on already: it is at `#1` now',
    );
    expect(shown(postsIn(three.channelId, before, three.ts).at(-1))).toContain(
      '<@U0DORA>: `#3` is up next in the mid-week update (10 min)',
    );
    const updated = () =>
      harness.slack
        .callsTo('chat.update')
        .filter((c) => c.args.ts === agendaTs)
        .at(-1);
    expect(shown(updated())).toContain('Now (1/3):');
    expect(nextButton(updated())?.text.text).toBe('Next');

    // Next, Next, End meeting: each from the button as it was updated.
    for (const expected of ['*Now:* `#3`', '*Now:* `#2`', 'That was the last slot']) {
      await slack.click(ORGANIZER, channel, agendaTs, 'agenda_next', nextButton(updated())?.value as string);
      expect(shown(thread().at(-1))).toContain(expected);
    }
    expect(thread()).toHaveLength(4);
    expect(shown(updated())).toContain('The meeting is over.');
    expect(nextButton(updated())).toBeUndefined();
    const two = await cardOf(2);
    expect(shown(postsIn(two.channelId, before, two.ts).at(-1))).toContain('<@U0CARL>: `#2` is up next');

    // The end of the day: the pin goes, once.
    const unpinFires = spec('agenda-unpin-mid-week')?.fires as { at: string };
    const unpinAt = new Date(unpinFires.at);
    // Midnight in Berlin after the meeting's day.
    expect(
      new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', timeStyle: 'short' }).format(unpinAt),
    ).toBe('00:00');
    harness.setNow(new Date(unpinAt.getTime() + 1000));
    const unpin = {
      hackathonId,
      kind: 'agenda-unpin',
      slot: 'agenda-unpin-mid-week',
      scheduledTime: unpinAt.toISOString(),
    };
    expect((await harness.scheduled(unpin)).result).toBe('done');
    expect((await harness.scheduled(unpin)).result).toBe('duplicate');
    expect(await harness.refresh()).toEqual({ batchItemFailures: [] });
    expect(harness.slack.callsTo('pins.remove').map((c) => c.args.timestamp)).toEqual([agendaTs]);

    // The export holds the agenda as it was posted, as the community's table.
    await slack.command('U0ANNA', channel, 'export');
    expect(await harness.refresh()).toEqual({ batchItemFailures: [] });
    const uploads = harness.slack.callsTo('upload').map((c) => String(c.body));
    const exported = uploads.find((body) => body.includes('## Mid-week update'));
    expect(exported).toContain('| Time | Topic | Presenter |');
    expect(exported?.indexOf('#1 - Gardener on IPv6')).toBeLessThan(
      exported?.indexOf('#3 - Etcd in Go') ?? 0,
    );
    expect(exported?.indexOf('#3 - Etcd in Go')).toBeLessThan(exported?.indexOf('#2 - Community calls') ?? 0);
    expect(harness.slack.refusals()).toEqual([]);
  }, 60_000);

  it('refuses a meeting length that is no whole number of minutes, inline', async () => {
    harness.setNow(null);
    const { reply } = await setUpHackathon(slack, ORGANIZER, {
      answers: { finalAt: Math.floor(Date.now() / 1000) + 86_400, finalMinutes: '0' },
    });
    expect(JSON.stringify(reply)).toContain("Give the meeting's length in whole minutes, from 1 to 480.");
  });

  it('stay within the grants and log no secret', () => {
    expectWithinGrants(harness);
    expectNoSecretsLogged(harness);
  });
});
