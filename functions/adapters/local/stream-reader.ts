import { DescribeTableCommand } from '@aws-sdk/client-dynamodb';
import {
  type _Record,
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
} from '@aws-sdk/client-dynamodb-streams';
import type { DynamoDBRecord } from 'aws-lambda';
import { createDynamoDbClient } from '../dynamodb/client.js';

/** Reads a table's stream on DynamoDB Local, as Lambda's event source mapping does in AWS. */
export interface StreamReader {
  /** Every record written since the previous read (or since opening), in Lambda's event record shape. */
  read(): Promise<DynamoDBRecord[]>;
  close(): void;
}

export async function openStreamReader(options: {
  endpoint: string;
  tableName: string;
  /** TRIM_HORIZON: everything the stream holds; LATEST: only what is written from now on. */
  from: 'TRIM_HORIZON' | 'LATEST';
}): Promise<StreamReader> {
  const tables = createDynamoDbClient({ region: 'local', endpoint: options.endpoint });
  const streams = new DynamoDBStreamsClient({
    region: 'local',
    endpoint: options.endpoint,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  const { Table } = await tables.send(new DescribeTableCommand({ TableName: options.tableName }));
  tables.destroy();
  const streamArn = Table?.LatestStreamArn;
  if (!streamArn) throw new Error(`Table ${options.tableName} has no stream`);
  const iterators = new Map<string, string | undefined>();

  const discoverShards = async (type: 'TRIM_HORIZON' | 'LATEST') => {
    const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: streamArn }));
    for (const shard of StreamDescription?.Shards ?? []) {
      if (!shard.ShardId || iterators.has(shard.ShardId)) continue;
      const { ShardIterator } = await streams.send(
        new GetShardIteratorCommand({
          StreamArn: streamArn,
          ShardId: shard.ShardId,
          ShardIteratorType: type,
        }),
      );
      iterators.set(shard.ShardId, ShardIterator);
    }
  };
  await discoverShards(options.from);

  return {
    async read() {
      // Shards that appear later start at their beginning, so nothing written to them is missed.
      await discoverShards('TRIM_HORIZON');
      const records: DynamoDBRecord[] = [];
      for (const [shardId, iterator] of iterators) {
        let next = iterator;
        for (let page = 0; next && page < 20; page++) {
          const response = await streams.send(new GetRecordsCommand({ ShardIterator: next, Limit: 1000 }));
          next = response.NextShardIterator;
          const batch = response.Records ?? [];
          records.push(...batch.map((record) => toLambdaRecord(record, streamArn)));
          if (batch.length === 0) break;
        }
        iterators.set(shardId, next);
      }
      return records;
    },
    close: () => streams.destroy(),
  };
}

function toLambdaRecord(record: _Record, streamArn: string): DynamoDBRecord {
  const created = record.dynamodb?.ApproximateCreationDateTime;
  return {
    ...(record as DynamoDBRecord),
    eventSourceARN: streamArn,
    dynamodb: {
      ...(record.dynamodb as DynamoDBRecord['dynamodb']),
      ApproximateCreationDateTime: created ? Math.floor(new Date(created).getTime() / 1000) : undefined,
    },
  };
}

/** Feeds new stream records to a handler every `intervalMs` until stopped (the local runtime's event source). */
export function pollStream(
  reader: StreamReader,
  handle: (records: DynamoDBRecord[]) => Promise<void>,
  { intervalMs = 500, onError }: { intervalMs?: number; onError: (error: unknown) => void },
): { stop(): Promise<void> } {
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      try {
        const records = await reader.read();
        if (records.length > 0) await handle(records);
      } catch (error) {
        onError(error);
      }
      await new Promise((resolve) => setTimeout(resolve, intervalMs));
    }
  })();
  return {
    async stop() {
      stopped = true;
      await loop;
      reader.close();
    },
  };
}
