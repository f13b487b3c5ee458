import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_BOT_USER_ID } from '../../functions/local/dev/signed-request.js';
import type { PartnerOrganisation, SlackSim } from '../../functions/local/dev/slack-sim.js';
import { newChannel } from '../helpers/hackathon-setup.js';
import {
  expectNoSecretsLogged,
  expectWithinGrants,
  type IngressHarness,
  startIngressSuite,
} from '../helpers/ingress-harness.js';

/**
 * Slack Connect, end to end: in a channel shared with a partner organisation, Slack names the acting person's own
 * workspace in a command's `team_id` and a modal's `team.id` (bolt-js #1614), while the channel id is the same for
 * everyone. The hackathon belongs to its channel and to the workspace htg is installed in; the partner's members
 * (Enterprise Grid `W…` user ids) take part like anyone else, under the same permissions.
 */
let harness: IngressHarness;
let slack: SlackSim;
const ORGANIZER = 'U0ORGANIZE';
/** A partner organisation on Enterprise Grid: its workspace, its org, its people's W ids. */
const PARTNER: PartnerOrganisation = { teamId: 'T0PARTNER', enterpriseId: 'E0PARTNER' };
const PIA = 'W0PIAPARTN';
const PAUL = 'W0PAULPART';
type Json = Record<string, unknown>;

let ts = 1_714_100_000;
const nextTs = () => `${++ts}.000100`;
const text = (reply: unknown) => JSON.stringify(reply);

/** A fresh channel shared with the partner, htg invited, and the home organizer's hackathon set up in it. */
async function sharedHackathon(answers: Json = {}, createdBy: 'home' | 'partner' = 'partner') {
  const channel = newChannel();
  await slack.inviteBot(channel);
  const partner = slack.shareChannel(channel, PARTNER, { createdBy });
  await slack.command(ORGANIZER, channel, 'setup');
  await slack.submit(ORGANIZER, slack.lastOpenedView(), {
    name: 'Hack Across Orgs',
    startDate: '2026-11-23',
    endDate: '2026-11-27',
    timeZone: 'Europe/Berlin',
    votingClosesAt: Math.floor(Date.now() / 1000) + 3 * 86_400,
    ...answers,
  });
  const hackathon = (await harness.hackathonIn(channel)) as Json;
  return { channel, partner, hackathon, hackathonId: String(hackathon.id) };
}

async function hackathonsIn(channel: string) {
  return (await harness.entities('hackathon')).filter((h) => h.channelId === channel);
}

beforeAll(async () => {
  ({ harness, slack } = await startIngressSuite('e2e-connect'));
});
afterAll(async () => {
  await harness?.close();
});

describe('a Slack Connect channel', () => {
  it('belongs to the installation: the partner’s members propose, vote by reaction and ballot, join and write outcomes', async () => {
    const { channel, partner, hackathon, hackathonId } = await sharedHackathon();
    expect(hackathon.teamId).toBe(slack.teamId);

    // Pia (partner organisation, Enterprise Grid) proposes: the command names her own workspace.
    const proposing = await partner.command(PIA, channel, 'propose');
    expect(proposing.status).toBe(200);
    expect(text(proposing.reply)).not.toContain('no hackathon');
    const proposed = await partner.submit(PIA, partner.lastOpenedView(), {
      title: 'Cross-org shoot migration',
      category: 'Core',
    });
    expect(proposed.status).toBe(200);
    await slack.command(ORGANIZER, channel, 'propose');
    await slack.submit(ORGANIZER, slack.lastOpenedView(), { title: 'Etcd in Go', category: 'Core' });
    const first = await harness.topicOf(hackathonId, 1);
    expect(first).toMatchObject({ title: 'Cross-org shoot migration', proposerId: PIA });

    // Cards are posted; Pia votes on #1 with the reaction, Paul (also partner) votes on #2 on the ballot.
    await harness.refresh();
    const card = (await harness.topicOf(hackathonId, 1))?.card as { channelId: string; ts: string };
    expect(card.channelId).toBe(channel);
    expect(
      await partner.react(PIA, {
        channel: card.channelId,
        ts: card.ts,
        itemUser: TEST_BOT_USER_ID,
        reaction: 'arrow_up',
        added: true,
        eventTs: nextTs(),
      }),
    ).toBe(200);
    expect((await harness.topicOf(hackathonId, 1))?.voteCount).toBe(1);
    await partner.command(PAUL, channel, 'vote');
    const ballot = await partner.submit(PAUL, partner.lastOpenedView(), { vote__0: ['2'] });
    expect(ballot.status).toBe(200);
    expect((await harness.topicOf(hackathonId, 2))?.voteCount).toBe(1);
    expect(
      (await harness.entities('vote')).filter((v) => v.hackathonId === hackathonId).map((v) => v.userId),
    ).toEqual(expect.arrayContaining([PIA, PAUL]));

    // Pia joins #1 and writes its outcome from the card.
    const joined = await partner.command(PIA, channel, 'join #1');
    expect(text(joined.reply)).not.toContain('no hackathon');
    expect((await harness.topicOf(hackathonId, 1))?.members).toEqual(new Set([PIA]));
    const opened = harness.slack.callsTo('views.open').length;
    await partner.click(PIA, channel, card.ts, 'topic_outcome', JSON.stringify({ h: hackathonId, n: 1 }));
    expect(harness.slack.callsTo('views.open')).toHaveLength(opened + 1);
    const saved = await partner.submit(PIA, partner.lastOpenedView(), {
      highlight: 'Shoots move between organisations',
      achievements: 'A shoot moved from one org to the other.',
    });
    expect(text(saved.reply)).toContain('Outcome saved');
    expect((await harness.topicOf(hackathonId, 1))?.outcome).toMatchObject({
      highlight: 'Shoots move between organisations',
      updatedBy: PIA,
    });

    await harness.refresh();
    expect(harness.slack.refusals()).toEqual([]);
  });

  it('keeps one hackathon per channel, whichever organisation asks', async () => {
    const { channel, partner } = await sharedHackathon();
    const { reply } = await partner.command(PIA, channel, 'setup');
    expect(text(reply)).toContain('This channel already runs *Hack Across Orgs*');
    expect(await hackathonsIn(channel)).toHaveLength(1);

    // Both open the setup form in a fresh shared channel before either submits: the second submission is refused.
    const fresh = newChannel();
    await slack.inviteBot(fresh);
    const partnerThere = slack.shareChannel(fresh, PARTNER, { createdBy: 'home' });
    await slack.command(ORGANIZER, fresh, 'setup');
    const homeForm = slack.lastOpenedView();
    await partnerThere.command(PIA, fresh, 'setup');
    const partnerForm = partnerThere.lastOpenedView();
    const answers = {
      name: 'First',
      startDate: '2026-11-23',
      endDate: '2026-11-27',
      timeZone: 'Europe/Berlin',
    };
    await partnerThere.submit(PIA, partnerForm, answers);
    const second = await slack.submit(ORGANIZER, homeForm, { ...answers, name: 'Second' });
    expect(text(second.reply)).toContain('This channel already runs *First*');
    const [only] = await hackathonsIn(fresh);
    expect(await hackathonsIn(fresh)).toHaveLength(1);
    // Set up by a partner member, it still belongs to the workspace htg is installed in.
    expect(only).toMatchObject({ name: 'First', teamId: slack.teamId, createdBy: PIA, organizers: [PIA] });
  });

  it('holds the permission matrix: a partner member is an organizer only when made one', async () => {
    const { channel, partner, hackathonId } = await sharedHackathon();
    for (const command of ['settings', 'close-voting', 'wrapup']) {
      const { reply } = await partner.command(PAUL, channel, command);
      expect(text(reply), command).toContain('Only the organizers of *Hack Across Orgs*');
    }
    expect((await harness.entities('hackathon')).find((h) => h.id === hackathonId)?.status).toBe('active');

    // The home organizer makes Paul (a W id) an organizer; then he may change the settings.
    await slack.command(ORGANIZER, channel, 'settings');
    await slack.submit(ORGANIZER, slack.lastOpenedView(), { organizers: [ORGANIZER, PAUL] });
    expect((await harness.hackathonIn(channel))?.organizers).toEqual([ORGANIZER, PAUL]);
    const before = harness.slack.callsTo('views.open').length;
    const { reply } = await partner.command(PAUL, channel, 'settings');
    expect(reply).toBeNull();
    expect(harness.slack.callsTo('views.open')).toHaveLength(before + 1);
  });

  it('shows the partner’s hackathon on the home organizer’s Home tab, listed under the installation workspace', async () => {
    const { channel } = await sharedHackathon({ name: 'Shared Home Tab' });
    harness.slack.respond('users.conversations', {
      ok: true,
      channels: [{ id: channel, is_private: false }],
    });
    await slack.openHome(ORGANIZER);
    expect(String(harness.slack.callsTo('views.publish').at(-1)?.args.view)).toContain('Shared Home Tab');
  });
});

describe('IAM grants', () => {
  it('cover every DynamoDB call made in a shared channel', () => {
    expectWithinGrants(harness);
    expectNoSecretsLogged(harness);
  });
});
