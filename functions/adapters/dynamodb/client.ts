import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface DynamoDbConnection {
  region: string;
  /** Set for DynamoDB Local; unset in AWS. */
  endpoint?: string | undefined;
}

/**
 * Builds the low-level client. A call with no answer is given up and retried like any other failure (the SDK
 * waits forever by default, which in a Lambda means until its timeout): in AWS, where DynamoDB answers in
 * milliseconds, after 1 s without a connection or 2 s without an answer; against DynamoDB Local, which a busy
 * test machine can slow down a lot, after 5 and 10 s.
 * Against DynamoDB Local, static dummy credentials are used.
 */
export function createDynamoDbClient({ region, endpoint }: DynamoDbConnection): DynamoDBClient {
  return new DynamoDBClient({
    region,
    maxAttempts: 3,
    requestHandler: endpoint
      ? { connectionTimeout: 5_000, requestTimeout: 10_000 }
      : { connectionTimeout: 1_000, requestTimeout: 2_000 },
    ...(endpoint ? { endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
  });
}

/** Document client used by every repository: plain JS values in and out, undefined attributes dropped. */
export function createDocumentClient(connection: DynamoDbConnection): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(createDynamoDbClient(connection), {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
}
