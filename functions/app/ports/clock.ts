/** A clock work is paced on: real in the Lambdas, sped up in tests (never stopped). */
export interface PacingClock {
  /** Milliseconds, like Date.now(). */
  now(): number;
  sleep(ms: number): Promise<void>;
}
