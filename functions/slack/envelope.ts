import { parse as parseQuery } from 'node:querystring';
import * as z from 'zod/mini';

/**
 * The shape every signed request must have before Bolt routes it: what Slack always sends and what Bolt and
 * the listeners read without looking (a user id, an action list, a view with a callback id, an event with a
 * type). A body that is signed but not of this shape is malformed, not a fault worth retrying; the listeners
 * themselves validate everything inside (field values, private metadata, button values).
 */
const text = z.string();
const person = z.looseObject({ id: text });
const team = z.optional(z.nullable(z.looseObject({ id: z.optional(text) })));

const command = z.looseObject({
  command: text,
  text: z.optional(text),
  user_id: text,
  channel_id: text,
  team_id: text,
  trigger_id: z.optional(text),
});

const blockActions = z.looseObject({
  type: z.literal('block_actions'),
  user: person,
  team,
  actions: z
    .array(z.looseObject({ action_id: text, value: z.optional(text), block_id: z.optional(text) }))
    .check(z.minLength(1)),
  container: z.optional(z.looseObject({ type: z.optional(text) })),
  channel: z.optional(z.nullable(z.looseObject({ id: text }))),
  view: z.optional(z.nullable(z.looseObject({}))),
  trigger_id: z.optional(text),
});

const viewPayload = z.looseObject({
  type: z.enum(['view_submission', 'view_closed']),
  user: person,
  team,
  view: z.looseObject({
    callback_id: text,
    private_metadata: z.optional(text),
    state: z.optional(z.looseObject({ values: z.record(text, z.record(text, z.looseObject({}))) })),
  }),
});

const shortcut = z.looseObject({
  type: z.enum(['shortcut', 'message_action']),
  user: person,
  callback_id: text,
});

/**
 * Events: every one has a type, and the fields Bolt reads of any event (who, where) are a string or, in some
 * event types (user_change, channel_created), an object; never null or a number.
 */
const idOrObject = z.optional(z.union([text, z.looseObject({})]));
const event = z.looseObject({
  type: text,
  user: idOrObject,
  channel: idOrObject,
  tab: z.optional(text),
  reaction: z.optional(text),
  item_user: z.optional(text),
  event_ts: z.optional(text),
  item: z.optional(
    z.looseObject({ type: z.optional(text), channel: z.optional(text), ts: z.optional(text) }),
  ),
});
const reaction = z.looseObject({
  type: z.enum(['reaction_added', 'reaction_removed']),
  user: text,
  reaction: text,
  item: z.looseObject({ type: text }),
  event_ts: text,
});
const homeOpened = z.looseObject({ type: z.literal('app_home_opened'), user: text });

const eventCallback = z.looseObject({
  type: z.literal('event_callback'),
  team_id: z.optional(text),
  event_id: text,
  event_time: z.optional(z.number()),
  event,
});
const urlVerification = z.looseObject({ type: z.literal('url_verification'), challenge: text });

export type EnvelopeVerdict = { ok: true } | { ok: false; reason: string };

/** Parses a body exactly as Bolt's AwsLambdaReceiver will (same content-type rules), or throws. */
function parseLikeBolt(body: string, contentType: string | undefined): unknown {
  if (contentType === 'application/x-www-form-urlencoded') {
    const form = parseQuery(body);
    return typeof form.payload === 'string' ? JSON.parse(form.payload) : form;
  }
  return JSON.parse(body);
}

const failed = (
  what: string,
  result: { success: boolean; error?: { issues: Array<{ path: PropertyKey[] }> } },
) =>
  ({
    ok: false,
    reason: `malformed ${what} (${(result.error?.issues ?? [])
      .slice(0, 3)
      .map((issue) => issue.path.map(String).join('.') || '(root)')
      .join(', ')})`,
  }) as const;

/** Checks a signed request's body (already normalised: UTF-8, bare media type) before Bolt sees it. */
export function checkEnvelope(body: string, contentType: string | undefined): EnvelopeVerdict {
  let parsed: unknown;
  try {
    parsed = parseLikeBolt(body, contentType);
  } catch {
    return { ok: false, reason: 'a body that is not JSON or a form' };
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    return { ok: false, reason: 'a body that is not an object' };
  const fields = parsed as Record<string, unknown>;
  if ('ssl_check' in fields) return { ok: true };
  if ('command' in fields) {
    const result = z.safeParse(command, fields);
    return result.success ? { ok: true } : failed('command', result);
  }
  const check = (what: string, schema: z.ZodMiniType) => {
    const result = z.safeParse(schema, fields);
    return result.success ? ({ ok: true } as const) : failed(what, result);
  };
  switch (fields.type) {
    case 'block_actions':
      return check('button action', blockActions);
    case 'view_submission':
    case 'view_closed':
      return check('view payload', viewPayload);
    case 'shortcut':
    case 'message_action':
      return check('shortcut', shortcut);
    case 'url_verification':
      return check('URL verification', urlVerification);
    case 'event_callback': {
      const envelope = check('event', eventCallback);
      if (!envelope.ok) return envelope;
      const inner = fields.event as { type: string };
      if (inner.type === 'reaction_added' || inner.type === 'reaction_removed')
        return checkEvent('reaction event', reaction, inner);
      if (inner.type === 'app_home_opened') return checkEvent('app_home_opened event', homeOpened, inner);
      return { ok: true };
    }
    default:
      // Bolt reads any `event` it finds (app_rate_limited has none, but a body may carry one).
      if (typeof fields.type !== 'string') return { ok: false, reason: 'a payload without a type' };
      return 'event' in fields ? checkEvent('event', event, fields.event) : { ok: true };
  }
}

function checkEvent(what: string, schema: z.ZodMiniType, inner: unknown): EnvelopeVerdict {
  const result = z.safeParse(schema, inner);
  return result.success ? { ok: true } : failed(what, result);
}
