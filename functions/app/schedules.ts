import { desiredSchedules, type ScheduledJobKind, type ScheduleSpec } from '../domain/schedule.js';
import type { HackathonStore } from './ports.js';

/** What a schedule hands the scheduled-jobs handler when it fires. */
export interface ScheduledJobEvent {
  hackathonId: string;
  kind: ScheduledJobKind;
  slot: string;
  /** When this execution was scheduled for (ISO): with the slot, it identifies the execution. */
  scheduledTime: string;
}

/** Keeps a hackathon's schedules (EventBridge Scheduler in AWS, timers in `npm start`). */
export interface Scheduler {
  /**
   * Brings the hackathon's schedules to exactly `specs`: creates what is missing, updates what exists, deletes
   * the slots in `previous` that are no longer wanted. Safe to run again with the same arguments.
   */
  sync(hackathonId: string, specs: readonly ScheduleSpec[], previous: readonly string[]): Promise<void>;
}

/**
 * Brings a hackathon's schedules in line with its settings, run off the request path whenever they change (the
 * table's stream). Remembers the slots it keeps, so a later change deletes the ones no longer wanted.
 */
export async function syncSchedules(
  deps: { hackathons: HackathonStore; scheduler: Scheduler },
  hackathonId: string,
  now: Date,
): Promise<ScheduleSpec[]> {
  const hackathon = await deps.hackathons.get(hackathonId);
  if (!hackathon) return [];
  const specs = desiredSchedules(hackathon, now);
  const previous = hackathon.scheduleSlots ?? [];
  await deps.scheduler.sync(hackathon.id, specs, previous);
  const slots = specs.map((spec) => spec.slot);
  if (slots.join() !== previous.join()) await deps.hackathons.setScheduleSlots(hackathon.id, slots);
  return specs;
}
