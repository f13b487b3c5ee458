/** What the stand-in's rules (this folder) see and answer; kept apart from `index.ts`, which lists the rules. */

/** A call as the rules see it. */
export interface SlackCall {
  method: string;
  args: Record<string, unknown>;
}

/** How Slack answers a call it refuses: `ok: false` with an error code (HTTP 200), or a 429 with Retry-After. */
export interface Refusal {
  error: string;
  /** HTTP status; 200 unless rate limited (429). */
  status?: number;
  /** Extra response headers (Retry-After for a 429). */
  headers?: Record<string, string>;
  /** Extra fields of the answer (e.g. `response_metadata.messages` for invalid_blocks). */
  detail?: Record<string, unknown>;
}

/** The clock the stand-in's time-based rules (rate limits) run on; a test may speed it up, never stop it. */
export interface StandInClock {
  /** Milliseconds, like Date.now(). */
  now(): number;
}

/** What the stand-in knows about the workspace: shared by the rules and the answers. */
export interface SlackWorld {
  clock: StandInClock;
  /** The bot's own user id (reactions it adds, members it joins as). */
  botUserId: string;
  /** The channels the bot is a member of (none until invited): posts elsewhere answer `not_in_channel`. */
  botChannels: Set<string>;
  /** The bot joins a channel (someone ran `/invite @htg` there). */
  join(channel: string): void;
  /**
   * The timestamps of the messages pinned in each channel (pins.add / pins.remove, `slack-rules/pins.ts`).
   * The stand-in starts with none; optional so a test's world for another rule need not name it (the rule
   * creates it on first use).
   */
  pins?: Map<string, Set<string>>;
}

/** One rule: returns a refusal for a call Slack would refuse, nothing otherwise. */
export type SlackRule = (call: SlackCall, world: SlackWorld) => Refusal | undefined;
