import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { en } from 'zod/locales';
import * as z from 'zod/mini';
import { NotFoundError } from '../../domain/errors.js';
import type { Hackathon } from '../../domain/hackathon.js';
import { currentKey, keys } from './keys.js';
import { isConditionFailure, queryAll, type Table } from './table.js';

const EXPORT_FORMAT = 'htg-hackathon-export';

/** A hackathon's complete data: every item of its partition, its channel pointer and its card pointers. */
export interface HackathonExport {
  format: typeof EXPORT_FORMAT;
  version: 1;
  exportedAt: string;
  hackathonId: string;
  items: Array<Record<string, unknown>>;
}

const exportSchema = z.object({
  format: z.literal(EXPORT_FORMAT),
  version: z.literal(1),
  exportedAt: z.string(),
  hackathonId: z.string().check(z.minLength(1)),
  items: z
    .array(z.intersection(z.record(z.string(), z.unknown()), z.object({ pk: z.string(), sk: z.string() })))
    .check(z.minLength(1)),
});

/** zod/mini loads no error messages (every issue reads "Invalid input"); the English ones say what is wrong. */
const englishErrors = en().localeError;

/** String sets (team members, interested people) have no JSON form: they travel as {"$set": [...]}. */
const encode = (value: unknown): unknown =>
  value instanceof Set
    ? { $set: [...value].sort() }
    : Array.isArray(value)
      ? value.map(encode)
      : value && typeof value === 'object'
        ? Object.fromEntries(Object.entries(value).map(([k, v]) => [k, encode(v)]))
        : value;
const decode = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(decode);
  if (value && typeof value === 'object') {
    const entries = Object.entries(value);
    if (entries.length === 1 && entries[0]?.[0] === '$set' && Array.isArray(entries[0][1]))
      return new Set(entries[0][1]);
    return Object.fromEntries(entries.map(([k, v]) => [k, decode(v)]));
  }
  return value;
};

/** Reads everything that belongs to a hackathon, as JSON that `restoreHackathon` takes back. */
export async function exportHackathon(
  table: Table,
  hackathonId: string,
  now: Date,
): Promise<HackathonExport> {
  const { documents, tableName } = table;
  const partition = await queryAll(documents, {
    TableName: tableName,
    KeyConditionExpression: 'pk = :pk',
    ExpressionAttributeValues: { ':pk': keys.hackathon(hackathonId).pk },
  });
  const hackathon = partition.find((item) => item.sk === 'HACKATHON') as Hackathon | undefined;
  if (!hackathon) throw new NotFoundError({ code: 'hackathon-gone' });
  const pointers: Array<Record<string, unknown>> = [];
  const channel = await documents.send(
    new GetCommand({ TableName: tableName, Key: keys.activeHackathon(hackathon.channelId) }),
  );
  if (channel.Item?.hackathonId === hackathonId) pointers.push(channel.Item);
  for (const item of partition) {
    const card = item.entity === 'topic' ? (item.card as { channelId: string; ts: string } | null) : null;
    if (!card) continue;
    const { Item } = await documents.send(
      new GetCommand({ TableName: tableName, Key: keys.card(card.channelId, card.ts) }),
    );
    if (Item) pointers.push(Item);
  }
  return {
    format: EXPORT_FORMAT,
    version: 1,
    exportedAt: now.toISOString(),
    hackathonId,
    items: [...partition, ...pointers].map((item) => encode(item) as Record<string, unknown>),
  };
}

/**
 * A restore refused: the data is not an htg export, or the table holds part of it already. Its message is for
 * the operator running the restore from a terminal, not for Slack.
 */
export class RestoreRefusedError extends Error {
  override name = 'RestoreRefusedError';
}

/**
 * Writes an export back, into a table that does not hold this hackathon: every item is put only where no item
 * with its key exists, so nothing present is ever overwritten. Refuses data that is not an htg export.
 */
export async function restoreHackathon(table: Table, data: unknown): Promise<{ items: number }> {
  const parsed = exportSchema.safeParse(data, { error: englishErrors });
  if (!parsed.success)
    throw new RestoreRefusedError(`This is not an htg hackathon export: ${parsed.error.issues[0]?.message}`);
  let written = 0;
  for (const item of parsed.data.items) {
    try {
      await table.documents.send(
        new PutCommand({
          TableName: table.tableName,
          // An older export's channel pointer (keyed by team and channel) comes back under today's key.
          Item: { ...(decode(item) as Record<string, unknown>), ...currentKey(item) },
          ConditionExpression: 'attribute_not_exists(pk)',
        }),
      );
      written++;
    } catch (error) {
      if (isConditionFailure(error))
        throw new RestoreRefusedError(
          `The table already holds ${item.pk} / ${item.sk}; restore into a table without this hackathon (${written} items were written before it).`,
        );
      throw error;
    }
  }
  return { items: written };
}
