import { BatchGetCommand, type BatchGetCommandOutput, GetCommand } from '@aws-sdk/lib-dynamodb';
import type { LoginStore } from '../../app/ports/stores.js';
import { keys } from './keys.js';
import { conditionFailedAt, type Table, type TransactItems, transactWithRetry } from './table.js';

/** BatchGetItem reads at most 100 keys a call (DynamoDB's limit). */
const BATCH_MAX = 100;
/** A person's record that moves under a change (another `/htg github` at once) is read again this often. */
const ATTEMPTS = 3;

export function createLoginStore({ documents, tableName }: Table): LoginStore {
  const loginOf = async (userId: string): Promise<string | null> => {
    const { Item } = await documents.send(
      new GetCommand({ TableName: tableName, Key: keys.personLogin(userId), ConsistentRead: true }),
    );
    return typeof Item?.login === 'string' ? Item.login : null;
  };

  const userWithLogin = async (login: string): Promise<string | null> => {
    const { Item } = await documents.send(
      new GetCommand({ TableName: tableName, Key: keys.loginClaim(login), ConsistentRead: true }),
    );
    return typeof Item?.userId === 'string' ? Item.userId : null;
  };

  /**
   * One transaction: the person's record (conditioned on what was read), the claim on the new login (unless
   * someone else's) and the release of the old one, so that a login is never two people's.
   */
  const setLogin = async (
    userId: string,
    login: string | null,
    attempt = 1,
  ): Promise<{ previous: string | null; heldBy?: string }> => {
    const previous = await loginOf(userId);
    if (previous === login) return { previous };
    const person = keys.personLogin(userId);
    const items: TransactItems = [
      login
        ? {
            Put: {
              TableName: tableName,
              Item: { ...person, entity: 'personLogin', userId, login },
              ConditionExpression: previous ? 'login = :previous' : 'attribute_not_exists(pk)',
              ...(previous ? { ExpressionAttributeValues: { ':previous': previous } } : {}),
            },
          }
        : {
            Delete: {
              TableName: tableName,
              Key: person,
              ConditionExpression: 'login = :previous',
              ExpressionAttributeValues: { ':previous': previous },
            },
          },
    ];
    if (login)
      items.push({
        Put: {
          TableName: tableName,
          Item: { ...keys.loginClaim(login), entity: 'loginClaim', userId, login },
          ConditionExpression: 'attribute_not_exists(pk) OR userId = :user',
          ExpressionAttributeValues: { ':user': userId },
        },
      });
    if (previous && previous.toLowerCase() !== login?.toLowerCase())
      items.push({
        Delete: {
          TableName: tableName,
          Key: keys.loginClaim(previous),
          ConditionExpression: 'attribute_not_exists(pk) OR userId = :user',
          ExpressionAttributeValues: { ':user': userId },
        },
      });
    try {
      await transactWithRetry(documents, items);
      return { previous };
    } catch (error) {
      if (login && conditionFailedAt(error, 1)) {
        const heldBy = await userWithLogin(login);
        if (heldBy && heldBy !== userId) return { previous, heldBy };
      }
      if (conditionFailedAt(error, 0) && attempt < ATTEMPTS) return setLogin(userId, login, attempt + 1);
      throw error;
    }
  };

  return {
    userWithLogin,
    setLogin: (userId, login) => setLogin(userId, login),
    async loginsOf(userIds) {
      const logins = new Map<string, string>();
      const unique = [...new Set(userIds)];
      for (let i = 0; i < unique.length; i += BATCH_MAX) {
        let pending: Array<Record<string, unknown>> | undefined = unique
          .slice(i, i + BATCH_MAX)
          .map((userId) => ({ ...keys.personLogin(userId) }));
        // Keys DynamoDB left unprocessed (throttling) are asked again, a few times.
        for (let attempt = 0; pending && pending.length > 0 && attempt < 5; attempt++) {
          const answer: BatchGetCommandOutput = await documents.send(
            new BatchGetCommand({ RequestItems: { [tableName]: { Keys: pending, ConsistentRead: true } } }),
          );
          for (const item of answer.Responses?.[tableName] ?? [])
            if (typeof item.login === 'string') logins.set(String(item.userId), item.login);
          pending = answer.UnprocessedKeys?.[tableName]?.Keys;
        }
      }
      return logins;
    },
  };
}
