import { DeleteCommand, GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { IssueLinkStore } from '../../app/ports/stores.js';
import { ConflictError } from '../../domain/errors.js';
import type { IssueTeam } from '../../domain/github.js';
import type { Topic } from '../../domain/topic.js';
import { keys, withoutKeys } from './keys.js';
import {
  conditionFailedAt,
  isConditionFailure,
  queryAll,
  setFields,
  type Table,
  transactWithRetry,
} from './table.js';
import { tableSchema } from './table-schema.js';

/**
 * How long a webhook delivery's id is remembered. GitHub keeps deliveries for redelivery for 3 days
 * (docs.github.com, "Redelivering webhooks"); a week covers that with room.
 */
const DELIVERY_TTL_SECONDS = 7 * 24 * 3600;

export function createIssueLinkStore({ documents, tableName }: Table): IssueLinkStore {
  const topicKey = (topic: Topic) => keys.topic(topic.hackathonId, topic.number);
  return {
    async linkRepository(hackathon, repo) {
      await documents.send(
        new PutCommand({
          TableName: tableName,
          Item: {
            ...keys.linkedRepository(repo, hackathon.id),
            entity: 'linkedRepository',
            hackathonId: hackathon.id,
            channelId: hackathon.channelId,
            repo,
          },
        }),
      );
    },

    async unlinkRepository(hackathonId, repo) {
      await documents.send(
        new DeleteCommand({ TableName: tableName, Key: keys.linkedRepository(repo, hackathonId) }),
      );
    },

    async linkedHackathons(repo) {
      const items = await queryAll(documents, {
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': keys.linkedRepositoryPartition(repo) },
      });
      return items.map((item) => ({
        hackathonId: String(item.hackathonId),
        channelId: String(item.channelId),
      }));
    },

    async topicsOfIssues(hackathonId) {
      const { pk, skPrefix } = keys.topicIssuesPrefix(hackathonId);
      const items = await queryAll(documents, {
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': pk, ':prefix': skPrefix },
        ConsistentRead: true,
      });
      return new Map(
        items.map((item) => {
          const [, repo, number] = /^ISSUE#(.+)#(\d+)$/.exec(String(item.sk)) ?? [];
          return [`${repo}#${Number(number)}`, Number(item.number)] as const;
        }),
      );
    },

    async attachIssue(topic, issue, synced) {
      try {
        await transactWithRetry(documents, [
          {
            Put: {
              TableName: tableName,
              Item: {
                ...keys.topicIssue(topic.hackathonId, issue.repo, issue.number),
                entity: 'topicIssue',
                number: topic.number,
              },
              ConditionExpression: 'attribute_not_exists(pk) OR #number = :number',
              ExpressionAttributeNames: { '#number': 'number' },
              ExpressionAttributeValues: { ':number': topic.number },
            },
          },
          {
            Update: {
              TableName: tableName,
              Key: topicKey(topic),
              UpdateExpression: 'SET #issue = :issue, issueSynced = :synced',
              ConditionExpression:
                'attribute_exists(pk) AND (attribute_not_exists(#issue) OR #issue = :null)',
              ExpressionAttributeNames: { '#issue': 'issue' },
              ExpressionAttributeValues: { ':issue': issue, ':synced': synced, ':null': null },
            },
          },
        ]);
        return { ...topic, issue, issueSynced: synced };
      } catch (error) {
        if (conditionFailedAt(error, 0)) return null;
        if (conditionFailedAt(error, 1)) return topic;
        throw error;
      }
    },

    async claimIssueOpening(topic, now, leaseMs) {
      try {
        await documents.send(
          new UpdateCommand({
            TableName: tableName,
            Key: topicKey(topic),
            UpdateExpression: 'SET issueOpening = :until',
            ConditionExpression:
              'attribute_exists(pk) AND (attribute_not_exists(#issue) OR #issue = :null) AND ' +
              '(attribute_not_exists(issueOpening) OR issueOpening < :now)',
            ExpressionAttributeNames: { '#issue': 'issue' },
            ExpressionAttributeValues: {
              ':until': new Date(now.getTime() + leaseMs).toISOString(),
              ':now': now.toISOString(),
              ':null': null,
            },
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },

    async releaseIssueOpening(topic) {
      await documents
        .send(
          new UpdateCommand({
            TableName: tableName,
            Key: topicKey(topic),
            UpdateExpression: 'REMOVE issueOpening',
            ConditionExpression: 'attribute_exists(pk)',
          }),
        )
        .catch((error: unknown) => {
          if (!isConditionFailure(error)) throw error;
        });
    },

    async applyIssue(topic, state, now) {
      const withdrawing = state.status === 'withdrawn' && topic.status !== 'withdrawn';
      const fields: Record<string, unknown> = {
        ...state.draft,
        difficulty: state.difficulty,
        issue: state.issue,
        issueSynced: state.synced,
        updatedAt: now,
        updatedBy: topic.updatedBy,
      };
      if (state.status) {
        fields.status = state.status;
        fields.withdrawnAt = state.status === 'withdrawn' ? (withdrawing ? now : topic.withdrawnAt) : null;
      }
      const set = setFields(fields);
      try {
        const { Attributes } = await documents.send(
          new UpdateCommand({
            TableName: tableName,
            Key: topicKey(topic),
            ...set,
            ConditionExpression: 'attribute_exists(pk) AND updatedAt = :expected',
            ExpressionAttributeValues: { ...set.ExpressionAttributeValues, ':expected': topic.updatedAt },
            ReturnValues: 'ALL_NEW',
          }),
        );
        return withoutKeys<Topic>(Attributes ?? {});
      } catch (error) {
        if (isConditionFailure(error))
          throw new ConflictError({ code: 'topic-changed', number: topic.number, when: 'meanwhile' });
        throw error;
      }
    },

    async recordIssueSynced(topic, synced) {
      try {
        await documents.send(
          new UpdateCommand({
            TableName: tableName,
            Key: topicKey(topic),
            UpdateExpression: 'SET issueSynced = :synced',
            ConditionExpression: 'attribute_exists(pk) AND updatedAt = :expected',
            ExpressionAttributeValues: { ':synced': synced, ':expected': topic.updatedAt },
          }),
        );
      } catch (error) {
        // The topic moved meanwhile: its next change is compared with what was last agreed, and carried over.
        if (!isConditionFailure(error)) throw error;
      }
    },

    async detachIssue(topic, now) {
      if (!topic.issue) return topic;
      await transactWithRetry(documents, [
        {
          Delete: {
            TableName: tableName,
            Key: keys.topicIssue(topic.hackathonId, topic.issue.repo, topic.issue.number),
          },
        },
        {
          Update: {
            TableName: tableName,
            Key: topicKey(topic),
            UpdateExpression:
              'SET #issue = :null, issueSynced = :null, updatedAt = :now, #status = :withdrawn, withdrawnAt = :at',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeNames: { '#issue': 'issue', '#status': 'status' },
            ExpressionAttributeValues: {
              ':null': null,
              ':now': now,
              ':withdrawn': 'withdrawn',
              ':at': topic.withdrawnAt ?? now,
            },
          },
        },
      ]);
      return {
        ...topic,
        issue: null,
        issueSynced: null,
        updatedAt: now,
        status: 'withdrawn',
        withdrawnAt: topic.withdrawnAt ?? now,
      };
    },

    async recordIssueTeam(topic, previous, team) {
      try {
        await documents.send(
          new UpdateCommand({
            TableName: tableName,
            Key: topicKey(topic),
            UpdateExpression: 'SET issueTeam = :team',
            ConditionExpression: previous
              ? 'attribute_exists(pk) AND issueTeam = :previous'
              : 'attribute_exists(pk) AND (attribute_not_exists(issueTeam) OR issueTeam = :null)',
            ExpressionAttributeValues: {
              ':team': team,
              ...(previous ? { ':previous': previous } : { ':null': null }),
            },
          }),
        );
        return null;
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        const { Item } = await documents.send(
          new GetCommand({ TableName: tableName, Key: topicKey(topic), ConsistentRead: true }),
        );
        return (Item?.issueTeam as IssueTeam | null | undefined) ?? team;
      }
    },

    async recordPullRequests(topic, previous, next) {
      try {
        await documents.send(
          new UpdateCommand({
            TableName: tableName,
            Key: topicKey(topic),
            UpdateExpression: 'SET pullRequests = :next',
            ConditionExpression:
              previous.length > 0
                ? 'attribute_exists(pk) AND pullRequests = :previous'
                : 'attribute_exists(pk) AND (attribute_not_exists(pullRequests) OR pullRequests = :null OR size(pullRequests) = :zero)',
            ExpressionAttributeValues: {
              ':next': next,
              ...(previous.length > 0 ? { ':previous': previous } : { ':null': null, ':zero': 0 }),
            },
          }),
        );
        return true;
      } catch (error) {
        if (isConditionFailure(error)) return false;
        throw error;
      }
    },

    async recordDelivery(deliveryId, jobs, now) {
      const expiresAt = Math.floor(now.getTime() / 1000) + DELIVERY_TTL_SECONDS;
      try {
        await transactWithRetry(documents, [
          {
            Put: {
              TableName: tableName,
              Item: {
                ...keys.webhookDelivery(deliveryId),
                entity: 'webhookDelivery',
                receivedAt: now.toISOString(),
                jobs: jobs.length,
                [tableSchema.timeToLiveAttribute]: expiresAt,
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
          ...jobs.map((job) => ({
            Put: {
              TableName: tableName,
              Item: { ...keys.jobOf(job), entity: 'job', ...job },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          })),
        ]);
        return 'recorded';
      } catch (error) {
        if (conditionFailedAt(error, 0)) return 'duplicate';
        throw error;
      }
    },
  };
}
