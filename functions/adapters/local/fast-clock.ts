import type { PacingClock } from '../../app/ports/clock.js';

/**
 * A clock that runs `speed` times faster than the real one, for the Slack stand-in's rate limits and htg's
 * pacing together (the rehearsal, the tests, the bench): Slack's per-minute limits hold exactly as they would,
 * in a tenth of the time at speed 10. It never stops or jumps, so nothing is exempt from the limits.
 */
export function fastClock(speed: number): PacingClock {
  if (!(speed >= 1)) throw new Error(`fastClock: speed must be 1 or more, not ${speed}`);
  const origin = Date.now();
  return {
    now: () => origin + (Date.now() - origin) * speed,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms) / speed)),
  };
}
