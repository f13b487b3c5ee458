import type { ScheduledJobEvent, Scheduler } from '../../app/ports/scheduling.js';
import { nextFire, type ScheduleSpec } from '../../domain/schedule.js';

/** setTimeout's longest delay; longer waits re-arm. */
const MAX_DELAY_MS = 2 ** 31 - 1;

export interface LocalScheduler extends Scheduler {
  /** What is armed: each schedule's next firing. */
  pending(): Array<{ hackathonId: string; slot: string; at: string }>;
  stop(): void;
}

/**
 * `npm start`'s stand-in for EventBridge Scheduler: the same schedule specs, kept as timers in this process,
 * firing the same scheduled-jobs handler with the scheduled time (as Scheduler does). Schedules live as long as
 * the process; the refresher syncs them again whenever settings change.
 */
export function createLocalScheduler({
  run,
  clock = () => new Date(),
  onError = () => undefined,
}: {
  run: (event: ScheduledJobEvent) => Promise<unknown>;
  clock?: () => Date;
  onError?: (error: unknown, event: ScheduledJobEvent) => void;
}): LocalScheduler {
  const armed = new Map<
    string,
    { hackathonId: string; spec: ScheduleSpec; at: Date; timer: NodeJS.Timeout }
  >();
  const key = (hackathonId: string, slot: string) => `${hackathonId}/${slot}`;

  function arm(hackathonId: string, spec: ScheduleSpec, after: Date): void {
    const at = nextFire(spec.fires, after);
    const id = key(hackathonId, spec.slot);
    if (!at) {
      armed.delete(id);
      return;
    }
    const delay = Math.min(Math.max(0, at.getTime() - clock().getTime()), MAX_DELAY_MS);
    const timer = setTimeout(() => {
      if (clock() < at) return arm(hackathonId, spec, new Date(at.getTime() - 1));
      const event = { hackathonId, kind: spec.kind, slot: spec.slot, scheduledTime: at.toISOString() };
      run(event).catch((error: unknown) => onError(error, event));
      arm(hackathonId, spec, at);
    }, delay);
    timer.unref?.();
    armed.set(id, { hackathonId, spec, at, timer });
  }

  return {
    async sync(hackathonId, specs, previous) {
      for (const slot of new Set([...previous, ...specs.map((s) => s.slot)])) {
        const current = armed.get(key(hackathonId, slot));
        if (current) clearTimeout(current.timer);
        armed.delete(key(hackathonId, slot));
      }
      for (const spec of specs) arm(hackathonId, spec, clock());
    },
    pending: () =>
      [...armed.values()].map(({ hackathonId, spec, at }) => ({
        hackathonId,
        slot: spec.slot,
        at: at.toISOString(),
      })),
    stop() {
      for (const { timer } of armed.values()) clearTimeout(timer);
      armed.clear();
    },
  };
}
