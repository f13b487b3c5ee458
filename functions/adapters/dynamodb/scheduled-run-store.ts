import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { ScheduledRunStore } from '../../app/ports/scheduling.js';
import type { BoardSnapshot } from '../../domain/board.js';
import { keys } from './keys.js';
import { isConditionFailure, type Table } from './table.js';

/** Claims of scheduled executions are kept this long (Scheduler retries within an hour). */
const RUN_TTL_SECONDS = 30 * 24 * 3600;

/** A posted part's attribute on an execution's posts item: `part:<name>` = the message's ts. */
const PART = 'part:';

/**
 * Scheduled executions, claimed once each with a conditional put; the parts each one posted (one item per
 * execution, an attribute per part, so that recording one is a single upsert); and the last summary's board.
 */
export function createScheduledRunStore({ documents, tableName }: Table): ScheduledRunStore {
  return {
    async claim(hackathonId, execution, now) {
      try {
        await documents.send(
          new PutCommand({
            TableName: tableName,
            Item: {
              ...keys.scheduledRun(hackathonId, execution),
              entity: 'scheduledRun',
              hackathonId,
              execution,
              claimedAt: now.toISOString(),
              expiresAt: Math.floor(now.getTime() / 1000) + RUN_TTL_SECONDS,
            },
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },

    async release(hackathonId, execution) {
      await documents.send(
        new DeleteCommand({ TableName: tableName, Key: keys.scheduledRun(hackathonId, execution) }),
      );
    },

    async postedParts(hackathonId, execution) {
      const { Item } = await documents.send(
        new GetCommand({
          TableName: tableName,
          Key: keys.scheduledPosts(hackathonId, execution),
          ConsistentRead: true,
        }),
      );
      return Object.fromEntries(
        Object.entries(Item ?? {}).flatMap(([name, ts]) =>
          name.startsWith(PART) ? [[name.slice(PART.length), String(ts)]] : [],
        ),
      );
    },

    async recordPart(hackathonId, execution, part, ts) {
      await documents.send(
        new UpdateCommand({
          TableName: tableName,
          Key: keys.scheduledPosts(hackathonId, execution),
          UpdateExpression: 'SET #entity = :entity, hackathonId = :id, expiresAt = :expires, #part = :ts',
          ExpressionAttributeNames: { '#entity': 'entity', '#part': `${PART}${part}` },
          ExpressionAttributeValues: {
            ':entity': 'scheduledPosts',
            ':id': hackathonId,
            ':expires': Math.floor(Date.now() / 1000) + RUN_TTL_SECONDS,
            ':ts': ts,
          },
        }),
      );
    },

    async lastSummary(hackathonId) {
      const { Item } = await documents.send(
        new GetCommand({
          TableName: tableName,
          Key: keys.summarySnapshot(hackathonId),
          ConsistentRead: true,
        }),
      );
      return (Item?.snapshot as BoardSnapshot | undefined) ?? null;
    },

    async saveSummary(hackathonId, snapshot) {
      await documents.send(
        new PutCommand({
          TableName: tableName,
          Item: { ...keys.summarySnapshot(hackathonId), entity: 'summarySnapshot', hackathonId, snapshot },
        }),
      );
    },
  };
}
