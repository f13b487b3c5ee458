import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SlackSim } from '../../functions/local/dev/slack-sim.js';
import { setUpHackathon } from '../helpers/hackathon-setup.js';
import {
  expectNoSecretsLogged,
  expectWithinGrants,
  type IngressHarness,
  startIngressSuite,
} from '../helpers/ingress-harness.js';

/**
 * The permission matrix of the README, action by action and role by role, through signed requests against
 * DynamoDB Local: whoever may not do something gets an explanation only they see, and nothing in the table
 * changes. Every way in is tried: the command, the card button, and a form opened by someone allowed but
 * submitted by someone else.
 */
const ROLES = {
  organizer: 'U0ORG',
  proposer: 'U0PROP',
  member: 'U0MEMB',
  anyone: 'U0ANY',
} as const;
type Role = keyof typeof ROLES;
type Json = Record<string, unknown>;

let harness: IngressHarness;
let slack: SlackSim;
let channel: string;
let hackathonId: string;
let cardTs: string;
/** Forms opened by someone allowed to use them, for others to submit. */
const forms: Record<'settings' | 'attendees' | 'import' | 'edit', Json> = {} as never;

const snapshot = async () =>
  JSON.stringify(
    (await harness.table.items())
      .filter((item) => item.hackathonId === hackathonId || String(item.pk).includes(hackathonId))
      .sort((a, b) => `${a.pk}${a.sk}`.localeCompare(`${b.pk}${b.sk}`)),
    (_key, value) => (value instanceof Set ? [...value].sort() : value),
  );

async function said(run: () => Promise<unknown>, user: string): Promise<string> {
  const ephemeralsBefore = harness.slack.callsTo('chat.postEphemeral').length;
  const result = await run();
  const ephemeral = harness.slack
    .callsTo('chat.postEphemeral')
    .slice(ephemeralsBefore)
    .find((call) => call.args.user === user);
  return ephemeral ? String(ephemeral.args.text) : (JSON.stringify(result) ?? '');
}

const command = (text: string) => (user: string) =>
  said(async () => (await slack.command(user, channel, text)).reply?.text, user);
const button = (actionId: string) => (user: string) =>
  said(() => slack.click(user, channel, cardTs, actionId, JSON.stringify({ h: hackathonId, n: 1 })), user);
const submitted =
  (form: keyof typeof forms, answers: Json = {}) =>
  (user: string) =>
    said(async () => (await slack.submit(user, forms[form], answers)).reply, user);

interface Case {
  action: string;
  /** Roles that may; every other role is refused. */
  allowed: readonly Role[];
  attempt: (user: string) => Promise<string>;
  refusal: RegExp;
}

const organizersOnly = /Only the organizers of \*Hack The Garden 11\/2026\* can/;
const cases: Case[] = [
  {
    action: 'change the settings (command)',
    allowed: ['organizer'],
    attempt: command('settings'),
    refusal: organizersOnly,
  },
  {
    action: 'change the settings (form submitted by someone else)',
    allowed: ['organizer'],
    attempt: submitted('settings', { name: 'Taken over' }),
    refusal: organizersOnly,
  },
  {
    action: 'keep the attendee list (command)',
    allowed: ['organizer'],
    attempt: command('attendees'),
    refusal: organizersOnly,
  },
  {
    action: 'keep the attendee list (form submitted by someone else)',
    allowed: ['organizer'],
    attempt: submitted('attendees', {
      attendees: {
        type: 'rich_text',
        elements: [{ type: 'rich_text_section', elements: [{ type: 'user', user_id: 'U0X' }] }],
      },
    }),
    refusal: organizersOnly,
  },
  {
    action: 'import topics (command)',
    allowed: ['organizer'],
    attempt: command('import'),
    refusal: organizersOnly,
  },
  {
    action: 'import topics (form submitted by someone else)',
    allowed: ['organizer'],
    attempt: submitted('import', { markdown: '### Core\n- Injected topic' }),
    refusal: organizersOnly,
  },
  {
    action: 'close voting',
    allowed: ['organizer'],
    attempt: command('close-voting'),
    refusal: organizersOnly,
  },
  {
    action: 'review and publish teams',
    allowed: ['organizer'],
    attempt: command('teams'),
    refusal: organizersOnly,
  },
  {
    action: 'carry topics over',
    allowed: ['organizer'],
    attempt: command('carry-over'),
    refusal: organizersOnly,
  },
  {
    action: 'edit a topic (card button)',
    allowed: ['organizer', 'proposer'],
    attempt: button('topic_edit'),
    refusal: /Only <@U0PROP>, who proposed #1, or an organizer can change it/,
  },
  {
    action: 'edit a topic (form submitted by someone else)',
    allowed: ['organizer', 'proposer'],
    attempt: submitted('edit', { title: 'Hijacked' }),
    refusal: /Only <@U0PROP>, who proposed #1, or an organizer can change it/,
  },
  {
    action: 'withdraw a topic (card button)',
    allowed: ['organizer', 'proposer'],
    attempt: button('topic_withdraw'),
    refusal: /Only <@U0PROP>, who proposed #1, or an organizer can change it/,
  },
  {
    action: 'answer the check-in (button in the card thread)',
    allowed: ['organizer', 'member'],
    attempt: button('checkin_answer'),
    refusal: /Only the team of #1 and the organizers can answer its check-in/,
  },
  {
    action: 'write the outcome (card button)',
    allowed: ['organizer', 'proposer', 'member'],
    attempt: button('topic_outcome'),
    refusal: /Only the team of #1, its proposer and the organizers can write its outcome/,
  },
  {
    action: 'wrap the hackathon up',
    allowed: ['organizer'],
    attempt: command('wrapup'),
    refusal: organizersOnly,
  },
  {
    action: "change a topic's status",
    allowed: ['organizer', 'member'],
    attempt: command('status #1 paused'),
    refusal: /Only the team of #1 and the organizers can change its status/,
  },
  {
    action: 'add a link to a topic',
    allowed: ['organizer', 'proposer', 'member'],
    attempt: command('link #1 https://github.com/gardener/gardener/pull/9'),
    refusal: /Only the proposer and team of #1 and the organizers can add links to it/,
  },
];

beforeAll(async () => {
  ({ harness, slack } = await startIngressSuite('e2e-permissions'));
  ({ channel } = await setUpHackathon(slack, ROLES.organizer));
  hackathonId = String(
    (await harness.table.items()).find((i) => i.entity === 'hackathon' && i.channelId === channel)?.id,
  );
  await slack.command(ROLES.proposer, channel, 'propose');
  await slack.submit(ROLES.proposer, slack.lastOpenedView(), { title: 'Gardener on IPv6', category: 'Core' });
  await slack.command(ROLES.member, channel, 'join #1');
  await harness.refresh();
  const topic = (await harness.table.items()).find(
    (i) => i.entity === 'topic' && i.hackathonId === hackathonId,
  );
  cardTs = String((topic?.card as { ts: string } | undefined)?.ts);

  await slack.command(ROLES.organizer, channel, 'settings');
  forms.settings = slack.lastOpenedView();
  await slack.command(ROLES.organizer, channel, 'attendees');
  forms.attendees = slack.lastOpenedView();
  await slack.command(ROLES.organizer, channel, 'import');
  forms.import = slack.lastOpenedView();
  await slack.click(ROLES.proposer, channel, cardTs, 'topic_edit', JSON.stringify({ h: hackathonId, n: 1 }));
  forms.edit = slack.lastOpenedView();
});
afterAll(async () => {
  await harness?.close();
});

describe('who may do what', () => {
  for (const { action, allowed, attempt, refusal } of cases) {
    const refused = (Object.keys(ROLES) as Role[]).filter((role) => !allowed.includes(role));
    it(`${action}: refused for ${refused.join(', ')}, with an explanation and no change`, async () => {
      for (const role of refused) {
        const before = await snapshot();
        const viewsBefore = harness.slack.callsTo('views.open').length;
        const text = await attempt(ROLES[role]);
        expect(text, `${role} trying to ${action}`).toMatch(refusal);
        expect(await snapshot(), `${role} trying to ${action} changed something`).toBe(before);
        expect(harness.slack.callsTo('views.open'), `${role} got a form`).toHaveLength(viewsBefore);
      }
    });
  }

  it('lets the allowed roles through (no refusal) for each action that changes nothing by itself', async () => {
    for (const [action, run, roles] of [
      ['settings', command('settings'), ['organizer']],
      ['attendees', command('attendees'), ['organizer']],
      ['import', command('import'), ['organizer']],
      ['edit', button('topic_edit'), ['organizer', 'proposer']],
      ['outcome', button('topic_outcome'), ['organizer', 'proposer', 'member']],
      ['check-in', button('checkin_answer'), ['organizer', 'member']],
    ] as const) {
      for (const role of roles) {
        const viewsBefore = harness.slack.callsTo('views.open').length;
        const text = await run(ROLES[role]);
        expect(text, `${role} ${action}`).not.toMatch(/Only /);
        expect(harness.slack.callsTo('views.open'), `${role} ${action} opens the form`).toHaveLength(
          viewsBefore + 1,
        );
      }
    }
  });

  it('lets the team and organizers change the status, and the proposer, team and organizers add links', async () => {
    expect(await command('status #1 in-progress')(ROLES.member)).toContain('is now 🚧 in progress');
    expect(await command('status #1 paused')(ROLES.organizer)).toContain('is now ⏸️ paused');
    for (const [role, pr] of [
      ['proposer', 1],
      ['member', 2],
      ['organizer', 3],
    ] as const) {
      expect(await command(`link #1 https://github.com/gardener/gardener/pull/10${pr}`)(ROLES[role])).toBe(
        JSON.stringify('Added the link to #1.'),
      );
    }
  });
});

describe('IAM grants', () => {
  it('cover every DynamoDB call the ingress and the refresher made in these tests', () => {
    expectWithinGrants(harness);
    // Nothing logged during these tests holds the signing secret or a token.
    expectNoSecretsLogged(harness);
  });
});
