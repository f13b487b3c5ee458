import { describe, expect, it } from 'vitest';
import { desiredSchedules, jobTimes, nextFire, type ScheduleSpec } from '../../functions/domain/schedule.js';
import { parseSummaryTimes } from '../../functions/domain/summary-times.js';
import { fromLocal, isAmbiguous, toLocal } from '../../functions/domain/zoned-time.js';
import { aHackathon } from '../helpers/builders.js';

/** A hackathon across the Europe/Berlin change on Sunday 25 October 2026 (03:00 CEST → 02:00 CET). */
const autumn = aHackathon({
  startDate: '2026-10-19',
  endDate: '2026-10-30',
  timeZone: 'Europe/Berlin',
  summaryTimes: ['09:00', '16:30'],
  votingClosesAt: '2026-10-16T15:00:00.000Z',
});
const now = new Date('2026-10-01T08:00:00.000Z');
const bySlot = (specs: ScheduleSpec[]) => Object.fromEntries(specs.map((s) => [s.slot, s]));
/** The schedules of an ended hackathon other than its follow-ups (which every wrapped-up hackathon has a while). */
const afterTheEvent = (specs: ScheduleSpec[]) => specs.filter((s) => !s.kind.startsWith('follow-up'));

describe('time zones', () => {
  it('reads wall-clock time in a zone and back, on both sides of the change', () => {
    expect(toLocal(new Date('2026-10-24T07:00:00Z'), 'Europe/Berlin')).toEqual({
      date: '2026-10-24',
      time: '09:00:00',
    });
    expect(toLocal(new Date('2026-10-26T08:00:00Z'), 'Europe/Berlin')).toEqual({
      date: '2026-10-26',
      time: '09:00:00',
    });
    expect(fromLocal('2026-10-24', '09:00', 'Europe/Berlin').toISOString()).toBe('2026-10-24T07:00:00.000Z');
    expect(fromLocal('2026-10-26', '09:00', 'Europe/Berlin').toISOString()).toBe('2026-10-26T08:00:00.000Z');
    expect(fromLocal('2026-07-01', '09:00', 'America/New_York').toISOString()).toBe(
      '2026-07-01T13:00:00.000Z',
    );
  });

  it('takes the first of a repeated time and moves a skipped time an hour on', () => {
    // 02:30 happens twice on 25 October 2026 in Berlin (CEST, then CET).
    expect(fromLocal('2026-10-25', '02:30', 'Europe/Berlin').toISOString()).toBe('2026-10-25T00:30:00.000Z');
    expect(isAmbiguous(new Date('2026-10-25T00:30:00Z'), 'Europe/Berlin')).toBe(true);
    expect(isAmbiguous(new Date('2026-10-25T01:30:00Z'), 'Europe/Berlin')).toBe(true);
    expect(isAmbiguous(new Date('2026-10-25T03:30:00Z'), 'Europe/Berlin')).toBe(false);
    // 02:30 does not exist on 29 March 2026 in Berlin: it reads as 03:30 CEST.
    expect(fromLocal('2026-03-29', '02:30', 'Europe/Berlin').toISOString()).toBe('2026-03-29T01:30:00.000Z');
  });
});

describe('desiredSchedules', () => {
  it('keeps daily summaries as cron in the hackathon time zone, from now to the end of the last day', () => {
    const specs = bySlot(desiredSchedules(autumn, now));
    expect(specs['summary-0900']).toMatchObject({
      kind: 'summary',
      expression: 'cron(0 9 * * ? *)',
      timeZone: 'Europe/Berlin',
      startDate: now.toISOString(),
      // Midnight after 30 October, CET.
      endDate: '2026-10-30T23:00:00.000Z',
    });
    expect(specs['summary-1630']?.expression).toBe('cron(30 16 * * ? *)');
  });

  it('writes one-time jobs as at() in local time, with the defaults from the dates across the change', () => {
    const specs = bySlot(desiredSchedules(autumn, now));
    expect(specs['voting-close']).toMatchObject({
      expression: 'at(2026-10-16T17:00:00)',
      timeZone: 'Europe/Berlin',
    });
    // The middle day of 19–30 October is Saturday the 24th (CEST): 14:00 local.
    expect(specs['check-in']).toMatchObject({
      expression: 'at(2026-10-24T14:00:00)',
      timeZone: 'Europe/Berlin',
    });
    // The last day is after the change (CET): still 10:00 and 15:00 local.
    expect(specs['wrap-up-reminder']).toMatchObject({
      expression: 'at(2026-10-30T10:00:00)',
      timeZone: 'Europe/Berlin',
    });
    expect(specs['wrap-up']).toMatchObject({
      expression: 'at(2026-10-30T15:00:00)',
      timeZone: 'Europe/Berlin',
    });
    expect(jobTimes(autumn)).toEqual({
      checkIn: '2026-10-24T12:00:00.000Z',
      wrapUpReminder: '2026-10-30T09:00:00.000Z',
      wrapUp: '2026-10-30T14:00:00.000Z',
    });
  });

  it('uses what organizers set, writes the repeated autumn hour in UTC, and drops what is past', () => {
    const set = aHackathon({
      ...autumn,
      checkInAt: '2026-10-25T00:30:00.000Z', // 02:30 CEST, the first of two 02:30s
      wrapUpAt: '2026-10-30T16:00:00.000Z',
      votingClosesAt: '2026-09-30T10:00:00.000Z', // before now
    });
    const specs = bySlot(desiredSchedules(set, now));
    expect(specs['check-in']).toMatchObject({ expression: 'at(2026-10-25T00:30:00)', timeZone: 'UTC' });
    expect(specs['wrap-up']).toMatchObject({
      expression: 'at(2026-10-30T17:00:00)',
      timeZone: 'Europe/Berlin',
    });
    expect(specs['voting-close']).toBeUndefined();
  });

  it('has nothing for an ended hackathon, none without summary times, and none once the last day is over', () => {
    // Only the follow-ups (test/unit/follow-up.test.ts) outlive an ended hackathon without a review or website.
    expect(afterTheEvent(desiredSchedules({ ...autumn, status: 'ended' }, now))).toEqual([]);
    expect(Object.keys(bySlot(desiredSchedules({ ...autumn, summaryTimes: [] }, now)))).toEqual([
      'voting-close',
      'check-in',
      'wrap-up-reminder',
      'wrap-up',
    ]);
    expect(desiredSchedules(autumn, new Date('2026-10-31T00:00:00Z'))).toEqual([]);
  });

  it('names schedules within EventBridge Scheduler limits (64 characters with the hackathon id)', () => {
    for (const spec of desiredSchedules(autumn, now)) {
      expect(`htg-${autumn.id}-${spec.slot}`.length).toBeLessThanOrEqual(64);
    }
  });
});

describe('nextFire (the local scheduler)', () => {
  it('fires daily at the same local time on both sides of the change, and stops after the last day', () => {
    const summary = bySlot(desiredSchedules(autumn, now))['summary-0900'] as ScheduleSpec;
    expect(nextFire(summary.fires, new Date('2026-10-24T07:00:00Z'))?.toISOString()).toBe(
      '2026-10-25T08:00:00.000Z',
    );
    expect(nextFire(summary.fires, new Date('2026-10-23T12:00:00Z'))?.toISOString()).toBe(
      '2026-10-24T07:00:00.000Z',
    );
    expect(nextFire(summary.fires, new Date('2026-10-30T08:00:00Z'))).toBeNull();
    const wrapUp = bySlot(desiredSchedules(autumn, now))['wrap-up'] as ScheduleSpec;
    expect(nextFire(wrapUp.fires, now)?.toISOString()).toBe('2026-10-30T14:00:00.000Z');
    expect(nextFire(wrapUp.fires, new Date('2026-10-30T14:00:00Z'))).toBeNull();
  });
});

describe('parseSummaryTimes', () => {
  it('reads times of day in several spellings and refuses anything else', () => {
    expect(parseSummaryTimes('16:30, 9:00 9.00')).toEqual(['09:00', '16:30']);
    expect(parseSummaryTimes('8')).toEqual(['08:00']);
    expect(parseSummaryTimes('')).toEqual([]);
    expect(parseSummaryTimes('25:00')).toBeNull();
    expect(parseSummaryTimes('noon')).toBeNull();
  });
});

describe('the GitHub sync', () => {
  it('runs every six hours, in the hackathon’s time zone, only while it is linked to a repository', () => {
    expect(desiredSchedules(autumn, now).some((s) => s.kind === 'github-sync')).toBe(false);
    const linked = {
      ...autumn,
      github: { repo: 'o/r', eventLabel: 'Q4/2026', closedMeans: 'withdrawn' as const },
    };
    const syncs = desiredSchedules(linked, now).filter((s) => s.kind === 'github-sync');
    expect(syncs.map((s) => [s.slot, s.expression])).toEqual([
      ['github-sync-0317', 'cron(17 3 * * ? *)'],
      ['github-sync-0917', 'cron(17 9 * * ? *)'],
      ['github-sync-1517', 'cron(17 15 * * ? *)'],
      ['github-sync-2117', 'cron(17 21 * * ? *)'],
    ]);
    expect(
      syncs.every(
        (s) =>
          s.timeZone === 'Europe/Berlin' &&
          s.endDate === bySlot(desiredSchedules(linked, now))['summary-0900']?.endDate,
      ),
    ).toBe(true);
    expect(afterTheEvent(desiredSchedules({ ...linked, status: 'ended' }, now))).toEqual([]);
  });
});

describe('the website retries after the wrap-up', () => {
  const website = {
    repo: 'gardener/documentation',
    folder: 'website/community/hackathons',
    forkAccount: null,
    organizer: null,
    lateOutcomeDays: 14,
  };
  const endedAt = now.toISOString();

  it('outlive the wrap-up while late outcomes are taken, four times a day, and only then', () => {
    const ended = { ...autumn, status: 'ended' as const, endedAt, website };
    const specs = afterTheEvent(desiredSchedules(ended, now));
    expect(specs.map((s) => [s.slot, s.kind, s.expression])).toEqual([
      ['website-sync-0317', 'website-sync', 'cron(17 3 * * ? *)'],
      ['website-sync-0917', 'website-sync', 'cron(17 9 * * ? *)'],
      ['website-sync-1517', 'website-sync', 'cron(17 15 * * ? *)'],
      ['website-sync-2117', 'website-sync', 'cron(17 21 * * ? *)'],
    ]);
    const until = new Date(now.getTime() + 14 * 86_400_000).toISOString();
    expect(specs.every((s) => s.endDate === until && s.timeZone === 'Europe/Berlin')).toBe(true);
    // After the fourteen days, without a website, or while it runs: none of them.
    expect(afterTheEvent(desiredSchedules(ended, new Date(Date.parse(until) + 1)))).toEqual([]);
    expect(afterTheEvent(desiredSchedules({ ...ended, website: null }, now))).toEqual([]);
    expect(desiredSchedules({ ...autumn, website }, now).some((s) => s.kind === 'website-sync')).toBe(false);
  });
});
