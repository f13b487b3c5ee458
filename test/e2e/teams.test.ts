import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SlackSim } from '../../functions/local/dev/slack-sim.js';
import { setUpHackathon } from '../helpers/hackathon-setup.js';
import {
  expectNoSecretsLogged,
  expectWithinGrants,
  type IngressHarness,
  startIngressSuite,
} from '../helpers/ingress-harness.js';

/** Joining and leaving teams, end to end through signed requests, DynamoDB Local behind the real ingress. */
let harness: IngressHarness;
let slack: SlackSim;
const ORGANIZER = 'U0ORGANIZE';
const items = (entity: string) => harness.entities(entity);

async function hackathonWithTopics(count: number, answers: Record<string, unknown> = {}) {
  const { channel } = await setUpHackathon(slack, ORGANIZER, {
    answers: { teamSizeMax: '4', ...answers },
    topics: Array.from({ length: count }, (_, i) => `Team topic ${i + 1}`),
  });
  const hackathon = (await items('hackathon')).find((h) => h.channelId === channel);
  return { channel, hackathonId: String(hackathon?.id) };
}

const topicOf = async (hackathonId: string, number: number) =>
  (await items('topic')).find((t) => t.hackathonId === hackathonId && t.number === number);

beforeAll(async () => {
  ({ harness, slack } = await startIngressSuite('e2e-teams'));
});
afterAll(async () => {
  await harness?.close();
});

describe('joining a team', () => {
  it('holds the cap under concurrency: 20 simultaneous joins on a team of 4 leave exactly 4 members', async () => {
    const { channel, hackathonId } = await hackathonWithTopics(1);
    const replies = await Promise.all(
      Array.from({ length: 20 }, (_, i) => slack.command(`U0JOIN${i}`, channel, 'join #1')),
    );
    const texts = replies.map(({ reply }) => String(reply?.text));
    expect(texts.filter((t) => t.startsWith('You joined the team of *#1 Team topic 1*'))).toHaveLength(4);
    expect(texts.filter((t) => t.includes('The team of #1 is full (4 people)'))).toHaveLength(16);
    const topic = await topicOf(hackathonId, 1);
    expect(topic?.memberCount).toBe(4);
    expect((await items('member')).filter((m) => m.hackathonId === hackathonId)).toHaveLength(4);

    await harness.refresh();
    const card = harness.slack.calls
      .filter((call) => !String(call.args.blocks ?? '').startsWith('[{"type":"header"'))
      .filter(
        (call) => ['chat.postMessage', 'chat.update'].includes(call.method) && call.args.channel === channel,
      )
      .at(-1);
    expect(String(card?.args.blocks)).toMatch(/👥 Team \(4\): (<@U0JOIN\d+>(, )?){4}/);
  });

  it('keeps everyone to one team by default; leaving frees them, and joining twice changes nothing', async () => {
    const { channel, hackathonId } = await hackathonWithTopics(2);
    expect(String((await slack.command('U0ANNA', channel, 'join #1')).reply?.text)).toContain('You joined');
    expect(String((await slack.command('U0ANNA', channel, 'join 1')).reply?.text)).toBe(
      'You are in the team of #1 already.',
    );
    expect(String((await slack.command('U0ANNA', channel, 'join #2')).reply?.text)).toContain(
      'You are in another team already',
    );
    expect(String((await slack.command('U0ANNA', channel, 'leave #1')).reply?.text)).toContain(
      'You left the team of *#1',
    );
    expect(String((await slack.command('U0ANNA', channel, 'leave #1')).reply?.text)).toBe(
      'You are not in the team of #1.',
    );
    expect(String((await slack.command('U0ANNA', channel, 'join #2')).reply?.text)).toContain(
      'You joined the team of *#2',
    );
    expect((await topicOf(hackathonId, 1))?.memberCount).toBe(0);
    expect((await topicOf(hackathonId, 2))?.memberCount).toBe(1);
  });

  it('allows several teams when organizers turn the one-team rule off', async () => {
    const { channel } = await hackathonWithTopics(2, { onePerPerson: [] });
    await slack.command('U0BEN', channel, 'join #1');
    expect(String((await slack.command('U0BEN', channel, 'join #2')).reply?.text)).toContain('You joined');
  });

  it('works from the card buttons, and explains refusals only to the person who clicked', async () => {
    const { channel, hackathonId } = await hackathonWithTopics(1, { teamSizeMax: '1' });
    await harness.refresh();
    const topic = await topicOf(hackathonId, 1);
    const ts = String((topic?.card as { ts?: string } | undefined)?.ts);
    const value = JSON.stringify({ h: hackathonId, n: 1 });
    await slack.click('U0CARL', channel, ts, 'topic_join', value);
    await slack.click('U0DORA', channel, ts, 'topic_join', value);
    expect((await topicOf(hackathonId, 1))?.members).toEqual(new Set(['U0CARL']));
    const told = harness.slack.callsTo('chat.postEphemeral').at(-1);
    expect(told?.args).toMatchObject({ channel, user: 'U0DORA' });
    expect(String(told?.args.text)).toContain('The team of #1 is full (1 people)');
    await slack.click('U0CARL', channel, ts, 'topic_leave', value);
    expect((await topicOf(hackathonId, 1))?.memberCount).toBe(0);
  });

  it('asks which topic when the number is missing', async () => {
    const { channel } = await hackathonWithTopics(1);
    expect(String((await slack.command('U0ERIK', channel, 'join')).reply?.text)).toBe(
      'Say which topic: `/htg join #12`.',
    );
  });
});

describe('statuses and links', () => {
  it('lets the team and organizers change the status, keeps who and when, and shows it on the card and in the list', async () => {
    const { channel, hackathonId } = await hackathonWithTopics(2);
    await slack.command('U0TEAM', channel, 'join #1');

    const refused = await slack.command('U0OUTSIDER', channel, 'status #1 done');
    expect(String(refused.reply?.text)).toBe('Only the team of #1 and the organizers can change its status.');
    expect((await topicOf(hackathonId, 1))?.status).toBe('proposed');

    expect(String((await slack.command('U0TEAM', channel, 'status #1 in progress')).reply?.text)).toBe(
      '*#1 Team topic 1* is now 🚧 in progress.',
    );
    expect(String((await slack.command('U0TEAM', channel, 'status #1 ✅')).reply?.text)).toContain(
      'is now ✅ done',
    );
    expect(String((await slack.command(ORGANIZER, channel, 'status #2 dropped')).reply?.text)).toContain(
      'Say what became of it',
    );
    expect(
      String(
        (await slack.command(ORGANIZER, channel, 'status #2 dropped closed in favour of <#1>')).reply?.text,
      ),
    ).toBe('*#2 Team topic 2* is now dropped: closed in favour of &lt;#1&gt;.');
    expect(String((await slack.command(ORGANIZER, channel, 'status #2 finished')).reply?.text)).toContain(
      'Say a status',
    );

    const history = (await items('statusChange')).filter((c) => c.hackathonId === hackathonId);
    expect(history.map((c) => [c.number, c.from, c.to, c.by])).toEqual([
      [1, 'proposed', 'in_progress', 'U0TEAM'],
      [1, 'in_progress', 'done', 'U0TEAM'],
      [2, 'proposed', 'dropped', ORGANIZER],
    ]);
    expect(history.every((c) => typeof c.at === 'string')).toBe(true);

    await harness.refresh();
    const cards = harness.slack.calls
      .filter((call) => !String(call.args.blocks ?? '').startsWith('[{"type":"header"'))
      .filter(
        (call) => ['chat.postMessage', 'chat.update'].includes(call.method) && call.args.channel === channel,
      );
    expect(cards.some((call) => String(call.args.blocks).includes('*✅ done*'))).toBe(true);
    expect(
      cards.some((call) => String(call.args.blocks).includes('Outcome: closed in favour of &lt;#1&gt;')),
    ).toBe(true);
    const { reply } = await slack.command('U0OUTSIDER', channel, 'list');
    expect(String(reply?.text)).toContain('✅ done');
  });

  it('adds links for the proposer, team and organizers, once each, and only real web addresses', async () => {
    const { channel, hackathonId } = await hackathonWithTopics(1);
    expect(
      String(
        (await slack.command('U0OUTSIDER', channel, 'link #1 https://github.com/gardener/gardener/pull/1'))
          .reply?.text,
      ),
    ).toContain('Only the proposer and team of #1');
    expect(
      String(
        (await slack.command(ORGANIZER, channel, 'link #1 <https://github.com/gardener/gardener/pull/1>'))
          .reply?.text,
      ),
    ).toBe('Added the link to #1.');
    expect(
      String(
        (await slack.command(ORGANIZER, channel, 'link #1 https://github.com/gardener/gardener/pull/1')).reply
          ?.text,
      ),
    ).toBe('#1 has that link already.');
    expect(
      String((await slack.command(ORGANIZER, channel, 'link #1 javascript:alert(1)')).reply?.text),
    ).toContain('Give a full link');
    expect((await topicOf(hackathonId, 1))?.links).toEqual(['https://github.com/gardener/gardener/pull/1']);
  });
});

describe('/htg attendees', () => {
  const richText = (...sections: unknown[][]) => ({
    type: 'rich_text',
    elements: sections.map((elements) => ({ type: 'rich_text_section', elements })),
  });

  it('keeps one person per line with an optional company, refuses lines without a person, and prefills the list', async () => {
    const { channel, hackathonId } = await hackathonWithTopics(0);
    expect(String((await slack.command('U0OUTSIDER', channel, 'attendees')).reply?.text)).toContain(
      'Only the organizers of *Hack The Garden 11/2026* can keep the attendee list',
    );

    await slack.command(ORGANIZER, channel, 'attendees');
    const form = slack.lastOpenedView();
    const wrong = await slack.submit(ORGANIZER, form, {
      attendees: richText([
        { type: 'user', user_id: 'U0ANNA' },
        { type: 'text', text: ' SAP\nBob from STACKIT\n' },
      ]),
    });
    expect(wrong.reply).toEqual({
      response_action: 'errors',
      errors: { attendees: 'Line 2 ("Bob from STACKIT") names nobody: start it with an @mention.' },
    });
    expect((await items('hackathon')).find((h) => h.id === hackathonId)?.attendees).toBeUndefined();

    const saved = await slack.submit(ORGANIZER, form, {
      attendees: richText(
        [
          { type: 'user', user_id: 'U0ANNA' },
          { type: 'text', text: ' SAP\n' },
          { type: 'user', user_id: 'U0BOB' },
          { type: 'text', text: '  STACKIT \n' },
        ],
        [{ type: 'user', user_id: 'U0CLAIRE' }],
      ),
    });
    expect(JSON.stringify(saved.reply)).toContain('3 attendees from 2 companies');
    expect((await items('hackathon')).find((h) => h.id === hackathonId)?.attendees).toEqual([
      { userId: 'U0ANNA', company: 'SAP' },
      { userId: 'U0BOB', company: 'STACKIT' },
      { userId: 'U0CLAIRE', company: null },
    ]);

    await slack.command(ORGANIZER, channel, 'attendees');
    const reopened = JSON.stringify(slack.lastOpenedView().blocks);
    expect(reopened).toContain('{"type":"user","user_id":"U0ANNA"},{"type":"text","text":" SAP\\n"}');
    expect(reopened).toContain('3 attendees so far');

    // A GitHub login after the company is kept apart from it, and comes back in the form.
    const withLogin = await slack.submit(ORGANIZER, slack.lastOpenedView(), {
      attendees: richText([
        { type: 'user', user_id: 'U0ANNA' },
        { type: 'text', text: ' SAP github:anna-k\n' },
      ]),
    });
    expect(JSON.stringify(withLogin.reply)).toContain('1 attendee from 1 company, 1 with a GitHub login');
    expect((await items('hackathon')).find((h) => h.id === hackathonId)?.attendees).toEqual([
      { userId: 'U0ANNA', company: 'SAP', githubLogin: 'anna-k' },
    ]);
    await slack.command(ORGANIZER, channel, 'attendees');
    expect(JSON.stringify(slack.lastOpenedView().blocks)).toContain(
      '{"type":"text","text":" SAP github:anna-k\\n"}',
    );
  });
});

describe('IAM grants', () => {
  it('cover every DynamoDB call the ingress and the refresher made in these tests', () => {
    expectWithinGrants(harness);
    // Nothing logged during these tests holds the signing secret or a token.
    expectNoSecretsLogged(harness);
  });
});
