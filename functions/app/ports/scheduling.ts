/**
 * A hackathon's clock: the schedules kept for it, the event each one fires with, and the record of the
 * executions that ran.
 */
import type { BoardSnapshot } from '../../domain/board.js';
import type { ScheduledJobKind, ScheduleSpec } from '../../domain/schedule.js';
import type { PostedPartsStore } from './posted-parts.js';

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

/** Executions already run, the parts each posted, and the board as the last summary showed it. */
export interface ScheduledRunStore extends PostedPartsStore {
  /** True for the first claim of an execution, false for a retry or duplicate of one that ran or is running. */
  claim(hackathonId: string, execution: string, now: Date): Promise<boolean>;
  /** Gives a claim back after a failure, so Scheduler's retry can run the execution again. */
  release(hackathonId: string, execution: string): Promise<void>;
  lastSummary(hackathonId: string): Promise<BoardSnapshot | null>;
  saveSummary(hackathonId: string, snapshot: BoardSnapshot): Promise<void>;
}
