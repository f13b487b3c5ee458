import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { newJobs, scheduleChanges, topicChanges } from '../adapters/dynamodb/topic-changes.js';
import type { Logger } from '../adapters/logger.js';
import { type BoardPublisher, syncBoard } from '../app/board.js';
import { announceCarriedOver, type CarryOverAnnouncer } from '../app/carry-over.js';
import { type ReconcileDeps, type ReconcileReport, reconcileReactions } from '../app/close-voting.js';
import type { Job, TeamStore } from '../app/ports.js';
import { type Scheduler, syncSchedules } from '../app/schedules.js';
import { applyTeams, refreshRanking, type TeamAnnouncer } from '../app/team-review.js';
import { type CardDeps, syncTopicCard } from '../app/topic-cards.js';
import type { PeopleDirectory, WrapUpPublisher } from '../app/wrap-up.js';
import { postWrapUp, sendExport, type WrapUpJobDeps } from '../app/wrap-up-jobs.js';

export type RefresherHandler = (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse>;

export interface RefresherDeps extends CardDeps, ReconcileDeps {
  teams: TeamStore;
  announcer: TeamAnnouncer & CarryOverAnnouncer;
  board: BoardPublisher;
  scheduler: Scheduler;
  wrapUps: WrapUpPublisher;
  people: PeopleDirectory;
  archive: WrapUpJobDeps['archive'];
  clock: () => Date;
  /** Tells the organizer who closed voting what the re-read found and which teams are proposed (only they see it). */
  notify(channelId: string, userId: string, report: ReconcileReport): Promise<void>;
}

/** Runs one job; each kind is idempotent, so a retried batch does no harm. */
async function runJob(deps: RefresherDeps, job: Job): Promise<void> {
  switch (job.kind) {
    case 'reconcile-reactions': {
      const report = await reconcileReactions(deps, job);
      await refreshRanking(deps, report.hackathon, (report.hackathon.teamsVersion ?? 0) > 0);
      await deps.notify(job.channelId, job.requestedBy, report);
      return;
    }
    case 'publish-teams':
      await applyTeams(deps, job);
      return;
    case 'carry-over':
      await announceCarriedOver(deps, job);
      return;
    case 'wrap-up':
      await postWrapUp(deps, job);
      await syncBoard(deps, job.hackathonId, deps.clock());
      return;
    case 'export':
      await sendExport(deps, job);
      return;
  }
}

/**
 * The refresher, fed by the table's stream: brings the card of every changed topic in line (posting it the
 * first time), and runs new jobs (re-reading reactions when voting closes). Something that fails is reported
 * with its first record's sequence number, so Lambda retries from there; everything here is idempotent, so
 * records before it that are seen again do no harm.
 */
export function createRefresherHandler({
  deps,
  logger,
}: {
  deps: RefresherDeps;
  logger: Logger;
}): RefresherHandler {
  return async (event) => {
    const failed: string[] = [];
    /** Each hackathon whose topics changed, with its first change's stream position: one board update each. */
    const boards = new Map<string, string>();
    for (const change of topicChanges(event.Records)) {
      if (!boards.has(change.hackathonId)) boards.set(change.hackathonId, change.sequenceNumber);
      try {
        await syncTopicCard(deps, change.hackathonId, change.number);
      } catch (error) {
        logger.error(
          `Could not refresh the card of #${change.number} (hackathon ${change.hackathonId})`,
          error,
        );
        failed.push(change.sequenceNumber);
      }
    }
    for (const [hackathonId, sequenceNumber] of boards) {
      try {
        await syncBoard(deps, hackathonId, deps.clock());
      } catch (error) {
        logger.error(`Could not refresh the board of hackathon ${hackathonId}`, error);
        failed.push(sequenceNumber);
      }
    }
    for (const { hackathonId, sequenceNumber } of scheduleChanges(event.Records)) {
      try {
        await syncSchedules(deps, hackathonId, deps.clock());
      } catch (error) {
        logger.error(`Could not sync the schedules of hackathon ${hackathonId}`, error);
        failed.push(sequenceNumber);
      }
    }
    for (const { job, sequenceNumber } of newJobs(event.Records)) {
      try {
        await runJob(deps, job);
      } catch (error) {
        logger.error(`Job ${job.kind} for hackathon ${job.hackathonId} failed`, error);
        failed.push(sequenceNumber);
      }
    }
    const first = failed.sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1))[0];
    return { batchItemFailures: first ? [{ itemIdentifier: first }] : [] };
  };
}
