import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_BOT_USER_ID } from '../../functions/local/dev/signed-request.js';
import type { ReactionTarget, SlackSim } from '../../functions/local/dev/slack-sim.js';
import { deliver, planBurst, runConcurrently } from '../../functions/local/dev/vote-burst.js';
import { hackathonWithCards as withCards } from '../helpers/hackathon-setup.js';
import {
  expectNoSecretsLogged,
  expectWithinGrants,
  type IngressHarness,
  startIngressSuite,
} from '../helpers/ingress-harness.js';

/** Voting by reaction, end to end: signed Events API deliveries to the real ingress, DynamoDB Local behind it. */
let harness: IngressHarness;
let slack: SlackSim;
const ORGANIZER = 'U0ORGANIZE';
let clock = 1_780_000_000;
const nextTs = () => `${++clock}.000100`;

const items = (entity: string) => harness.entities(entity);

/** A hackathon with `count` topics whose cards are posted; returns the channel and each card. */
const hackathonWithCards = (count: number, answers: Record<string, unknown> = {}) =>
  withCards(
    harness,
    slack,
    ORGANIZER,
    Array.from({ length: count }, (_, i) => `Topic ${i + 1}`),
    answers,
  );

async function counts(hackathonId: string) {
  return (await items('topic'))
    .filter((t) => t.hackathonId === hackathonId)
    .sort((a, b) => Number(a.number) - Number(b.number))
    .map((t) => ({ votes: t.voteCount, interest: t.interestCount }));
}

beforeAll(async () => {
  ({ harness, slack } = await startIngressSuite('e2e-voting'));
});
afterAll(async () => {
  await harness?.close();
});

describe('reactions on topic cards', () => {
  it('count the vote emoji as a vote and the work emoji as interest, once each, and show it on the card', async () => {
    const { hackathonId, cards } = await hackathonWithCards(1);
    const card = cards[0] as ReactionTarget;
    const vote = { ...card, reaction: 'arrow_up', added: true, eventTs: nextTs(), eventId: 'EvVOTE1' };
    expect(await slack.react('U0ALICE', vote)).toBe(200);
    // Slack redelivers the same event (slow first delivery), and a copy arrives concurrently.
    await Promise.all([
      slack.react('U0ALICE', { ...vote, retryNum: 1 }),
      slack.react('U0ALICE', { ...vote, retryNum: 2 }),
    ]);
    await slack.react('U0ALICE', { ...card, reaction: 'rocket', added: true, eventTs: nextTs() });
    await slack.react('U0BOB', { ...card, reaction: 'rocket::skin-tone-3', added: true, eventTs: nextTs() });
    expect(await counts(hackathonId)).toEqual([{ votes: 1, interest: 2 }]);

    await harness.refresh();
    const update = harness.slack.cardCallsTo('chat.update').at(-1);
    expect(update?.args.ts).toBe(card.ts);
    expect(String(update?.args.blocks)).toContain(
      ':arrow_up: 1 vote  ·  :rocket: 2 would work on it: <@U0ALICE>, <@U0BOB>',
    );
  });

  it("ignore other emoji, messages that are not cards, the app's own reactions and other bots'", async () => {
    const { hackathonId, cards, channel } = await hackathonWithCards(1);
    const card = cards[0] as ReactionTarget;
    await slack.react('U0ALICE', { ...card, reaction: 'tada', added: true, eventTs: nextTs() });
    await slack.react('U0ALICE', {
      channel,
      ts: '1700000000.000001',
      itemUser: 'U0SOMEONE',
      reaction: 'arrow_up',
      added: true,
      eventTs: nextTs(),
    });
    await slack.react('U0ALICE', {
      channel,
      ts: '1700000000.000002',
      itemUser: TEST_BOT_USER_ID,
      reaction: 'arrow_up',
      added: true,
      eventTs: nextTs(),
    });
    await slack.react(TEST_BOT_USER_ID, { ...card, reaction: 'arrow_up', added: true, eventTs: nextTs() });
    harness.slack.respond('users.info', (args) => ({
      ok: true,
      user: { id: args.user, is_bot: args.user === 'U0OTHERBOT' },
    }));
    await slack.react('U0OTHERBOT', { ...card, reaction: 'arrow_up', added: true, eventTs: nextTs() });
    expect(await counts(hackathonId)).toEqual([{ votes: 0, interest: 0 }]);
    expect(await items('vote')).not.toContainEqual(
      expect.objectContaining({ hackathonId, userId: TEST_BOT_USER_ID }),
    );
  });

  it('end with the last action even when a removal is delivered before its add', async () => {
    const { hackathonId, cards } = await hackathonWithCards(1);
    const card = cards[0] as ReactionTarget;
    const added = nextTs();
    const removed = nextTs();
    await slack.react('U0ALICE', { ...card, reaction: 'arrow_up', added: false, eventTs: removed });
    await slack.react('U0ALICE', { ...card, reaction: 'arrow_up', added: true, eventTs: added });
    expect(await counts(hackathonId)).toEqual([{ votes: 0, interest: 0 }]);
    await slack.react('U0ALICE', { ...card, reaction: 'arrow_up', added: true, eventTs: nextTs() });
    expect(await counts(hackathonId)).toEqual([{ votes: 1, interest: 0 }]);
  });
});

describe('card refreshes', () => {
  it("wait out Slack's rate limit (429 with Retry-After) and end up showing the final counts", async () => {
    const { hackathonId, cards } = await hackathonWithCards(1);
    const card = cards[0] as ReactionTarget;
    for (const user of ['U0R1', 'U0R2', 'U0R3']) {
      await slack.react(user, { ...card, reaction: 'arrow_up', added: true, eventTs: nextTs() });
    }
    await slack.react('U0R2', { ...card, reaction: 'arrow_up', added: false, eventTs: nextTs() });
    expect(await counts(hackathonId)).toEqual([{ votes: 2, interest: 0 }]);

    const before = harness.slack.cardCallsTo('chat.update').length;
    harness.slack.rateLimit('chat.update', 2, 1);
    expect(await harness.refresh()).toEqual({ batchItemFailures: [] });
    const attempts = harness.slack.cardCallsTo('chat.update').slice(before);
    expect(attempts).toHaveLength(3);
    expect(String(attempts.at(-1)?.args.blocks)).toContain(':arrow_up: 2 votes');
  }, 30_000);
});

describe('the voting window', () => {
  it('counts nothing after voting closed and tells the person once', async () => {
    const { hackathonId, cards } = await hackathonWithCards(2, {
      votingClosesAt: Math.floor(Date.now() / 1000) - 60,
    });
    const ephemeralsBefore = harness.slack.callsTo('chat.postEphemeral').length;
    for (const card of cards)
      await slack.react('U0LATE', { ...card, reaction: 'arrow_up', added: true, eventTs: nextTs() });
    expect(await counts(hackathonId)).toEqual([
      { votes: 0, interest: 0 },
      { votes: 0, interest: 0 },
    ]);
    const told = harness.slack.callsTo('chat.postEphemeral').slice(ephemeralsBefore);
    expect(told).toHaveLength(1);
    expect(told[0]?.args.user).toBe('U0LATE');
    expect(String(told[0]?.args.text)).toContain('Voting for *Hack The Garden 11/2026* has closed');
  });
});

describe('a warm container', () => {
  it('never counts a vote from the hackathon it remembers once voting was closed or the budget lowered', async () => {
    const { channel, hackathonId, cards } = await hackathonWithCards(3);
    const [a, b, c] = cards as [ReactionTarget, ReactionTarget, ReactionTarget];
    // The first vote reads the hackathon; the ingress remembers it for the next ones.
    await slack.react('U0WARM1', { ...a, reaction: 'arrow_up', added: true, eventTs: nextTs() });
    await slack.react('U0WARM1', { ...b, reaction: 'arrow_up', added: true, eventTs: nextTs() });
    // The organizer lowers the budget to 2 in the settings form: a third vote is refused.
    await slack.command(ORGANIZER, channel, 'settings');
    expect((await slack.submit(ORGANIZER, slack.lastOpenedView(), { votesPerPerson: '2' })).status).toBe(200);
    await slack.react('U0WARM1', { ...c, reaction: 'arrow_up', added: true, eventTs: nextTs() });
    // The organizer closes voting: nobody's vote counts any more.
    await slack.command(ORGANIZER, channel, 'close-voting');
    await slack.react('U0WARM2', { ...a, reaction: 'arrow_up', added: true, eventTs: nextTs() });
    expect(await counts(hackathonId)).toEqual([
      { votes: 1, interest: 0 },
      { votes: 1, interest: 0 },
      { votes: 0, interest: 0 },
    ]);
  });
});

describe('the vote budget', () => {
  it('does not count a vote beyond it, and says which topics hold the votes', async () => {
    const { hackathonId, cards } = await hackathonWithCards(3, { votesPerPerson: '2' });
    const [a, b, c] = cards as [ReactionTarget, ReactionTarget, ReactionTarget];
    await slack.react('U0CAROL', { ...a, reaction: 'arrow_up', added: true, eventTs: nextTs() });
    await slack.react('U0CAROL', { ...b, reaction: 'arrow_up', added: true, eventTs: nextTs() });
    await slack.react('U0CAROL', { ...c, reaction: 'arrow_up', added: true, eventTs: nextTs() });
    expect((await counts(hackathonId)).map((t) => t.votes)).toEqual([1, 1, 0]);
    const told = harness.slack.callsTo('chat.postEphemeral').at(-1);
    expect(told?.args.user).toBe('U0CAROL');
    expect(String(told?.args.text)).toMatch(
      /Your vote on #3 was not counted: you have used all 2 of your votes in \*Hack The Garden 11\/2026\*, on `#1` Topic 1, `#2` Topic 2\. Remove one/,
    );

    // Interest is not limited by the vote budget.
    await slack.react('U0CAROL', { ...c, reaction: 'rocket', added: true, eventTs: nextTs() });
    await slack.react('U0CAROL', { ...a, reaction: 'arrow_up', added: false, eventTs: nextTs() });
    await slack.react('U0CAROL', { ...c, reaction: 'arrow_up', added: true, eventTs: nextTs() });
    expect(await counts(hackathonId)).toEqual([
      { votes: 0, interest: 0 },
      { votes: 1, interest: 0 },
      { votes: 1, interest: 1 },
    ]);

    const { reply } = await slack.command('U0CAROL', cards[0]?.channel ?? '', 'my-votes');
    expect(String(reply?.text)).toContain('you use 2 of your 2 votes');
    expect(String(reply?.text)).toMatch(/Your votes\*\n`#2` Topic 2\n`#3` Topic 3/);
    expect(String(reply?.text)).toMatch(/You would work on\*\n`#3` Topic 3/);
  });
});

describe('the ballot (/htg vote)', () => {
  it('shows open topics with counts and what you chose, applies the difference, and never counts you twice', async () => {
    const { channel, hackathonId, cards } = await hackathonWithCards(12, { votesPerPerson: '3' });
    await slack.react('U0DAVE', {
      ...(cards[0] as ReactionTarget),
      reaction: 'arrow_up',
      added: true,
      eventTs: nextTs(),
    });

    await slack.command('U0DAVE', channel, 'vote');
    const ballot = slack.lastOpenedView();
    expect(ballot.callback_id).toBe('ballot');
    const blocks = ballot.blocks as Array<{
      block_id?: string;
      element?: { options?: unknown[]; initial_options?: Array<{ value: string }> };
    }>;
    // 12 topics in one category: groups of at most 10, for votes and for interest.
    expect(
      blocks.filter((b) => b.block_id?.startsWith('vote__')).map((b) => b.element?.options?.length),
    ).toEqual([10, 2]);
    expect(
      blocks.find((b) => b.block_id === 'vote__0')?.element?.initial_options?.map((o) => o.value),
    ).toEqual(['1']);
    expect(JSON.stringify(blocks)).toContain(':arrow_up: 1  :rocket: 0');

    const tooMany = await slack.submit('U0DAVE', ballot, { vote__0: ['1', '2', '3'], vote__1: ['11'] });
    expect(tooMany.reply).toEqual({
      response_action: 'errors',
      errors: { vote__0: 'You ticked 4 topics to vote for, but everyone has 3 votes. Untick 1.' },
    });
    expect((await counts(hackathonId)).slice(0, 2)).toEqual([
      { votes: 1, interest: 0 },
      { votes: 0, interest: 0 },
    ]);

    const saved = await slack.submit('U0DAVE', ballot, { vote__0: ['1', '2'], interest__1: ['12'] });
    expect(JSON.stringify(saved.reply)).toContain('Saved: +1 vote, +1 \\"I\'d work on it\\".');
    const after = await counts(hackathonId);
    expect(after[0]).toEqual({ votes: 1, interest: 0 });
    expect(after[1]).toEqual({ votes: 1, interest: 0 });
    expect(after[11]).toEqual({ votes: 0, interest: 1 });

    // Unticking #1 removes the vote cast by reaction; a late redelivery of that old reaction changes nothing.
    await slack.command('U0DAVE', channel, 'vote');
    await slack.submit('U0DAVE', slack.lastOpenedView(), { vote__0: ['2'] });
    await slack.react('U0DAVE', {
      ...(cards[0] as ReactionTarget),
      reaction: 'arrow_up',
      added: true,
      eventTs: `${clock - 100}.000100`,
    });
    expect((await counts(hackathonId))[0]).toEqual({ votes: 0, interest: 0 });
    const { reply } = await slack.command('U0DAVE', channel, 'my-votes');
    expect(String(reply?.text)).toContain('you use 1 of your 3 votes');
  });

  it('leaves votes on topics the form did not show as they are', async () => {
    const { channel, hackathonId, cards } = await hackathonWithCards(2);
    await slack.react('U0ERIN', {
      ...(cards[1] as ReactionTarget),
      reaction: 'arrow_up',
      added: true,
      eventTs: nextTs(),
    });
    await slack.command('U0ERIN', channel, 'vote');
    const ballot = slack.lastOpenedView() as {
      blocks: Array<{ element?: { options?: Array<{ value: string }> } }>;
    };
    // The form as if it had only room for #1 (a very large hackathon): #2 is not on it.
    const onlyFirst = {
      ...ballot,
      blocks: ballot.blocks.map((block) =>
        block.element?.options
          ? {
              ...block,
              element: {
                ...block.element,
                options: block.element.options.filter((o) => o.value === '1'),
                initial_options: undefined,
              },
            }
          : block,
      ),
    };
    await slack.submit('U0ERIN', onlyFirst, { vote__0: ['1'] });
    expect(await counts(hackathonId)).toEqual([
      { votes: 1, interest: 0 },
      { votes: 1, interest: 0 },
    ]);
  });

  it('is closed with voting', async () => {
    const { channel } = await hackathonWithCards(1, { votingClosesAt: Math.floor(Date.now() / 1000) - 60 });
    const { reply } = await slack.command('U0DAVE', channel, 'vote');
    expect(String(reply?.text)).toContain('Voting for *Hack The Garden 11/2026* has closed.');
  });
});

describe('/htg close-voting', () => {
  it('closes voting, re-reads every card from Slack, repairs missed reactions (never ballot votes) and reports', async () => {
    const { channel, hackathonId, cards } = await hackathonWithCards(2);
    const [one, two] = cards as [ReactionTarget, ReactionTarget];
    const reads = harness.slack.callsTo('reactions.get').length;
    await slack.react('U0ALICE', { ...one, reaction: 'arrow_up', added: true, eventTs: nextTs() });
    await slack.react('U0CAROL', { ...two, reaction: 'arrow_up', added: true, eventTs: nextTs() });
    await slack.command('U0DAVE', channel, 'vote');
    await slack.submit('U0DAVE', slack.lastOpenedView(), { vote__0: ['2'] });
    expect(await counts(hackathonId)).toEqual([
      { votes: 1, interest: 0 },
      { votes: 2, interest: 0 },
    ]);
    // What Slack shows on the cards: Bob's vote and Erin's interest never reached htg, Carol's removal neither.
    harness.slack.respond('reactions.get', (args) => ({
      ok: true,
      type: 'message',
      message: {
        ts: args.timestamp,
        reactions:
          args.timestamp === one.ts
            ? [{ name: 'arrow_up', users: ['U0ALICE', 'U0BOB', TEST_BOT_USER_ID], count: 3 }]
            : [{ name: 'rocket', users: ['U0ERIN'], count: 1 }],
      },
    }));

    const refused = await slack.command('U0STRANGER', channel, 'close-voting');
    expect(String(refused.reply?.text)).toContain('Only the organizers');
    const { reply } = await slack.command(ORGANIZER, channel, 'close-voting');
    expect(String(reply?.text)).toContain(
      'Voting for *Hack The Garden 11/2026* is closed. I am re-reading the reactions on 2 cards',
    );

    expect(await harness.refresh()).toEqual({ batchItemFailures: [] });
    expect(
      harness.slack
        .callsTo('reactions.get')
        .slice(reads)
        .map((call) => call.args.full),
    ).toEqual(['true', 'true']);
    expect(await counts(hackathonId)).toEqual([
      { votes: 2, interest: 0 },
      { votes: 1, interest: 1 },
    ]);
    // By direct message: the organizer may no longer be looking at the channel when the re-read is done.
    const dms = harness.slack.callsTo('chat.postMessage').filter((call) => call.args.channel === ORGANIZER);
    const report = dms.at(-2);
    const proposal = dms.at(-1);
    expect(proposal?.answer).toMatchObject({ ok: true });
    expect(String(proposal?.args.text)).toContain('*Proposed teams*');
    expect(String(proposal?.args.text)).toContain('1. `#1` Topic 1 · :arrow_up: 2 · 🙅 not picked');
    expect(String(proposal?.args.text)).toContain('2. `#2` Topic 2 · :arrow_up: 1 · <@U0ERIN> (1/5)');
    expect(String(report?.args.text)).toContain(
      'Counted 2 reactions I had missed: #1 :arrow_up: <@U0BOB>, #2 :rocket: <@U0ERIN>.',
    );
    expect(String(report?.args.text)).toContain(
      'Removed 1 counted reactions that are no longer on the cards: #2 :arrow_up: <@U0CAROL>.',
    );

    // Voting is closed now: reactions no longer count.
    await slack.react('U0FRANK', { ...one, reaction: 'arrow_up', added: true, eventTs: nextTs() });
    expect((await counts(hackathonId))[0]).toEqual({ votes: 2, interest: 0 });
  });
});

describe('a burst of 2,000 reaction events', () => {
  it('over 40 topics and 60 people, at concurrency 32, with 10 % redeliveries and 10 % removals, counts exactly', async () => {
    const { hackathonId, cards } = await hackathonWithCards(40);
    const plan = planBurst(cards);
    expect(plan.deliveries).toHaveLength(2000);
    expect(plan.deliveries.filter((d) => !d.added)).toHaveLength(200);
    expect(plan.deliveries.filter((d) => d.retryNum !== undefined)).toHaveLength(200);

    const statuses: Array<number | undefined> = [];
    await runConcurrently(plan.deliveries, 32, async (d) => {
      statuses.push(await deliver(slack, d));
    });
    expect(statuses.every((status) => status === 200)).toBe(true);
    expect(await counts(hackathonId)).toEqual(plan.expected);
    const activeVotes = (await items('vote')).filter(
      (v) => v.hackathonId === hackathonId && v.state === 'active',
    );
    expect(activeVotes).toHaveLength(plan.activeRecords);

    const updatesBefore = harness.slack.cardCallsTo('chat.update').length;
    expect(await harness.refresh()).toEqual({ batchItemFailures: [] });
    const updates = harness.slack.cardCallsTo('chat.update').length - updatesBefore;
    expect(updates).toBeLessThanOrEqual(40);
  }, 120_000);
});

describe('IAM grants', () => {
  it('cover every DynamoDB call the ingress and the refresher made in these tests', () => {
    expectWithinGrants(harness);
    // Nothing logged during these tests holds the signing secret or a token.
    expectNoSecretsLogged(harness);
  });
});
