import { FOLLOW_UP_ROUNDS, followUpAt } from './follow-up.js';
import type { Hackathon } from './hackathon.js';
import { agendaMoments, DEFAULT_AGENDA_LEAD_MINUTES, MEETING_KINDS, type MeetingKind } from './meetings.js';
import { reviewTimes } from './review.js';
import { DEFAULT_SUMMARY_TIMES } from './summary-times.js';
import { lateOutcomesUntil } from './website.js';
import { addDays, daysBetween, fromLocal, isAmbiguous, toLocal } from './zoned-time.js';

/** What a schedule does when it fires. */
export type ScheduledJobKind =
  | 'summary'
  | 'voting-close'
  | 'check-in'
  | 'wrap-up-reminder'
  | 'wrap-up'
  | 'github-sync'
  | 'website-sync'
  | 'review-ask'
  | 'review-agenda'
  | 'review-record'
  | 'follow-up-2'
  | 'follow-up-6'
  | 'agenda'
  | 'agenda-unpin';

/**
 * When a hackathon linked to GitHub is brought in line with its repository, whatever webhooks were missed (local
 * times, every six hours; off the full hour, when GitHub and everyone else's cron jobs are busiest).
 */
const GITHUB_SYNC_TIMES = ['03:17', '09:17', '15:17', '21:17'] as const;

/** When nothing else is set: the check-in on the middle day at 14:00, the wrap-up on the last day. */
const DEFAULT_CHECK_IN_TIME = '14:00';
const DEFAULT_WRAP_UP_REMINDER_TIME = '10:00';
const DEFAULT_WRAP_UP_TIME = '15:00';

/** One schedule of a hackathon, as EventBridge Scheduler (or the local scheduler) keeps it. */
export interface ScheduleSpec {
  /** Unique within the hackathon: `summary-0900`, `voting-close`, `check-in`, `wrap-up-reminder`, `wrap-up`. */
  slot: string;
  kind: ScheduledJobKind;
  /** `cron(M H * * ? *)` (every day) or `at(YYYY-MM-DDTHH:MM:SS)` (once), read in `timeZone`. */
  expression: string;
  timeZone: string;
  /** A recurring schedule runs between these moments (ISO). */
  startDate?: string;
  endDate?: string;
  /** The same thing, structured, for the local scheduler: a local time every day, or one moment. */
  fires: { daily: string; timeZone: string; from: string; until: string } | { at: string };
}

/** The moments a hackathon's one-time jobs run at: what organizers set, or the defaults from its dates. */
export function jobTimes(hackathon: Hackathon): Record<'checkIn' | 'wrapUpReminder' | 'wrapUp', string> {
  const { startDate, endDate, timeZone } = hackathon;
  const middle = addDays(startDate, Math.floor(daysBetween(startDate, endDate) / 2));
  return {
    checkIn: hackathon.checkInAt ?? fromLocal(middle, DEFAULT_CHECK_IN_TIME, timeZone).toISOString(),
    wrapUpReminder:
      hackathon.wrapUpReminderAt ?? fromLocal(endDate, DEFAULT_WRAP_UP_REMINDER_TIME, timeZone).toISOString(),
    wrapUp: hackathon.wrapUpAt ?? fromLocal(endDate, DEFAULT_WRAP_UP_TIME, timeZone).toISOString(),
  };
}

/**
 * The schedules a hackathon should have now: a summary every day at each summary time (local, so it stays at
 * 09:00 when clocks change) from now until the end of its last day, and one-time jobs for voting close, the
 * mid-week check-in, the wrap-up reminder and the wrap-up while they are still ahead. An ended hackathon has only
 * what comes after the event: the unpin of an agenda still pinned, the website sync, the review meeting and the
 * follow-ups.
 */
export function desiredSchedules(hackathon: Hackathon, now: Date): ScheduleSpec[] {
  if (hackathon.status !== 'active')
    return [
      // The final presentations are often on the wrap-up's day: their agenda, pinned for the day, still goes at
      // its end (as does any agenda posted and not yet unpinned); nothing new is posted.
      ...agendaSchedules(hackathon, now).filter((spec) => {
        const meeting = meetingOfSlot(spec.slot);
        return spec.kind === 'agenda-unpin' && meeting !== null && Boolean(hackathon.agendas?.[meeting]);
      }),
      ...websiteSchedules(hackathon, now),
      ...reviewSchedules(hackathon, now),
      ...followUpSchedules(hackathon, now),
    ];
  const { timeZone } = hackathon;
  const until = fromLocal(addDays(hackathon.endDate, 1), '00:00', timeZone);
  const specs: ScheduleSpec[] = [];
  if (until > now) {
    for (const time of hackathon.summaryTimes ?? DEFAULT_SUMMARY_TIMES) {
      const [hour, minute] = time.split(':').map(Number);
      specs.push({
        slot: `summary-${time.replace(':', '')}`,
        kind: 'summary',
        expression: `cron(${minute} ${hour} * * ? *)`,
        timeZone,
        startDate: now.toISOString(),
        endDate: until.toISOString(),
        fires: { daily: time, timeZone, from: now.toISOString(), until: until.toISOString() },
      });
    }
    if (hackathon.github) specs.push(...syncSchedules('github-sync', timeZone, now, until));
  }
  const times = jobTimes(hackathon);
  const once: Array<[ScheduledJobKind, string | null]> = [
    ['voting-close', hackathon.votingClosesAt],
    ['check-in', times.checkIn],
    ['wrap-up-reminder', times.wrapUpReminder],
    ['wrap-up', times.wrapUp],
  ];
  for (const [kind, at] of once) {
    if (!at || Date.parse(at) <= now.getTime()) continue;
    specs.push({ slot: kind, kind, ...oneTime(new Date(at), timeZone), fires: { at } });
  }
  return [...specs, ...agendaSchedules(hackathon, now), ...reviewSchedules(hackathon, now)];
}

/**
 * Each meeting's agenda, posted (and pinned) its lead before the meeting, and unpinned at the end of its day:
 * `agenda-<meeting>` and `agenda-unpin-<meeting>`, while they are ahead.
 */
function agendaSchedules(hackathon: Hackathon, now: Date): ScheduleSpec[] {
  const moments = agendaMoments(
    hackathon.meetings ?? {},
    hackathon.agendaLeadMinutes ?? DEFAULT_AGENDA_LEAD_MINUTES,
    hackathon.timeZone,
  );
  return moments.flatMap(({ kind, postAt, unpinAt }) =>
    (
      [
        [`agenda-${kind}`, 'agenda', postAt],
        [`agenda-unpin-${kind}`, 'agenda-unpin', unpinAt],
      ] as const
    )
      .filter(([, , at]) => at.getTime() > now.getTime())
      .map(([slot, job, at]) => ({
        slot,
        kind: job,
        ...oneTime(at, hackathon.timeZone),
        fires: { at: at.toISOString() },
      })),
  );
}

/** The meeting an agenda schedule's slot (`agenda-<meeting>`, `agenda-unpin-<meeting>`) is about. */
export function meetingOfSlot(slot: string): MeetingKind | null {
  const kind = slot.replace(/^agenda-(unpin-)?/, '');
  return (MEETING_KINDS as readonly string[]).includes(kind) ? (kind as MeetingKind) : null;
}

/**
 * The review meeting's three moments, while they are ahead: the teams asked on their cards (three days before),
 * the agenda (half an hour before), the organizers asked to record it (an hour after). They outlive the wrap-up.
 */
function reviewSchedules(hackathon: Hackathon, now: Date): ScheduleSpec[] {
  if (!hackathon.reviewMeetingAt) return [];
  const times = reviewTimes(hackathon.reviewMeetingAt);
  const moments: Array<[ScheduledJobKind, string]> = [
    ['review-ask', times.ask],
    ['review-agenda', times.agenda],
    ['review-record', times.record],
  ];
  return moments
    .filter(([, at]) => Date.parse(at) > now.getTime())
    .map(([kind, at]) => ({ slot: kind, kind, ...oneTime(new Date(at), hackathon.timeZone), fires: { at } }));
}

/**
 * After the wrap-up, the follow-ups two and six weeks after the event (10:00 local), while they are ahead:
 * whoever continues a topic is asked what became of it.
 */
function followUpSchedules(hackathon: Hackathon, now: Date): ScheduleSpec[] {
  return FOLLOW_UP_ROUNDS.map(
    (round) => [`follow-up-${round}` as const, followUpAt(hackathon, round)] as const,
  )
    .filter(([, at]) => Date.parse(at) > now.getTime())
    .map(([kind, at]) => ({ slot: kind, kind, ...oneTime(new Date(at), hackathon.timeZone), fires: { at } }));
}

/**
 * After the wrap-up, a hackathon with a website keeps one schedule: every six hours while late outcomes are
 * taken, its pull request is brought in line (opened, if GitHub failed until then); nothing once they stop.
 */
function websiteSchedules(hackathon: Hackathon, now: Date): ScheduleSpec[] {
  const until = lateOutcomesUntil(hackathon);
  if (!until || Date.parse(until) <= now.getTime()) return [];
  return syncSchedules('website-sync', hackathon.timeZone, now, new Date(until));
}

/** Four daily schedules at GITHUB_SYNC_TIMES, local, from now until `until`. */
function syncSchedules(
  kind: 'github-sync' | 'website-sync',
  timeZone: string,
  now: Date,
  until: Date,
): ScheduleSpec[] {
  return GITHUB_SYNC_TIMES.map((time) => {
    const [hour, minute] = time.split(':').map(Number);
    return {
      slot: `${kind}-${time.replace(':', '')}`,
      kind,
      expression: `cron(${minute} ${hour} * * ? *)`,
      timeZone,
      startDate: now.toISOString(),
      endDate: until.toISOString(),
      fires: { daily: time, timeZone, from: now.toISOString(), until: until.toISOString() },
    };
  });
}

/**
 * A one-time expression in the hackathon's time zone: the wall-clock time the moment has there. The one hour a
 * year whose wall-clock times occur twice (clocks going back) is written in UTC instead, so it cannot be read
 * as the other occurrence.
 */
function oneTime(instant: Date, timeZone: string): { expression: string; timeZone: string } {
  const zone = isAmbiguous(instant, timeZone) ? 'UTC' : timeZone;
  const { date, time } = toLocal(instant, zone);
  return { expression: `at(${date}T${time})`, timeZone: zone };
}

/** When a schedule fires next after `after` (the local scheduler's clock); null when it never will again. */
export function nextFire(fires: ScheduleSpec['fires'], after: Date): Date | null {
  if ('at' in fires) return Date.parse(fires.at) > after.getTime() ? new Date(fires.at) : null;
  const from = new Date(Math.max(after.getTime(), Date.parse(fires.from)));
  let day = toLocal(from, fires.timeZone).date;
  for (let i = 0; i < 3; i++, day = addDays(day, 1)) {
    const at = fromLocal(day, fires.daily, fires.timeZone);
    if (at > from) return at < new Date(fires.until) ? at : null;
  }
  return null;
}
