import { agendaFor } from '../domain/agenda.js';
import { boardSnapshot } from '../domain/board.js';
import { followUpRequests } from '../domain/follow-up.js';
import { jobTimes } from '../domain/schedule.js';
import { type ChannelWaitDeps, isChannelUnavailable, waitForInvitation } from './channel-access.js';
import type { ScheduledPostJob } from './ports/jobs.js';
import type { ScheduledRunStore } from './ports/scheduling.js';
import type { ScheduleAnnouncer } from './ports/slack.js';
import type { TopicStore } from './ports/stores.js';
import { postedParts, withPrefix } from './posted-parts.js';
import { checkInTeams } from './scheduled-jobs.js';
import { wrappedTopics } from './wrap-up.js';

export interface ScheduledPostDeps extends ChannelWaitDeps {
  topics: TopicStore;
  runs: ScheduledRunStore;
  schedulePosts: ScheduleAnnouncer;
}

/**
 * The posts of an ended hackathon: its review meeting's, its follow-ups, and the unpin of an agenda pinned for
 * the day the hackathon was wrapped up on.
 */
const AFTER_THE_EVENT = /^(review|follow-up)-|^agenda-unpin$/;

/** The part that records the summary's board as the next summary's "before" (not a message). */
const SNAPSHOT = 'snapshot';

/**
 * The `scheduled-post` job: posts an execution's summary, check-in questions or reminder, each part once. It
 * runs inside the refresher's slice: when Slack's limits reach past it (OutOfTimeError), the job continues in
 * the next invocation and finds the parts posted so far recorded. A channel that refuses the app makes the
 * organizer be asked to invite it; the execution's posts are then given up, since a summary or check-in is
 * about its day (the next one goes once the app is in).
 */
export async function postScheduled(deps: ScheduledPostDeps, job: ScheduledPostJob): Promise<void> {
  const hackathon = await deps.hackathons.get(job.hackathonId);
  if (!hackathon || (hackathon.status !== 'active' && !AFTER_THE_EVENT.test(job.post))) return;
  const parts = await postedParts(deps.runs, hackathon.id, job.execution);
  const topics = await deps.topics.list(hackathon.id);
  const now = deps.clock();
  try {
    switch (job.post) {
      case 'voting-summary':
        await deps.schedulePosts.votingSummary(hackathon, topics, now, parts);
        return;
      case 'daily-summary': {
        if (parts.ts(SNAPSHOT)) return;
        const previous = await deps.runs.lastSummary(hackathon.id);
        await deps.schedulePosts.hackathonSummary(hackathon, topics, previous, now, parts);
        await deps.runs.saveSummary(hackathon.id, boardSnapshot(topics));
        await parts.record(SNAPSHOT, now.toISOString());
        return;
      }
      case 'check-in':
        for (const topic of checkInTeams(topics)) {
          const part = `check-in#${topic.number}`;
          if (parts.ts(part)) continue;
          await parts.record(part, await deps.schedulePosts.checkIn(hackathon, topic));
        }
        return;
      case 'review-ask':
        for (const topic of wrappedTopics(topics)) {
          const part = `review#${topic.number}`;
          if (parts.ts(part)) continue;
          await parts.record(part, await deps.schedulePosts.reviewAsk(hackathon, topic));
        }
        return;
      case 'review-agenda':
        await deps.schedulePosts.reviewAgenda(hackathon, wrappedTopics(topics), parts);
        return;
      case 'review-record':
        for (const organizer of hackathon.organizers)
          await deps.schedulePosts.reviewRecord(
            organizer,
            hackathon,
            wrappedTopics(topics),
            withPrefix(parts, `record#${organizer}#`),
          );
        return;
      case 'follow-up-2':
      case 'follow-up-6': {
        // One direct message per person and topic (its answer updates that message), each once.
        const round = job.post === 'follow-up-2' ? 2 : 6;
        for (const { userId, topics: asked } of followUpRequests(wrappedTopics(topics)))
          for (const topic of asked) {
            const part = `follow-up#${userId}#${topic.number}`;
            if (parts.ts(part)) continue;
            await parts.record(part, await deps.schedulePosts.followUp(userId, hackathon, topic, round));
          }
        return;
      }
      case 'agenda': {
        const kind = job.meeting;
        const meeting = kind ? hackathon.meetings?.[kind] : undefined;
        if (!kind || !meeting) return;
        // The agenda as it is now: the topics proposed (collection) or the teams (mid-week, final), each team's
        // presenter as asked on its card. What is posted is kept: Next and the export follow it, whatever changes.
        const presenters = Object.fromEntries(
          topics.flatMap((topic) => (topic.presenter ? [[topic.number, topic.presenter]] : [])),
        );
        const agenda = agendaFor(
          kind,
          topics,
          { startsAt: meeting.at, minutes: meeting.minutes },
          presenters,
        );
        const ref = await deps.schedulePosts.agenda(hackathon, { agenda, current: -1 }, parts);
        if (hackathon.agendas?.[kind]?.ts !== ref.ts) {
          const replaced = await deps.hackathons.setAgenda(hackathon.id, kind, {
            ...ref,
            agenda,
            current: -1,
          });
          // The meeting moved and its agenda was posted again: the earlier one is no longer pinned.
          if (replaced && replaced.ts !== ref.ts) await deps.schedulePosts.unpinAgenda(replaced);
        }
        const first = agenda.slots[0];
        const topic = first && topics.find((t) => t.number === first.number);
        if (first && topic && !parts.ts('reminder#first'))
          await parts.record(
            'reminder#first',
            await deps.schedulePosts.agendaReminder(hackathon, kind, topic, first),
          );
        return;
      }
      case 'agenda-unpin': {
        const posted = job.meeting ? hackathon.agendas?.[job.meeting] : undefined;
        if (posted) await deps.schedulePosts.unpinAgenda(posted);
        return;
      }
      case 'wrap-up-reminder':
        await deps.schedulePosts.wrapUpReminder(
          hackathon,
          topics,
          new Date(jobTimes(hackathon).wrapUp),
          parts,
        );
        return;
    }
  } catch (error) {
    if (!isChannelUnavailable(error)) throw error;
    await waitForInvitation(deps, hackathon, error);
  }
}
