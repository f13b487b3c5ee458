import { ConditionalCheckFailedException, TransactionCanceledException } from '@aws-sdk/client-dynamodb';
import {
  type DynamoDBDocumentClient,
  QueryCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from '@aws-sdk/lib-dynamodb';

/** The document client and the table every repository works on. */
export interface Table {
  documents: DynamoDBDocumentClient;
  tableName: string;
}

/** Whether a write failed only because one of its conditions did not hold. */
export function isConditionFailure(error: unknown): boolean {
  if (error instanceof ConditionalCheckFailedException) return true;
  return (
    error instanceof TransactionCanceledException &&
    (error.CancellationReasons ?? []).some((reason) => reason.Code === 'ConditionalCheckFailed')
  );
}

/** For a cancelled transaction, whether the item at `index` failed its condition. */
export function conditionFailedAt(error: unknown, index: number): boolean {
  return (
    error instanceof TransactionCanceledException &&
    error.CancellationReasons?.[index]?.Code === 'ConditionalCheckFailed'
  );
}

/**
 * `SET #f0 = :f0, …` for every field of `fields`, with placeholder names and values, ready to merge with a
 * condition's own placeholders (which must not start with `#f`/`:f` followed by a digit).
 */
export function setFields(fields: Record<string, unknown>): {
  UpdateExpression: string;
  ExpressionAttributeNames: Record<string, string>;
  ExpressionAttributeValues: Record<string, unknown>;
} {
  const entries = Object.entries(fields);
  return {
    UpdateExpression: `SET ${entries.map((_, i) => `#f${i} = :f${i}`).join(', ')}`,
    ExpressionAttributeNames: Object.fromEntries(entries.map(([name], i) => [`#f${i}`, name])),
    ExpressionAttributeValues: Object.fromEntries(entries.map(([, value], i) => [`:f${i}`, value])),
  };
}

/** Every item a query matches, following LastEvaluatedKey across pages. */
export async function queryAll(
  documents: DynamoDBDocumentClient,
  input: ConstructorParameters<typeof QueryCommand>[0],
): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let ExclusiveStartKey: Record<string, unknown> | undefined;
  do {
    const page = await documents.send(new QueryCommand({ ...input, ExclusiveStartKey }));
    items.push(...(page.Items ?? []));
    ExclusiveStartKey = page.LastEvaluatedKey;
  } while (ExclusiveStartKey);
  return items;
}

export type TransactItems = NonNullable<TransactWriteCommandInput['TransactItems']>;

/**
 * Runs a transaction, retrying (with jittered exponential backoff) when it collided with a concurrent
 * transaction on the same items or was throttled, as happens in bursts on one topic. Condition failures are
 * not retried: they are answers.
 */
export async function transactWithRetry(
  documents: DynamoDBDocumentClient,
  items: TransactItems,
  maxAttempts = 8,
): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await documents.send(new TransactWriteCommand({ TransactItems: items }));
      return;
    } catch (error) {
      const retryable =
        error instanceof TransactionCanceledException &&
        !isConditionFailure(error) &&
        (error.CancellationReasons ?? []).some(
          (r) => r.Code === 'TransactionConflict' || r.Code === 'ThrottlingError',
        );
      if (!retryable || attempt >= maxAttempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * 2 ** attempt));
    }
  }
}
