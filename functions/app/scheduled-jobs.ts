import { type BoardSnapshot, boardSnapshot } from '../domain/board.js';
import type { Hackathon } from '../domain/hackathon.js';
import { jobTimes } from '../domain/schedule.js';
import type { Topic } from '../domain/topic.js';
import { votingOpen } from '../domain/vote.js';
import { toLocal } from '../domain/zoned-time.js';
import type { HackathonStore, TopicStore } from './ports.js';
import type { ScheduledJobEvent } from './schedules.js';
import { wrapUp } from './wrap-up.js';

/** Executions already run, and the board as the last summary showed it. */
export interface ScheduledRunStore {
  /** True for the first claim of an execution, false for a retry or duplicate of one that ran or is running. */
  claim(hackathonId: string, execution: string, now: Date): Promise<boolean>;
  /** Gives a claim back after a failure, so Scheduler's retry can run the execution again. */
  release(hackathonId: string, execution: string): Promise<void>;
  lastSummary(hackathonId: string): Promise<BoardSnapshot | null>;
  saveSummary(hackathonId: string, snapshot: BoardSnapshot): Promise<void>;
}

/** Posts what scheduled jobs have to say (Slack in production, a stand-in in tests). */
export interface ScheduleAnnouncer {
  votingSummary(hackathon: Hackathon, topics: readonly Topic[], now: Date): Promise<void>;
  hackathonSummary(
    hackathon: Hackathon,
    topics: readonly Topic[],
    previous: BoardSnapshot | null,
    now: Date,
  ): Promise<void>;
  /** Asks a team, in a thread on its card, what it achieved so far and what blocks it. */
  checkIn(hackathon: Hackathon, topic: Topic): Promise<void>;
  wrapUpReminder(hackathon: Hackathon, topics: readonly Topic[], wrapUpAt: Date): Promise<void>;
}

export interface ScheduledJobDeps {
  hackathons: HackathonStore;
  topics: TopicStore;
  runs: ScheduledRunStore;
  announcer: ScheduleAnnouncer;
}

export type ScheduledJobResult = 'done' | 'duplicate' | 'nothing-to-do';

/**
 * Runs one scheduled execution exactly once: the execution (slot and scheduled time) is claimed first, so a
 * retried or duplicated invocation finds it taken and does nothing; if the work fails, the claim is given back
 * and the error rethrown for Scheduler to retry.
 */
export async function runScheduledJob(
  deps: ScheduledJobDeps,
  event: ScheduledJobEvent,
  now: Date,
): Promise<ScheduledJobResult> {
  const hackathon = await deps.hackathons.get(event.hackathonId);
  if (hackathon?.status !== 'active') return 'nothing-to-do';
  const execution = `${event.slot}#${event.scheduledTime}`;
  if (!(await deps.runs.claim(hackathon.id, execution, now))) return 'duplicate';
  try {
    return await run(deps, hackathon, event, now);
  } catch (error) {
    await deps.runs.release(hackathon.id, execution);
    throw error;
  }
}

async function run(
  deps: ScheduledJobDeps,
  hackathon: Hackathon,
  event: ScheduledJobEvent,
  now: Date,
): Promise<ScheduledJobResult> {
  const at = Number.isNaN(Date.parse(event.scheduledTime)) ? now : new Date(event.scheduledTime);
  switch (event.kind) {
    case 'summary':
      return summary(deps, hackathon, now);
    case 'voting-close': {
      if (!votingOpen(hackathon, new Date(at.getTime() - 1))) return 'nothing-to-do';
      // As `/htg close-voting` by the first organizer: the refresher re-reads reactions and posts the ranking.
      await deps.hackathons.closeVoting(hackathon.id, at.toISOString());
      await deps.hackathons.addJob({
        kind: 'reconcile-reactions',
        hackathonId: hackathon.id,
        requestedBy: hackathon.organizers[0] as string,
        channelId: hackathon.channelId,
        requestedAt: at.toISOString(),
      });
      return 'done';
    }
    case 'check-in': {
      const teams = (await deps.topics.list(hackathon.id)).filter(
        (topic) =>
          (topic.members ?? []).length > 0 && (topic.status === 'in_progress' || topic.status === 'paused'),
      );
      for (const topic of teams) await deps.announcer.checkIn(hackathon, topic);
      return teams.length > 0 ? 'done' : 'nothing-to-do';
    }
    case 'wrap-up-reminder':
      await deps.announcer.wrapUpReminder(
        hackathon,
        await deps.topics.list(hackathon.id),
        new Date(jobTimes(hackathon).wrapUp),
      );
      return 'done';
    case 'wrap-up':
      // As `/htg wrapup`: the hackathon ends and the refresher posts the wrap-up.
      await wrapUp(deps, {
        hackathonId: hackathon.id,
        userId: hackathon.organizers[0] as string,
        channelId: hackathon.channelId,
        now: at,
        scheduled: true,
      });
      return 'done';
  }
}

/**
 * The daily summary: while voting is open, the leaderboard and how to vote; during the hackathon's days, the
 * board and what changed since the last summary; otherwise (between voting and the first day) nothing.
 */
async function summary(deps: ScheduledJobDeps, hackathon: Hackathon, now: Date): Promise<ScheduledJobResult> {
  const topics = await deps.topics.list(hackathon.id);
  const today = toLocal(now, hackathon.timeZone).date;
  // Voting without a closing time counts as over once the hackathon's days begin.
  if (votingOpen(hackathon, now) && (hackathon.votingClosesAt !== null || today < hackathon.startDate)) {
    await deps.announcer.votingSummary(hackathon, topics, now);
    return 'done';
  }
  if (today < hackathon.startDate || today > hackathon.endDate) return 'nothing-to-do';
  const previous = await deps.runs.lastSummary(hackathon.id);
  await deps.announcer.hackathonSummary(hackathon, topics, previous, now);
  await deps.runs.saveSummary(hackathon.id, boardSnapshot(topics));
  return 'done';
}
