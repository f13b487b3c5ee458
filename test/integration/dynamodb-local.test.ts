import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, describe, expect, it } from 'vitest';
import { createDocumentClient, createDynamoDbClient } from '../../functions/adapters/dynamodb/client.js';
import { startDynamoDbLocal } from '../../functions/adapters/local/dynamodb-local.js';
import { ensureTable } from '../../functions/adapters/local/ensure-table.js';

const dataDir = mkdtempSync(join(tmpdir(), 'htg-dynamodb-local-'));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

async function isListening(endpoint: string): Promise<boolean> {
  const client = createDynamoDbClient({ region: 'local', endpoint });
  try {
    await client.send(new ListTablesCommand({}));
    return true;
  } catch {
    return false;
  } finally {
    client.destroy();
  }
}

describe('startDynamoDbLocal (what npm start runs)', () => {
  it('keeps data in its folder across restarts, and leaves nothing listening when stopped', async () => {
    const first = await startDynamoDbLocal({ dbPath: dataDir });
    const documents = createDocumentClient({ region: 'local', endpoint: first.endpoint });
    await ensureTable(createDynamoDbClient({ region: 'local', endpoint: first.endpoint }), 'htg-local');
    await documents.send(
      new PutCommand({ TableName: 'htg-local', Item: { pk: 'P', sk: 'S', note: 'kept' } }),
    );
    await first.stop();
    await first.stop();
    expect(await isListening(first.endpoint)).toBe(false);

    const second = await startDynamoDbLocal({ dbPath: dataDir });
    try {
      const again = createDocumentClient({ region: 'eu-west-1', endpoint: second.endpoint });
      const { Item } = await again.send(
        new GetCommand({ TableName: 'htg-local', Key: { pk: 'P', sk: 'S' } }),
      );
      expect(Item).toEqual({ pk: 'P', sk: 'S', note: 'kept' });
    } finally {
      await second.stop();
    }
    expect(await isListening(second.endpoint)).toBe(false);
  });
});
