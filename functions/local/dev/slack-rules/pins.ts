import type { Refusal, SlackRule } from './types.js';

/** A message's timestamp as Slack gives it (`ts`): seconds, a dot, a sequence (`1714000000.000001`). */
const TIMESTAMP = /^\d+\.\d+$/;

/**
 * Pins, as Slack keeps them: a message is pinned in a channel once, and unpinned only when pinned. Source: the
 * Web API OpenAPI description (slack_web_openapi_v2, paths `/pins.add` and `/pins.remove`), whose error enums
 * list `already_pinned` (pins.add: "The specified item is already pinned to the channel", its docs page),
 * `not_pinned` (pins.remove: "The specified item is not pinned to the channel"), `no_item_specified` (no
 * `timestamp`: the description leaves it optional because files could once be pinned, which Slack no longer
 * allows; docs.slack.dev/reference/methods/pins.add: "Both the channel and timestamp arguments are
 * functionally required") and `bad_timestamp` ("Value passed for timestamp was invalid"; the stand-in takes a
 * value not shaped like a `ts` as invalid; where Slack draws the line against `message_not_found` is not
 * documented).
 *
 * Not enforced: a cap on pins per channel. Slack's pages (docs.slack.dev/reference/methods/pins.add) now list
 * `too_many_pins` ("Too many pins in channel"), historically at 100 pinned items, but the OpenAPI description's
 * enum does not, and no figure is published; the stand-in does not invent one. Nor `message_not_found`: the
 * stand-in does not keep the messages it answered for.
 *
 * The rule records a pin or unpin it lets through, so it must be the last in `strictRules` (index.ts): a call an
 * earlier rule refuses (rate limits, arguments, `not_in_channel`) never reaches it and changes nothing. A test
 * that adds rules of its own (`startSlackStandIn({ rules })`) puts them before this one. Calls the stand-in fails
 * on a test's say-so (`failNext`, `rateLimit`, `refuseNext`) are answered before any rule and record nothing; a
 * test's `respond('pins.add', …)` answers calls this rule lets through, as before (the pin is recorded
 * whatever that answer says).
 */
export const pins: SlackRule = (call, world): Refusal | undefined => {
  if (call.method !== 'pins.add' && call.method !== 'pins.remove') return undefined;
  const { channel, timestamp } = call.args;
  if (timestamp === undefined || timestamp === null || timestamp === '')
    return { error: 'no_item_specified' };
  const ts = String(timestamp);
  if (!TIMESTAMP.test(ts)) return { error: 'bad_timestamp' };
  world.pins ??= new Map();
  const key = String(channel);
  const pinned = world.pins.get(key) ?? new Set<string>();
  if (call.method === 'pins.add') {
    if (pinned.has(ts)) return { error: 'already_pinned' };
    pinned.add(ts);
    world.pins.set(key, pinned);
    return undefined;
  }
  if (!pinned.has(ts)) return { error: 'not_pinned' };
  pinned.delete(ts);
  return undefined;
};
