import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import { topicChanges } from '../adapters/dynamodb/topic-changes.js';
import type { Logger } from '../adapters/logger.js';
import { type CardDeps, syncTopicCard } from '../app/topic-cards.js';

export type RefresherHandler = (event: DynamoDBStreamEvent) => Promise<DynamoDBBatchResponse>;

/**
 * The card refresher: for every topic changed in a batch of table stream records, brings its card in line
 * (posting it the first time). A topic that fails is reported with its first record's sequence number, so
 * Lambda retries from there; the work is idempotent, so records before it that are seen again do no harm.
 */
export function createRefresherHandler({
  deps,
  logger,
}: {
  deps: CardDeps;
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
    const first = failed.sort((a, b) => (BigInt(a) < BigInt(b) ? -1 : 1))[0];
    return { batchItemFailures: first ? [{ itemIdentifier: first }] : [] };
  };
}
