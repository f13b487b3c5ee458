import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_BOT_USER_ID } from '../../functions/local/dev/signed-request.js';
import type { ReactionTarget, SlackSim } from '../../functions/local/dev/slack-sim.js';
import { hackathonWithCards } from '../helpers/hackathon-setup.js';
import {
  expectNoSecretsLogged,
  expectWithinGrants,
  type IngressHarness,
  startIngressSuite,
} from '../helpers/ingress-harness.js';

/**
 * Emoji names as Slack reports them (issue 16, point 1): 👍 arrives as `+1` and ✋ as `hand`, whatever the
 * organizer typed in the setup form (`:thumbsup:`, `:raised_hand:`, which the form's own hint once suggested).
 * End to end: signed requests to the real ingress, the strict stand-in, DynamoDB Local.
 */
let harness: IngressHarness;
let slack: SlackSim;
const ORGANIZER = 'U0ORGANIZE';
let clock = 1_790_000_000;
const nextTs = () => `${++clock}.000100`;

async function counts(hackathonId: string) {
  return (await harness.entities('topic'))
    .filter((t) => t.hackathonId === hackathonId)
    .sort((a, b) => Number(a.number) - Number(b.number))
    .map((t) => ({ votes: t.voteCount, interest: t.interestCount }));
}

const votesOf = async (hackathonId: string) =>
  (await harness.entities('vote'))
    .filter((v) => v.hackathonId === hackathonId && v.state === 'active')
    .map((v) => `${v.kind} ${v.userId}`)
    .sort();

beforeAll(async () => {
  ({ harness, slack } = await startIngressSuite('e2e-emoji'));
});
afterAll(async () => {
  await harness?.close();
});

describe('a hackathon set up with :thumbsup: and :raised_hand:', () => {
  let hackathonId: string;
  let channel: string;
  let card: ReactionTarget;

  beforeAll(async () => {
    const set = await hackathonWithCards(harness, slack, ORGANIZER, ['Gardener on IPv6'], {
      voteEmoji: ':thumbsup:',
      workEmoji: ':raised_hand:',
    });
    ({ channel, hackathonId } = set);
    card = set.cards[0] as ReactionTarget;
  });

  it('saves the names Slack reports reactions by, and the card asks for them', async () => {
    expect(await harness.hackathonIn(channel)).toMatchObject({ voteEmoji: '+1', workEmoji: 'hand' });
    const card = harness.slack.cardCallsTo('chat.postMessage').at(-1);
    expect(String(card?.args.blocks)).toContain('React with :+1: to vote, :hand: if you would work on it');
  });

  it('counts 👍 as a vote and ✋ as interest, a skin tone once, and takes a removed reaction back', async () => {
    // The person picks 👍 in Slack; Slack delivers it as `+1` (SlackSim.react does as Slack does).
    await slack.react('U0ALICE', { ...card, reaction: 'thumbsup', added: true, eventTs: nextTs() });
    const delivered = slack.reactionRequest('U0ALICE', {
      ...card,
      reaction: 'thumbsup',
      added: true,
      eventTs: nextTs(),
    });
    expect(JSON.parse(delivered.body ?? '{}').event.reaction).toBe('+1');
    await slack.react('U0BOB', { ...card, reaction: '+1::skin-tone-2', added: true, eventTs: nextTs() });
    await slack.react('U0CAROL', { ...card, reaction: 'hand::skin-tone-4', added: true, eventTs: nextTs() });
    await slack.react('U0DAVE', { ...card, reaction: '+1', added: true, eventTs: nextTs() });
    await slack.react('U0DAVE', { ...card, reaction: 'raised_hand', added: true, eventTs: nextTs() });
    expect(await counts(hackathonId)).toEqual([{ votes: 3, interest: 2 }]);

    // Bob adds the same thumb in another skin tone: still one vote.
    await slack.react('U0BOB', { ...card, reaction: '+1::skin-tone-5', added: true, eventTs: nextTs() });
    expect(await counts(hackathonId)).toEqual([{ votes: 3, interest: 2 }]);

    await slack.react('U0ALICE', { ...card, reaction: '+1', added: false, eventTs: nextTs() });
    await slack.react('U0DAVE', { ...card, reaction: 'hand', added: false, eventTs: nextTs() });
    expect(await counts(hackathonId)).toEqual([{ votes: 2, interest: 1 }]);

    expect(await harness.refresh()).toEqual({ batchItemFailures: [] });
    const update = harness.slack.cardCallsTo('chat.update').at(-1);
    expect(update?.args.ts).toBe(card.ts);
    expect(String(update?.args.blocks)).toContain(':+1: 2 votes  ·  :hand: 1 would work on it: <@U0CAROL>');
  });

  it('changes nothing at the recount when voting closes, Slack answering by canonical names', async () => {
    const before = await votesOf(hackathonId);
    expect(before).toEqual(['interest U0CAROL', 'vote U0BOB', 'vote U0DAVE']);
    // What reactions.get shows on the card: skin tones are separate entries, names are canonical.
    harness.slack.respond('reactions.get', (args) => ({
      ok: true,
      type: 'message',
      message: {
        ts: args.timestamp,
        reactions:
          args.timestamp === card.ts
            ? [
                { name: '+1', users: ['U0DAVE', TEST_BOT_USER_ID], count: 2 },
                { name: '+1::skin-tone-2', users: ['U0BOB'], count: 1 },
                { name: '+1::skin-tone-5', users: ['U0BOB'], count: 1 },
                { name: 'hand::skin-tone-4', users: ['U0CAROL'], count: 1 },
                { name: 'tada', users: ['U0ALICE'], count: 1 },
              ]
            : [],
      },
    }));
    const reads = harness.slack.callsTo('reactions.get').length;
    await slack.command(ORGANIZER, channel, 'close-voting');
    expect(await harness.refresh()).toEqual({ batchItemFailures: [] });
    expect(harness.slack.callsTo('reactions.get').length).toBeGreaterThan(reads);
    expect(await votesOf(hackathonId)).toEqual(before);
    expect(await counts(hackathonId)).toEqual([{ votes: 2, interest: 1 }]);
  });
});

describe('the settings form', () => {
  it('hints at the names Slack reports, saves aliases canonically and sees an alias of the vote emoji as the same', async () => {
    const { channel } = await hackathonWithCards(harness, slack, ORGANIZER, []);
    await slack.command(ORGANIZER, channel, 'settings');
    const view = slack.lastOpenedView();
    expect(JSON.stringify(view.blocks)).toContain('e.g. +1 (👍)');
    expect(JSON.stringify(view.blocks)).toContain('e.g. hand (✋)');

    const same = await slack.submit(ORGANIZER, view, { voteEmoji: ':+1:', workEmoji: ':thumbsup:' });
    expect(same.reply).toMatchObject({
      response_action: 'errors',
      errors: { workEmoji: expect.stringContaining('different') },
    });

    await slack.submit(ORGANIZER, view, { voteEmoji: ':Thumbsup::skin-tone-3:', workEmoji: ':raised_hand:' });
    expect(await harness.hackathonIn(channel)).toMatchObject({ voteEmoji: '+1', workEmoji: 'hand' });
  });

  it('keeps a custom emoji as typed', async () => {
    const { channel } = await hackathonWithCards(harness, slack, ORGANIZER, [], {
      voteEmoji: ':gardener-vote:',
      workEmoji: ':ship_it:',
    });
    expect(await harness.hackathonIn(channel)).toMatchObject({
      voteEmoji: 'gardener-vote',
      workEmoji: 'ship_it',
    });
  });

  it('stays within the grants and logs no secrets', () => {
    expectWithinGrants(harness);
    expectNoSecretsLogged(harness);
  });
});
