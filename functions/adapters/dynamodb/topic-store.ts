import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { TopicStore } from '../../app/ports/stores.js';
import { ConflictError, NotFoundError } from '../../domain/errors.js';
import { roundKey } from '../../domain/follow-up.js';
import { type CardRef, type CardSent, proposedTopic, type Topic } from '../../domain/topic.js';
import { keys, withoutKeys } from './keys.js';
import {
  conditionFailedAt,
  isConditionFailure,
  queryAll,
  setFields,
  type Table,
  transactWithRetry,
} from './table.js';

/** A transaction holds at most 100 items; an import is one transaction. */
const MAX_TOPICS_PER_BATCH = 100;

const DRAFT_FIELDS = [
  'title',
  'category',
  'kind',
  'teamSize',
  'fastTrack',
  'description',
  'links',
  'emoji',
] as const;

/** How many card → topic pointers a warm container remembers (oldest forgotten first). */
const CARD_CACHE_SIZE = 5_000;

export function createTopicStore({ documents, tableName }: Table): TopicStore {
  /** Sets one field of a topic that is not withdrawn (a team's answer: its check-in, its review). */
  const setOnOpenTopic = async <K extends 'checkIn' | 'review' | 'presenter'>(
    topic: Topic,
    field: K,
    value: Topic[K],
  ): Promise<Topic> => {
    try {
      await documents.send(
        new UpdateCommand({
          TableName: tableName,
          Key: keys.topic(topic.hackathonId, topic.number),
          UpdateExpression: 'SET #field = :value',
          ConditionExpression: 'attribute_exists(pk) AND #status <> :withdrawn',
          ExpressionAttributeNames: { '#status': 'status', '#field': field },
          ExpressionAttributeValues: { ':value': value, ':withdrawn': 'withdrawn' },
        }),
      );
    } catch (error) {
      if (isConditionFailure(error))
        throw new ConflictError({ code: 'topic-withdrawn', number: topic.number, refused: 'nothing' });
      throw error;
    }
    return { ...topic, [field]: value };
  };
  /**
   * Which topic a card belongs to never changes (a Slack message is attached to one topic, once: attachCard),
   * so a warm container remembers it and a vote on a card it has seen skips that read.
   */
  const cardTopics = new Map<string, { hackathonId: string; number: number }>();
  /** Reserves `count` consecutive numbers with one atomic counter update; returns the first. */
  const reserveNumbers = async (hackathonId: string, count: number): Promise<number> => {
    try {
      const { Attributes } = await documents.send(
        new UpdateCommand({
          TableName: tableName,
          Key: keys.hackathon(hackathonId),
          UpdateExpression: 'ADD topicCounter :count',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':count': count },
          ReturnValues: 'UPDATED_NEW',
        }),
      );
      return Number(Attributes?.topicCounter) - count + 1;
    } catch (error) {
      if (isConditionFailure(error)) throw new NotFoundError({ code: 'hackathon-gone' });
      throw error;
    }
  };

  const toTopic = (item: Record<string, unknown>): Topic => {
    const topic = withoutKeys<Topic & { interestedUsers?: Iterable<string>; members?: Iterable<string> }>(
      item,
    );
    return {
      ...topic,
      interestedUsers: [...(topic.interestedUsers ?? [])].sort(),
      members: [...(topic.members ?? [])].sort(),
    };
  };

  const topicItem = ({ interestedUsers: _users, members: _members, ...topic }: Topic) => ({
    ...keys.topic(topic.hackathonId, topic.number),
    entity: 'topic',
    ...topic,
  });

  const get = async (hackathonId: string, number: number): Promise<Topic | null> => {
    const { Item } = await documents.send(
      new GetCommand({ TableName: tableName, Key: keys.topic(hackathonId, number), ConsistentRead: true }),
    );
    return Item ? toTopic(Item) : null;
  };

  return {
    async create(hackathonId, draft, proposerId, now) {
      const number = await reserveNumbers(hackathonId, 1);
      const topic = proposedTopic(hackathonId, number, draft, proposerId, now);
      try {
        await documents.send(
          new PutCommand({
            TableName: tableName,
            Item: topicItem(topic),
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
        return topic;
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        // The number is reserved for this topic alone, so the item can only be this very write, applied by an
        // earlier attempt whose answer was lost (the SDK retried it): the topic is saved; say so.
        const stored = await get(hackathonId, number);
        if (stored?.createdAt === now && stored.proposerId === proposerId && stored.title === topic.title)
          return stored;
        throw error;
      }
    },

    async createMany(hackathonId, drafts, proposerId, now) {
      if (drafts.length === 0) return [];
      if (drafts.length > MAX_TOPICS_PER_BATCH)
        throw new ConflictError({ code: 'batch-too-big', max: MAX_TOPICS_PER_BATCH, carryingOver: false });
      const first = await reserveNumbers(hackathonId, drafts.length);
      const topics = drafts.map((draft, i) =>
        proposedTopic(hackathonId, first + i, draft, draft.proposerId ?? proposerId, now),
      );
      // A topic carried over from an earlier hackathon leaves a marker, so it is carried over once only.
      const markers = topics.flatMap((topic) =>
        topic.carriedFrom
          ? [
              {
                Put: {
                  TableName: tableName,
                  Item: {
                    ...keys.carried(hackathonId, topic.carriedFrom.hackathonId, topic.carriedFrom.number),
                    entity: 'carried',
                    number: topic.number,
                  },
                  ConditionExpression: 'attribute_not_exists(pk)',
                },
              },
            ]
          : topic.issue
            ? [
                {
                  // A topic made from an issue claims it, so that each issue is one topic however often
                  // webhooks and the reconcile bring it in.
                  Put: {
                    TableName: tableName,
                    Item: {
                      ...keys.topicIssue(hackathonId, topic.issue.repo, topic.issue.number),
                      entity: 'topicIssue',
                      number: topic.number,
                    },
                    ConditionExpression: 'attribute_not_exists(pk)',
                  },
                },
              ]
            : [],
      );
      if (topics.length + markers.length > 100)
        throw new ConflictError({ code: 'batch-too-big', max: MAX_TOPICS_PER_BATCH / 2, carryingOver: true });
      try {
        await transactWithRetry(documents, [
          ...topics.map((topic) => ({
            Put: {
              TableName: tableName,
              Item: topicItem(topic),
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          })),
          ...markers,
        ]);
      } catch (error) {
        if (markers.some((_, i) => conditionFailedAt(error, topics.length + i)))
          throw new ConflictError(
            topics.some((topic) => topic.issue) ? { code: 'issue-taken' } : { code: 'carried-just-now' },
          );
        throw error;
      }
      return topics;
    },

    get,

    async list(hackathonId) {
      const { pk, skPrefix } = keys.topicPrefix(hackathonId);
      const items = await queryAll(documents, {
        TableName: tableName,
        KeyConditionExpression: 'pk = :pk AND begins_with(sk, :prefix)',
        ExpressionAttributeValues: { ':pk': pk, ':prefix': skPrefix },
      });
      return items.map(toTopic);
    },

    async update(topic, draft, userId, now) {
      const set = setFields({ ...draft, updatedAt: now, updatedBy: userId });
      const previous = Object.fromEntries(DRAFT_FIELDS.map((field) => [field, topic[field]]));
      try {
        await transactWithRetry(documents, [
          {
            Update: {
              TableName: tableName,
              Key: keys.topic(topic.hackathonId, topic.number),
              UpdateExpression: set.UpdateExpression,
              ConditionExpression: '#updatedAt = :expected AND #status <> :withdrawn',
              ExpressionAttributeNames: {
                ...set.ExpressionAttributeNames,
                '#updatedAt': 'updatedAt',
                '#status': 'status',
              },
              ExpressionAttributeValues: {
                ...set.ExpressionAttributeValues,
                ':expected': topic.updatedAt,
                ':withdrawn': 'withdrawn',
              },
            },
          },
          {
            Put: {
              TableName: tableName,
              Item: {
                ...keys.topicRevision(topic.hackathonId, topic.number, topic.updatedAt),
                entity: 'topicRevision',
                hackathonId: topic.hackathonId,
                number: topic.number,
                ...previous,
                revisedAt: now,
                revisedBy: userId,
              },
            },
          },
        ]);
      } catch (error) {
        if (conditionFailedAt(error, 0))
          throw new ConflictError({ code: 'topic-changed', number: topic.number, when: 'meanwhile' });
        throw error;
      }
      return { ...topic, ...draft, updatedAt: now, updatedBy: userId };
    },

    async withdraw(topic, userId, now) {
      try {
        const { Attributes } = await documents.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keys.topic(topic.hackathonId, topic.number),
            UpdateExpression:
              'SET #status = :withdrawn, withdrawnAt = :now, updatedAt = :now, updatedBy = :user',
            ConditionExpression: 'attribute_exists(pk) AND #status <> :withdrawn',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: { ':withdrawn': 'withdrawn', ':now': now, ':user': userId },
            ReturnValues: 'ALL_NEW',
          }),
        );
        return toTopic(Attributes ?? {});
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        const current = await get(topic.hackathonId, topic.number);
        if (!current) throw new NotFoundError({ code: 'topic-gone', number: topic.number });
        return current;
      }
    },

    async attachCard(topic, card: CardRef, sent?: CardSent) {
      try {
        await transactWithRetry(documents, [
          {
            Update: {
              TableName: tableName,
              Key: keys.topic(topic.hackathonId, topic.number),
              UpdateExpression: 'SET card = :card, cardSent = :sent',
              ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(card) OR card = :none)',
              ExpressionAttributeValues: { ':card': card, ':none': null, ':sent': sent ?? null },
            },
          },
          {
            Put: {
              TableName: tableName,
              Item: {
                ...keys.card(card.channelId, card.ts),
                entity: 'card',
                hackathonId: topic.hackathonId,
                number: topic.number,
              },
            },
          },
        ]);
        return { ...topic, card, cardSent: sent ?? null };
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        return (await get(topic.hackathonId, topic.number)) ?? topic;
      }
    },

    async recordCardSent(topic, sent) {
      try {
        await documents.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keys.topic(topic.hackathonId, topic.number),
            UpdateExpression: 'SET cardSent = :sent',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeValues: { ':sent': sent },
          }),
        );
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
      }
    },

    async setStatus(topic, status, note, userId, now) {
      try {
        await transactWithRetry(documents, [
          {
            Update: {
              TableName: tableName,
              Key: keys.topic(topic.hackathonId, topic.number),
              UpdateExpression:
                'SET #status = :status, statusNote = :note, updatedAt = :now, updatedBy = :user',
              ConditionExpression: 'attribute_exists(pk) AND #status <> :withdrawn',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: {
                ':status': status,
                ':note': note,
                ':now': now,
                ':user': userId,
                ':withdrawn': 'withdrawn',
              },
            },
          },
          {
            Put: {
              TableName: tableName,
              Item: {
                ...keys.statusChange(topic.hackathonId, topic.number, now),
                entity: 'statusChange',
                hackathonId: topic.hackathonId,
                number: topic.number,
                from: topic.status,
                to: status,
                note,
                by: userId,
                at: now,
              },
            },
          },
        ]);
      } catch (error) {
        if (conditionFailedAt(error, 0))
          throw new ConflictError({ code: 'topic-withdrawn', number: topic.number, refused: 'status' });
        throw error;
      }
      return { ...topic, status, statusNote: note, updatedAt: now, updatedBy: userId };
    },

    async setOutcome(topic, outcome, expectedUpdatedAt) {
      try {
        await documents.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keys.topic(topic.hackathonId, topic.number),
            UpdateExpression: 'SET outcome = :outcome',
            ConditionExpression:
              expectedUpdatedAt === null
                ? 'attribute_exists(pk) AND #status <> :withdrawn AND (attribute_not_exists(outcome) OR outcome = :none)'
                : 'attribute_exists(pk) AND #status <> :withdrawn AND outcome.updatedAt = :expected',
            ExpressionAttributeNames: { '#status': 'status' },
            ExpressionAttributeValues: {
              ':outcome': outcome,
              ':withdrawn': 'withdrawn',
              ...(expectedUpdatedAt === null ? { ':none': null } : { ':expected': expectedUpdatedAt }),
            },
          }),
        );
      } catch (error) {
        if (isConditionFailure(error))
          throw new ConflictError({ code: 'outcome-saved-meanwhile', number: topic.number });
        throw error;
      }
      return { ...topic, outcome };
    },

    setCheckIn: (topic, checkIn) => setOnOpenTopic(topic, 'checkIn', checkIn),

    setReview: (topic, review) => setOnOpenTopic(topic, 'review', review),
    setPresenter: (topic, presenter) => setOnOpenTopic(topic, 'presenter', presenter),

    // Two writes, each safe beside any other: the map made if missing (never replacing one another answer made
    // meanwhile), then the round's answer set inside it (a second answer in the round replaces the first).
    async setFollowUp(topic, followUp) {
      const round = roundKey(followUp.round);
      const update = (
        expression: string,
        values: Record<string, unknown>,
        names: Record<string, string> = {},
        returned: 'NONE' | 'ALL_NEW' = 'NONE',
      ) =>
        documents.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keys.topic(topic.hackathonId, topic.number),
            UpdateExpression: expression,
            ConditionExpression: 'attribute_exists(pk) AND #status <> :withdrawn',
            ExpressionAttributeNames: { '#status': 'status', '#followUps': 'followUps', ...names },
            ExpressionAttributeValues: { ':withdrawn': 'withdrawn', ...values },
            ReturnValues: returned,
          }),
        );
      try {
        await update('SET #followUps = if_not_exists(#followUps, :empty)', { ':empty': {} });
        const { Attributes } = await update(
          'SET #followUps.#round = :answer',
          { ':answer': followUp },
          { '#round': round },
          'ALL_NEW',
        );
        return {
          ...topic,
          followUps: (Attributes?.followUps as Topic['followUps']) ?? { [round]: followUp },
        };
      } catch (error) {
        if (isConditionFailure(error))
          throw new ConflictError({ code: 'topic-withdrawn', number: topic.number, refused: 'nothing' });
        throw error;
      }
    },

    async addLink(topic, url, limit) {
      try {
        await documents.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keys.topic(topic.hackathonId, topic.number),
            UpdateExpression: 'SET links = list_append(links, :new)',
            ConditionExpression:
              'attribute_exists(pk) AND NOT contains(links, :url) AND size(links) < :limit',
            ExpressionAttributeValues: { ':new': [url], ':url': url, ':limit': limit },
          }),
        );
        return 'added';
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        const current = await get(topic.hackathonId, topic.number);
        return current?.links.includes(url) ? 'present' : 'full';
      }
    },

    async findByCard(card) {
      const cacheKey = `${card.channelId}/${card.ts}`;
      const known = cardTopics.get(cacheKey);
      if (known) return known;
      const { Item } = await documents.send(
        new GetCommand({ TableName: tableName, Key: keys.card(card.channelId, card.ts) }),
      );
      if (!Item) return null; // not a card, or not attached yet: asked again next time
      const topic = { hackathonId: String(Item.hackathonId), number: Number(Item.number) };
      if (cardTopics.size >= CARD_CACHE_SIZE) cardTopics.delete(cardTopics.keys().next().value as string);
      cardTopics.set(cacheKey, topic);
      return topic;
    },
  };
}
