import { desiredSchedules, type ScheduleSpec } from '../domain/schedule.js';
import type { Scheduler } from './ports/scheduling.js';
import type { HackathonStore } from './ports/stores.js';

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
