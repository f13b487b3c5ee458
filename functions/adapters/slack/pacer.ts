import { type WebAPICallResult, WebClient, type WebClientOptions } from '@slack/web-api';
import { OutOfTimeError, realClock } from '../../app/deadline.js';
import type { PacingClock } from '../../app/ports/clock.js';
import { methodLimit, POSTS_PER_CHANNEL, pacingKey } from './rate-limits.js';

/**
 * Paces Slack Web API calls to Slack's rate limits (`rate-limits.ts`) before Slack has to refuse them, one
 * queue per limit: calls of a method wait only for calls of the same method (for chat.postMessage, of the same
 * channel), never for unrelated ones. A 429 that still comes (another process used the same budget) holds that
 * one queue for Slack's Retry-After.
 *
 * A process-wide deadline (`until`) bounds every wait: a call that would have to wait past it throws
 * OutOfTimeError at once, so a Lambda hands the rest of its work to its next invocation instead of timing out.
 * Once its other work is done, such an invocation idles until its deadline (`idleUntilHandedOnTurn`), so that the
 * continuation does not find the same wait and hand on again, many times a second, until the turn comes.
 */
export class SlackPacer {
  /** Sliding window per method: the times calls went. */
  private readonly sent = new Map<string, number[]>();
  /** chat.postMessage per channel: the theoretical arrival time of the next post (GCRA). */
  private readonly nextPost = new Map<string, number>();
  /** Held by a 429 until then. */
  private readonly heldUntil = new Map<string, number>();
  /** Each queue's last waiter: calls of one limit go in the order they asked. */
  private readonly tails = new Map<string, Promise<unknown>>();
  /** Slots taken ahead (`reserve`) for the next calls of a limit. */
  private readonly credits = new Map<string, number>();
  /** No wait may end after this time (ms on the pacing clock); undefined: no deadline. */
  private deadline: number | undefined;
  /** Whether a call could not wait for its turn before the deadline (its turn comes after it). */
  private handedOn = false;

  constructor(readonly clock: PacingClock = realClock) {}

  get until(): number | undefined {
    return this.deadline;
  }

  /** Sets the deadline of this invocation's waits (undefined: none), and forgets the last one's handed-on turn. */
  set until(until: number | undefined) {
    this.deadline = until;
    this.handedOn = false;
  }

  /**
   * Waits until the deadline if a call could not wait for its turn (it threw OutOfTimeError: its turn is after
   * the deadline, so the continuation is no nearer to it any sooner); at once if no call was handed on.
   */
  async idleUntilHandedOnTurn(): Promise<void> {
    const wait = this.handedOn && this.deadline !== undefined ? this.deadline - this.clock.now() : 0;
    this.handedOn = false;
    if (wait > 0) await this.clock.sleep(wait);
  }

  /**
   * Waits until a call of `method` (in `channel`) may go, and counts it as gone; OutOfTimeError if that would be
   * after `until` (default: the process-wide deadline). A slot reserved ahead is used first.
   */
  acquire(method: string, channel?: string, until = this.until): Promise<void> {
    const key = pacingKey(method, channel);
    const credit = this.credits.get(key) ?? 0;
    if (credit > 0) {
      this.credits.set(key, credit - 1);
      return Promise.resolve();
    }
    return this.queue(key, method, until);
  }

  /**
   * Takes a slot for the next call of `method` (in `channel`) now, waiting for it as `acquire` does, so that
   * the caller can decide what to send once it is its turn (a card rendered after the wait, not before).
   * `keep` slots of the method's window are left free: the call waits until fewer than `calls - keep` went in
   * it, so that calls asking without `keep` (or later ones) still find room at once; such calls also go evenly,
   * one every window / (calls - keep).
   */
  async reserve(method: string, channel?: string, until = this.until, keep = 0): Promise<void> {
    const key = pacingKey(method, channel);
    await this.queue(key, method, until, keep);
    this.credits.set(key, (this.credits.get(key) ?? 0) + 1);
  }

  private queue(key: string, method: string, until: number | undefined, keep = 0): Promise<void> {
    const turn = (this.tails.get(key) ?? Promise.resolve()).then(() => this.take(key, method, until, keep));
    const tail = turn.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => {
      if (this.tails.get(key) === tail) this.tails.delete(key);
    });
    return turn;
  }

  /** Slack answered 429: nothing of this kind goes for `retryAfterMs`. */
  hold(method: string, channel: string | undefined, retryAfterMs: number): void {
    const key = pacingKey(method, channel);
    this.heldUntil.set(key, Math.max(this.heldUntil.get(key) ?? 0, this.clock.now() + retryAfterMs));
  }

  /** How long a call of `method` (in `channel`) asked now would wait, in ms (0: it goes at once). */
  waitFor(method: string, channel?: string): number {
    return Math.max(0, this.delay(pacingKey(method, channel), method, this.clock.now()));
  }

  private async take(key: string, method: string, until: number | undefined, keep: number): Promise<void> {
    for (;;) {
      const now = this.clock.now();
      const wait = this.delay(key, method, now, keep);
      if (wait <= 0) {
        this.record(key, method, now);
        return;
      }
      if (until !== undefined && now + wait > until) {
        this.handedOn = true;
        throw new OutOfTimeError(method, wait);
      }
      await this.clock.sleep(wait);
    }
  }

  private delay(key: string, method: string, now: number, keep = 0): number {
    const held = (this.heldUntil.get(key) ?? 0) - now;
    if (held > 0) return held;
    if (method === 'chat.postMessage') {
      const next = this.nextPost.get(key) ?? now;
      return next - now - (POSTS_PER_CHANNEL.burst - 1) * POSTS_PER_CHANNEL.intervalMs;
    }
    const { windowMs } = methodLimit(method);
    const calls = Math.max(1, methodLimit(method).calls - keep);
    const sent = this.prune(key, now, windowMs);
    const windowDelay = sent.length < calls ? 0 : (sent[sent.length - calls] ?? now) + windowMs - now;
    if (keep === 0) return windowDelay;
    // Keeping slots free, calls go evenly (one every windowMs / calls), not in a burst that spends the kept
    // rate at once and then leaves a whole window without a call.
    const last = sent.at(-1);
    return Math.max(windowDelay, last === undefined ? 0 : last + windowMs / calls - now);
  }

  private record(key: string, method: string, now: number): void {
    if (method === 'chat.postMessage') {
      this.nextPost.set(key, Math.max(this.nextPost.get(key) ?? now, now) + POSTS_PER_CHANNEL.intervalMs);
      return;
    }
    this.prune(key, now, methodLimit(method).windowMs).push(now);
  }

  private prune(key: string, now: number, windowMs: number): number[] {
    const sent = (this.sent.get(key) ?? []).filter((at) => at > now - windowMs);
    this.sent.set(key, sent);
    return sent;
  }
}

interface RateLimitedError {
  code: string;
  retryAfter: number;
}
const isRateLimited = (error: unknown): error is RateLimitedError =>
  (error as { code?: unknown } | null)?.code === 'slack_webapi_rate_limited_error';

/** How often one call is sent again after a 429 before the error is the caller's. */
const RATE_LIMITED_ATTEMPTS = 3;

/**
 * A Web API client whose every call goes through a pacer. (Overriding `apiCall` in a subclass is what reaches
 * every method: `client.chat.update` and the others are bound to `apiCall` when the client is built.) It must
 * reject rate-limited calls (`rejectRateLimitedCalls: true`): @slack/web-api would otherwise pause its whole
 * queue on a 429, holding up every other method behind one busy one.
 */
export class PacedWebClient extends WebClient {
  constructor(
    token: string,
    options: WebClientOptions,
    readonly pacer: SlackPacer,
  ) {
    super(token, { ...options, rejectRateLimitedCalls: true });
  }

  override async apiCall(method: string, options?: Record<string, unknown>): Promise<WebAPICallResult> {
    const channel = typeof options?.channel === 'string' ? options.channel : undefined;
    for (let attempt = 1; ; attempt++) {
      await this.pacer.acquire(method, channel);
      try {
        return await super.apiCall(method, options);
      } catch (error) {
        if (!isRateLimited(error) || attempt >= RATE_LIMITED_ATTEMPTS) throw error;
        this.pacer.hold(method, channel, Math.max(1, error.retryAfter) * 1000);
      }
    }
  }
}

/** The pacer a client's calls go through. */
export function pacerOf(client: WebClient): SlackPacer {
  if (!(client instanceof PacedWebClient))
    throw new Error('This Slack client is not paced: build it with offRequestSlackClient');
  return client.pacer;
}
