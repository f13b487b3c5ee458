import fc from 'fast-check';

type Json = Record<string, unknown>;

/** What the fuzzer knows of the workspace: real people, channels, cards, modals and buttons to start from. */
export interface FuzzContext {
  teamId: string;
  users: readonly string[];
  channels: readonly string[];
  cards: ReadonlyArray<{ channel: string; ts: string }>;
  /** Modals the app opened, as Slack would send them back (their blocks carry the prefilled values). */
  views: readonly Json[];
  /** Buttons the app posted (messages, Home tab, modals), with where they were. */
  buttons: ReadonlyArray<{ actionId: string; value: string; channel: string | null; ts: string | null }>;
  emoji: readonly string[];
  botUserId: string;
}

export type FuzzKind = 'command' | 'view_submission' | 'block_action' | 'event';
/** How a payload was spoiled after it was built. */
type FuzzDamage = 'none' | 'truncated' | 'content-type' | 'base64' | 'garbage';

export interface FuzzPayload {
  kind: FuzzKind;
  damage: FuzzDamage;
  body: string;
  contentType: string;
  base64: boolean;
}

/** Text people type, at its worst: pings, formatting, markup, control characters, odd numbers. */
const HOSTILE = [
  '<!channel>',
  '<!here> please look',
  '<!everyone>',
  '<@U0ORGANIZE>',
  '<#C0000000|general>',
  '*bold* _it_ ~strike~ `code`',
  '```\nfenced',
  '<https://evil.example|click me>',
  '"><script>alert(1)</script>',
  'javascript:alert(1)',
  '---\ntitle: injected\n---',
  '[x](javascript:alert(1))',
  '\u0000\u0001\u0007',
  '\u202eevil\u202c',
  '🧪🚧✅⏸️🙅',
  '#1',
  '#0',
  '#-1',
  '#1.5',
  '#99999999999999999999',
  '1e309',
  'NaN',
  '__proto__',
  'constructor',
  '{"h":"x","n":1}',
  '%00%ff',
  '\\',
  ' ',
  '',
] as const;

const hostile = fc.constantFrom(...HOSTILE);
/** Long enough to pass every limit Slack or htg puts on a field. */
const oversized = fc
  .tuple(fc.integer({ min: 3_001, max: 120_000 }), fc.constantFrom('A', 'é', '🙂', '<!here>'))
  .map(([length, unit]) => unit.repeat(Math.ceil(length / unit.length)));

const text: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.string({ maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 3, arbitrary: hostile },
  { weight: 1, arbitrary: oversized },
);

/** A value of the wrong type (or none) where something else belongs. */
const confused: fc.Arbitrary<unknown> = fc.oneof(
  fc.constant(null),
  fc.constant(undefined),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.array(fc.string({ maxLength: 8 }), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 8 }), fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3 }),
  text,
);

/**
 * Mostly `valid`, sometimes wrong or missing. Envelope fields (who, where, what kind) are rarely wrong, so that
 * most payloads get past the envelope check to the listeners; values inside are wrong far more often.
 */
function mostly<T>(valid: fc.Arbitrary<T>, validWeight = 40): fc.Arbitrary<T | unknown> {
  return fc.oneof({ weight: validWeight, arbitrary: valid }, { weight: 1, arbitrary: confused });
}

/** Usually null (nothing to spoil), now and then a spoiler. */
const rarely = <T>(spoiler: fc.Arbitrary<T>): fc.Arbitrary<T | null> =>
  fc.oneof({ weight: 30, arbitrary: fc.constant(null) }, { weight: 1, arbitrary: spoiler });

const SUBCOMMANDS = [
  'setup',
  'settings',
  'attendees',
  'help',
  'status',
  'link',
  'join',
  'leave',
  'teams',
  'carry-over',
  'propose',
  'list',
  'import',
  'my-votes',
  'vote',
  'close-voting',
  'wrapup',
  'export',
] as const;
const STATUS_WORDS = [
  'in_progress',
  'progress',
  'done',
  'paused',
  'dropped',
  'not_picked',
  'proposed',
  'bogus',
];

function commandArgs(ctx: FuzzContext): fc.Arbitrary<string> {
  const topicRef = fc.oneof(
    fc.integer({ min: -2, max: 12 }).map((n) => `#${n}`),
    fc.nat(12).map(String),
  );
  return fc.oneof(
    fc.constant(''),
    topicRef,
    fc.tuple(topicRef, fc.constantFrom(...STATUS_WORDS)).map(([t, s]) => `${t} ${s}`),
    fc
      .tuple(
        topicRef,
        fc.constantFrom('https://github.com/gardener/gardener/pull/1', 'http://x', 'not a link'),
      )
      .map(([t, l]) => `${t} ${l}`),
    fc.tuple(topicRef, fc.constantFrom(...ctx.users)).map(([t, u]) => `${t} <@${u}>`),
    fc.constantFrom('markdown', 'json', 'slack', 'highlights', 'all'),
    text,
  );
}

const stringify = (value: unknown): string =>
  typeof value === 'string' ? value : value === undefined ? '' : (JSON.stringify(value) ?? String(value));

/** A form-encoded body; `undefined` leaves a field out, other non-strings are stringified (type confusion). */
function formBody(fields: Record<string, unknown>, duplicate: string | null): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(fields))
    if (value !== undefined) params.append(key, stringify(value));
  if (duplicate) params.append(duplicate, 'duplicate');
  return params.toString();
}

const person = (ctx: FuzzContext) =>
  fc.oneof({ weight: 5, arbitrary: fc.constantFrom(...ctx.users) }, { weight: 1, arbitrary: fc.string() });

function command(ctx: FuzzContext): fc.Arbitrary<string> {
  return fc
    .record({
      token: mostly(fc.constant('verification-token')),
      team_id: mostly(fc.constant(ctx.teamId)),
      team_domain: mostly(fc.constant('sim')),
      channel_id: mostly(
        fc.oneof(fc.constantFrom(...ctx.channels), fc.constantFrom('D0DIRECT1', 'G0PRIVATE')),
      ),
      channel_name: mostly(fc.constant('hackathon')),
      user_id: mostly(person(ctx)),
      user_name: mostly(fc.constant('someone')),
      command: mostly(fc.constantFrom('/htg', '/htg', '/htg', '/other')),
      text: fc.oneof(
        {
          weight: 4,
          arbitrary: fc.tuple(fc.constantFrom(...SUBCOMMANDS), commandArgs(ctx)).map((p) => p.join(' ')),
        },
        { weight: 1, arbitrary: confused },
      ),
      api_app_id: mostly(fc.constant('A0SIMAPP')),
      response_url: mostly(fc.constant('https://hooks.slack.com/commands/T0/1/x')),
      trigger_id: mostly(fc.constant('trigger-fuzz')),
      duplicate: rarely(fc.constantFrom('text', 'user_id', 'channel_id')),
    })
    .map(({ duplicate, ...fields }) => formBody(fields, duplicate));
}

type Block = { type?: string; block_id?: string; element?: Json; elements?: Json[]; accessory?: Json };

/**
 * A plausible, wrong or missing state for one input, shaped (or not) like the element's: under the element's
 * state key (`value`, `selected_option`, …), the prefilled value, one of `answers`, or a type-confused value.
 */
function inputState(element: Json, ctx: FuzzContext): fc.Arbitrary<unknown> {
  const type = String(element.type);
  const options = ((element.options as Json[] | undefined) ?? []).filter(Boolean);
  const option = options.length ? fc.constantFrom(...options) : fc.constant({ value: 'x' });
  const randomOption = fc.record({ value: text, text: fc.constant({ type: 'plain_text', text: 'x' }) });
  const state = (key: string, prefilled: unknown, ...answers: fc.Arbitrary<unknown>[]) =>
    fc
      .oneof(fc.constant(prefilled ?? null), ...answers, confused)
      .map((v) => (v === undefined ? { type } : { type, [key]: v }));
  switch (type) {
    case 'plain_text_input':
      return state('value', element.initial_value, text);
    case 'number_input':
      return state('value', element.initial_value, fc.integer({ min: -3, max: 80 }).map(String), text);
    case 'static_select':
    case 'radio_buttons':
      return state('selected_option', element.initial_option, option, randomOption);
    case 'checkboxes':
    case 'multi_static_select':
      return state(
        'selected_options',
        element.initial_options ?? [],
        fc.subarray(options),
        fc.array(randomOption, { maxLength: 3 }),
      );
    case 'datepicker':
      return state(
        'selected_date',
        element.initial_date,
        fc
          .date({ min: new Date('1999-01-01'), max: new Date('2100-01-01'), noInvalidDate: true })
          .map((d) => d.toISOString().slice(0, 10)),
        fc.constantFrom('2026-02-30', '2026-13-01', '0000-00-00', '26-11-23'),
      );
    case 'datetimepicker':
      return state(
        'selected_date_time',
        element.initial_date_time,
        fc.integer({ min: -1, max: 4_102_444_800 }),
      );
    case 'rich_text_input':
      return state(
        'rich_text_value',
        element.initial_value,
        text.map((t) => ({
          type: 'rich_text',
          elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text: t }] }],
        })),
        fc.constant({ type: 'rich_text', elements: [{ type: 'rich_text_list', elements: 5 }] }),
      );
    case 'multi_users_select':
      return state(
        'selected_users',
        element.initial_users ?? [],
        fc.subarray([...ctx.users]),
        fc.array(text, { maxLength: 3 }),
      );
    default:
      return state('value', undefined);
  }
}

/** A view's `state.values`: every input answered plausibly, wrongly or not at all. */
function viewState(view: Json, ctx: FuzzContext): fc.Arbitrary<Json> {
  const inputs = ((view.blocks as Block[] | undefined) ?? []).filter(
    (b) => b.type === 'input' && b.block_id && b.element,
  );
  const entries = inputs.map((block) => {
    const element = block.element as Json;
    return fc
      .oneof(
        { weight: 8, arbitrary: inputState(element, ctx) },
        { weight: 1, arbitrary: fc.constant(undefined) },
      )
      .map((state) => [block.block_id as string, String(element.action_id), state] as const);
  });
  return fc.tuple(...entries).map((answers) => {
    const values: Json = {};
    for (const [blockId, actionId, state] of answers)
      if (state !== undefined) values[blockId] = { [actionId]: state };
    return values;
  });
}

function viewSubmission(ctx: FuzzContext): fc.Arbitrary<string> {
  const callbacks = [...new Set(ctx.views.map((v) => String(v.callback_id)))];
  return fc
    .constantFrom(...ctx.views)
    .chain((view) =>
      fc.record({
        view: fc.constant(view),
        values: mostly(viewState(view, ctx)),
        callbackId: fc.oneof(
          { weight: 8, arbitrary: fc.constant(view.callback_id) },
          { weight: 2, arbitrary: fc.constantFrom(...callbacks) },
          { weight: 1, arbitrary: confused },
        ),
        metadata: fc.oneof(
          { weight: 6, arbitrary: fc.constant(view.private_metadata) },
          { weight: 1, arbitrary: fc.nat(40).map((n) => String(view.private_metadata ?? '').slice(0, n)) },
          {
            weight: 2,
            arbitrary: fc
              .record(
                { h: confused, n: confused, v: confused, hackathonId: confused, draftId: confused },
                { requiredKeys: [] },
              )
              .map((o) => JSON.stringify(o)),
          },
          { weight: 1, arbitrary: confused },
        ),
        user: mostly(person(ctx).map((id) => ({ id, username: id, name: id, team_id: ctx.teamId }))),
        team: mostly(fc.constant({ id: ctx.teamId, domain: 'sim' })),
      }),
    )
    .map(({ view, values, callbackId, metadata, user, team }) => {
      const payload = {
        type: 'view_submission',
        team,
        user,
        api_app_id: 'A0SIMAPP',
        token: 'verification-token',
        trigger_id: 'trigger-fuzz',
        view: {
          ...view,
          id: 'V0FUZZ',
          team_id: ctx.teamId,
          callback_id: callbackId,
          private_metadata: metadata,
          state: { values },
          hash: '1714000000.fuzz',
        },
        response_urls: [],
      };
      return formBody({ payload: JSON.stringify(payload) }, null);
    });
}

function blockAction(ctx: FuzzContext): fc.Arbitrary<string> {
  const actionIds = [...new Set(ctx.buttons.map((b) => b.actionId))];
  return fc
    .record({
      button: fc.constantFrom(...ctx.buttons),
      actionId: fc.oneof(
        { weight: 6, arbitrary: fc.constant(null) },
        { weight: 2, arbitrary: fc.constantFrom(...actionIds) },
        { weight: 1, arbitrary: confused },
      ),
      value: fc.oneof(
        { weight: 5, arbitrary: fc.constant(null) },
        { weight: 2, arbitrary: fc.constantFrom(...ctx.buttons.map((b) => b.value)) },
        {
          weight: 2,
          arbitrary: fc
            .record({ h: confused, n: confused }, { requiredKeys: [] })
            .map((o) => JSON.stringify(o)),
        },
        { weight: 1, arbitrary: confused },
      ),
      user: mostly(person(ctx).map((id) => ({ id, username: id, name: id, team_id: ctx.teamId }))),
      where: fc.oneof(
        { weight: 6, arbitrary: fc.constant('as posted') },
        { weight: 1, arbitrary: fc.constant('home') },
        { weight: 1, arbitrary: fc.constant('nowhere') },
      ),
      actionsConfused: rarely(confused),
    })
    .map(({ button, actionId, value, user, where, actionsConfused }) => {
      const channel = button.channel ?? ctx.channels[0];
      const container =
        where === 'home'
          ? { type: 'view', view_id: 'V0HOME' }
          : where === 'nowhere'
            ? undefined
            : {
                type: 'message',
                message_ts: button.ts ?? '1714000000.000001',
                channel_id: channel,
                is_ephemeral: false,
              };
      const payload = {
        type: 'block_actions',
        team: { id: ctx.teamId, domain: 'sim' },
        user,
        api_app_id: 'A0SIMAPP',
        token: 'verification-token',
        container,
        trigger_id: 'trigger-fuzz',
        ...(where === 'as posted' && button.channel ? { channel: { id: channel, name: 'hackathon' } } : {}),
        ...(where === 'home' ? { view: { id: 'V0HOME', type: 'home', blocks: [] } } : {}),
        state: { values: {} },
        actions: actionsConfused ?? [
          {
            action_id: actionId ?? button.actionId,
            block_id: 'fuzz',
            value: value ?? button.value,
            type: 'button',
            action_ts: '1714000000.000002',
            text: { type: 'plain_text', text: 'x' },
          },
        ],
      };
      return formBody({ payload: JSON.stringify(payload) }, null);
    });
}

function event(ctx: FuzzContext): fc.Arbitrary<string> {
  const card = fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...ctx.cards) },
    {
      weight: 1,
      arbitrary: fc.record({ channel: fc.constantFrom(...ctx.channels), ts: fc.string({ maxLength: 20 }) }),
    },
  );
  const reaction = fc
    .record({
      type: fc.constantFrom('reaction_added', 'reaction_removed'),
      user: mostly(person(ctx)),
      reaction: mostly(
        fc.oneof(
          fc.constantFrom(...ctx.emoji),
          fc.constantFrom(...ctx.emoji).map((e) => `${e}::skin-tone-3`),
          fc.constantFrom('+1', 'heart', 'eyes'),
          fc.string({ maxLength: 30 }),
        ),
      ),
      item: mostly(card.map((c) => ({ type: 'message', channel: c.channel, ts: c.ts }))),
      item_user: mostly(fc.oneof(fc.constant(ctx.botUserId), fc.constantFrom(...ctx.users))),
      event_ts: mostly(fc.integer({ min: 1_700_000_000, max: 1_900_000_000 }).map((s) => `${s}.000100`)),
    })
    .map(({ item, ...rest }) => ({ ...rest, item }));
  const home = fc.record({
    type: fc.constant('app_home_opened'),
    user: mostly(person(ctx)),
    channel: mostly(fc.constant('D0HOME')),
    tab: mostly(fc.constantFrom('home', 'messages')),
    event_ts: fc.constant('1714000000.000100'),
  });
  const other = fc.record({
    type: fc.oneof(fc.constantFrom('message', 'member_joined_channel'), fc.string()),
    user: confused,
  });
  return fc
    .record({
      event: fc.oneof(
        { weight: 12, arbitrary: reaction },
        { weight: 4, arbitrary: home },
        { weight: 2, arbitrary: other },
        { weight: 1, arbitrary: confused },
      ),
      type: fc.oneof(
        { weight: 30, arbitrary: fc.constant('event_callback') },
        { weight: 1, arbitrary: fc.constantFrom('url_verification', 'app_rate_limited') },
        { weight: 1, arbitrary: confused },
      ),
      event_id: mostly(
        fc.oneof(
          fc.uuid().map((id) => `Ev${id}`),
          fc.constantFrom('EvSAME1', 'EvSAME2'),
        ),
      ),
      event_time: mostly(fc.integer({ min: 1_700_000_000, max: 1_900_000_000 })),
      team_id: mostly(fc.constant(ctx.teamId)),
      challenge: fc.option(fc.string(), { nil: undefined }),
    })
    .map((envelope) =>
      JSON.stringify({
        token: 'verification-token',
        api_app_id: 'A0SIMAPP',
        authorizations: [{ team_id: ctx.teamId, user_id: ctx.botUserId, is_bot: true }],
        ...envelope,
      }),
    );
}

const FORM = 'application/x-www-form-urlencoded';
const JSON_TYPE = 'application/json';

/**
 * Every kind of request Slack sends htg (commands, modal submissions, button clicks, events), each built from
 * the real workspace and then bent: fields of the wrong type or missing, hostile and oversized text, and
 * whole bodies truncated, mislabelled, wrongly base64-flagged or replaced with garbage.
 */
export function fuzzPayload(ctx: FuzzContext): fc.Arbitrary<FuzzPayload> {
  const kinds: Array<[FuzzKind, fc.Arbitrary<string>, string]> = [
    ['command', command(ctx), FORM],
    ['view_submission', viewSubmission(ctx), FORM],
    ['block_action', blockAction(ctx), FORM],
    ['event', event(ctx), JSON_TYPE],
  ];
  return fc.oneof(
    ...kinds.map(([kind, body, contentType]) =>
      fc
        .record({
          body,
          damage: fc.oneof(
            { weight: 14, arbitrary: fc.constant<FuzzDamage>('none') },
            { weight: 2, arbitrary: fc.constant<FuzzDamage>('truncated') },
            { weight: 1, arbitrary: fc.constant<FuzzDamage>('content-type') },
            { weight: 1, arbitrary: fc.constant<FuzzDamage>('base64') },
            { weight: 1, arbitrary: fc.constant<FuzzDamage>('garbage') },
          ),
          cut: fc.double({ min: 0, max: 1, noNaN: true }),
          otherType: fc.constantFrom(FORM, JSON_TYPE, 'text/plain', '', 'multipart/form-data; boundary=x'),
          garbage: fc.oneof(
            fc.string({ unit: 'binary', maxLength: 200 }),
            fc.jsonValue().map((v) => JSON.stringify(v) ?? ''),
            oversized,
          ),
        })
        .map(({ body: whole, damage, cut, otherType, garbage }): FuzzPayload => {
          switch (damage) {
            case 'truncated':
              return {
                kind,
                damage,
                body: whole.slice(0, Math.floor(whole.length * cut)),
                contentType,
                base64: false,
              };
            case 'content-type':
              return { kind, damage, body: whole, contentType: otherType, base64: false };
            case 'base64':
              return { kind, damage, body: whole, contentType, base64: true };
            case 'garbage':
              return { kind, damage, body: garbage, contentType, base64: false };
            default:
              return { kind, damage, body: whole, contentType, base64: false };
          }
        }),
    ),
  );
}
