import { DescribeTableCommand, DescribeTimeToLiveCommand } from '@aws-sdk/client-dynamodb';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tableSchema } from '../../functions/adapters/dynamodb/table-schema.js';
import { ensureTable } from '../../functions/adapters/local/ensure-table.js';
import { createTestTable, type TestTable } from '../helpers/dynamodb.js';

let table: TestTable;

beforeAll(async () => {
  table = await createTestTable('schema');
});
afterAll(async () => {
  await table?.drop();
});

describe('the local table, created from the schema CDK deploys', () => {
  it('has the same keys, GSI and stream as the deployed table', async () => {
    const { Table } = await table.client.send(new DescribeTableCommand({ TableName: table.tableName }));
    expect(Table?.KeySchema).toEqual([
      { AttributeName: tableSchema.partitionKey, KeyType: 'HASH' },
      { AttributeName: tableSchema.sortKey, KeyType: 'RANGE' },
    ]);
    expect(
      Table?.GlobalSecondaryIndexes?.map((index) => [index.IndexName, index.KeySchema, index.Projection]),
    ).toEqual([
      [
        tableSchema.gsi1.indexName,
        [
          { AttributeName: tableSchema.gsi1.partitionKey, KeyType: 'HASH' },
          { AttributeName: tableSchema.gsi1.sortKey, KeyType: 'RANGE' },
        ],
        { ProjectionType: 'ALL' },
      ],
    ]);
    expect(Table?.StreamSpecification).toEqual({ StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' });
    expect(Table?.BillingModeSummary?.BillingMode).toBe('PAY_PER_REQUEST');
  });

  it('expires items by the TTL attribute', async () => {
    const { TimeToLiveDescription } = await table.client.send(
      new DescribeTimeToLiveCommand({ TableName: table.tableName }),
    );
    expect(TimeToLiveDescription).toEqual({
      TimeToLiveStatus: 'ENABLED',
      AttributeName: tableSchema.timeToLiveAttribute,
    });
  });

  it('serves queries on the GSI', async () => {
    const item = { pk: 'A#1', sk: 'B#1', gsi1pk: 'G#1', gsi1sk: '0001', entity: 'probe' };
    await table.documents.send(new PutCommand({ TableName: table.tableName, Item: item }));
    const { Items } = await table.documents.send(
      new QueryCommand({
        TableName: table.tableName,
        IndexName: tableSchema.gsi1.indexName,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': tableSchema.gsi1.partitionKey },
        ExpressionAttributeValues: { ':pk': 'G#1' },
      }),
    );
    expect(Items).toEqual([item]);
  });

  it('is created idempotently: a second ensureTable keeps the data', async () => {
    const before = await table.items();
    await ensureTable(table.client, table.tableName);
    expect(await table.items()).toEqual(before);
  });
});
