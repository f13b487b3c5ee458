import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';

export interface DynamoDbConnection {
  region: string;
  /** Set for DynamoDB Local; unset in AWS. */
  endpoint?: string | undefined;
}

/** Builds the low-level client. Against DynamoDB Local, static dummy credentials are used. */
export function createDynamoDbClient({ region, endpoint }: DynamoDbConnection): DynamoDBClient {
  return new DynamoDBClient({
    region,
    ...(endpoint
      ? { endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 3 }
      : {}),
  });
}

/** Document client used by every repository: plain JS values in and out, undefined attributes dropped. */
export function createDocumentClient(connection: DynamoDbConnection): DynamoDBDocumentClient {
  return DynamoDBDocumentClient.from(createDynamoDbClient(connection), {
    marshallOptions: { removeUndefinedValues: true, convertClassInstanceToMap: false },
  });
}
