import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SlackSim } from '../../functions/local/dev/slack-sim.js';
import { lastCardMessage, setUpHackathon } from '../helpers/hackathon-setup.js';
import { expectWithinGrants, type IngressHarness, startIngressSuite } from '../helpers/ingress-harness.js';

/**
 * The review meeting after the event (issue 19, item 3), end to end: signed Slack requests, DynamoDB Local, the
 * refresher and the scheduled jobs as EventBridge Scheduler runs them. Three days before the meeting each team
 * is asked on its card who presents and who continues its topic; the agenda is posted before it; the organizers
 * record what becomes of each topic after it.
 */
let harness: IngressHarness;
let slack: SlackSim;
const ORGANIZER = 'U0ORGANIZE';
type Json = Record<string, unknown>;

beforeAll(async () => {
  ({ harness, slack } = await startIngressSuite('e2e-review'));
});
afterAll(async () => {
  if (harness) expectWithinGrants(harness);
  await harness?.close();
});

describe('the review meeting', () => {
  // A week and a half from now, whenever the tests run (the hackathon ended on 2026-11-27).
  const meetingAt = new Date(Math.max(Date.now(), Date.parse('2026-11-28T00:00:00Z')) + 10 * 86_400_000);
  meetingAt.setUTCHours(13, 0, 0, 0);
  let channel: string;
  let hackathonId: string;

  const scheduled = async (kind: 'review-ask' | 'review-agenda' | 'review-record') => {
    const run = await harness.scheduled({
      hackathonId,
      kind,
      slot: kind,
      scheduledTime: new Date().toISOString(),
    });
    expect(run.result, kind).toBe('done');
    await harness.refresh();
  };
  const cardOf = async (n: number) => (await harness.topicOf(hackathonId, n))?.card as { ts: string };
  const lastCard = (n: number) => lastCardMessage(harness, channel, n);

  it('keeps its three moments as schedules that outlive the wrap-up', async () => {
    ({ channel } = await setUpHackathon(slack, ORGANIZER, {
      answers: { reviewMeetingAt: Math.floor(meetingAt.getTime() / 1000) },
      topics: ['Gardener on IPv6', 'Shoot flavors', 'Dashboard dark mode'],
    }));
    hackathonId = String((await harness.hackathonIn(channel))?.id);
    await slack.command('U0ANNA', channel, 'join #1');
    await slack.command('U0BOB', channel, 'join #2');
    await slack.command('U0ANNA', channel, 'status #1 done');
    await slack.command('U0BOB', channel, 'status #2 in-progress');
    await slack.command(ORGANIZER, channel, 'wrapup');
    await harness.refresh();
    await harness.refresh();
    expect((await harness.hackathonIn(channel))?.status).toBe('ended');
    // (Beside the follow-ups, test/e2e/follow-ups.test.ts.)
    const slots = (harness.scheduler.schedules.get(hackathonId) ?? [])
      .filter((s) => !s.kind.startsWith('follow-up'))
      .map((s) => [s.slot, s.fires]);
    const at = (ms: number) => ({ at: new Date(meetingAt.getTime() + ms).toISOString() });
    expect(slots).toEqual([
      ['review-ask', at(-3 * 86_400_000)],
      ['review-agenda', at(-30 * 60_000)],
      ['review-record', at(60 * 60_000)],
    ]);
  });

  it('a few days before, asks each team on its card who presents it and who continues it', async () => {
    const from = harness.slack.calls.length;
    await scheduled('review-ask');
    const asked = harness.slack.calls
      .slice(from)
      .filter((c) => c.method === 'chat.postMessage' && c.args.thread_ts);
    // The two topics worked on; the untouched one is no part of the review.
    expect(asked.map((c) => c.args.thread_ts)).toEqual([(await cardOf(1)).ts, (await cardOf(2)).ts]);
    expect(String(asked[0]?.args.text)).toContain(
      '<@U0ANNA> the review meeting of *Hack The Garden 11/2026*',
    );
    expect(String(asked[0]?.args.blocks)).toContain('"action_id":"topic_review"');
    // Run again (a duplicate delivery of the execution): nothing is asked twice.
    const again = harness.slack.calls.length;
    await harness.refresh();
    expect(harness.slack.calls.slice(again).filter((c) => c.method === 'chat.postMessage')).toEqual([]);
  });

  it('takes the team’s answer in a form, refusing bad input field by field and people outside the team', async () => {
    const value = JSON.stringify({ h: hackathonId, n: 1 });
    const refusedBefore = harness.slack.callsTo('chat.postEphemeral').length;
    await slack.click('U0EVE', channel, (await cardOf(1)).ts, 'topic_review', value);
    expect(String(harness.slack.callsTo('chat.postEphemeral').at(refusedBefore)?.args.text)).toBe(
      'Only the team of #1, its proposer and the organizers can say what becomes of it.',
    );

    await slack.click('U0ANNA', channel, (await cardOf(1)).ts, 'topic_review', value);
    const form = slack.lastOpenedView();
    // The team's member is the presenter until someone says otherwise.
    expect(JSON.stringify(form.blocks)).toContain('"initial_user":"U0ANNA"');
    const bad = await slack.submit('U0ANNA', form, {
      tracking: 'the issue',
      continuedBy: ['U0ANNA'],
      closedBecause: 'Nobody has time',
    });
    expect(bad.reply).toMatchObject({
      response_action: 'errors',
      errors: { tracking: expect.stringContaining('not a web address'), closedBecause: expect.any(String) },
    });
    const saved = await slack.submit('U0ANNA', form, {
      presenter: 'U0ANNA',
      continuedBy: ['U0ANNA', 'U0DORA'],
      tracking: 'https://github.com/gardener/gardener/pull/4242',
    });
    expect(JSON.stringify(saved.reply)).toContain('Review saved');
    expect((await harness.topicOf(hackathonId, 1))?.review).toMatchObject({
      presenter: 'U0ANNA',
      continuedBy: ['U0ANNA', 'U0DORA'],
      tracking: 'https://github.com/gardener/gardener/pull/4242',
      closedBecause: null,
      by: 'U0ANNA',
    });
    await harness.refresh();
    expect(String(lastCard(1)?.args.blocks)).toContain(
      '*After the hackathon:* continued by <@U0ANNA>, <@U0DORA> · tracked in <https://github.com/gardener/gardener/pull/4242|gardener/gardener#4242>',
    );
  });

  it('posts the agenda before the meeting: the topics in order, with their presenters', async () => {
    const from = harness.slack.calls.length;
    await scheduled('review-agenda');
    const agenda = harness.slack.calls
      .slice(from)
      .find((c) => c.method === 'chat.postMessage' && c.args.channel === channel && !c.args.thread_ts);
    const shown = String(agenda?.args.blocks);
    expect(String(agenda?.args.text)).toBe('Review meeting of Hack The Garden 11/2026: the agenda');
    expect(shown).toContain(
      '1. 🔹 *Gardener on IPv6* (`#1`), presented by <@U0ANNA> · continued by <@U0ANNA>, <@U0DORA>',
    );
    // Bob said nothing: the team's member presents.
    expect(shown).toContain('2. 🔹 *Shoot flavors* (`#2`), presented by <@U0BOB>');
    expect(shown).not.toContain('Dashboard dark mode');
  });

  it('after the meeting, asks the organizers to record each topic, and takes what they record', async () => {
    const from = harness.slack.calls.length;
    await scheduled('review-record');
    const message = harness.slack.calls
      .slice(from)
      .find((c) => c.method === 'chat.postMessage' && c.args.channel === ORGANIZER);
    const blocks = String(message?.args.blocks);
    expect(blocks).toContain('"action_id":"topic_review:1"');
    expect(blocks).toContain('"action_id":"topic_review:2"');
    expect(blocks).toContain('_Nothing said yet._');
    const dm = {
      channel: String((message?.answer as Json | undefined)?.channel),
      ts: String((message?.answer as Json | undefined)?.ts),
    };
    expect(dm.channel).toMatch(/^D/);

    await slack.click(
      ORGANIZER,
      dm.channel,
      dm.ts,
      'topic_review:2',
      JSON.stringify({ h: hackathonId, n: 2 }),
    );
    const saved = await slack.submit(ORGANIZER, slack.lastOpenedView(), {
      closedBecause: 'Merged into the shoot API work of #1',
    });
    expect(JSON.stringify(saved.reply)).toContain('Review saved');
    await harness.refresh();
    expect(String(lastCard(2)?.args.blocks)).toContain(
      '*Closed after the hackathon:* Merged into the shoot API work of #1',
    );
  });
});
