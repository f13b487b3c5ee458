import { parse as parseQuery } from 'node:querystring';

/**
 * The shape every signed request must have before Bolt routes it: what Slack always sends and what Bolt and
 * the listeners read without looking (a user id, an action list, a view with a callback id, an event with a
 * type). A body that is signed but not of this shape is malformed, not a fault worth retrying; the listeners
 * themselves validate everything inside (field values, private metadata, button values).
 *
 * Plain checks rather than schemas: this runs on every request, the first one of a cold container included.
 */
type Check = (value: unknown) => boolean;
type Rules = ReadonlyArray<readonly [path: string, check: Check]>;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const isString: Check = (value) => typeof value === 'string';
const optional =
  (check: Check): Check =>
  (value) =>
    value === undefined || check(value);
const optionalObject = optional(isObject);
/** Who or where: a string id or, in some event types (user_change, channel_created), an object. */
const idOrObject = optional((value) => isString(value) || isObject(value));
const oneOf =
  (...allowed: string[]): Check =>
  (value) =>
    typeof value === 'string' && allowed.includes(value);
const objectOfObjects: Check = (value) =>
  isObject(value) &&
  Object.values(value).every((inner) => isObject(inner) && Object.values(inner).every(isObject));

const COMMAND: Rules = [
  ['command', isString],
  ['text', optional(isString)],
  ['user_id', isString],
  ['channel_id', isString],
  ['team_id', isString],
  ['trigger_id', optional(isString)],
];
const TEAM: Rules = [
  ['team', optional((team) => team === null || isObject(team))],
  ['team.id', optional(isString)],
];
const BLOCK_ACTIONS: Rules = [
  ['user', isObject],
  ['user.id', isString],
  ...TEAM,
  ['actions', (actions) => Array.isArray(actions) && actions.length > 0],
  ['container', optionalObject],
  ['container.type', optional(isString)],
  ['channel', optional((channel) => channel === null || isObject(channel))],
  ['channel.id', (id) => id === undefined || isString(id)],
  ['view', optional((view) => view === null || isObject(view))],
  ['trigger_id', optional(isString)],
];
const ACTION: Rules = [
  ['action_id', isString],
  ['value', optional(isString)],
  ['block_id', optional(isString)],
];
const VIEW_PAYLOAD: Rules = [
  ['user', isObject],
  ['user.id', isString],
  ...TEAM,
  ['view', isObject],
  ['view.callback_id', isString],
  ['view.private_metadata', optional(isString)],
  ['view.state', optionalObject],
  ['view.state.values', optional(objectOfObjects)],
];
const SHORTCUT: Rules = [
  ['user', isObject],
  ['user.id', isString],
  ['callback_id', isString],
];
const EVENT_CALLBACK: Rules = [
  ['team_id', optional(isString)],
  ['event_id', isString],
  ['event_time', optional((time) => typeof time === 'number')],
  ['event', isObject],
];
const EVENT: Rules = [
  ['type', isString],
  ['user', idOrObject],
  ['channel', idOrObject],
  ['tab', optional(isString)],
  ['reaction', optional(isString)],
  ['item_user', optional(isString)],
  ['event_ts', optional(isString)],
  ['item', optionalObject],
  ['item.type', optional(isString)],
  ['item.channel', optional(isString)],
  ['item.ts', optional(isString)],
];
const REACTION: Rules = [
  ['type', oneOf('reaction_added', 'reaction_removed')],
  ['user', isString],
  ['reaction', isString],
  ['item', isObject],
  ['item.type', isString],
  ['event_ts', isString],
];
const HOME_OPENED: Rules = [['user', isString]];
const URL_VERIFICATION: Rules = [['challenge', isString]];

export type EnvelopeVerdict = { ok: true } | { ok: false; reason: string };
const OK: EnvelopeVerdict = { ok: true };

/**
 * The paths of `value` that break `rules`. A path whose parent is missing is read as undefined (so optional
 * children of an absent parent pass); once a path fails, the paths under it are not reported again.
 */
function broken(value: Record<string, unknown>, rules: Rules, prefix = ''): string[] {
  const failed: string[] = [];
  for (const [path, check] of rules) {
    if (failed.some((parent) => path.startsWith(`${parent}.`))) continue;
    let at: unknown = value;
    for (const key of path.split('.')) at = isObject(at) ? at[key] : undefined;
    if (!check(at)) failed.push(path);
  }
  return failed.map((path) => `${prefix}${path}`);
}

function verdict(what: string, paths: string[]): EnvelopeVerdict {
  return paths.length === 0
    ? OK
    : { ok: false, reason: `malformed ${what} (${paths.slice(0, 3).join(', ')})` };
}

/** Parses a body exactly as Bolt's AwsLambdaReceiver will (same content-type rules), or throws. */
function parseLikeBolt(body: string, contentType: string | undefined): unknown {
  if (contentType === 'application/x-www-form-urlencoded') {
    const form = parseQuery(body);
    return typeof form.payload === 'string' ? JSON.parse(form.payload) : form;
  }
  return JSON.parse(body);
}

/** Checks a signed request's body (already normalised: UTF-8, bare media type) before Bolt sees it. */
export function checkEnvelope(body: string, contentType: string | undefined): EnvelopeVerdict {
  let parsed: unknown;
  try {
    parsed = parseLikeBolt(body, contentType);
  } catch {
    return { ok: false, reason: 'a body that is not JSON or a form' };
  }
  if (!isObject(parsed)) return { ok: false, reason: 'a body that is not an object' };
  if ('ssl_check' in parsed) return OK;
  if ('command' in parsed) return verdict('command', broken(parsed, COMMAND));
  switch (parsed.type) {
    case 'block_actions': {
      const envelope = broken(parsed, BLOCK_ACTIONS);
      const actions = Array.isArray(parsed.actions) ? parsed.actions : [];
      const each = actions.flatMap((action: unknown, i) =>
        isObject(action) ? broken(action, ACTION, `actions.${i}.`) : [`actions.${i}`],
      );
      return verdict('button action', [...envelope, ...each]);
    }
    case 'view_submission':
    case 'view_closed':
      return verdict('view payload', broken(parsed, VIEW_PAYLOAD));
    case 'shortcut':
    case 'message_action':
      return verdict('shortcut', broken(parsed, SHORTCUT));
    case 'url_verification':
      return verdict('URL verification', broken(parsed, URL_VERIFICATION));
    case 'event_callback': {
      const envelope = broken(parsed, EVENT_CALLBACK);
      if (envelope.length > 0) return verdict('event', envelope);
      const event = parsed.event as Record<string, unknown>;
      const general = broken(event, EVENT, 'event.');
      if (general.length > 0) return verdict('event', general);
      if (event.type === 'reaction_added' || event.type === 'reaction_removed')
        return verdict('reaction event', broken(event, REACTION));
      if (event.type === 'app_home_opened')
        return verdict('app_home_opened event', broken(event, HOME_OPENED));
      return OK;
    }
    default:
      // Bolt reads any `event` it finds (app_rate_limited has none, but a body may carry one).
      if (typeof parsed.type !== 'string') return { ok: false, reason: 'a payload without a type' };
      if (!('event' in parsed)) return OK;
      return isObject(parsed.event)
        ? verdict('event', broken(parsed.event, EVENT, 'event.'))
        : { ok: false, reason: 'malformed event (event)' };
  }
}
