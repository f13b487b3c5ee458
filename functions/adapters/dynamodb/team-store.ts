import type { TeamStore } from '../../app/ports/stores.js';
import { keys } from './keys.js';
import { conditionFailedAt, type Table, transactWithRetry } from './table.js';

/**
 * Team membership. Joining writes the member record, the topic's team (count and set) and the person's team
 * count in one transaction whose conditions hold the cap and the one-team rule: 20 simultaneous joins on a
 * topic with room for 4 leave exactly 4 members.
 */
export function createTeamStore({ documents, tableName }: Table): TeamStore {
  return {
    async join(hackathonId, number, userId, cap, onePerPerson) {
      try {
        await transactWithRetry(documents, [
          {
            Put: {
              TableName: tableName,
              Item: {
                ...keys.member(hackathonId, number, userId),
                entity: 'member',
                hackathonId,
                number,
                userId,
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          {
            Update: {
              TableName: tableName,
              Key: keys.topic(hackathonId, number),
              UpdateExpression: 'ADD memberCount :one, members :user',
              ConditionExpression:
                'attribute_exists(pk) AND #status <> :withdrawn AND (attribute_not_exists(memberCount) OR memberCount < :cap)',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: {
                ':one': 1,
                ':user': new Set([userId]),
                ':withdrawn': 'withdrawn',
                ':cap': cap,
              },
            },
          },
          {
            Update: {
              TableName: tableName,
              Key: keys.personTeams(hackathonId, userId),
              UpdateExpression: 'SET entity = :entity ADD teams :one',
              ...(onePerPerson ? { ConditionExpression: 'attribute_not_exists(teams) OR teams < :one' } : {}),
              ExpressionAttributeValues: { ':entity': 'personTeams', ':one': 1 },
            },
          },
        ]);
        return 'joined';
      } catch (error) {
        if (conditionFailedAt(error, 0)) return 'already-member';
        if (conditionFailedAt(error, 1)) return 'team-full';
        if (conditionFailedAt(error, 2)) return 'in-another-team';
        throw error;
      }
    },

    async leave(hackathonId, number, userId) {
      try {
        await transactWithRetry(documents, [
          {
            Delete: {
              TableName: tableName,
              Key: keys.member(hackathonId, number, userId),
              ConditionExpression: 'attribute_exists(pk)',
            },
          },
          {
            Update: {
              TableName: tableName,
              Key: keys.topic(hackathonId, number),
              UpdateExpression: 'ADD memberCount :minus DELETE members :user',
              ExpressionAttributeValues: { ':minus': -1, ':user': new Set([userId]) },
            },
          },
          {
            Update: {
              TableName: tableName,
              Key: keys.personTeams(hackathonId, userId),
              UpdateExpression: 'ADD teams :minus',
              ExpressionAttributeValues: { ':minus': -1 },
            },
          },
        ]);
        return 'left';
      } catch (error) {
        if (conditionFailedAt(error, 0)) return 'not-member';
        throw error;
      }
    },
  };
}
