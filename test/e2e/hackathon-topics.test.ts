import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SlackSim } from '../../functions/local/dev/slack-sim.js';
import { countBy } from '../helpers/count.js';
import { fixtureText } from '../helpers/fixtures.js';
import { newChannel, setUpHackathon as setUp } from '../helpers/hackathon-setup.js';
import {
  expectNoSecretsLogged,
  expectWithinGrants,
  type IngressHarness,
  startIngressSuite,
} from '../helpers/ingress-harness.js';

/**
 * Hackathons and proposals end to end: signed Slack requests to the real ingress, DynamoDB Local behind it,
 * the card refresher fed from the table's real stream, and Slack's Web API on a loopback stand-in.
 */
let harness: IngressHarness;
let slack: SlackSim;
const ORGANIZER = 'U0ORGANIZE';
const PROPOSER = 'U0PROPOSER';
const STRANGER = 'U0STRANGER';

const text = (reply: Record<string, unknown> | null) => String(reply?.text ?? '');
const entities = async (entity: string) =>
  (await harness.table.items()).filter((item) => item.entity === entity);
const viewText = (reply: Record<string, unknown> | null) =>
  JSON.stringify((reply?.view as Record<string, unknown>)?.blocks);

/** Runs /htg setup in a fresh channel as ORGANIZER and submits the form; returns the channel. */
async function setUpHackathon(answers: Record<string, unknown> = {}): Promise<string> {
  const { channel, reply } = await setUp(slack, ORGANIZER, {
    answers: { name: 'Hack The Garden 05/2026', ...answers },
  });
  expect(reply?.response_action).toBe('update');
  return channel;
}

/** Opens /htg propose as `user` and submits it. */
async function propose(user: string, channel: string, answers: Record<string, unknown>) {
  await slack.command(user, channel, `propose ${String(answers.title ?? '')}`);
  return slack.submit(user, slack.lastOpenedView(), answers);
}

beforeAll(async () => {
  ({ harness, slack } = await startIngressSuite('e2e-topics'));
});
afterAll(async () => {
  await harness?.close();
});

describe('a channel without a hackathon', () => {
  it.each(['propose Something', 'list', 'settings', 'import'])(
    'answers /htg %s with how to set one up',
    async (command) => {
      const { reply } = await slack.command(PROPOSER, newChannel(), command);
      expect(reply?.response_type).toBe('ephemeral');
      expect(text(reply)).toContain('There is no hackathon in this channel yet');
      expect(text(reply)).toContain('/htg setup');
    },
  );
});

describe('/htg setup', () => {
  it('opens a form with the defaults: categories, emoji, the caller as organizer', async () => {
    await slack.command(ORGANIZER, newChannel(), 'setup');
    const view = slack.lastOpenedView();
    expect(view.callback_id).toBe('hackathon_setup');
    const blocks = JSON.stringify(view.blocks);
    expect(blocks).toContain('Core\\nExtensions\\nNetworking\\nObservability\\nSecurity\\nOther');
    expect(blocks).toContain('"initial_value":"arrow_up"');
    expect(blocks).toContain('"initial_value":"rocket"');
  });

  it('shows every problem inline and stores nothing', async () => {
    const before = await harness.table.items();
    await slack.command(ORGANIZER, newChannel(), 'setup');
    const { status, reply } = await slack.submit(ORGANIZER, slack.lastOpenedView(), {
      name: '',
      startDate: '2026-05-08',
      endDate: '2026-05-04',
      timeZone: 'Europe/Atlantis',
    });
    expect(status).toBe(200);
    expect(reply).toEqual({
      response_action: 'errors',
      errors: {
        name: expect.any(String),
        endDate: 'The hackathon cannot end before it starts.',
        timeZone: expect.stringContaining('IANA'),
      },
    });
    expect(await harness.table.items()).toEqual(before);
  });

  it('creates the hackathon, announces it in the channel, and refuses a second one there', async () => {
    const channel = await setUpHackathon({ organizers: ['U0COORG'] });
    // Announced off the request path, by the refresher.
    expect(await harness.refresh()).toEqual({ batchItemFailures: [] });
    const announcement = harness.slack.callsTo('chat.postMessage').at(-1);
    expect(announcement?.args.channel).toBe(channel);
    expect(String(announcement?.args.text)).toContain('*Hack The Garden 05/2026* is set up in this channel');
    const hackathon = (await entities('hackathon')).find((h) => h.channelId === channel);
    expect(hackathon).toMatchObject({
      organizers: [ORGANIZER, 'U0COORG'],
      timeZone: 'Europe/Berlin',
      status: 'active',
    });

    const again = await slack.command('U0COORG', channel, 'setup');
    expect(text(again.reply)).toContain('already runs *Hack The Garden 05/2026*');
  });
});

describe('user text in what htg says', () => {
  it('escapes a hackathon name in announcements, refusals and notices', async () => {
    const channel = await setUpHackathon({ name: '<!here> Hack & <@U0VICTIM>' });
    const escaped = '*&lt;!here&gt; Hack &amp; &lt;@U0VICTIM&gt;*';
    await harness.refresh();
    expect(String(harness.slack.callsTo('chat.postMessage').at(-1)?.args.text)).toContain(escaped);
    const refused = await slack.command(STRANGER, channel, 'settings');
    expect(text(refused.reply)).toContain(`Only the organizers of ${escaped}`);
    const again = await slack.command(STRANGER, channel, 'setup');
    expect(text(again.reply)).toContain(`already runs ${escaped}`);
    for (const said of [text(refused.reply), text(again.reply)]) {
      expect(said).not.toContain('<!here>');
      expect(said).not.toContain('<@U0VICTIM>');
    }
  });
});

describe('/htg settings', () => {
  it('is for organizers; they change settings in a prefilled form', async () => {
    const channel = await setUpHackathon();
    const refused = await slack.command(STRANGER, channel, 'settings');
    expect(text(refused.reply)).toContain(
      'Only the organizers of *Hack The Garden 05/2026* can change the settings',
    );

    await slack.command(ORGANIZER, channel, 'settings');
    const view = slack.lastOpenedView();
    expect(JSON.stringify(view.blocks)).toContain('"initial_value":"Europe/Berlin"');
    const { reply } = await slack.submit(ORGANIZER, view, {
      votesPerPerson: '3',
      categories: 'Core\nSecurity\nOther',
    });
    expect(viewText(reply)).toContain('are saved');
    const hackathon = (await entities('hackathon')).find((h) => h.channelId === channel);
    expect(hackathon).toMatchObject({ votesPerPerson: 3, categories: ['Core', 'Security', 'Other'] });

    const stale = await slack.submit(ORGANIZER, view, { votesPerPerson: '9' });
    expect(viewText(stale.reply)).toContain('Someone else changed these settings');
  });
});

describe('proposing, editing and withdrawing topics', () => {
  let channel: string;
  beforeAll(async () => {
    channel = await setUpHackathon();
  });

  it('answers a form with tampered metadata with a notice, and stores nothing', async () => {
    await slack.command(PROPOSER, channel, 'propose Tampered');
    const view = { ...slack.lastOpenedView(), private_metadata: '{"hackathonId":' };
    const topicsBefore = (await entities('topic')).length;
    const { reply } = await slack.submit(PROPOSER, view, { category: 'Core' });
    expect(reply?.response_action).toBe('update');
    expect(viewText(reply)).toContain('This form is out of date');
    expect(await entities('topic')).toHaveLength(topicsBefore);
  });

  it('prefills the title from the command text', async () => {
    await slack.command(PROPOSER, channel, 'propose Better logs for gardenlet');
    expect(JSON.stringify(slack.lastOpenedView().blocks)).toContain(
      '"initial_value":"Better logs for gardenlet"',
    );
  });

  it('refuses invalid input inline and stores nothing', async () => {
    const topicsBefore = (await entities('topic')).length;
    const { reply } = await propose(PROPOSER, channel, {
      title: '',
      category: 'Gaming',
      links: 'https://github.com/gardener/gardener/pull/1\nnot a link',
      description: 'x'.repeat(3001),
    });
    expect(reply).toEqual({
      response_action: 'errors',
      errors: {
        title: 'Give the topic a title.',
        category: expect.stringContaining("Pick one of the hackathon's categories"),
        description: expect.stringContaining('under 3000 characters'),
        links: expect.stringContaining('"not" is not a web address'),
      },
    });
    expect(await entities('topic')).toHaveLength(topicsBefore);
  });

  it('numbers a valid proposal, and the refresher posts its card with user text escaped', async () => {
    const { reply } = await propose(PROPOSER, channel, {
      title: '<!channel> WireGuard & <@U0VICTIM>',
      category: 'Networking',
      kind: 'hacking',
      teamSize: 'medium',
      fastTrack: ['yes'],
      description: 'OpenVPN reconnects slowly.',
      links: 'https://github.com/gardener/hackathon/issues/70',
    });
    expect(reply?.response_action).toBe('update');
    expect(viewText(reply)).toContain('#1 &lt;!channel&gt; WireGuard &amp; &lt;@U0VICTIM&gt;');

    expect(await harness.refresh()).toEqual({ batchItemFailures: [] });
    const card = harness.slack
      .callsTo('chat.postMessage')
      .find((call) => String(call.args.text).includes('WireGuard'));
    expect(card?.args.channel).toBe(channel);
    const blocks = String(card?.args.blocks);
    expect(blocks).toContain('#1 &lt;!channel&gt; WireGuard &amp; &lt;@U0VICTIM&gt;');
    expect(blocks).not.toContain('<!channel>');
    expect(blocks).not.toContain('<@U0VICTIM>');
    expect(blocks).toContain('proposed by <@U0PROPOSER>');
    expect(blocks).toContain('React with :arrow_up: to vote, :rocket: if you would work on it');
    expect(blocks).toContain('⚡ Fast track');
    expect(blocks).toContain('👥 medium (3)');
    expect(String(card?.args.text)).not.toContain('<!channel>');

    const [topic] = (await entities('topic')).filter(
      (t) => t.hackathonId && t.title === '<!channel> WireGuard & <@U0VICTIM>',
    );
    expect(topic?.card).toEqual({ channelId: channel, ts: expect.any(String) });
    const pointers = await entities('card');
    expect(pointers).toContainEqual(expect.objectContaining({ hackathonId: topic?.hackathonId, number: 1 }));

    // Attaching the card changed only the card: the refresher leaves the card alone.
    const updates = harness.slack.cardCallsTo('chat.update').length;
    await harness.refresh();
    expect(harness.slack.cardCallsTo('chat.update')).toHaveLength(updates);
  });

  it('lets only the proposer or an organizer edit; the card follows the edit', async () => {
    const topic = (await entities('topic')).find((t) => String(t.title).includes('WireGuard'));
    const card = topic?.card as { ts: string };
    const value = JSON.stringify({ h: topic?.hackathonId, n: topic?.number });

    await slack.click(STRANGER, channel, card.ts, 'topic_edit', value);
    const refusal = harness.slack.callsTo('chat.postEphemeral').at(-1);
    expect(refusal?.args).toMatchObject({ channel, user: STRANGER });
    expect(String(refusal?.args.text)).toContain(
      'Only <@U0PROPOSER>, who proposed #1, or an organizer can change it',
    );

    await slack.click(PROPOSER, channel, card.ts, 'topic_edit', value);
    const form = slack.lastOpenedView();
    expect(form.callback_id).toBe('topic_edit');
    expect(JSON.stringify(form.blocks)).toContain('OpenVPN reconnects slowly.');
    const { reply } = await slack.submit(PROPOSER, form, { title: 'Replace OpenVPN with WireGuard' });
    expect(reply).toBeNull();

    await harness.refresh();
    const update = harness.slack.cardCallsTo('chat.update').at(-1);
    expect(update?.args).toMatchObject({ channel, ts: card.ts });
    expect(String(update?.args.blocks)).toContain('#1 Replace OpenVPN with WireGuard');
    expect(await entities('topicRevision')).toContainEqual(
      expect.objectContaining({
        number: 1,
        title: '<!channel> WireGuard & <@U0VICTIM>',
        revisedBy: PROPOSER,
      }),
    );

    const stale = await slack.submit(PROPOSER, form, { title: 'Based on an old copy' });
    expect(viewText(stale.reply)).toContain('was changed while you were editing it');
  });

  it('withdraws a topic without deleting it; the card says so and it leaves the list', async () => {
    await propose(PROPOSER, channel, { title: 'Second topic', category: 'Core' });
    await harness.refresh();
    const topic = (await entities('topic')).find((t) => t.title === 'Second topic');
    const value = JSON.stringify({ h: topic?.hackathonId, n: topic?.number });
    const ts = String((topic?.card as { ts?: string } | undefined)?.ts);

    await slack.click(ORGANIZER, channel, ts, 'topic_withdraw', value);
    await harness.refresh();
    const update = harness.slack.cardCallsTo('chat.update').at(-1);
    expect(update?.args.ts).toBe(ts);
    expect(String(update?.args.blocks)).toContain('_withdrawn_');
    expect(String(update?.args.blocks)).not.toContain('topic_withdraw');
    expect((await entities('topic')).find((t) => t.title === 'Second topic')?.status).toBe('withdrawn');

    const { reply } = await slack.command(STRANGER, channel, 'list');
    expect(text(reply)).toContain('1 topic (1 withdrawn)');
    expect(text(reply)).toContain(
      '`#1` *Replace OpenVPN with WireGuard* · :arrow_up: 0 · Networking · Hacking topic · 👥 medium (3) · proposed',
    );
    expect(text(reply)).not.toContain('Second topic');
  });

  it('after proposals close, tells people so, but lets organizers add topics', async () => {
    const closed = await setUpHackathon({
      proposalsCloseAt: Math.floor(Date.now() / 1000) - 3600,
      votingClosesAt: Math.floor(Date.now() / 1000) + 3600,
    });
    const refused = await slack.command(PROPOSER, closed, 'propose Late idea');
    expect(text(refused.reply)).toContain('Proposals for *Hack The Garden 05/2026* are closed');
    const opens = harness.slack.callsTo('views.open').length;
    await slack.command(ORGANIZER, closed, 'propose Late idea');
    expect(harness.slack.callsTo('views.open')).toHaveLength(opens + 1);
  });
});

describe('50 people proposing at the same moment', () => {
  it('get 50 distinct numbers', async () => {
    const channel = await setUpHackathon();
    await slack.command(PROPOSER, channel, 'propose x');
    const form = slack.lastOpenedView();
    const replies = await Promise.all(
      Array.from({ length: 50 }, (_, i) =>
        slack.submit(`U0PEOPLE${i}`, form, { title: `Concurrent topic ${i}`, category: 'Core' }),
      ),
    );
    const numbers = replies.map(({ reply }) => Number(/Proposed #(\d+)/.exec(JSON.stringify(reply))?.[1]));
    expect(new Set(numbers).size).toBe(50);
    expect([...numbers].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
  });
});

describe('/htg import', () => {
  /** Splits a long list into the form's 3,000-character boxes at line breaks, as the hint asks. */
  function parts(markdown: string): Record<string, string> {
    const boxes: string[] = [''];
    for (const line of markdown.split('\n')) {
      const last = boxes.length - 1;
      if ((boxes[last] ?? '').length + line.length + 1 > 3000) boxes.push(line);
      else boxes[last] = boxes[last] ? `${boxes[last]}\n${line}` : line;
    }
    expect(boxes.length).toBeLessThanOrEqual(4);
    return Object.fromEntries(boxes.map((box, i) => [i === 0 ? 'markdown' : `markdown${i + 1}`, box]));
  }
  const seedBoard = fixtureText('seeds/hack-the-garden-2023-11-topics-board.txt');
  const may2026 = fixtureText('hackathons/2026-05-topic-list-only.md');

  it('is for organizers', async () => {
    const channel = await setUpHackathon();
    const { reply } = await slack.command(STRANGER, channel, 'import');
    expect(text(reply)).toContain('Only the organizers');
  });

  it('previews, then imports the seed board and the 05/2026 list, and skips what is already there', async () => {
    const channel = await setUpHackathon();
    const hackathonId = String((await entities('hackathon')).find((h) => h.channelId === channel)?.id);
    const topicsOf = async () => (await entities('topic')).filter((t) => t.hackathonId === hackathonId);

    await slack.command(ORGANIZER, channel, 'import');
    const preview = await slack.submit(ORGANIZER, slack.lastOpenedView(), parts(seedBoard));
    expect(preview.reply?.response_action).toBe('update');
    const previewView = preview.reply?.view as Record<string, unknown>;
    expect(JSON.stringify(previewView.blocks)).toContain('Found *28* topics: *28* to import.');
    expect(JSON.stringify(previewView.blocks)).toContain('*Gaming* _(new category)_');
    expect(await topicsOf()).toEqual([]);

    const done = await slack.submit(ORGANIZER, previewView);
    expect(viewText(done.reply)).toContain('Imported *28* topics (#1–#28)');
    const imported = await topicsOf();
    expect(imported).toHaveLength(28);
    expect(countBy(imported.map((t) => String(t.category)))).toEqual({
      Core: 11,
      Extensions: 6,
      Networking: 3,
      Observability: 2,
      Security: 2,
      Other: 2,
      Gaming: 2,
    });
    expect((await entities('hackathon')).find((h) => h.id === hackathonId)?.categories).toContain('Gaming');

    await slack.command(ORGANIZER, channel, 'import');
    const mayPreview = await slack.submit(ORGANIZER, slack.lastOpenedView(), parts(may2026));
    const mayDone = await slack.submit(ORGANIZER, mayPreview.reply?.view as Record<string, unknown>);
    expect(viewText(mayDone.reply)).toContain('Imported *15* topics (#29–#43)');
    const all = await topicsOf();
    expect(all).toHaveLength(43);
    expect(all.filter((t) => Number(t.number) > 28).every((t) => t.category === 'Other' && t.emoji)).toBe(
      true,
    );

    await slack.command(ORGANIZER, channel, 'import');
    const again = await slack.submit(ORGANIZER, slack.lastOpenedView(), parts(seedBoard));
    const againView = again.reply?.view as Record<string, unknown>;
    expect(JSON.stringify(againView.blocks)).toContain(
      'Found *28* topics: *0* to import, 28 already present (skipped).',
    );
    expect(againView.submit).toBeUndefined();
    expect(await topicsOf()).toHaveLength(43);

    expect(await harness.refresh()).toEqual({ batchItemFailures: [] });
    const cards = harness.slack
      .cardCallsTo('chat.postMessage')
      .filter((call) => call.args.channel === channel);
    expect(cards).toHaveLength(1 + 43);
  });

  it('explains a paste without topics inline', async () => {
    const channel = await setUpHackathon();
    await slack.command(ORGANIZER, channel, 'import');
    const { reply } = await slack.submit(ORGANIZER, slack.lastOpenedView(), { markdown: 'Just some prose.' });
    expect(reply).toEqual({
      response_action: 'errors',
      errors: { markdown: expect.stringContaining('No topics found') },
    });
  });
});

describe('IAM grants', () => {
  it('cover every DynamoDB call the ingress and the refresher made in these tests', () => {
    expectWithinGrants(harness);
    // Nothing logged during these tests holds the signing secret or a token.
    expectNoSecretsLogged(harness);
  });
});
