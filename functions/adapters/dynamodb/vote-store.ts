import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { HackathonGuard, VoteChange, VoteStore } from '../../app/ports/stores.js';
import type { Vote } from '../../domain/vote.js';
import { keys } from './keys.js';
import {
  conditionFailedAt,
  isConditionFailure,
  queryAll,
  type Table,
  type TransactItems,
  transactWithRetry,
} from './table.js';
import { tableSchema } from './table-schema.js';

const NOTICE_TTL_SECONDS = 60 * 24 * 60 * 60;

/**
 * Votes as records plus counters, changed together in one transaction so that a topic's count always equals
 * its active vote records. Each record remembers the time of the last add or remove applied to it: a
 * redelivered event changes nothing, and an older event that arrives after a newer one (a remove racing its
 * add) is ignored, so the final state is the person's last action.
 */
export function createVoteStore({ documents, tableName }: Table): VoteStore {
  const counterUpdate = (
    change: VoteChange,
    delta: 1 | -1,
    topicMustBeOpen: boolean,
  ): TransactItems[number] => ({
    Update: {
      TableName: tableName,
      Key: keys.topic(change.hackathonId, change.number),
      UpdateExpression:
        change.kind === 'vote'
          ? 'ADD voteCount :delta'
          : delta > 0
            ? 'ADD interestCount :delta, interestedUsers :user'
            : 'ADD interestCount :delta DELETE interestedUsers :user',
      ConditionExpression: topicMustBeOpen
        ? 'attribute_exists(pk) AND #status <> :withdrawn'
        : 'attribute_exists(pk)',
      ExpressionAttributeValues: {
        ':delta': delta,
        ...(change.kind === 'interest' ? { ':user': new Set([change.userId]) } : {}),
        ...(topicMustBeOpen ? { ':withdrawn': 'withdrawn' } : {}),
      },
      ...(topicMustBeOpen ? { ExpressionAttributeNames: { '#status': 'status' } } : {}),
    },
  });

  const tallyUpdate = (change: VoteChange, delta: 1 | -1, limit: number | null): TransactItems[number] => ({
    Update: {
      TableName: tableName,
      Key: keys.voterTally(change.hackathonId, change.userId),
      UpdateExpression: 'SET entity = :entity ADD votes :delta',
      ...(delta > 0 && limit !== null
        ? { ConditionExpression: 'attribute_not_exists(votes) OR votes < :limit' }
        : {}),
      ExpressionAttributeValues: {
        ':entity': 'voterTally',
        ':delta': delta,
        ...(delta > 0 && limit !== null ? { ':limit': limit } : {}),
      },
    },
  });

  /** The guard's check, last in the transaction; `guardFailed` tells whether it is what cancelled it. */
  const guardCheck = (guard: HackathonGuard | undefined): TransactItems =>
    guard
      ? [
          {
            ConditionCheck: {
              TableName: tableName,
              Key: keys.hackathon(guard.hackathonId),
              ConditionExpression: 'updatedAt = :updatedAt AND #status = :status',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: { ':updatedAt': guard.updatedAt, ':status': guard.status },
            },
          },
        ]
      : [];
  const guardFailed = (error: unknown, items: TransactItems, guard: HackathonGuard | undefined) =>
    guard !== undefined && conditionFailedAt(error, items.length - 1);

  const readVote = async (change: VoteChange) => {
    const { Item } = await documents.send(
      new GetCommand({
        TableName: tableName,
        Key: keys.vote(change.hackathonId, change.number, change.kind, change.userId),
        ConsistentRead: true,
      }),
    );
    return Item as { state: 'active' | 'removed'; at: number; source?: Vote['source'] } | undefined;
  };

  /**
   * A vote counted from the GitHub discussion that the person now gives in Slack too: it becomes Slack's, so
   * that taking the 👍 back on GitHub no longer removes a vote Slack still holds (the sync removes only votes
   * from GitHub). Taking the Slack reaction back removes it, and the next sync counts the 👍 again. Conditional:
   * a vote removed or changed meanwhile is left as it is.
   */
  const claimForSlack = async (change: VoteChange) => {
    try {
      await documents.send(
        new UpdateCommand({
          TableName: tableName,
          Key: keys.vote(change.hackathonId, change.number, change.kind, change.userId),
          UpdateExpression: 'SET #source = :source',
          ConditionExpression: '#state = :active AND #source = :github',
          ExpressionAttributeNames: { '#state': 'state', '#source': 'source' },
          ExpressionAttributeValues: { ':active': 'active', ':github': 'github', ':source': change.source },
        }),
      );
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
    }
  };

  const transact = (items: TransactItems) => transactWithRetry(documents, items);

  return {
    async add(change, limit, guard) {
      const voteKey = keys.vote(change.hackathonId, change.number, change.kind, change.userId);
      const items: TransactItems = [
        {
          Update: {
            TableName: tableName,
            Key: voteKey,
            UpdateExpression:
              'SET #state = :active, #at = :at, entity = :entity, hackathonId = :h, #number = :n, userId = :u, kind = :k, #source = :source, gsi1pk = :g1, gsi1sk = :g2',
            ConditionExpression: 'attribute_not_exists(pk) OR (#state = :removed AND #at < :at)',
            ExpressionAttributeNames: {
              '#state': 'state',
              '#at': 'at',
              '#number': 'number',
              '#source': 'source',
            },
            ExpressionAttributeValues: {
              ':active': 'active',
              ':removed': 'removed',
              ':at': change.at,
              ':entity': 'vote',
              ':h': change.hackathonId,
              ':n': change.number,
              ':u': change.userId,
              ':k': change.kind,
              ':source': change.source,
              ':g1': keys.voteByVoter(change.hackathonId, change.userId, change.kind, change.number).gsi1pk,
              ':g2': keys.voteByVoter(change.hackathonId, change.userId, change.kind, change.number).gsi1sk,
            },
          },
        },
        counterUpdate(change, 1, true),
        ...(change.kind === 'vote' ? [tallyUpdate(change, 1, limit)] : []),
        ...guardCheck(guard),
      ];
      try {
        await transact(items);
        return 'counted';
      } catch (error) {
        if (guardFailed(error, items, guard)) return 'hackathon-changed';
        if (conditionFailedAt(error, 0)) {
          const current = await readVote(change);
          if (current?.state !== 'active') return 'superseded';
          if (current.source === 'github' && change.source !== 'github') await claimForSlack(change);
          return 'unchanged';
        }
        if (conditionFailedAt(error, 1)) return 'topic-closed';
        if (conditionFailedAt(error, 2)) return 'over-budget';
        throw error;
      }
    },

    async remove(change, guard) {
      const voteKey = keys.vote(change.hackathonId, change.number, change.kind, change.userId);
      for (let attempt = 0; attempt < 3; attempt++) {
        const items: TransactItems = [
          {
            Update: {
              TableName: tableName,
              Key: voteKey,
              UpdateExpression: 'SET #state = :removed, #at = :at',
              ConditionExpression: '#state = :active AND #at < :at',
              ExpressionAttributeNames: { '#state': 'state', '#at': 'at' },
              ExpressionAttributeValues: { ':active': 'active', ':removed': 'removed', ':at': change.at },
            },
          },
          counterUpdate(change, -1, false),
          ...(change.kind === 'vote' ? [tallyUpdate(change, -1, null)] : []),
          ...guardCheck(guard),
        ];
        try {
          await transact(items);
          return 'removed';
        } catch (error) {
          if (guardFailed(error, items, guard)) return 'hackathon-changed';
          if (!conditionFailedAt(error, 0)) throw error;
        }
        const current = await readVote(change);
        if (current?.state === 'removed') return 'unchanged';
        if (current && current.at >= change.at) return 'superseded';
        // An older add landed between the attempt and the read: remove it on the next attempt.
        if (current) continue;
        // Nothing to remove yet: leave a tombstone so that the add this removal overtook is ignored when it comes.
        try {
          await documents.send(
            new PutCommand({
              TableName: tableName,
              Item: {
                ...voteKey,
                entity: 'vote',
                state: 'removed',
                at: change.at,
                hackathonId: change.hackathonId,
                number: change.number,
                userId: change.userId,
                kind: change.kind,
                source: change.source,
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            }),
          );
          return 'unchanged';
        } catch (error) {
          if (!isConditionFailure(error)) throw error;
          // The add arrived in between: try the removal again.
        }
      }
      throw new Error('Vote removal did not settle after 3 attempts');
    },

    async listByVoter(hackathonId, userId) {
      const items = await queryAll(documents, {
        TableName: tableName,
        IndexName: tableSchema.gsi1.indexName,
        KeyConditionExpression: '#pk = :pk',
        FilterExpression: '#state = :active',
        ExpressionAttributeNames: { '#pk': tableSchema.gsi1.partitionKey, '#state': 'state' },
        ExpressionAttributeValues: { ':pk': keys.voterPartition(hackathonId, userId), ':active': 'active' },
      });
      return items.map(toVote);
    },

    async listByTopic(hackathonId, number) {
      const { pk, skPrefix } = keys.votesOfTopicPrefix(hackathonId, number);
      const items = await queryAll(documents, {
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        FilterExpression: '#state = :active',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: { ':pk': pk, ':prefix': skPrefix, ':active': 'active' },
        ConsistentRead: true,
      });
      return items.map(toVote);
    },

    async firstNotice(hackathonId, userId, notice) {
      try {
        await documents.send(
          new PutCommand({
            TableName: tableName,
            Item: {
              ...keys.notice(hackathonId, userId, notice),
              entity: 'notice',
              [tableSchema.timeToLiveAttribute]: Math.floor(Date.now() / 1000) + NOTICE_TTL_SECONDS,
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
  };
}

function toVote(item: Record<string, unknown>): Vote {
  return {
    hackathonId: String(item.hackathonId),
    number: Number(item.number),
    userId: String(item.userId),
    kind: item.kind as Vote['kind'],
    source: item.source as Vote['source'],
  };
}
