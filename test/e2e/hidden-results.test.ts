import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_BOT_USER_ID } from '../../functions/local/dev/signed-request.js';
import type { ReactionTarget, SlackSim } from '../../functions/local/dev/slack-sim.js';
import type { RecordedCall } from '../../functions/local/dev/slack-stand-in.js';
import { lastCardMessage, setUpHackathon } from '../helpers/hackathon-setup.js';
import {
  expectNoSecretsLogged,
  expectWithinGrants,
  type IngressHarness,
  startIngressSuite,
} from '../helpers/ingress-harness.js';

/**
 * Results hidden until voting closes, end to end (signed Slack requests, DynamoDB Local, the refresher and the
 * scheduled jobs): no surface shows a count or the ranking while voting runs, a person still sees their own
 * votes and budget, and the ranking message at the close reveals everything, the cards and board following.
 */
let harness: IngressHarness;
let slack: SlackSim;
const ORGANIZER = 'U0ORGANIZE';
let clock = 1_790_000_000;
const nextTs = () => `${++clock}.000100`;
const HACKATHON = 'Hack The Garden 11/2026';

const postsIn = (channel: string, from = 0) =>
  harness.slack.calls
    .slice(from)
    .filter((c) => c.method === 'chat.postMessage' && c.args.channel === channel && !c.args.thread_ts);
const shown = (call: RecordedCall | undefined) => `${String(call?.args.text)}\n${String(call?.args.blocks)}`;
/** The living board as last posted or updated in the channel. */
const lastBoard = (channel: string) =>
  harness.slack.calls
    .filter(
      (c) =>
        ['chat.postMessage', 'chat.update'].includes(c.method) &&
        c.args.channel === channel &&
        !c.args.thread_ts &&
        String(c.args.text).startsWith(`${HACKATHON} – Topics`),
    )
    .at(-1);
/**
 * Any count a surface could show: a topic's "(1 vote)", a total's "3 topics, 4 votes", a card's ":arrow_up: 2" and
 * ":rocket: 1 would work on it: <@…>" (a person's budget, "Everyone has 3 votes", is not a count).
 */
const COUNTS = /\(\d+ votes?\)|, \d+ votes?\b|:arrow_up: \d|:rocket: \d|would work on it:/;

beforeAll(async () => {
  ({ harness, slack } = await startIngressSuite('e2e-hidden-results'));
});
afterAll(async () => {
  await harness?.close();
});

describe('results hidden until voting closes', () => {
  it('show no count anywhere while voting runs, then the ranking reveals them all and every card follows', async () => {
    // The ingress runs on the real clock: voting closes a day from now, on a whole minute (the form's precision).
    const closesAt = new Date(Math.ceil(Date.now() / 60_000) * 60_000 + 86_400_000);
    harness.setNow(null);
    const { channel } = await setUpHackathon(slack, ORGANIZER, {
      answers: {
        hideResults: ['yes'],
        votesPerPerson: '3',
        votingClosesAt: closesAt.getTime() / 1000,
      },
      topics: ['Gardener on IPv6', 'Shoot flavors', 'Etcd in Go'],
    });
    expect(await harness.refresh()).toEqual({ batchItemFailures: [] });
    const hackathon = await harness.hackathonIn(channel);
    expect(hackathon?.hideResults).toBe(true);
    const hackathonId = String(hackathon?.id);
    const topics = (await harness.entities('topic'))
      .filter((t) => t.hackathonId === hackathonId)
      .sort((a, b) => Number(a.number) - Number(b.number));
    const cards: ReactionTarget[] = topics.map((t) => {
      const card = t.card as { channelId: string; ts: string };
      return { channel: card.channelId, ts: card.ts, itemUser: TEST_BOT_USER_ID };
    });
    const [, two, three] = cards as [ReactionTarget, ReactionTarget, ReactionTarget];

    // Votes by reaction and interest: #2 gets two votes, #3 one, #1 none.
    for (const [user, card, reaction] of [
      ['U0ALICE', two, 'arrow_up'],
      ['U0BOB', two, 'arrow_up'],
      ['U0CAROL', three, 'arrow_up'],
      ['U0ALICE', two, 'rocket'],
    ] as const)
      expect(await slack.react(user, { ...card, reaction, added: true, eventTs: nextTs() })).toBe(200);
    expect(await harness.refresh()).toEqual({ batchItemFailures: [] });

    // The cards: no count, nobody named as interested, the private way to vote offered.
    for (const n of [1, 2, 3]) {
      const card = shown(lastCardMessage(harness, channel, n));
      expect(card).not.toMatch(COUNTS);
      expect(card).toContain('Vote counts stay hidden until voting closes');
      expect(card).toContain('"action_id":"topic_ballot"');
    }
    expect(shown(lastCardMessage(harness, channel, 2))).not.toContain('<@U0ALICE>');

    // The card's "Vote in private" opens the ballot: no counts, but the person's own votes and budget.
    const opened = harness.slack.callsTo('views.open').length;
    await slack.click('U0ALICE', channel, two.ts, 'topic_ballot', JSON.stringify({ h: hackathonId, n: 2 }));
    expect(harness.slack.callsTo('views.open')).toHaveLength(opened + 1);
    const ballot = JSON.stringify(slack.lastOpenedView());
    expect(ballot).toContain('You have 3 votes and have given 1.');
    expect(ballot).toContain('Counts stay hidden until voting closes');
    expect(ballot).not.toContain('"description"');
    // Dave votes in private for #1 with it.
    await slack.command('U0DAVE', channel, 'vote');
    const { status } = await slack.submit('U0DAVE', slack.lastOpenedView(), { vote__0: ['1'] });
    expect(status).toBe(200);

    // `/htg list`: by number, no counts.
    const list = String((await slack.command('U0ERIN', channel, 'list')).reply?.text);
    expect(list).toContain('by number (vote counts stay hidden until voting closes)');
    expect(list).not.toMatch(COUNTS);
    expect(list.indexOf('`#1`')).toBeLessThan(list.indexOf('`#2`'));
    expect(list.indexOf('`#2`')).toBeLessThan(list.indexOf('`#3`'));

    // `/htg my-votes`: the person's own votes still show.
    const mine = String((await slack.command('U0ALICE', channel, 'my-votes')).reply?.text);
    expect(mine).toContain('you use 1 of your 3 votes');
    expect(mine).toContain('`#2` Shoot flavors');

    // The Home tab: the person's votes, no topics "most votes first".
    harness.slack.respond('users.conversations', {
      ok: true,
      channels: [{ id: channel, is_private: false }],
    });
    await slack.openHome('U0ALICE');
    const home = String(harness.slack.callsTo('views.publish').at(-1)?.args.view);
    expect(home).toContain(HACKATHON);
    expect(home).toContain('Your votes: `#2` Shoot flavors · 2 left');
    expect(home).not.toContain('Looking for people');

    // The voting summary: no leaderboard, no totals.
    const before = harness.slack.calls.length;
    const summary = {
      hackathonId,
      kind: 'summary',
      slot: 'summary-0900',
      scheduledTime: new Date(closesAt.getTime() - 3_600_000).toISOString(),
    };
    harness.setNow(new Date(closesAt.getTime() - 3_599_000));
    expect((await harness.scheduled(summary)).result).toBe('done');
    expect(await harness.refresh()).toEqual({ batchItemFailures: [] });
    const posted = postsIn(channel, before).find((c) => String(c.args.text).startsWith('Voting summary'));
    expect(posted).toBeDefined();
    expect(shown(posted)).not.toMatch(COUNTS);
    expect(shown(posted)).not.toContain('Leaderboard');
    expect(shown(posted)).not.toContain('Could use a look');
    expect(shown(posted)).toContain('Vote counts stay hidden until voting closes');

    // The living board: topics by number, no counts.
    const board = shown(lastBoard(channel));
    expect(board).toContain('Gardener on IPv6');
    expect(board).not.toMatch(COUNTS);
    expect(board.indexOf('Gardener on IPv6')).toBeLessThan(board.indexOf('Shoot flavors'));

    // Voting closes at its time: the recount reads the cards (the reactions as Slack holds them), then the
    // ranking message shows every count at once.
    harness.slack.respond('reactions.get', (args) => ({
      ok: true,
      type: 'message',
      message: {
        ts: args.timestamp,
        reactions:
          args.timestamp === two.ts
            ? [
                { name: 'arrow_up', users: ['U0ALICE', 'U0BOB'], count: 2 },
                { name: 'rocket', users: ['U0ALICE'], count: 1 },
              ]
            : args.timestamp === three.ts
              ? [{ name: 'arrow_up', users: ['U0CAROL'], count: 1 }]
              : [],
      },
    }));
    harness.setNow(new Date(closesAt.getTime() + 2000));
    const close = {
      hackathonId,
      kind: 'voting-close',
      slot: 'voting-close',
      scheduledTime: closesAt.toISOString(),
    };
    expect((await harness.scheduled(close)).result).toBe('done');
    const closing = harness.slack.calls.length;
    expect(await harness.refresh()).toEqual({ batchItemFailures: [] });
    const ranking = postsIn(channel, closing).find((c) => String(c.args.text).startsWith('Voting results'));
    expect(shown(ranking)).toContain('1. `#2` Shoot flavors · :arrow_up: 2');
    expect(shown(ranking)).toMatch(
      /2\. `#1` Gardener on IPv6 · :arrow_up: 1[^\n]*\\n2\. `#3` Etcd in Go · :arrow_up: 1/,
    );
    expect((await harness.hackathonIn(channel))?.rankingMessage).toBeTruthy();

    // Revealed: the cards and the board follow the ranking message.
    expect(await harness.refresh()).toEqual({ batchItemFailures: [] });
    expect(shown(lastCardMessage(harness, channel, 2))).toContain(
      ':arrow_up: 2 votes  ·  :rocket: 1 would work on it: <@U0ALICE>',
    );
    expect(shown(lastCardMessage(harness, channel, 1))).toContain(':arrow_up: 1 vote ');
    for (const n of [1, 2, 3]) {
      const card = shown(lastCardMessage(harness, channel, n));
      expect(card).not.toContain('Vote counts stay hidden');
      expect(card).not.toContain('topic_ballot');
    }
    expect(shown(lastBoard(channel))).toContain('Shoot flavors (2 votes)');
    const after = String((await slack.command('U0ERIN', channel, 'list')).reply?.text);
    expect(after).toContain('most votes first');
    expect(after.indexOf('`#2`')).toBeLessThan(after.indexOf('`#1`'));
    expect(harness.slack.refusals()).toEqual([]);
  }, 60_000);

  it('hide the counts on every card as soon as an organizer switches it on in the settings', async () => {
    harness.setNow(null);
    const { channel } = await setUpHackathon(slack, ORGANIZER, { topics: ['One', 'Two'] });
    expect(await harness.refresh()).toEqual({ batchItemFailures: [] });
    const hackathonId = String((await harness.hackathonIn(channel))?.id);
    const card = (await harness.topicOf(hackathonId, 1))?.card as { channelId: string; ts: string };
    await slack.react('U0ALICE', {
      channel: card.channelId,
      ts: card.ts,
      itemUser: TEST_BOT_USER_ID,
      reaction: 'arrow_up',
      added: true,
      eventTs: nextTs(),
    });
    expect(await harness.refresh()).toEqual({ batchItemFailures: [] });
    expect(shown(lastCardMessage(harness, channel, 1))).toContain(':arrow_up: 1 vote ');

    await slack.command(ORGANIZER, channel, 'settings');
    expect(JSON.stringify(slack.lastOpenedView())).toContain('Hide vote counts until voting closes');
    expect((await slack.submit(ORGANIZER, slack.lastOpenedView(), { hideResults: ['yes'] })).status).toBe(
      200,
    );
    expect(await harness.refresh()).toEqual({ batchItemFailures: [] });
    // Both cards, the one with a vote and the one without: a settings change reaches every card.
    for (const n of [1, 2]) expect(shown(lastCardMessage(harness, channel, n))).not.toMatch(COUNTS);
    expect(shown(lastBoard(channel))).not.toMatch(COUNTS);
  });

  it('stay within the grants and log no secret', () => {
    expectWithinGrants(harness);
    expectNoSecretsLogged(harness);
  });
});
