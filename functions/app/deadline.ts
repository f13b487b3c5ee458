import type { PacingClock } from './ports/clock.js';

/**
 * Work that runs inside a Lambda invocation has until the invocation's deadline. Something that would have to
 * wait past it (for Slack's rate limits, say) throws OutOfTimeError instead; long jobs catch it, keep what they
 * did, and continue in a later invocation.
 */
export class OutOfTimeError extends Error {
  readonly code = 'out-of-time';
  constructor(
    /** What could not go in time (a Slack method, a job). */
    readonly what: string,
    /** How long it would have had to wait, in milliseconds. */
    readonly waitMs: number,
    /** What a continuation of the job needs to go on where this one stopped (merged into the job). */
    readonly resume: Record<string, unknown> = {},
  ) {
    super(`${what} would wait ${Math.round(waitMs)} ms, past the invocation's deadline`);
    this.name = 'OutOfTimeError';
  }
}

export const isOutOfTime = (error: unknown): error is OutOfTimeError => error instanceof OutOfTimeError;

/** The same error, carrying what a continuation needs to go on. */
export const resumingFrom = (error: OutOfTimeError, resume: Record<string, unknown>): OutOfTimeError =>
  new OutOfTimeError(error.what, error.waitMs, { ...error.resume, ...resume });

/** The wall clock work is paced on in the Lambdas and `npm start`. */
export const realClock: PacingClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms))),
};
