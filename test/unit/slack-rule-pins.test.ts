import { WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { strictRules } from '../../functions/local/dev/slack-rules/index.js';
import { takeArgumentRefusals } from '../../functions/local/dev/slack-rules/openapi-arguments.js';
import { pins } from '../../functions/local/dev/slack-rules/pins.js';
import type { SlackWorld } from '../../functions/local/dev/slack-rules/types.js';
import { type SlackStandIn, startSlackStandIn } from '../../functions/local/dev/slack-stand-in.js';

const world = (channels: string[] = []): SlackWorld => {
  const botChannels = new Set(channels);
  return {
    clock: { now: () => 0 },
    botUserId: 'U0BOT',
    botChannels,
    join: (c) => void botChannels.add(c),
    pins: new Map(),
  };
};
const add = (channel: string, timestamp?: unknown) => ({
  method: 'pins.add',
  args: { channel, ...(timestamp === undefined ? {} : { timestamp }) },
});
const remove = (channel: string, timestamp?: unknown) => ({
  method: 'pins.remove',
  args: { channel, ...(timestamp === undefined ? {} : { timestamp }) },
});
const pinned = (w: SlackWorld, channel: string) => [...(w.pins?.get(channel) ?? [])];

describe('the stand-in rule: pins (called directly)', () => {
  it('pins a message once: pinning it again answers already_pinned', () => {
    const w = world();
    expect(pins(add('C0ONE', '1714000000.000001'), w)).toBeUndefined();
    expect(pinned(w, 'C0ONE')).toEqual(['1714000000.000001']);
    expect(pins(add('C0ONE', '1714000000.000001'), w)).toEqual({ error: 'already_pinned' });
    expect(pinned(w, 'C0ONE')).toEqual(['1714000000.000001']);
  });

  it('unpins a pinned message once: unpinning it again (or one never pinned) answers not_pinned', () => {
    const w = world();
    expect(pins(remove('C0ONE', '1714000000.000001'), w)).toEqual({ error: 'not_pinned' });
    pins(add('C0ONE', '1714000000.000001'), w);
    expect(pins(remove('C0ONE', '1714000000.000001'), w)).toBeUndefined();
    expect(pinned(w, 'C0ONE')).toEqual([]);
    expect(pins(remove('C0ONE', '1714000000.000001'), w)).toEqual({ error: 'not_pinned' });
    // Unpinned, it may be pinned again.
    expect(pins(add('C0ONE', '1714000000.000001'), w)).toBeUndefined();
  });

  it("keeps each channel's pins apart", () => {
    const w = world();
    const ts = '1714000000.000001';
    expect(pins(add('C0ONE', ts), w)).toBeUndefined();
    expect(pins(add('C0TWO', ts), w)).toBeUndefined();
    expect(pins(remove('C0ONE', ts), w)).toBeUndefined();
    expect(pinned(w, 'C0ONE')).toEqual([]);
    expect(pinned(w, 'C0TWO')).toEqual([ts]);
    expect(pins(remove('C0ONE', ts), w)).toEqual({ error: 'not_pinned' });
    expect(pins(add('C0TWO', ts), w)).toEqual({ error: 'already_pinned' });
  });

  it('answers no_item_specified without a timestamp and bad_timestamp for one not shaped like a ts', () => {
    const w = world();
    for (const call of [add, remove]) {
      expect(pins(call('C0ONE'), w)).toEqual({ error: 'no_item_specified' });
      expect(pins(call('C0ONE', ''), w)).toEqual({ error: 'no_item_specified' });
      for (const bad of ['yesterday', '1714000000', '1714000000.', '.000001', '1714000000.000001x'])
        expect(pins(call('C0ONE', bad), w), bad).toEqual({ error: 'bad_timestamp' });
    }
    expect(pinned(w, 'C0ONE')).toEqual([]);
  });

  it('leaves every other method alone, pins.list included', () => {
    const w = world();
    for (const method of ['pins.list', 'chat.postMessage', 'reactions.add'])
      expect(pins({ method, args: { channel: 'C0ONE', timestamp: '1714000000.000001' } }, w)).toBeUndefined();
    expect(w.pins?.size).toBe(0);
  });

  it('keeps its pins in a world built without them', () => {
    const botChannels = new Set<string>();
    const bare: SlackWorld = { clock: { now: () => 0 }, botUserId: 'U0BOT', botChannels, join: () => {} };
    expect(pins(add('C0ONE', '1714000000.000001'), bare)).toBeUndefined();
    expect(pins(add('C0ONE', '1714000000.000001'), bare)).toEqual({ error: 'already_pinned' });
  });

  it('is the last of the strict rules, so a call another rule refuses never reaches it', () => {
    expect(strictRules().at(-1)).toBe(pins);
  });
});

describe('the stand-in answers pins as Slack does (over HTTP)', () => {
  let slack: SlackStandIn;
  let client: WebClient;
  const ts = '1714000000.000001';
  beforeEach(async () => {
    slack = await startSlackStandIn();
    client = new WebClient('xoxb-test', {
      slackApiUrl: slack.url,
      retryConfig: { retries: 0 },
      rejectRateLimitedCalls: true,
    });
  });
  afterEach(async () => {
    takeArgumentRefusals();
    await slack.close();
  });
  const refused = (error: string) => ({ data: { ok: false, error } });

  it('pins.add twice: the second answers already_pinned', async () => {
    slack.world.join('C0ONE');
    await expect(client.pins.add({ channel: 'C0ONE', timestamp: ts })).resolves.toMatchObject({ ok: true });
    await expect(client.pins.add({ channel: 'C0ONE', timestamp: ts })).rejects.toMatchObject(
      refused('already_pinned'),
    );
    expect(slack.refusals().map((c) => [c.method, c.refused])).toEqual([['pins.add', 'already_pinned']]);
    expect(pinned(slack.world, 'C0ONE')).toEqual([ts]);
  });

  it('pins.remove twice: the second answers not_pinned', async () => {
    slack.world.join('C0ONE');
    await client.pins.add({ channel: 'C0ONE', timestamp: ts });
    await expect(client.pins.remove({ channel: 'C0ONE', timestamp: ts })).resolves.toMatchObject({
      ok: true,
    });
    await expect(client.pins.remove({ channel: 'C0ONE', timestamp: ts })).rejects.toMatchObject(
      refused('not_pinned'),
    );
    expect(pinned(slack.world, 'C0ONE')).toEqual([]);
  });

  it('keeps the pins of two channels apart', async () => {
    slack.world.join('C0ONE');
    slack.world.join('C0TWO');
    await client.pins.add({ channel: 'C0ONE', timestamp: ts });
    await expect(client.pins.add({ channel: 'C0TWO', timestamp: ts })).resolves.toMatchObject({ ok: true });
    await client.pins.remove({ channel: 'C0TWO', timestamp: ts });
    expect(pinned(slack.world, 'C0ONE')).toEqual([ts]);
    expect(pinned(slack.world, 'C0TWO')).toEqual([]);
    expect(slack.refusals()).toEqual([]);
  });

  it('answers no_item_specified and bad_timestamp', async () => {
    slack.world.join('C0ONE');
    await expect(client.pins.add({ channel: 'C0ONE' } as never)).rejects.toMatchObject(
      refused('no_item_specified'),
    );
    await expect(client.pins.remove({ channel: 'C0ONE', timestamp: 'soon' })).rejects.toMatchObject(
      refused('bad_timestamp'),
    );
  });

  it('records nothing for a pin refused not_in_channel: pinned after the invite, it is pinned once', async () => {
    await expect(client.pins.add({ channel: 'C0ONE', timestamp: ts })).rejects.toMatchObject(
      refused('not_in_channel'),
    );
    expect(pinned(slack.world, 'C0ONE')).toEqual([]);
    slack.world.join('C0ONE');
    await expect(client.pins.add({ channel: 'C0ONE', timestamp: ts })).resolves.toMatchObject({ ok: true });
    expect(slack.refusals().map((c) => c.refused)).toEqual(['not_in_channel']);
  });

  it('records nothing for an unpin refused not_in_channel', async () => {
    slack.world.join('C0ONE');
    await client.pins.add({ channel: 'C0ONE', timestamp: ts });
    slack.world.botChannels.delete('C0ONE');
    await expect(client.pins.remove({ channel: 'C0ONE', timestamp: ts })).rejects.toMatchObject(
      refused('not_in_channel'),
    );
    expect(pinned(slack.world, 'C0ONE')).toEqual([ts]);
  });

  it('records nothing for a pin refused for its arguments or its rate limit', async () => {
    slack.world.join('C0ONE');
    await expect(
      client.apiCall('pins.add', { channel: 'C0ONE', timestamp: ts, file: 'F000001' }),
    ).rejects.toMatchObject(refused('invalid_arguments'));
    expect(pinned(slack.world, 'C0ONE')).toEqual([]);
    // pins.add is Tier 2: 20 a minute.
    for (let i = 1; i <= 19; i++)
      await client.pins.add({ channel: 'C0ONE', timestamp: `1714000001.${String(i).padStart(6, '0')}` });
    await expect(client.pins.add({ channel: 'C0ONE', timestamp: ts })).rejects.toMatchObject({
      code: 'slack_webapi_rate_limited_error',
    });
    expect(slack.refusals().map((c) => c.refused)).toEqual(['invalid_arguments', 'ratelimited']);
    expect(pinned(slack.world, 'C0ONE')).toHaveLength(19);
    expect(pinned(slack.world, 'C0ONE')).not.toContain(ts);
  });

  it("records nothing for a test's failNext or refuseNext", async () => {
    slack.world.join('C0ONE');
    slack.failNext('pins.add', [500]);
    slack.refuseNext('pins.add', 'restricted_action');
    await expect(client.pins.add({ channel: 'C0ONE', timestamp: ts })).rejects.toBeDefined();
    await expect(client.pins.add({ channel: 'C0ONE', timestamp: ts })).rejects.toMatchObject(
      refused('restricted_action'),
    );
    expect(pinned(slack.world, 'C0ONE')).toEqual([]);
    await expect(client.pins.add({ channel: 'C0ONE', timestamp: ts })).resolves.toMatchObject({ ok: true });
  });

  it("lets a test's responder answer a pin it allows, and still refuses a second pin before it", async () => {
    slack.world.join('C0ONE');
    const seen: unknown[] = [];
    slack.respond('pins.add', (args) => {
      seen.push(args.timestamp);
      return { ok: true, note: 'from the test' };
    });
    await expect(client.pins.add({ channel: 'C0ONE', timestamp: ts })).resolves.toMatchObject({
      ok: true,
      note: 'from the test',
    });
    await expect(client.pins.add({ channel: 'C0ONE', timestamp: ts })).rejects.toMatchObject(
      refused('already_pinned'),
    );
    expect(seen).toEqual([ts]);
  });

  it('pins the message chat.postMessage answered for, as the living board does', async () => {
    slack.world.join('C0ONE');
    const posted = await client.chat.postMessage({ channel: 'C0ONE', text: 'board' });
    await client.pins.add({ channel: 'C0ONE', timestamp: String(posted.ts) });
    const again = await client.chat.postMessage({ channel: 'C0ONE', text: 'board, posted anew' });
    await client.pins.add({ channel: 'C0ONE', timestamp: String(again.ts) });
    expect(pinned(slack.world, 'C0ONE')).toEqual([posted.ts, again.ts]);
    expect(slack.refusals()).toEqual([]);
  });
});
