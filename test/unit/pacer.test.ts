import { describe, expect, it } from 'vitest';
import { SlackPacer } from '../../functions/adapters/slack/pacer.js';
import { METHOD_TIERS, methodLimit } from '../../functions/adapters/slack/rate-limits.js';
import { isOutOfTime } from '../../functions/app/deadline.js';
import type { PacingClock } from '../../functions/app/ports/clock.js';
import type { SlackWorld } from '../../functions/local/dev/slack-rules/index.js';
import { rateLimitedCount, rateLimits } from '../../functions/local/dev/slack-rules/rate-limits.js';

/** A clock that only moves when something sleeps on it: waits take no real time. */
function manualClock(): PacingClock & { slept: number[] } {
  let now = 1_000_000;
  const slept: number[] = [];
  return {
    slept,
    now: () => now,
    sleep: async (ms) => {
      slept.push(ms);
      now += ms;
    },
  };
}

/** Times (ms after the first) at which `count` calls of a method go. */
async function sendTimes(pacer: SlackPacer, method: string, count: number, channel?: string) {
  const times: number[] = [];
  const start = pacer.clock.now();
  for (let i = 0; i < count; i++) {
    await pacer.acquire(method, channel);
    times.push(pacer.clock.now() - start);
  }
  return times;
}

describe('SlackPacer', () => {
  it('lets a Tier 3 method make 50 calls at once, then one as each leaves the 62-second window', async () => {
    const pacer = new SlackPacer(manualClock());
    const times = await sendTimes(pacer, 'chat.update', 52);
    expect(times.slice(0, 50).every((t) => t === 0)).toBe(true);
    expect(times[50]).toBe(62_000);
    expect(times[51]).toBe(62_000);
    expect(methodLimit('chat.update')).toEqual({ calls: 50, windowMs: 62_000 });
    expect(methodLimit('users.conversations').calls).toBe(20);
    expect(methodLimit('views.open').calls).toBe(100);
    expect(methodLimit('some.unknownMethod').calls).toBe(20);
  });

  it('posts to a channel in a burst of 3, then one every 1.1 s; other channels do not wait', async () => {
    const pacer = new SlackPacer(manualClock());
    expect(await sendTimes(pacer, 'chat.postMessage', 6, 'C1')).toEqual([0, 0, 0, 1100, 2200, 3300]);
    const before = pacer.clock.now();
    await pacer.acquire('chat.postMessage', 'C2');
    expect(pacer.clock.now()).toBe(before);
  });

  it('never lets more through than the strict stand-in accepts, for every method in the table', async () => {
    const clock = manualClock();
    const world = { clock, botUserId: 'U0BOT' } as unknown as SlackWorld;
    const pacer = new SlackPacer(clock);
    for (const method of [...Object.keys(METHOD_TIERS), 'chat.postMessage']) {
      for (let i = 0; i < 130; i++) {
        await pacer.acquire(method, 'C1');
        expect(rateLimits({ method, args: { channel: 'C1' } }, world), `${method} call ${i}`).toBeUndefined();
      }
    }
    expect(rateLimitedCount(world)).toBe(0);
  });

  it('holds only the refused method for Retry-After', async () => {
    const pacer = new SlackPacer(manualClock());
    pacer.hold('chat.update', undefined, 20_000);
    expect(pacer.waitFor('chat.update')).toBe(20_000);
    expect(pacer.waitFor('chat.postMessage', 'C1')).toBe(0);
    expect(pacer.waitFor('reactions.get')).toBe(0);
  });

  it('throws OutOfTimeError at once instead of waiting past the deadline, and keeps the order of waiters', async () => {
    const clock = manualClock();
    const pacer = new SlackPacer(clock);
    pacer.hold('chat.update', undefined, 30_000);
    pacer.until = clock.now() + 10_000;
    const error = await pacer.acquire('chat.update').catch((e: unknown) => e);
    expect(isOutOfTime(error)).toBe(true);
    expect(clock.slept).toEqual([]);
    pacer.until = undefined;
    const order: number[] = [];
    await Promise.all([1, 2, 3].map((n) => pacer.acquire('chat.update').then(() => order.push(n))));
    expect(order).toEqual([1, 2, 3]);
  });

  it('a reserved turn is used by the next call, which then does not wait again', async () => {
    const clock = manualClock();
    const pacer = new SlackPacer(clock);
    await sendTimes(pacer, 'chat.update', 49);
    await pacer.reserve('chat.update');
    const before = clock.now();
    await pacer.acquire('chat.update');
    expect(clock.now()).toBe(before);
    // The window is full now: the next call waits.
    expect(pacer.waitFor('chat.update')).toBeGreaterThan(0);
  });

  it('a reservation that keeps slots free waits while the window is that full, leaving them to others', async () => {
    const clock = manualClock();
    const pacer = new SlackPacer(clock);
    await sendTimes(pacer, 'chat.update', 35);
    const start = clock.now();
    // 35 of 50 went: a call keeping 15 free waits for the first of them to leave the window.
    await pacer.reserve('chat.update', 'C1', undefined, 15);
    expect(clock.now() - start).toBe(62_000);
    await pacer.acquire('chat.update');
    // Calls that keep nothing go at once until 50 went in the window.
    const before = clock.now();
    await sendTimes(pacer, 'chat.update', 49);
    expect(clock.now()).toBe(before);
    expect(pacer.waitFor('chat.update')).toBeGreaterThan(0);
  });

  it('idles, once the work is done, until the deadline when it handed a call on, and only then', async () => {
    const clock = manualClock();
    const pacer = new SlackPacer(clock);
    // Nothing handed on: no idling.
    pacer.until = clock.now() + 10_000;
    await pacer.idleUntilHandedOnTurn();
    expect(clock.slept).toEqual([]);
    // A 4-second wait with 3 seconds left: handed on, and the invocation idles until the deadline.
    pacer.hold('chat.update', undefined, 4_000);
    pacer.until = clock.now() + 3_000;
    expect(isOutOfTime(await pacer.acquire('chat.update').catch((e: unknown) => e))).toBe(true);
    await pacer.idleUntilHandedOnTurn();
    expect(clock.slept).toEqual([3_000]);
    // The next invocation's deadline starts afresh: nothing handed on yet, no idling.
    pacer.until = clock.now() + 10_000;
    await pacer.idleUntilHandedOnTurn();
    expect(clock.slept).toEqual([3_000]);
  });

  it('calls that keep slots free go evenly, one every window / (calls - keep), not in a burst', async () => {
    const clock = manualClock();
    const pacer = new SlackPacer(clock);
    const start = clock.now();
    const times: number[] = [];
    for (let i = 0; i < 4; i++) {
      await pacer.reserve('chat.update', 'C1', undefined, 15);
      await pacer.acquire('chat.update');
      times.push(Math.round(clock.now() - start));
    }
    expect(times).toEqual([0, 1771, 3543, 5314]);
    // A call that keeps nothing is not held to that spacing.
    const before = clock.now();
    await pacer.acquire('chat.update');
    expect(clock.now()).toBe(before);
  });
});
