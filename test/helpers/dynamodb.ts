import { randomUUID } from 'node:crypto';
import { DeleteTableCommand, type DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { type DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { inject } from 'vitest';
import { createDocumentClient, createDynamoDbClient } from '../../functions/adapters/dynamodb/client.js';
import { ensureTable } from '../../functions/adapters/local/ensure-table.js';

/** The DynamoDB Local endpoint of this run; refuses anything that is not on the loopback interface. */
export function localDynamoDbEndpoint(): string {
  const endpoint = inject('dynamoDbEndpoint');
  const { hostname } = new URL(endpoint);
  if (!['127.0.0.1', 'localhost', '[::1]'].includes(hostname)) {
    throw new Error(`Integration tests run only against DynamoDB Local on this machine, not ${endpoint}`);
  }
  return endpoint;
}

export interface TestTable {
  tableName: string;
  endpoint: string;
  client: DynamoDBClient;
  documents: DynamoDBDocumentClient;
  /** Every item in the table (tests hold a handful). */
  items(): Promise<Record<string, unknown>[]>;
  drop(): Promise<void>;
}

/** A fresh table with the production schema, unique to the calling test file. */
export async function createTestTable(prefix = 'test'): Promise<TestTable> {
  const endpoint = localDynamoDbEndpoint();
  const tableName = `${prefix}-${randomUUID()}`;
  const client = createDynamoDbClient({ region: 'local', endpoint });
  const documents = createDocumentClient({ region: 'local', endpoint });
  await ensureTable(client, tableName);
  return {
    tableName,
    endpoint,
    client,
    documents,
    items: async () => (await documents.send(new ScanCommand({ TableName: tableName }))).Items ?? [],
    drop: async () => {
      await client.send(new DeleteTableCommand({ TableName: tableName }));
      client.destroy();
    },
  };
}
