import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SlackSim } from '../../functions/local/dev/slack-sim.js';
import { setUpHackathon } from '../helpers/hackathon-setup.js';
import {
  expectNoSecretsLogged,
  expectWithinGrants,
  type IngressHarness,
  startIngressSuite,
} from '../helpers/ingress-harness.js';

/** The Home tab, end to end: an app_home_opened event, signed, publishes the person's own view. */
let harness: IngressHarness;
let slack: SlackSim;
const ORGANIZER = 'U0ORGANIZE';

beforeAll(async () => {
  ({ harness, slack } = await startIngressSuite('e2e-home'));
});
afterAll(async () => {
  await harness?.close();
});

describe('the Home tab', () => {
  it('shows the hackathons in the person’s channels, their votes, their team and topics looking for people', async () => {
    const { channel } = await setUpHackathon(slack, ORGANIZER, {
      answers: { votesPerPerson: '3', votingClosesAt: Math.floor(Date.now() / 1000) + 3 * 86_400 },
      topics: ['Gardener on IPv6', 'Shoot flavors', 'Etcd in Go'],
    });
    const other = await setUpHackathon(slack, ORGANIZER, { answers: { name: 'Another hackathon' } });
    await harness.refresh();
    await slack.command('U0ANNA', channel, 'join #1');
    await slack.command('U0ANNA', channel, 'vote');
    await slack.submit('U0ANNA', slack.lastOpenedView(), { vote__0: ['2'] });
    // Anna is in the first hackathon's channel only.
    harness.slack.respond('users.conversations', (args) => ({
      ok: true,
      channels: args.user === 'U0ANNA' ? [{ id: channel }] : [{ id: channel }, { id: other.channel }],
    }));

    expect(await slack.openHome('U0ANNA')).toBe(200);
    const published = harness.slack.callsTo('views.publish').at(-1);
    expect(published?.args.user_id).toBe('U0ANNA');
    const view = JSON.parse(String(published?.args.view)) as { type: string; blocks: unknown[] };
    expect(view.type).toBe('home');
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    const shown = JSON.stringify(view.blocks);
    expect(shown).toContain(`*Hack The Garden 11/2026* in <#${channel}>`);
    expect(shown).not.toContain('Another hackathon');
    expect(shown).toContain('Voting is open until');
    expect(shown).toContain('Your votes: `#2` Shoot flavors · 2 left');
    expect(shown).toContain('Your team: `#1` Gardener on IPv6 · proposed · 1 person');
    expect(shown).toContain('Looking for people: `#2` Shoot flavors, `#3` Etcd in Go');
    expect(shown).toContain('"action_id":"home_propose"');
    expect(shown).toContain('"action_id":"home_vote"');

    // The organizer is in both channels.
    await slack.openHome(ORGANIZER);
    const theirs = String(harness.slack.callsTo('views.publish').at(-1)?.args.view);
    expect(theirs).toContain('Another hackathon');
    expect(theirs).toContain('You are not in a team yet');

    // The Vote button opens the ballot, from the Home tab.
    const hackathonId = String(
      (await harness.table.items()).find((i) => i.entity === 'hackathon' && i.channelId === channel)?.id,
    );
    const before = harness.slack.callsTo('views.open').length;
    await slack.click('U0ANNA', '', '', 'home_vote', hackathonId);
    expect(harness.slack.callsTo('views.open')).toHaveLength(before + 1);
    expect(JSON.stringify(slack.lastOpenedView())).toContain('Shoot flavors');

    // A Home tab button that cannot do its work explains why in the person's messages with the app: there is
    // no channel for an ephemeral answer.
    const ephemerals = harness.slack.callsTo('chat.postEphemeral').length;
    await slack.click('U0ANNA', '', '', 'home_propose', 'no-such-hackathon');
    const told = harness.slack.callsTo('chat.postMessage').at(-1)?.args;
    expect(told?.channel).toBe('U0ANNA');
    expect(String(told?.text)).not.toBe('');
    expect(harness.slack.callsTo('chat.postEphemeral')).toHaveLength(ephemerals);
  });

  it('for someone on three teams (the one-team rule off): one outcome button per topic, each opening its own form', async () => {
    const { channel } = await setUpHackathon(slack, ORGANIZER, {
      answers: { name: 'Three teams', onePerPerson: [] },
      topics: ['Topic one', 'Topic two', 'Topic three'],
    });
    for (const n of [1, 2, 3]) await slack.command('U0TRIPLE', channel, `join #${n}`);
    harness.slack.respond('users.conversations', { ok: true, channels: [{ id: channel }] });
    const refused = harness.slack.refusals().length;

    await slack.openHome('U0TRIPLE');
    const published = harness.slack.callsTo('views.publish').at(-1);
    expect(published?.args.user_id).toBe('U0TRIPLE');
    // The strict stand-in refuses a block with two equal action ids, as Slack does: this view was accepted.
    expect(harness.slack.refusals().slice(refused)).toEqual([]);
    const view = JSON.parse(String(published?.args.view)) as { blocks: Array<Record<string, unknown>> };
    const buttons = view.blocks
      .filter((b) => b.type === 'actions')
      .flatMap((b) => b.elements as Array<{ action_id: string; value: string; text: { text: string } }>)
      .filter((e) => e.action_id.startsWith('topic_outcome'));
    expect(buttons.map((b) => b.action_id)).toEqual([
      'topic_outcome:1',
      'topic_outcome:2',
      'topic_outcome:3',
    ]);

    for (const [index, button] of buttons.entries()) {
      const opened = harness.slack.callsTo('views.open').length;
      await slack.click('U0TRIPLE', '', '', button.action_id, button.value);
      expect(harness.slack.callsTo('views.open')).toHaveLength(opened + 1);
      const form = JSON.stringify(slack.lastOpenedView());
      expect(form).toContain(`\`#${index + 1}\` Topic ${['one', 'two', 'three'][index]}`);
      expect(form).toContain('"callback_id":"topic_outcome"');
    }
    expect(harness.slack.refusals().slice(refused)).toEqual([]);
  });

  it('welcomes someone with no hackathon, and shows no hackathon of unknown visibility when Slack will not list their channels', async () => {
    harness.slack.respond('users.conversations', { ok: false, error: 'missing_scope' });
    await slack.openHome('U0NEWBIE');
    const view = String(harness.slack.callsTo('views.publish').at(-1)?.args.view);
    // The first test's channels were listed without `is_private`: nobody knows they are public.
    expect(view).not.toContain('Hack The Garden 11/2026');
    harness.slack.respond('users.conversations', { ok: true, channels: [] });
    await slack.openHome('U0NEWBIE');
    expect(String(harness.slack.callsTo('views.publish').at(-1)?.args.view)).toContain(
      'No hackathon is running in your channels yet',
    );
  });
});

describe('the Home tab when Slack will not list the person’s channels', () => {
  it('shows public channels’ hackathons and the person’s own, never a private channel’s to a non-member', async () => {
    const named = (name: string, organizer = ORGANIZER, topics: string[] = []) =>
      setUpHackathon(slack, organizer, { answers: { name }, topics });
    const open = await named('Public Hack');
    const closed = await named('Private Hack');
    const teamOf = await named('Private With My Team', ORGANIZER, ['Rita’s topic']);
    const organised = await named('Rita Organises', 'U0RITA');
    await slack.command('U0RITA', teamOf.channel, 'join #1');
    // Someone in all four opens their Home tab: Slack says which channels are private, and htg remembers it.
    harness.slack.respond('users.conversations', (args) => ({
      ok: true,
      channels:
        args.user === 'U0MEMBER'
          ? [
              { id: open.channel, is_private: false },
              { id: closed.channel, is_private: true },
              { id: teamOf.channel, is_private: true },
              { id: organised.channel, is_private: true },
            ]
          : [],
    }));
    await slack.openHome('U0MEMBER');
    expect((await harness.hackathonIn(open.channel))?.channelVisibility).toBe('public');
    expect((await harness.hackathonIn(closed.channel))?.channelVisibility).toBe('private');

    // Slack rate limits users.conversations (Tier 2) when Rita opens hers.
    harness.slack.rateLimit('users.conversations', 5, 30);
    const asked = harness.slack.callsTo('users.conversations').length;
    expect(await slack.openHome('U0RITA')).toBe(200);
    expect(harness.slack.callsTo('users.conversations').length).toBeGreaterThan(asked);
    const view = String(harness.slack.callsTo('views.publish').at(-1)?.args.view);
    expect(harness.slack.callsTo('views.publish').at(-1)?.args.user_id).toBe('U0RITA');
    expect(view).toContain('Public Hack');
    expect(view).toContain('Private With My Team');
    expect(view).toContain('Rita Organises');
    expect(view).not.toContain('Private Hack');
    expect(view).not.toContain(closed.channel);
    harness.slack.rateLimit('users.conversations', 0, 0);
  });

  it('reads every page of someone in many channels, and not again within the cache window', async () => {
    const early = await setUpHackathon(slack, ORGANIZER, { answers: { name: 'On The First Page' } });
    const late = await setUpHackathon(slack, ORGANIZER, { answers: { name: 'On The Second Page' } });
    const filler = (from: number) =>
      Array.from({ length: 199 }, (_, i) => ({ id: `C0FILL${from + i}`, is_private: false }));
    harness.slack.respond('users.conversations', (args) =>
      args.cursor === 'page-2'
        ? {
            ok: true,
            channels: [...filler(1000), { id: late.channel, is_private: true }],
            response_metadata: { next_cursor: '' },
          }
        : {
            ok: true,
            channels: [...filler(0), { id: early.channel, is_private: false }],
            response_metadata: { next_cursor: 'page-2' },
          },
    );
    const asked = harness.slack.callsTo('users.conversations').length;
    await slack.openHome('U0BUSY');
    const calls = harness.slack.callsTo('users.conversations').slice(asked);
    expect(calls.map((c) => c.args)).toEqual([
      expect.objectContaining({
        user: 'U0BUSY',
        types: 'public_channel,private_channel',
        exclude_archived: 'true',
        limit: '200',
      }),
      expect.objectContaining({ user: 'U0BUSY', cursor: 'page-2', limit: '200' }),
    ]);
    const view = String(harness.slack.callsTo('views.publish').at(-1)?.args.view);
    expect(view).toContain('On The First Page');
    expect(view).toContain('On The Second Page');

    // Opened again within the cache window: the same view, without asking Slack.
    await slack.openHome('U0BUSY');
    expect(harness.slack.callsTo('users.conversations')).toHaveLength(asked + 2);
    expect(String(harness.slack.callsTo('views.publish').at(-1)?.args.view)).toContain('On The Second Page');
    expect(harness.slack.refusals()).toEqual([]);
  });
});

describe('IAM grants', () => {
  it('cover every DynamoDB call the ingress made for the Home tab', () => {
    expect(harness.dynamoActions.ingress.size).toBeGreaterThan(0);
    expectWithinGrants(harness);
    // Nothing logged during these tests holds the signing secret or a token.
    expectNoSecretsLogged(harness);
  });
});
