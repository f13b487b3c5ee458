import type { DynamoDBBatchResponse, DynamoDBRecord } from 'aws-lambda';
import type { Job } from '../../app/ports/jobs.js';
import type { Stores } from '../dynamodb/stores.js';
import type { StreamReader } from './stream-reader.js';

/** A job that continues work an invocation of the refresher ran out of time for. */
const isContinuationJob = (job: Pick<Job, 'kind' | 'round'>): boolean =>
  job.kind === 'refresh-cards' || (job.round ?? 0) > 0;

/** A stream record of such a job. */
function isContinuationRecord(record: DynamoDBRecord): boolean {
  const item = record.dynamodb?.NewImage;
  return (
    record.eventName === 'INSERT' &&
    item?.entity?.S === 'job' &&
    isContinuationJob({ kind: String(item.kind?.S) as Job['kind'], round: Number(item.round?.N ?? 0) })
  );
}

/**
 * Runs the refresher on stream records as Lambda's event source mapping would, and keeps running it on the
 * continuation jobs it records, so that work longer than one invocation (a 100-topic import paced to one post a
 * second) is done when this resolves. The stores handed to the refresher must come from `track` (it counts the
 * continuations a batch recorded, so that the stream is read until they appear: DynamoDB Local shows a
 * record a moment after its write).
 */
export function continuationRunner(maxInvocations = 200) {
  /** Continuation jobs recorded and not yet handed to the refresher. */
  let recorded = 0;
  return {
    /** The stores, counting the continuation jobs recorded through them. */
    track(stores: Stores): Stores {
      return {
        ...stores,
        hackathons: {
          ...stores.hackathons,
          addJob: async (job) => {
            await stores.hackathons.addJob(job);
            if (isContinuationJob(job)) recorded++;
          },
        },
      };
    },
    /** Runs `invoke` on `records`, then on each batch of continuations, until one records none (or fails). */
    async run(
      stream: StreamReader,
      records: DynamoDBRecord[],
      invoke: (records: DynamoDBRecord[]) => Promise<DynamoDBBatchResponse>,
    ): Promise<DynamoDBBatchResponse> {
      let batch = records;
      for (let invocation = 1; ; invocation++) {
        const answer = await invoke(batch);
        // A batch that failed is retried first (Lambda's retry, the caller's `again`); continuations it recorded
        // wait for the stream to move on past it, as they would in Lambda.
        if (answer.batchItemFailures.length > 0 || recorded === 0) return answer;
        recorded = 0;
        if (invocation >= maxInvocations)
          throw new Error(`the refresher was still continuing after ${maxInvocations} invocations`);
        batch = [];
        for (let attempt = 0; attempt < 50 && !batch.some(isContinuationRecord); attempt++) {
          if (attempt > 0) await new Promise((resolve) => setTimeout(resolve, 20));
          batch.push(...(await stream.read()));
        }
      }
    },
  };
}
