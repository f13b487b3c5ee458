import { followUpRequests } from '../domain/follow-up.js';
import type { Hackathon } from '../domain/hackathon.js';
import type { MeetingKind } from '../domain/meetings.js';
import { meetingOfSlot } from '../domain/schedule.js';
import type { Topic } from '../domain/topic.js';
import { votingOpen } from '../domain/vote.js';
import { toLocal } from '../domain/zoned-time.js';
import type { ScheduledPost } from './ports/jobs.js';
import type { ScheduledJobEvent, ScheduledRunStore } from './ports/scheduling.js';
import type { HackathonStore, TopicStore } from './ports/stores.js';
import { wrappedTopics, wrapUp } from './wrap-up.js';

export interface ScheduledJobDeps {
  hackathons: HackathonStore;
  topics: TopicStore;
  runs: ScheduledRunStore;
}

export type ScheduledJobResult = 'done' | 'duplicate' | 'nothing-to-do';

/**
 * Runs one scheduled execution exactly once: the execution (slot and scheduled time) is claimed first, so a
 * retried or duplicated invocation finds it taken and does nothing; if the work fails, the claim is given back
 * and the error rethrown for Scheduler to retry. Nothing here talks to Slack: what an execution posts is a
 * `scheduled-post` job for the refresher (`scheduled-posts.ts`), which paces it, continues it across
 * invocations and posts each part once.
 */
export async function runScheduledJob(
  deps: ScheduledJobDeps,
  event: ScheduledJobEvent,
  now: Date,
): Promise<ScheduledJobResult> {
  const hackathon = await deps.hackathons.get(event.hackathonId);
  // Only the website's, the review meeting's, the follow-ups' and an agenda's unpin outlive the wrap-up.
  if (!hackathon || (hackathon.status !== 'active' && !AFTER_THE_EVENT.has(event.kind)))
    return 'nothing-to-do';
  const execution = executionOf(event);
  if (!(await deps.runs.claim(hackathon.id, execution, now))) return 'duplicate';
  try {
    return await run(deps, hackathon, event, now);
  } catch (error) {
    await deps.runs.release(hackathon.id, execution);
    throw error;
  }
}

/** What still runs once the hackathon has been wrapped up. */
const AFTER_THE_EVENT: ReadonlySet<string> = new Set([
  'website-sync',
  'review-ask',
  'review-agenda',
  'review-record',
  'follow-up-2',
  'follow-up-6',
  // The final presentations are often on the wrap-up's day: their agenda is unpinned at its end all the same.
  'agenda-unpin',
]);

/** An execution's name: its slot and scheduled time. */
const executionOf = (event: ScheduledJobEvent) => `${event.slot}#${event.scheduledTime}`;

async function run(
  deps: ScheduledJobDeps,
  hackathon: Hackathon,
  event: ScheduledJobEvent,
  now: Date,
): Promise<ScheduledJobResult> {
  const at = Number.isNaN(Date.parse(event.scheduledTime)) ? now : new Date(event.scheduledTime);
  switch (event.kind) {
    case 'summary':
      return summary(deps, hackathon, event, now);
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
    case 'check-in':
      if (checkInTeams(await deps.topics.list(hackathon.id)).length === 0) return 'nothing-to-do';
      await post(deps, hackathon, event, 'check-in');
      return 'done';
    case 'wrap-up-reminder':
      await post(deps, hackathon, event, 'wrap-up-reminder');
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
    case 'github-sync':
      // The refresher brings topics and issues in line (it holds the GitHub App's credentials; this does not).
      if (!hackathon.github) return 'nothing-to-do';
      await deps.hackathons.addJob({
        kind: 'github-sync',
        reason: 'scheduled',
        hackathonId: hackathon.id,
        requestedBy: 'htg',
        channelId: hackathon.channelId,
        requestedAt: at.toISOString(),
      });
      return 'done';
    case 'review-ask':
    case 'review-agenda':
    case 'review-record':
      if (!hackathon.reviewMeetingAt) return 'nothing-to-do';
      await post(deps, hackathon, event, event.kind);
      return 'done';
    case 'follow-up-2':
    case 'follow-up-6':
      // Sent once the hackathon is wrapped up (its schedules are made then), to whoever is asked about a topic.
      if (hackathon.status === 'active') return 'nothing-to-do';
      if (followUpRequests(wrappedTopics(await deps.topics.list(hackathon.id))).length === 0)
        return 'nothing-to-do';
      await post(deps, hackathon, event, event.kind);
      return 'done';
    case 'agenda':
    case 'agenda-unpin': {
      // The meeting's agenda is posted and pinned before it; at the end of its day it is unpinned.
      const meeting = meetingOfSlot(event.slot);
      if (!meeting || !hackathon.meetings?.[meeting]) return 'nothing-to-do';
      if (event.kind === 'agenda-unpin' && !hackathon.agendas?.[meeting]) return 'nothing-to-do';
      await post(deps, hackathon, event, event.kind, meeting);
      return 'done';
    }
    case 'website-sync':
      // The refresher (which holds the GitHub App's credentials) brings the wrap-up's pull request in line.
      if (!hackathon.website || hackathon.status === 'active') return 'nothing-to-do';
      await deps.hackathons.addJob({
        kind: 'website-pull',
        reason: 'scheduled',
        hackathonId: hackathon.id,
        requestedBy: 'htg',
        channelId: hackathon.channelId,
        requestedAt: at.toISOString(),
      });
      return 'done';
  }
}

/** The teams a check-in asks: staffed topics in progress or paused. */
export const checkInTeams = (topics: readonly Topic[]): Topic[] =>
  topics.filter(
    (topic) =>
      (topic.members ?? []).length > 0 && (topic.status === 'in_progress' || topic.status === 'paused'),
  );

/** Hands an execution's posts to the refresher: one job per execution (a repeated write keeps the first). */
async function post(
  deps: ScheduledJobDeps,
  hackathon: Hackathon,
  event: ScheduledJobEvent,
  what: ScheduledPost,
  meeting?: MeetingKind,
): Promise<void> {
  await deps.hackathons.addJob({
    kind: 'scheduled-post',
    post: what,
    ...(meeting ? { meeting } : {}),
    execution: executionOf(event),
    hackathonId: hackathon.id,
    channelId: hackathon.channelId,
    requestedBy: hackathon.organizers[0] as string,
    requestedAt: event.scheduledTime,
  });
}

/**
 * The daily summary: while voting is open, the leaderboard and how to vote; during the hackathon's days, the
 * board and what changed since the last summary; otherwise (between voting and the first day) nothing.
 */
async function summary(
  deps: ScheduledJobDeps,
  hackathon: Hackathon,
  event: ScheduledJobEvent,
  now: Date,
): Promise<ScheduledJobResult> {
  const today = toLocal(now, hackathon.timeZone).date;
  // Voting without a closing time counts as over once the hackathon's days begin.
  if (votingOpen(hackathon, now) && (hackathon.votingClosesAt !== null || today < hackathon.startDate)) {
    await post(deps, hackathon, event, 'voting-summary');
    return 'done';
  }
  if (today < hackathon.startDate || today > hackathon.endDate) return 'nothing-to-do';
  await post(deps, hackathon, event, 'daily-summary');
  return 'done';
}
