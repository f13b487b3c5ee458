import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, fromLocal, toLocal } from '../../functions/domain/zoned-time.js';
import type { SlackSim } from '../../functions/local/dev/slack-sim.js';
import { lastCardMessage, setUpHackathon } from '../helpers/hackathon-setup.js';
import { expectWithinGrants, type IngressHarness, startIngressSuite } from '../helpers/ingress-harness.js';

/**
 * What became of the topics (issue 19, item 4), end to end: signed Slack requests, DynamoDB Local, the refresher
 * and the scheduled jobs as EventBridge Scheduler runs them, on a clock moved across the weeks after the event.
 * Two and six weeks after it, whoever continues a topic is asked in a direct message; one click answers; the
 * answers show on the card, in `/htg followups` and in the next hackathon's carry-over.
 */
let harness: IngressHarness;
let slack: SlackSim;
const ORGANIZER = 'U0ORGANIZE';
type Json = Record<string, unknown>;

beforeAll(async () => {
  ({ harness, slack } = await startIngressSuite('e2e-follow-ups'));
});
afterAll(async () => {
  if (harness) expectWithinGrants(harness);
  harness?.setNow(null);
  await harness?.close();
});

describe('the follow-ups after the event', () => {
  // The event ended two days ago, whenever the tests run (answers are taken for 90 days after it; the clicks
  // go through the ingress, on the real clock).
  const zone = 'Europe/Berlin';
  const today = toLocal(new Date(), zone).date;
  const endDate = addDays(today, -2);
  const at = (round: 2 | 6) => fromLocal(addDays(endDate, round * 7), '10:00', zone);
  const meetingAt = new Date(Date.now() + 86_400_000);
  let channel: string;
  let hackathonId: string;
  let asked: Array<{ user: string; channel: string; ts: string; text: string; blocks: string }> = [];

  /** Runs a round as Scheduler would at its time, then the refresher; returns the direct messages it sent. */
  const round = async (n: 2 | 6) => {
    harness.setNow(at(n));
    const from = harness.slack.calls.length;
    const run = await harness.scheduled({
      hackathonId,
      kind: `follow-up-${n}`,
      slot: `follow-up-${n}`,
      scheduledTime: at(n).toISOString(),
    });
    expect(run.result).toBe('done');
    await harness.refresh();
    return harness.slack.calls
      .slice(from)
      .filter((c) => c.method === 'chat.postMessage' && String(c.args.channel).startsWith('U'))
      .map((c) => ({
        user: String(c.args.channel),
        channel: String((c.answer as Json | undefined)?.channel),
        ts: String((c.answer as Json | undefined)?.ts),
        text: String(c.args.text),
        blocks: String(c.args.blocks),
      }));
  };
  const value = (n: number, r: 2 | 6) => JSON.stringify({ h: hackathonId, n, r });
  const lastCard = (n: number) => lastCardMessage(harness, channel, n);

  it('are two schedules of the wrapped-up hackathon, at 10:00 local two and six weeks after its last day', async () => {
    ({ channel } = await setUpHackathon(slack, ORGANIZER, {
      answers: {
        name: 'Hack The Garden (follow-ups)',
        startDate: addDays(endDate, -4),
        endDate,
        timeZone: zone,
        reviewMeetingAt: Math.floor(meetingAt.getTime() / 1000),
      },
      topics: ['Gardener on IPv6', 'Shoot flavors', 'Dashboard dark mode', 'Nobody worked on this'],
    }));
    hackathonId = String((await harness.hackathonIn(channel))?.id);
    await slack.command('U0ANNA', channel, 'join #1');
    await slack.command('U0BOB', channel, 'join #2');
    await slack.command('U0CARL', channel, 'join #3');
    await slack.command('U0ANNA', channel, 'status #1 done');
    // The review says Dora carries #1 on and closes #3.
    await harness.refresh();
    const card1 = (await harness.topicOf(hackathonId, 1))?.card as { ts: string };
    await slack.click('U0ANNA', channel, card1.ts, 'topic_review', JSON.stringify({ h: hackathonId, n: 1 }));
    await slack.submit('U0ANNA', slack.lastOpenedView(), { continuedBy: ['U0DORA'] });
    const card3 = (await harness.topicOf(hackathonId, 3))?.card as { ts: string };
    await slack.click('U0CARL', channel, card3.ts, 'topic_review', JSON.stringify({ h: hackathonId, n: 3 }));
    await slack.submit('U0CARL', slack.lastOpenedView(), {
      closedBecause: 'Done in the dashboard repo already',
    });
    await slack.command(ORGANIZER, channel, 'wrapup');
    await harness.refresh();
    await harness.refresh();
    expect((await harness.hackathonIn(channel))?.status).toBe('ended');
    const followUps = (harness.scheduler.schedules.get(hackathonId) ?? [])
      .filter((s) => s.kind.startsWith('follow-up'))
      .map((s) => [s.slot, s.expression, s.fires]);
    expect(followUps).toEqual([
      ['follow-up-2', `at(${addDays(endDate, 14)}T10:00:00)`, { at: at(2).toISOString() }],
      ['follow-up-6', `at(${addDays(endDate, 42)}T10:00:00)`, { at: at(6).toISOString() }],
    ]);
  });

  it('two weeks on, ask whoever continues each topic in a direct message, once', async () => {
    asked = await round(2);
    // Dora continues #1 (the review said so), Bob's team #2; #3 was closed at the review, #4 never worked on.
    expect(asked.map((m) => [m.user, m.text])).toEqual([
      ['U0DORA', 'Two weeks after Hack The Garden (follow-ups): what became of #1 Gardener on IPv6?'],
      ['U0BOB', 'Two weeks after Hack The Garden (follow-ups): what became of #2 Shoot flavors?'],
    ]);
    expect(asked[0]?.channel).toMatch(/^D/);
    for (const state of ['going', 'merged', 'stopped'])
      expect(asked[0]?.blocks).toContain(`"action_id":"follow_up:${state}"`);
    // A duplicate invocation of the execution, and the refresher running again: nobody is asked twice.
    const again = await harness.scheduled({
      hackathonId,
      kind: 'follow-up-2',
      slot: 'follow-up-2',
      scheduledTime: at(2).toISOString(),
    });
    expect(again.result).toBe('duplicate');
    const from = harness.slack.calls.length;
    await harness.refresh();
    expect(harness.slack.callsTo('chat.postMessage').length).toBe(
      harness.slack.calls.slice(0, from).filter((c) => c.method === 'chat.postMessage').length,
    );
  });

  it('take one click as the answer, update the message, and refuse people with nothing to do with the topic', async () => {
    const dora = asked[0] as (typeof asked)[number];
    const ephemerals = harness.slack.callsTo('chat.postEphemeral').length;
    await slack.click('U0EVE', dora.channel, dora.ts, 'follow_up:stopped', value(1, 2));
    expect(String(harness.slack.callsTo('chat.postEphemeral').at(ephemerals)?.args.text)).toBe(
      'Only whoever continues #1, its team, its proposer and the organizers can say what became of it.',
    );
    expect((await harness.topicOf(hackathonId, 1))?.followUps ?? null).toBeNull();

    // Dora clicks twice (a double click, or Slack's retry): one answer.
    await slack.click('U0DORA', dora.channel, dora.ts, 'follow_up:going', value(1, 2));
    await slack.click('U0DORA', dora.channel, dora.ts, 'follow_up:going', value(1, 2));
    expect((await harness.topicOf(hackathonId, 1))?.followUps).toEqual({
      w2: { state: 'going', round: 2, by: 'U0DORA', at: expect.any(String) },
    });
    const update = harness.slack
      .callsTo('chat.update')
      .filter((c) => c.args.ts === dora.ts)
      .at(-1);
    expect(update?.args.channel).toBe(dora.channel);
    expect(String(update?.args.blocks)).toContain('Answered: *still going*, by <@U0DORA>');
    expect(String(harness.slack.callsTo('chat.postEphemeral').at(-1)?.args.text)).toContain(
      'Thanks! *#1 Gardener on IPv6* is still going',
    );
    // A forged value does nothing.
    const before = harness.slack.calls.length;
    await slack.click('U0DORA', dora.channel, dora.ts, 'follow_up:stopped', '{"h":"x","n":1,"r":3}');
    expect(harness.slack.calls.slice(before).map((c) => c.method)).toEqual([]);
    expect((await harness.topicOf(hackathonId, 1))?.followUps).toMatchObject({ w2: { state: 'going' } });

    const bob = asked[1] as (typeof asked)[number];
    await slack.click('U0BOB', bob.channel, bob.ts, 'follow_up:merged', value(2, 2));
    await harness.refresh();
    expect(String(lastCard(1)?.args.blocks)).toContain('*Since the hackathon:* still going at 2 weeks');
    expect(String(lastCard(2)?.args.blocks)).toContain('*Since the hackathon:* merged at 2 weeks');
  });

  it('six weeks on, ask again about what is still going, not what was merged', async () => {
    const six = await round(6);
    expect(six.map((m) => [m.user, m.text])).toEqual([
      ['U0DORA', 'Six weeks after Hack The Garden (follow-ups): what became of #1 Gardener on IPv6?'],
    ]);
    expect(six[0]?.blocks).toContain('Said before: still going at 2 weeks.');
    await slack.click('U0DORA', String(six[0]?.channel), String(six[0]?.ts), 'follow_up:going', value(1, 6));
    expect(Object.keys((await harness.topicOf(hackathonId, 1))?.followUps ?? {}).sort()).toEqual([
      'w2',
      'w6',
    ]);
  });

  it('sum up what became of each topic in a short post, on request', async () => {
    const { reply } = await slack.command('U0EVE', channel, 'followups');
    expect(reply?.response_type).toBe('in_channel');
    const shown = JSON.stringify(reply?.blocks);
    expect(shown).toContain(
      'What became of the topics of Hack The Garden (follow-ups)*: 1 still going · 1 merged · 1 closed at the review',
    );
    expect(shown).toContain('🟢 *Gardener on IPv6* (`#1`): still going at 6 weeks, <@U0DORA>');
    expect(shown).toContain('✅ *Shoot flavors* (`#2`): merged at 2 weeks');
    expect(shown).not.toContain('Nobody worked on this');
  });

  it('offer a topic still going to the next hackathon, with its history, and carry that history over', async () => {
    const previousId = hackathonId;
    const next = await setUpHackathon(slack, ORGANIZER, {
      answers: { name: 'Hack The Garden (next)', startDate: addDays(today, 30), endDate: addDays(today, 34) },
    });
    await slack.command(ORGANIZER, next.channel, 'carry-over');
    const form = slack.lastOpenedView();
    const select = (form.blocks as Array<{ block_id?: string; element?: Json }>).find(
      (b) => b.block_id === 'topics',
    )?.element as Json;
    const options = (select.option_groups as Array<{ options: Array<Json> }>).flatMap((g) => g.options);
    const going = options.find((o) => o.value === `${previousId}:1`);
    expect(going?.description).toMatchObject({
      type: 'plain_text',
      text: 'still going at 2 weeks, still going at 6 weeks',
    });
    // Merged or closed: not offered. Not preselected: carrying a topic still going over is a choice.
    expect(options.map((o) => o.value)).not.toContain(`${previousId}:2`);
    expect(JSON.stringify(select.initial_options ?? [])).not.toContain(`${previousId}:1`);

    await slack.submit(ORGANIZER, form, { topics: [`${previousId}:1`] });
    await harness.refresh();
    const nextId = String((await harness.hackathonIn(next.channel))?.id);
    const carried = await harness.topicOf(nextId, 1);
    expect(carried?.carriedFrom).toMatchObject({
      hackathonId: previousId,
      number: 1,
      history: [
        { state: 'going', round: 2, by: 'U0DORA' },
        { state: 'going', round: 6, by: 'U0DORA' },
      ],
    });
    const card = harness.slack.calls
      .filter((c) => c.method === 'chat.postMessage' && c.args.channel === next.channel && !c.args.thread_ts)
      .find((c) => String(c.args.text).startsWith('#1 '));
    expect(String(card?.args.blocks)).toContain(
      '*Continues* `#1` of *Hack The Garden (follow-ups)*: still going at 2 weeks, still going at 6 weeks',
    );
  });
});
