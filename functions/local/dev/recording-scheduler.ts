import type { Scheduler } from '../../app/ports/scheduling.js';
import type { ScheduleSpec } from '../../domain/schedule.js';

/** A Scheduler that keeps what it was told: each hackathon's schedules as the last sync left them. */
export interface RecordingScheduler extends Scheduler {
  schedules: Map<string, ScheduleSpec[]>;
  syncs: number;
}

export function recordingScheduler(): RecordingScheduler {
  const scheduler: RecordingScheduler = {
    schedules: new Map(),
    syncs: 0,
    async sync(hackathonId, specs) {
      scheduler.syncs++;
      scheduler.schedules.set(hackathonId, [...specs]);
    },
  };
  return scheduler;
}
