import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { teamCap } from '../../functions/domain/assignment.js';
import type { TeamSize } from '../../functions/domain/topic.js';
import { lambdaContext } from '../../functions/local/dev/lambda-context.js';
import { signedFunctionUrlEvent, TEST_BOT_USER_ID } from '../../functions/local/dev/signed-request.js';
import { SlackSim } from '../../functions/local/dev/slack-sim.js';
import type { IngressHandler } from '../../functions/slack/ingress-handler.js';
import { type FuzzContext, type FuzzKind, type FuzzPayload, fuzzPayload } from '../helpers/fuzz-payloads.js';
import { setUpHackathon } from '../helpers/hackathon-setup.js';
import {
  expectNoSecretsLogged,
  type IngressHarness,
  startIngressHarness,
} from '../helpers/ingress-harness.js';
import { tableInvariantViolations } from '../helpers/table-invariants.js';

/**
 * Property-based fuzzing of the signed entry point: at least 10,000 malformed, truncated, oversized and
 * type-confused requests of every kind htg handles, built from a real workspace's cards, modals and buttons,
 * sent correctly signed (so they reach the listeners) eight at a time. None may throw, none may get a 5xx
 * (nothing here is worth Slack retrying), and afterwards the table's invariants hold.
 *
 * FUZZ_RUNS lowers the count while debugging; the suite runs 1,250 batches of 8. */
const RUNS = Number(process.env.FUZZ_RUNS ?? 1_250);
const BATCH = 8;
const ORGANIZER = 'U0ORGANIZE';
const PEOPLE = ['U0ANNA', 'U0BOB', 'U0CARL', 'U0DORA', ORGANIZER];

let harness: IngressHarness;
let slack: SlackSim;
let handler: IngressHandler;
let ctx: FuzzContext;

type Json = Record<string, unknown>;
const parse = (value: unknown): unknown => (typeof value === 'string' ? JSON.parse(value) : value);

/** Every button (action id and value) in a block tree. */
function buttonsIn(tree: unknown, found: Array<{ actionId: string; value: string }> = []) {
  if (Array.isArray(tree)) for (const node of tree) buttonsIn(node, found);
  else if (tree && typeof tree === 'object') {
    const node = tree as Json;
    if (node.type === 'button' && typeof node.action_id === 'string' && typeof node.value === 'string')
      found.push({ actionId: node.action_id, value: node.value });
    for (const child of Object.values(node)) if (child && typeof child === 'object') buttonsIn(child, found);
  }
  return found;
}

async function cardsOf(hackathonId: string) {
  return (await harness.entities('topic'))
    .filter((t) => t.hackathonId === hackathonId)
    .map((t) => t.card as { channelId: string; ts: string });
}

/** A workspace with everything a payload can be about: two hackathons, votes, teams, every modal opened. */
async function buildWorkspace(): Promise<FuzzContext> {
  const titles = [
    'Gardener on IPv6',
    'Replace OpenVPN',
    'Dashboard dark mode',
    'Etcd backups',
    'Docs sprint',
  ];
  const main = await setUpHackathon(slack, ORGANIZER, { answers: { teamSizeMax: '4' }, topics: titles });
  const mainId = String((await harness.hackathonIn(main.channel))?.id);
  await harness.refresh(); // posts the cards
  const cards = await cardsOf(mainId);
  let ts = 1_790_000_000;
  for (const [i, user] of PEOPLE.entries()) {
    for (const card of cards.slice(0, 3))
      await slack.react(user, {
        channel: card.channelId,
        ts: card.ts,
        itemUser: TEST_BOT_USER_ID,
        reaction: 'arrow_up',
        added: true,
        eventTs: `${++ts}.000100`,
      });
    await slack.command(user, main.channel, `join #${(i % 3) + 1}`);
  }
  await slack.command(ORGANIZER, main.channel, 'status #1 in_progress');
  for (const text of ['settings', 'propose', 'vote', 'attendees', 'import', 'carry-over'])
    await slack.command(ORGANIZER, main.channel, text);
  const [first] = cards;
  if (first) {
    const value = JSON.stringify({ h: mainId, n: 1 });
    for (const actionId of ['topic_edit', 'topic_outcome', 'checkin_answer'])
      await slack.click(ORGANIZER, main.channel, first.ts, actionId, value);
  }
  await slack.command(ORGANIZER, main.channel, 'import');
  await slack.submit(ORGANIZER, slack.lastOpenedView(), { list: '- Imported one\n- Imported two' });

  const closed = await setUpHackathon(slack, ORGANIZER, { topics: ['Closed topic one', 'Closed topic two'] });
  const closedId = String((await harness.hackathonIn(closed.channel))?.id);
  await harness.refresh();
  await slack.command(ORGANIZER, closed.channel, 'close-voting');
  await slack.click(ORGANIZER, closed.channel, '1714000001.000001', 'teams_review', closedId);
  for (const user of PEOPLE) await slack.openHome(user);
  await harness.refresh();

  const calls = harness.slack.calls;
  const views = calls
    .filter((c) => c.method === 'views.open' || c.method === 'views.push')
    .map((c) => parse(c.args.view) as Json);
  const buttons = calls.flatMap((c) =>
    buttonsIn([parse(c.args.blocks ?? '[]'), c.args.view ? parse(c.args.view) : []]).map((b) => ({
      ...b,
      channel: typeof c.args.channel === 'string' && c.args.channel.startsWith('C') ? c.args.channel : null,
      ts: typeof c.args.ts === 'string' ? c.args.ts : null,
    })),
  );
  const allCards = [...cards, ...(await cardsOf(closedId))].filter(Boolean);
  return {
    teamId: slack.teamId,
    users: PEOPLE,
    channels: [main.channel, closed.channel],
    cards: allCards.map((c) => ({ channel: c.channelId, ts: c.ts })),
    views,
    buttons,
    emoji: ['arrow_up', 'rocket'],
    botUserId: TEST_BOT_USER_ID,
  };
}

beforeAll(async () => {
  harness = await startIngressHarness('e2e-fuzz');
  // Bolt logs every request body at debug; at info the fuzzer's megabytes stay out of the captured log.
  vi.stubEnv('LOG_LEVEL', 'info');
  ({ handler } = (await import('../../functions/ingress/index.js')) as { handler: IngressHandler });
  slack = new SlackSim(harness.track(handler), harness.slack);
  ctx = await buildWorkspace();
}, 120_000);
afterAll(async () => {
  await harness?.close();
});

function requestOf(payload: FuzzPayload) {
  const event = signedFunctionUrlEvent({ body: payload.body, contentType: payload.contentType });
  // A body flagged base64 that is not: the signature no longer matches what the entry point decodes.
  if (payload.base64) event.isBase64Encoded = true;
  return event;
}

describe('fuzzing the signed entry point', () => {
  it('answers 10,000 malformed payloads of every kind without a throw or a 5xx, and the table stays whole', async () => {
    expect(ctx.views.map((v) => v.callback_id).sort()).toEqual(
      expect.arrayContaining([
        'checkin',
        'hackathon_attendees',
        'hackathon_settings',
        'ballot',
        'team_review',
        'topic_edit',
        'topic_import',
        'topic_outcome',
        'topic_propose',
      ]),
    );
    const before = await harness.table.items();
    const statuses = new Map<number, number>();
    const kinds = new Map<FuzzKind, number>();
    const damages = new Map<string, number>();
    const bump = <K>(map: Map<K, number>, key: K) => map.set(key, (map.get(key) ?? 0) + 1);
    let sent = 0;

    await fc.assert(
      fc.asyncProperty(fc.array(fuzzPayload(ctx), { minLength: BATCH, maxLength: BATCH }), async (batch) => {
        const responses = await Promise.all(
          batch.map((payload) => handler(requestOf(payload), lambdaContext())),
        );
        for (const [i, response] of responses.entries()) {
          const payload = batch[i] as FuzzPayload;
          sent++;
          bump(statuses, Number(response.statusCode));
          bump(kinds, payload.kind);
          bump(damages, payload.damage);
          expect(
            response.statusCode,
            `${payload.kind}/${payload.damage}: ${payload.body.slice(0, 300)}`,
          ).toBeLessThan(500);
        }
      }),
      // No shrinking: every request changes the table, so a smaller counterexample would not replay the same way.
      { numRuns: RUNS, seed: Number(process.env.FUZZ_SEED ?? 20261125), endOnFailure: true },
    );

    expect(sent).toBe(RUNS * BATCH);
    if (!process.env.FUZZ_RUNS) expect(sent).toBeGreaterThanOrEqual(10_000);
    for (const kind of ['command', 'view_submission', 'block_action', 'event'] as const)
      expect(kinds.get(kind) ?? 0, kind).toBeGreaterThan(sent * 0.15);
    for (const damage of ['none', 'truncated', 'content-type', 'base64', 'garbage'])
      expect(damages.get(damage) ?? 0, damage).toBeGreaterThan(sent * 0.01);

    // What the fuzzing changed must still be whole, including what the card refresher makes of it.
    const refreshed = await harness.refresh();
    expect(refreshed.batchItemFailures).toEqual([]);
    const after = await harness.table.items();
    const caps = new Map(
      before
        .filter((i) => i.entity === 'topic')
        .map((t) => [`${t.hackathonId}#${t.number}`, { teamSize: t.teamSize }] as const),
    );
    const largestCap = (topic: Json, hackathon: Json) => {
      // The fuzzer may, as an organizer, change a topic's size or the hackathon's largest team: a team formed
      // under the older cap stays as it was.
      const max = Math.max(
        (hackathon.teamSize as { max: number }).max,
        ...before
          .filter((h) => h.entity === 'hackathon' && h.id === hackathon.id)
          .map((h) => (h.teamSize as { max: number }).max),
      );
      const sizes = [topic.teamSize, caps.get(`${topic.hackathonId}#${topic.number}`)?.teamSize];
      return Math.max(...sizes.map((size) => teamCap({ teamSize: (size ?? null) as TeamSize | null }, max)));
    };
    expect(tableInvariantViolations(after, { capOf: largestCap })).toEqual([]);
    expect(after.length).toBeGreaterThan(before.length);
    expectNoSecretsLogged(harness);
    process.stdout.write(
      `fuzz: ${sent} payloads; kinds ${JSON.stringify(Object.fromEntries(kinds))}; damage ${JSON.stringify(Object.fromEntries(damages))}; statuses ${JSON.stringify(Object.fromEntries(statuses))}; items ${before.length} -> ${after.length}\n`,
    );
  }, 900_000);
});
