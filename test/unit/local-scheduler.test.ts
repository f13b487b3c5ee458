import { afterEach, describe, expect, it, vi } from 'vitest';
import { createLocalScheduler } from '../../functions/adapters/local/local-scheduler.js';
import type { ScheduledJobEvent } from '../../functions/app/ports/scheduling.js';
import { desiredSchedules } from '../../functions/domain/schedule.js';
import { aHackathon } from '../helpers/builders.js';

afterEach(() => {
  vi.useRealTimers();
});

describe('the local scheduler (npm start)', () => {
  it('fires the same job events as EventBridge Scheduler, daily at local time across the October change', async () => {
    vi.useFakeTimers({ now: new Date('2026-10-23T12:00:00Z') });
    const fired: ScheduledJobEvent[] = [];
    const scheduler = createLocalScheduler({
      run: async (event) => {
        fired.push(event);
      },
    });
    const hackathon = aHackathon({
      startDate: '2026-10-19',
      endDate: '2026-10-27',
      timeZone: 'Europe/Berlin',
      summaryTimes: ['09:00'],
      votingClosesAt: null,
    });
    const specs = desiredSchedules(hackathon, new Date());
    await scheduler.sync(hackathon.id, specs, []);
    expect(scheduler.pending().find((p) => p.slot === 'summary-0900')?.at).toBe('2026-10-24T07:00:00.000Z');

    await vi.advanceTimersByTimeAsync(3 * 24 * 3600 * 1000);
    const summaries = fired.filter((e) => e.kind === 'summary').map((e) => e.scheduledTime);
    // 09:00 CEST on the 24th, then 09:00 CET on the 25th and 26th.
    expect(summaries).toEqual([
      '2026-10-24T07:00:00.000Z',
      '2026-10-25T08:00:00.000Z',
      '2026-10-26T08:00:00.000Z',
    ]);
    expect(fired.find((e) => e.kind === 'check-in')).toBeUndefined(); // the 23rd, 14:00, had passed at sync
    expect(fired.every((e) => e.hackathonId === hackathon.id)).toBe(true);

    // A later sync without summaries disarms them.
    await scheduler.sync(hackathon.id, desiredSchedules({ ...hackathon, summaryTimes: [] }, new Date()), [
      'summary-0900',
    ]);
    expect(scheduler.pending().map((p) => p.slot)).toEqual(['wrap-up-reminder', 'wrap-up']);
    await vi.advanceTimersByTimeAsync(2 * 24 * 3600 * 1000);
    expect(fired.filter((e) => e.kind === 'summary')).toHaveLength(3);
    expect(fired.filter((e) => e.kind !== 'summary').map((e) => [e.kind, e.scheduledTime])).toEqual([
      ['wrap-up-reminder', '2026-10-27T09:00:00.000Z'],
      ['wrap-up', '2026-10-27T14:00:00.000Z'],
    ]);
    expect(scheduler.pending()).toEqual([]);
    scheduler.stop();
  });
});
