import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SlackSim } from '../../functions/local/dev/slack-sim.js';
import { newChannel, setUpHackathon } from '../helpers/hackathon-setup.js';
import {
  expectNoSecretsLogged,
  expectWithinGrants,
  type IngressHarness,
  startIngressSuite,
} from '../helpers/ingress-harness.js';

/**
 * Voting close to published teams, end to end through signed requests against DynamoDB Local: the ranking
 * message, the organizers' review modal (moving people), publishing (memberships, statuses, cards, the people
 * told), and carrying not-picked topics over to the next hackathon.
 */
let harness: IngressHarness;
let slack: SlackSim;
const ORGANIZER = 'U0ORGANIZE';
const CO_ORGANIZER = 'U0COORG';
type Json = Record<string, unknown>;

const items = (entity: string) => harness.entities(entity);
const hackathonIn = (channel: string) => harness.hackathonIn(channel);
const topicsOf = async (hackathonId: string) =>
  (await items('topic'))
    .filter((t) => t.hackathonId === hackathonId)
    .sort((a, b) => Number(a.number) - Number(b.number));
const membersOf = async (hackathonId: string) =>
  (await topicsOf(hackathonId)).map((t) => [
    t.number,
    [...((t.members as Set<string>) ?? [])].sort(),
    t.status,
  ]);
const richText = (...lines: Array<[string, string]>) => ({
  type: 'rich_text',
  elements: [
    {
      type: 'rich_text_section',
      elements: lines.flatMap(([user, company]) => [
        { type: 'user', user_id: user },
        { type: 'text', text: ` ${company}\n` },
      ]),
    },
  ],
});
const reviewBlocks = (view: Json) =>
  view.blocks as Array<{ block_id?: string; element?: Json; type: string }>;
const teamShown = (view: Json, number: number) =>
  reviewBlocks(view).find((b) => b.block_id === `team_${number}`)?.element?.initial_users ?? [];

/**
 * A hackathon with four hacking topics (teams of at most 2): #1–#3 by the organizer, #4 by Erin. Attendees
 * Anna and Bob (SAP), Carl (STACKIT) and Dora mark interest and vote with the ballot: #1 gets 3 votes, #2 2,
 * #3 and #4 none.
 */
async function votedHackathon() {
  const { channel } = await setUpHackathon(slack, ORGANIZER, {
    answers: { teamSizeMax: '2', organizers: [CO_ORGANIZER] },
    topics: ['Gardener on IPv6', 'Shoot flavors', 'Etcd backup in Go'],
  });
  await slack.command('U0ERIN', channel, 'propose');
  await slack.submit('U0ERIN', slack.lastOpenedView(), { title: 'Dashboard dark mode', category: 'Core' });
  const hackathonId = String((await hackathonIn(channel))?.id);
  await slack.command(ORGANIZER, channel, 'attendees');
  await slack.submit(ORGANIZER, slack.lastOpenedView(), {
    attendees: richText(['U0ANNA', 'SAP'], ['U0BOB', 'SAP'], ['U0CARL', 'STACKIT'], ['U0DORA', '']),
  });
  const ballots: Record<string, { vote: string[]; interest: string[] }> = {
    U0ANNA: { vote: ['1'], interest: ['1', '2'] },
    U0BOB: { vote: ['1'], interest: ['1'] },
    U0CARL: { vote: ['1', '2'], interest: ['1', '2'] },
    U0DORA: { vote: ['2'], interest: ['2'] },
  };
  for (const [user, ballot] of Object.entries(ballots)) {
    await slack.command(user, channel, 'vote');
    await slack.submit(user, slack.lastOpenedView(), { vote__0: ballot.vote, interest__0: ballot.interest });
  }
  await harness.refresh();
  return { channel, hackathonId };
}

async function closeVoting(channel: string) {
  harness.slack.respond('reactions.get', (args) => ({
    ok: true,
    type: 'message',
    message: { ts: args.timestamp, reactions: [] },
  }));
  await slack.command(ORGANIZER, channel, 'close-voting');
  expect(await harness.refresh()).toEqual({ batchItemFailures: [] });
}

async function openReview(user: string, channel: string): Promise<Json> {
  const before = harness.slack.callsTo('views.open').length;
  const { reply } = await slack.command(user, channel, 'teams');
  expect(reply).toBeNull();
  expect(harness.slack.callsTo('views.open')).toHaveLength(before + 1);
  return slack.lastOpenedView();
}

beforeAll(async () => {
  ({ harness, slack } = await startIngressSuite('e2e-publish'));
});
afterAll(async () => {
  await harness?.close();
});

describe('voting close to published teams', () => {
  it('posts the ranking, proposes teams for review, and publishes what organizers decided', async () => {
    const { channel, hackathonId } = await votedHackathon();
    expect(String((await slack.command(ORGANIZER, channel, 'teams')).reply?.text)).toContain(
      'Voting for *Hack The Garden 11/2026* is still open. Close it with `/htg close-voting` first',
    );
    await closeVoting(channel);

    // The ranking message in the channel: rank · topic · votes · team, teams still to come.
    const ranking = harness.slack
      .callsTo('chat.postMessage')
      .find((call) => call.args.channel === channel && String(call.args.text).startsWith('Voting results'));
    const rankingBlocks = String(ranking?.args.blocks);
    expect(rankingBlocks).toContain('Voting results: Hack The Garden 11/2026');
    expect(rankingBlocks).toContain('1. `#1` Gardener on IPv6 · :arrow_up: 3 · —');
    expect(rankingBlocks).toContain('2. `#2` Shoot flavors · :arrow_up: 2 · —');
    expect(rankingBlocks).toContain('3. `#3` Etcd backup in Go · :arrow_up: 0 · —');
    expect(rankingBlocks).toContain('3. `#4` Dashboard dark mode · :arrow_up: 0 · —');
    const rankingTs = String(((await hackathonIn(channel))?.rankingMessage as Json | undefined)?.ts);
    expect(rankingTs).toMatch(/^\d+\.\d+$/);

    // The organizer's report, by direct message, ends with the proposal and a button to review it.
    const proposal = harness.slack
      .callsTo('chat.postMessage')
      .filter((call) => call.args.channel === ORGANIZER)
      .at(-1);
    const inDm = { channel: String(proposal?.answer?.channel), ts: String(proposal?.answer?.ts) };
    expect(inDm.channel).toMatch(/^D/);
    expect(String(proposal?.args.text)).toContain(
      '1. `#1` Gardener on IPv6 · :arrow_up: 3 · <@U0BOB>, <@U0CARL> (2/2)',
    );
    expect(String(proposal?.args.text)).toContain(
      '2. `#2` Shoot flavors · :arrow_up: 2 · <@U0ANNA>, <@U0DORA> (2/2)',
    );
    expect(String(proposal?.args.blocks)).toContain('"action_id":"teams_review"');

    // The button opens the review: the proposal prefilled, who would work on each topic underneath.
    // Clicked in the direct message: its channel is the DM.
    await slack.click(ORGANIZER, inDm.channel, inDm.ts, 'teams_review', hackathonId);
    const review = slack.lastOpenedView();
    expect(review.callback_id).toBe('team_review');
    expect(teamShown(review, 1)).toEqual(['U0BOB', 'U0CARL']);
    expect(teamShown(review, 2)).toEqual(['U0ANNA', 'U0DORA']);
    expect(teamShown(review, 3)).toEqual([]);
    expect(JSON.stringify(review.blocks)).toContain('Would work on it: <@U0ANNA>, <@U0BOB>, <@U0CARL>');
    expect(reviewBlocks(review).find((b) => b.block_id === 'team_1')?.element?.max_selected_items).toBe(2);

    // Nothing is published until organizers submit: the cards show no teams.
    expect(await membersOf(hackathonId)).toEqual([
      [1, [], 'proposed'],
      [2, [], 'proposed'],
      [3, [], 'proposed'],
      [4, [], 'proposed'],
    ]);

    // Dora moves from #2 to #3; #4 stays empty.
    const { reply } = await slack.submit(ORGANIZER, review, { team_2: ['U0ANNA'], team_3: ['U0DORA'] });
    expect(JSON.stringify(reply)).toContain('3 teams with 4 people; not picked: #4');
    expect((await hackathonIn(channel))?.teamsVersion).toBe(1);

    const dmsBefore = harness.slack.callsTo('chat.postMessage').length;
    expect(await harness.refresh()).toEqual({ batchItemFailures: [] });
    expect(await membersOf(hackathonId)).toEqual([
      [1, ['U0BOB', 'U0CARL'], 'in_progress'],
      [2, ['U0ANNA'], 'in_progress'],
      [3, ['U0DORA'], 'in_progress'],
      [4, [], 'not_picked'],
    ]);
    const history = (await items('statusChange')).filter((c) => c.hackathonId === hackathonId);
    expect(history.map((c) => [c.number, c.from, c.to, c.by])).toEqual([
      [1, 'proposed', 'in_progress', ORGANIZER],
      [2, 'proposed', 'in_progress', ORGANIZER],
      [3, 'proposed', 'in_progress', ORGANIZER],
      [4, 'proposed', 'not_picked', ORGANIZER],
    ]);
    const memberships = (await items('member')).filter((m) => m.hackathonId === hackathonId);
    expect(memberships).toHaveLength(4);

    // The people concerned are told, each once, in a direct message.
    const dms = harness.slack.callsTo('chat.postMessage').slice(dmsBefore);
    const dmTo = (user: string) =>
      dms.filter((call) => call.args.channel === user).map((c) => String(c.args.text));
    expect(dmTo('U0BOB')).toEqual([
      expect.stringContaining(
        'You are in the team of *`#1` Gardener on IPv6* at *Hack The Garden 11/2026*, with <@U0CARL>',
      ),
    ]);
    expect(dmTo('U0DORA')).toEqual([
      expect.stringContaining('You are in the team of *`#3` Etcd backup in Go*'),
    ]);
    expect(dmTo('U0ERIN')).toEqual([
      expect.stringContaining('Your topic *`#4` Dashboard dark mode* was not picked'),
    ]);
    // The organizer who published is told it is done (a direct message: it stays).
    expect(dmTo(ORGANIZER)).toEqual([expect.stringContaining('3 teams with 4 people; not picked: #4')]);

    // The ranking message now shows the teams, and the cards their members and status.
    const rankingUpdate = harness.slack
      .callsTo('chat.update')
      .filter((call) => call.args.ts === rankingTs)
      .at(-1);
    const updated = String(rankingUpdate?.args.blocks);
    expect(updated).toContain('Voting results and teams');
    expect(updated).toContain('1. `#1` Gardener on IPv6 · :arrow_up: 3 · <@U0BOB>, <@U0CARL>');
    expect(updated).toContain('3. `#3` Etcd backup in Go · :arrow_up: 0 · <@U0DORA>');
    expect(updated).toContain('3. `#4` Dashboard dark mode · :arrow_up: 0 · 🙅 not picked');
    expect(await harness.refresh()).toEqual({ batchItemFailures: [] });
    const cardTexts = harness.slack
      .callsTo('chat.update')
      .filter((call) => call.args.channel === channel)
      .map((call) => String(call.args.blocks));
    expect(cardTexts.some((blocks) => blocks.includes('<@U0DORA>') && blocks.includes('🚧'))).toBe(true);
    const told = harness.slack
      .callsTo('chat.postMessage')
      .filter((call) => call.args.channel === ORGANIZER)
      .at(-1);
    expect(String(told?.args.text)).toContain('3 teams with 4 people; not picked: #4');

    // Reviewing again starts from the published teams; taking Carl off #1 tells him, and only him.
    const again = await openReview(ORGANIZER, channel);
    expect(teamShown(again, 1)).toEqual(['U0BOB', 'U0CARL']);
    expect(teamShown(again, 3)).toEqual(['U0DORA']);
    const dmsBeforeSecond = harness.slack.callsTo('chat.postMessage').length;
    await slack.submit(ORGANIZER, again, { team_1: ['U0BOB'] });
    await harness.refresh();
    expect((await membersOf(hackathonId))[0]).toEqual([1, ['U0BOB'], 'in_progress']);
    const second = harness.slack.callsTo('chat.postMessage').slice(dmsBeforeSecond);
    expect(second.map((call) => call.args.channel)).toEqual(['U0CARL', ORGANIZER]);
    expect(String(second[0]?.args.text)).toContain('moved you off the team of *`#1` Gardener on IPv6*');
  });

  it('refuses teams over their cap or a person on two teams, inline, and stores nothing', async () => {
    const { channel, hackathonId } = await votedHackathon();
    await closeVoting(channel);
    const review = await openReview(ORGANIZER, channel);

    const tooMany = await slack.submit(ORGANIZER, review, { team_1: ['U0BOB', 'U0CARL', 'U0ANNA'] });
    expect(tooMany.reply).toMatchObject({
      response_action: 'errors',
      errors: { team_1: '#1 has room for 2, and 3 would be on it.' },
    });
    const twice = await slack.submit(ORGANIZER, review, { team_3: ['U0BOB'] });
    expect(twice.reply).toMatchObject({
      response_action: 'errors',
      errors: {
        team_3: expect.stringContaining(
          'Someone here is also on #1: in Hack The Garden 11/2026 everyone is on one team',
        ),
      },
    });
    expect((await hackathonIn(channel))?.teamsVersion).toBeUndefined();
    expect(
      (await items('job')).filter((j) => j.hackathonId === hackathonId && j.kind === 'publish-teams'),
    ).toEqual([]);
  });

  it('publishes once when two organizers submit at the same moment; the other is told to review again', async () => {
    const { channel, hackathonId } = await votedHackathon();
    await closeVoting(channel);
    const mine = await openReview(ORGANIZER, channel);
    const theirs = await openReview(CO_ORGANIZER, channel);
    const [a, b] = await Promise.all([
      slack.submit(ORGANIZER, mine, { team_4: ['U0DORA'], team_2: ['U0ANNA'] }),
      slack.submit(CO_ORGANIZER, theirs, {}),
    ]);
    const replies = [JSON.stringify(a.reply), JSON.stringify(b.reply)];
    expect(replies.filter((r) => r.includes('Publishing teams'))).toHaveLength(1);
    expect(
      replies.filter((r) => r.includes('Another organizer published teams while you were reviewing')),
    ).toHaveLength(1);
    expect(
      (await items('job')).filter((j) => j.hackathonId === hackathonId && j.kind === 'publish-teams'),
    ).toHaveLength(1);
    expect((await hackathonIn(channel))?.teamsVersion).toBe(1);
  });

  it('refuses the review to anyone but organizers, including a review form submitted by someone else', async () => {
    const { channel, hackathonId } = await votedHackathon();
    await closeVoting(channel);
    expect(String((await slack.command('U0ANNA', channel, 'teams')).reply?.text)).toContain(
      'Only the organizers of *Hack The Garden 11/2026* can review and publish teams',
    );
    const before = harness.slack.callsTo('chat.postEphemeral').length;
    await slack.click('U0ANNA', channel, '1714000001.000002', 'teams_review', hackathonId);
    expect(String(harness.slack.callsTo('chat.postEphemeral').at(before)?.args.text)).toContain(
      'Only the organizers',
    );
    const review = await openReview(ORGANIZER, channel);
    const { reply } = await slack.submit('U0ANNA', review, { team_1: ['U0ANNA'] });
    expect(JSON.stringify(reply)).toContain(
      'Only the organizers of *Hack The Garden 11/2026* can review and publish teams',
    );
    expect((await hackathonIn(channel))?.teamsVersion).toBeUndefined();
    expect(await membersOf(hackathonId)).toEqual([
      [1, [], 'proposed'],
      [2, [], 'proposed'],
      [3, [], 'proposed'],
      [4, [], 'proposed'],
    ]);
  });
});

describe('carrying not-picked topics over', () => {
  it('offers the previous hackathon’s not-picked topics, keeps their proposer, tells them, and carries each once', async () => {
    const { channel: previous } = await votedHackathon();
    await closeVoting(previous);
    const review = await openReview(ORGANIZER, previous);
    await slack.submit(ORGANIZER, review, {});
    await harness.refresh();
    const previousId = String((await hackathonIn(previous))?.id);
    expect(
      (await topicsOf(previousId)).filter((t) => t.status === 'not_picked').map((t) => t.number),
    ).toEqual([3, 4]);

    const channel = newChannel();
    await slack.command('U0NEWORG', channel, 'setup');
    const created = await slack.submit('U0NEWORG', slack.lastOpenedView(), {
      name: 'Hack The Garden 05/2027',
      startDate: '2027-05-10',
      endDate: '2027-05-14',
      timeZone: 'Europe/Berlin',
      categories: 'Core\nDocs',
    });
    // Setting up tells the organizer what can be carried over (earlier tests' hackathons count too).
    expect(JSON.stringify(created.reply)).toMatch(
      /\d+ topics were not picked at earlier hackathons: `\/htg carry-over` brings them here/,
    );
    const hackathonId = String((await hackathonIn(channel))?.id);
    expect(String((await slack.command('U0ERIN', channel, 'carry-over')).reply?.text)).toContain(
      'Only the organizers of *Hack The Garden 05/2027* can carry topics over',
    );

    await slack.command('U0NEWORG', channel, 'carry-over');
    const form = slack.lastOpenedView();
    const select = (form.blocks as Array<{ block_id?: string; element?: Json }>).find(
      (b) => b.block_id === 'topics',
    )?.element as Json;
    const groups = select.option_groups as Array<{ label: Json; options: Array<{ value: string }> }>;
    const newest = groups.find((g) => g.options.some((o) => o.value === `${previousId}:4`));
    expect(newest?.label.text).toBe('Hack The Garden 11/2026');
    expect(newest?.options.map((o) => o.value)).toEqual([`${previousId}:3`, `${previousId}:4`]);
    expect((select.initial_options as unknown[]).length).toBeGreaterThanOrEqual(2);

    // A stranger submitting the organizer's form changes nothing.
    const forged = await slack.submit('U0ERIN', form, { topics: [`${previousId}:4`] });
    expect(JSON.stringify(forged.reply)).toContain('Only the organizers');
    expect(await topicsOf(hackathonId)).toEqual([]);

    // Two organizers' clicks at once: #4 is carried over once.
    const [a, b] = await Promise.all([
      slack.submit('U0NEWORG', form, { topics: [`${previousId}:4`] }),
      slack.submit('U0NEWORG', form, { topics: [`${previousId}:4`] }),
    ]);
    const replies = [JSON.stringify(a.reply), JSON.stringify(b.reply)];
    // Both reserve a number; whichever transaction wins keeps its own (#1 or #2), the other adds nothing.
    expect(replies.filter((r) => /Carried over 1 topic as #[12]\./.test(r))).toHaveLength(1);
    expect(replies.filter((r) => r.includes('carried over already'))).toHaveLength(1);
    const carried = await topicsOf(hackathonId);
    expect(carried).toHaveLength(1);
    const number = Number(carried[0]?.number);
    expect(carried[0]).toMatchObject({
      title: 'Dashboard dark mode',
      proposerId: 'U0ERIN',
      category: 'Core',
      status: 'proposed',
      carriedFrom: { hackathonId: previousId, hackathonName: 'Hack The Garden 11/2026', number: 4 },
    });

    const before = harness.slack.calls.length;
    expect(await harness.refresh()).toEqual({ batchItemFailures: [] });
    const after = harness.slack.calls.slice(before);
    expect(after.some((c) => c.method === 'chat.postMessage' && c.args.channel === channel)).toBe(true);
    const dm = after.filter((c) => c.method === 'chat.postMessage' && c.args.channel === 'U0ERIN');
    expect(dm.map((c) => String(c.args.text))).toEqual([
      expect.stringContaining(
        `Your topic *Dashboard dark mode*, not picked at *Hack The Garden 11/2026*, was carried over to *Hack The Garden 05/2027* as \`#${number}\``,
      ),
    ]);

    // #4 is no longer offered; #3 still is.
    await slack.command('U0NEWORG', channel, 'carry-over');
    expect(JSON.stringify(slack.lastOpenedView())).not.toContain(`${previousId}:4`);
    expect(JSON.stringify(slack.lastOpenedView())).toContain(`${previousId}:3`);
  });
});

describe('IAM grants', () => {
  it('cover every DynamoDB call the ingress and the refresher made in these tests', () => {
    expectWithinGrants(harness);
    // Nothing logged during these tests holds the signing secret or a token.
    expectNoSecretsLogged(harness);
  });
});
