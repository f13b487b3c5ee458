import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ReactionTarget, SlackSim } from '../../functions/local/dev/slack-sim.js';
import type { RecordedCall } from '../../functions/local/dev/slack-stand-in.js';
import { hackathonWithCards, setUpHackathon } from '../helpers/hackathon-setup.js';
import { type IngressHarness, startIngressSuite } from '../helpers/ingress-harness.js';

/**
 * A channel the app is not in (Slack answers `not_in_channel`, functions/local/dev/slack-rules/channel-membership.ts):
 * what htg posts there waits, the organizer is asked once to invite the app, and the invitation brings it all.
 */
let harness: IngressHarness;
let slack: SlackSim;
const ORGANIZER = 'U0ORGMEMBR';
let clock = 1_790_000_000;
const nextTs = () => `${++clock}.000100`;

beforeAll(async () => {
  ({ harness, slack } = await startIngressSuite('e2e-membership'));
});
afterAll(async () => {
  await harness?.close();
});

/** Runs the refresher until the stream has nothing more (jobs record further jobs); every batch must succeed. */
async function refreshAll(): Promise<void> {
  for (let round = 0; round < 5; round++) {
    const before = (await harness.table.items()).length;
    const calls = harness.slack.calls.length;
    expect((await harness.refresh()).batchItemFailures).toEqual([]);
    if ((await harness.table.items()).length === before && harness.slack.calls.length === calls) return;
  }
}

const postsIn = (channel: string, since = 0): RecordedCall[] =>
  harness.slack.calls
    .slice(since)
    .filter((call) => call.method === 'chat.postMessage' && call.args.channel === channel && !call.refused);
const isBoard = (call: RecordedCall) => String(call.args.blocks ?? '').startsWith('[{"type":"header"');
const isAnnouncement = (call: RecordedCall) => String(call.args.text).includes('is set up in this channel');

describe('a hackathon in a channel the app was not invited to', () => {
  let channel: string;
  let hackathonId: string;
  let joined: { eventId: string; eventTs: string };

  it('waits for the invitation: no retries, one direct message to the organizer', async () => {
    const calls = harness.slack.calls.length;
    const setup = await setUpHackathon(slack, ORGANIZER, {
      invite: false,
      topics: ['Waits one', 'Waits two', 'Waits three'],
    });
    channel = setup.channel;
    hackathonId = String((await harness.hackathonIn(channel))?.id);
    // The setup request itself posts nothing (the announcement goes off the request path).
    expect(harness.slack.calls.slice(calls).map((call) => call.method)).not.toContain('chat.postMessage');
    const view = JSON.stringify(setup.reply);
    expect(view).toContain('direct message');

    expect((await harness.refresh()).batchItemFailures).toEqual([]);
    const refused = harness.slack.refusals().filter((call) => call.args.channel === channel);
    expect(refused.length).toBeGreaterThan(0);
    expect(new Set(refused.map((call) => call.refused))).toEqual(new Set(['not_in_channel']));
    const dms = postsIn(ORGANIZER);
    expect(dms).toHaveLength(1);
    expect(String(dms[0]?.args.text)).toContain(`<#${channel}>`);
    expect(String(dms[0]?.args.text)).toContain('/invite @htg');
    const hackathon = await harness.hackathonIn(channel);
    expect(hackathon?.waitingForChannel).toMatchObject({ reason: 'not-in-channel' });
    expect(hackathon?.announcement ?? null).toBeNull();
    expect(hackathon?.board ?? null).toBeNull();

    // Another proposal while waiting: it waits too, nothing fails, the organizer is not told again.
    await slack.command(ORGANIZER, channel, 'propose');
    await slack.submit(ORGANIZER, slack.lastOpenedView(), { title: 'Waits four', category: 'Core' });
    await refreshAll();
    expect(postsIn(ORGANIZER)).toHaveLength(1);
    const topics = (await harness.entities('topic')).filter((t) => t.hackathonId === hackathonId);
    expect(topics.map((t) => t.card ?? null)).toEqual([null, null, null, null]);
  });

  it('posts the announcement, every card and the board once when the app is invited', async () => {
    const since = harness.slack.calls.length;
    joined = await slack.inviteBot(channel);
    expect(harness.slack.calls.slice(since)).toEqual([]);
    await refreshAll();
    const posts = postsIn(channel, since);
    expect(posts.filter(isAnnouncement)).toHaveLength(1);
    expect(posts.filter(isBoard)).toHaveLength(1);
    const cards = posts.filter((call) => !isBoard(call) && !isAnnouncement(call));
    expect(cards).toHaveLength(4);
    // The announcement comes first.
    expect(isAnnouncement(posts[0] as RecordedCall)).toBe(true);
    const topics = (await harness.entities('topic'))
      .filter((t) => t.hackathonId === hackathonId)
      .sort((a, b) => Number(a.number) - Number(b.number));
    const timestamps = topics.map((t) => (t.card as { ts: string } | null)?.ts);
    expect(new Set(timestamps).size).toBe(4);
    expect([...timestamps].sort()).toEqual(cards.map((call) => String(call.answer?.ts)).sort());
    const hackathon = await harness.hackathonIn(channel);
    expect(hackathon?.waitingForChannel ?? null).toBeNull();
    expect(hackathon?.announcement).toMatchObject({ channelId: channel });
    expect(hackathon?.board).toMatchObject({ channelId: channel });
    expect(postsIn(ORGANIZER)).toHaveLength(1);
  });

  it('changes nothing when Slack redelivers the event, or the app is invited again', async () => {
    const since = harness.slack.calls.length;
    const again = await slack.inviteBot(channel, { ...joined, retryNum: 1 });
    expect(again.status).toBe(200);
    await refreshAll();
    expect(harness.slack.calls.slice(since)).toEqual([]);

    await slack.inviteBot(channel);
    await refreshAll();
    const after = harness.slack.calls.slice(since);
    expect(after.filter((call) => call.method === 'chat.postMessage')).toEqual([]);
    expect(after.filter((call) => call.method === 'chat.delete')).toEqual([]);
    expect(after.filter((call) => call.refused)).toEqual([]);
  });
});

describe('the setup announcement', () => {
  it('is posted off the request path, once, even when the refresher sees the record again', async () => {
    const since = harness.slack.calls.length;
    const { channel } = await setUpHackathon(slack, ORGANIZER);
    expect(harness.slack.calls.slice(since).map((call) => call.method)).toEqual(['views.open']);
    const first = await harness.refresh();
    expect(first.batchItemFailures).toEqual([]);
    const announcements = () => postsIn(channel, since).filter(isAnnouncement);
    expect(announcements()).toHaveLength(1);
    expect(String(announcements()[0]?.args.text)).toContain(
      '*Hack The Garden 11/2026* is set up in this channel',
    );
    // The app invited again (an app-joined job announces what is not announced yet): still one.
    await slack.inviteBot(channel);
    await refreshAll();
    expect(announcements()).toHaveLength(1);
    expect(postsIn(ORGANIZER, since)).toEqual([]);
  });
});

describe('notices about a reaction', () => {
  it('are not repeated when Slack redelivers the reaction event', async () => {
    const { cards } = await hackathonWithCards(harness, slack, ORGANIZER, ['Budget one', 'Budget two'], {
      votesPerPerson: '1',
    });
    const [a, b] = cards as [ReactionTarget, ReactionTarget];
    await slack.react('U0OVER', { ...a, reaction: 'arrow_up', added: true, eventTs: nextTs() });
    const before = harness.slack.callsTo('chat.postEphemeral').length;
    const over = { ...b, reaction: 'arrow_up', added: true, eventTs: nextTs(), eventId: 'EvOVERBUDGET' };
    expect(await slack.react('U0OVER', over)).toBe(200);
    expect(await slack.react('U0OVER', { ...over, retryNum: 1 })).toBe(200);
    expect(await slack.react('U0OVER', { ...over, retryNum: 2 })).toBe(200);
    const told = harness.slack.callsTo('chat.postEphemeral').slice(before);
    expect(told).toHaveLength(1);
    expect(String(told[0]?.args.text)).toContain('was not counted');

    // A new reaction (a new event) is told again: it is the answer to what the person just did.
    await slack.react('U0OVER', { ...b, reaction: 'arrow_up', added: true, eventTs: nextTs() });
    expect(harness.slack.callsTo('chat.postEphemeral').slice(before)).toHaveLength(2);
  });

  it('after voting closed, are given once, whatever Slack redelivers', async () => {
    const { cards } = await hackathonWithCards(harness, slack, ORGANIZER, ['Closed one'], {
      votingClosesAt: Math.floor(Date.now() / 1000) - 60,
    });
    const [a] = cards as [ReactionTarget];
    const before = harness.slack.callsTo('chat.postEphemeral').length;
    const late = { ...a, reaction: 'arrow_up', added: true, eventTs: nextTs(), eventId: 'EvLATEVOTE' };
    await slack.react('U0LATER', late);
    await slack.react('U0LATER', { ...late, retryNum: 1 });
    expect(harness.slack.callsTo('chat.postEphemeral').slice(before)).toHaveLength(1);
  });
});

describe('a hackathon whose channel the app was removed from', () => {
  it('keeps the ranking at close and the wrap-up waiting, and posts each once when the app is invited again', async () => {
    const { channel, cards } = await hackathonWithCards(harness, slack, ORGANIZER, [
      'Removed one',
      'Removed two',
    ]);
    const [first] = cards as [ReactionTarget];
    await slack.react('U0VOTER', { ...first, reaction: 'arrow_up', added: true, eventTs: nextTs() });
    await refreshAll();
    // Someone removes the app from the channel (`/remove @htg`).
    harness.slack.world.botChannels.delete(channel);
    const since = harness.slack.calls.length;
    await slack.command(ORGANIZER, channel, 'close-voting');
    await refreshAll();
    const isRanking = (call: RecordedCall) => String(call.args.text).startsWith('Voting results');
    expect(postsIn(channel, since).filter(isRanking)).toEqual([]);
    expect((await harness.hackathonIn(channel))?.waitingForChannel).toMatchObject({
      reason: 'not-in-channel',
    });
    // The organizer still gets the report, and is asked (once) to invite the app.
    const dms = postsIn(ORGANIZER, since).map((call) => String(call.args.text));
    expect(dms.filter((text) => text.includes('/invite @htg'))).toHaveLength(1);
    expect(dms.some((text) => text.includes('*Proposed teams*'))).toBe(true);

    await slack.inviteBot(channel);
    await refreshAll();
    expect(postsIn(channel, since).filter(isRanking)).toHaveLength(1);
    expect((await harness.hackathonIn(channel))?.rankingMessage).toMatchObject({ channelId: channel });

    // Removed again before the wrap-up: the hackathon ends, its wrap-up waits.
    harness.slack.world.botChannels.delete(channel);
    for (const number of [1, 2]) await slack.command(ORGANIZER, channel, `status #${number} in-progress`);
    await refreshAll();
    const wrapSince = harness.slack.calls.length;
    await slack.command(ORGANIZER, channel, 'wrapup');
    await refreshAll();
    const isHighlights = (call: RecordedCall) => String(call.args.text).startsWith('Highlights');
    expect(postsIn(channel, wrapSince).filter(isHighlights)).toEqual([]);
    const ended = await harness.hackathonIn(channel);
    expect(ended?.status).toBe('ended');
    expect(ended?.waitingForChannel).toBeTruthy();

    await slack.inviteBot(channel);
    await refreshAll();
    await refreshAll();
    const posted = postsIn(channel, wrapSince);
    expect(posted.filter(isHighlights)).toHaveLength(1);
    const wrapUp = (await harness.hackathonIn(channel))?.wrapUp as {
      ts: string;
      replies: object;
      files?: boolean;
    };
    expect(Object.keys(wrapUp.replies)).toHaveLength(2);
    expect(wrapUp.files).toBe(true);
    expect(posted.filter((call) => call.args.thread_ts === wrapUp.ts)).toHaveLength(2);
    // Invited once more: nothing is posted twice.
    const again = harness.slack.calls.length;
    await slack.inviteBot(channel);
    await refreshAll();
    expect(postsIn(channel, again)).toEqual([]);
  });
});
