import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { newJobs, topicChanges } from '../adapters/dynamodb/topic-changes.js';
import type { Logger } from '../adapters/logger.js';
import { type ReconcileDeps, type ReconcileReport, reconcileReactions } from '../app/close-voting.js';
import { type CardDeps, syncTopicCard } from '../app/topic-cards.js';

export type RefresherHandler = (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse>;

export interface RefresherDeps extends CardDeps, ReconcileDeps {
  /** Tells one person something in a channel (only they see it). */
  notify(channelId: string, userId: string, report: ReconcileReport): Promise<void>;
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
    for (const change of topicChanges(event.Records)) {
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
    for (const { job, sequenceNumber } of newJobs(event.Records)) {
      try {
        const report = await reconcileReactions(deps, job);
        await deps.notify(job.channelId, job.requestedBy, report);
      } catch (error) {
        logger.error(`Job ${job.kind} for hackathon ${job.hackathonId} failed`, error);
        failed.push(sequenceNumber);
      }
    }
    const first = failed.sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1))[0];
    return { batchItemFailures: first ? [{ itemIdentifier: first }] : [] };
  };
}
