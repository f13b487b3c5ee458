import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setUpHackathon } from '../helpers/hackathon-setup.js';
import {
  expectNoSecretsLogged,
  expectWithinGrants,
  type IngressHarness,
  startIngressSuite,
} from '../helpers/ingress-harness.js';
import type { SlackSim } from '../helpers/slack-sim.js';

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

  it('welcomes someone with no hackathon, and shows everything when Slack will not list their channels', async () => {
    harness.slack.respond('users.conversations', { ok: false, error: 'missing_scope' });
    await slack.openHome('U0NEWBIE');
    const view = String(harness.slack.callsTo('views.publish').at(-1)?.args.view);
    expect(view).toContain('Hack The Garden 11/2026');
    harness.slack.respond('users.conversations', { ok: true, channels: [] });
    await slack.openHome('U0NEWBIE');
    expect(String(harness.slack.callsTo('views.publish').at(-1)?.args.view)).toContain(
      'No hackathon is running in your channels yet',
    );
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
