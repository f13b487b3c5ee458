import { randomUUID } from 'node:crypto';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import type { ImportDraftStore } from '../../app/ports/stores.js';
import type { ImportedTopic } from '../../markdown/topic-list.js';
import { keys } from './keys.js';
import type { Table } from './table.js';
import { tableSchema } from './table-schema.js';

/** Import previews live for a while (TTL) between "Preview" and "Import"; DynamoDB removes them later. */
export function createImportDraftStore(
  { documents, tableName }: Table,
  clock: () => Date = () => new Date(),
): ImportDraftStore {
  return {
    async save(hackathonId, topics, ttlSeconds) {
      const draftId = randomUUID();
      const expiresAt = Math.floor(clock().getTime() / 1000) + ttlSeconds;
      await documents.send(
        new PutCommand({
          TableName: tableName,
          Item: {
            ...keys.importDraft(hackathonId, draftId),
            entity: 'importDraft',
            topics,
            [tableSchema.timeToLiveAttribute]: expiresAt,
          },
        }),
      );
      return draftId;
    },
    async get(hackathonId, draftId) {
      const { Item } = await documents.send(
        new GetCommand({ TableName: tableName, Key: keys.importDraft(hackathonId, draftId) }),
      );
      // TTL deletion is lazy: an expired draft may still be there and must not be used.
      if (!Item || Number(Item[tableSchema.timeToLiveAttribute]) * 1000 < clock().getTime()) return null;
      return Item.topics as ImportedTopic[];
    },
  };
}
