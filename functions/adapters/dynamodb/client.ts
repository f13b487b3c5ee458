import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface DynamoDbConnection {
  region: string;
  /** Set for DynamoDB Local; unset in AWS. */
  endpoint?: string | undefined;
}

/**
 * Builds the low-level client. A call with no answer is given up and retried like any other failure (the SDK
 * waits forever by default, which in a Lambda means until its timeout): after 2 s in AWS, where DynamoDB answers
 * in milliseconds, after 10 s against DynamoDB Local, which a busy test machine can slow down a lot.
 * Against DynamoDB Local, static dummy credentials are used.
 */
export function createDynamoDbClient({ region, endpoint }: DynamoDbConnection): DynamoDBClient {
  return new DynamoDBClient({
    region,
    maxAttempts: 3,
    requestHandler: { connectionTimeout: 1_000, requestTimeout: endpoint ? 10_000 : 2_000 },
    ...(endpoint ? { endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' } } : {}),
  });
}

/** Document client used by every repository: plain JS values in and out, undefined attributes dropped. */
export function createDocumentClient(connection: DynamoDbConnection): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(createDynamoDbClient(connection), {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
}
