import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import type { HackathonStore } from '../../app/ports/stores.js';
import { ConflictError, NotFoundError } from '../../domain/errors.js';
import type { Hackathon, HackathonSettings } from '../../domain/hackathon.js';
import type { AgendaPost } from '../../domain/meetings.js';
import type { CardRef } from '../../domain/topic.js';
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

export function createHackathonStore({ documents, tableName }: Table): HackathonStore {
  const get = async (id: string): Promise<Hackathon | null> => {
    const { Item } = await documents.send(new GetCommand({ TableName: tableName, Key: keys.hackathon(id) }));
    return Item ? withoutKeys<Hackathon>(Item) : null;
  }; /**
   * Remembers a message of the hackathon's (`attribute`) unless one is remembered already; returns the one kept,
   * so that two runs posting it at once keep one and the other can take its message back.
   */
  const rememberOnce = async (
    id: string,
    attribute: 'rankingMessage' | 'announcement',
    ref: CardRef,
  ): Promise<CardRef> => {
    try {
      await documents.send(
        new UpdateCommand({
          TableName: tableName,
          Key: keys.hackathon(id),
          UpdateExpression: 'SET #message = :ref',
          ConditionExpression:
            'attribute_exists(pk) AND (attribute_not_exists(#message) OR #message = :none)',
          ExpressionAttributeNames: { '#message': attribute },
          ExpressionAttributeValues: { ':ref': ref, ':none': null },
        }),
      );
      return ref;
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      return (await get(id))?.[attribute] ?? ref;
    }
  };

  return {
    async create(hackathon) {
      try {
        await transactWithRetry(documents, [
          {
            Put: {
              TableName: tableName,
              Item: {
                ...keys.activeHackathon(hackathon.channelId),
                entity: 'activeHackathon',
                hackathonId: hackathon.id,
              },
              // A channel whose hackathon has ended may start the next one.
              ConditionExpression: 'attribute_not_exists(pk) OR ended = :true',
              ExpressionAttributeValues: { ':true': true },
            },
          },
          {
            Put: {
              TableName: tableName,
              Item: {
                ...keys.hackathon(hackathon.id),
                ...keys.hackathonByTeam(hackathon.teamId, hackathon.createdAt, hackathon.id),
                entity: 'hackathon',
                topicCounter: 0,
                ...hackathon,
              },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
        ]);
      } catch (error) {
        if (conditionFailedAt(error, 0)) throw new ConflictError({ code: 'channel-taken' });
        throw error;
      }
    },

    get,

    async findActiveByChannel(channelId) {
      const { Item } = await documents.send(
        new GetCommand({ TableName: tableName, Key: keys.activeHackathon(channelId) }),
      );
      return typeof Item?.hackathonId === 'string' ? get(Item.hackathonId) : null;
    },

    async updateSettings(id, settings: HackathonSettings, expectedUpdatedAt, now) {
      const set = setFields({ ...settings, updatedAt: now });
      try {
        const { Attributes } = await documents.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keys.hackathon(id),
            UpdateExpression: set.UpdateExpression,
            ConditionExpression: 'attribute_exists(pk) AND #updatedAt = :expected',
            ExpressionAttributeNames: { ...set.ExpressionAttributeNames, '#updatedAt': 'updatedAt' },
            ExpressionAttributeValues: { ...set.ExpressionAttributeValues, ':expected': expectedUpdatedAt },
            ReturnValues: 'ALL_NEW',
          }),
        );
        return withoutKeys<Hackathon>(Attributes ?? {});
      } catch (error) {
        if (isConditionFailure(error)) throw new ConflictError({ code: 'settings-changed-meanwhile' });
        throw error;
      }
    },

    async closeVoting(id, now) {
      try {
        const { Attributes } = await documents.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keys.hackathon(id),
            UpdateExpression: 'SET votingClosesAt = :now, updatedAt = :now',
            ConditionExpression: 'attribute_exists(pk) AND (votingClosesAt = :none OR votingClosesAt > :now)',
            ExpressionAttributeValues: { ':now': now, ':none': null },
            ReturnValues: 'ALL_NEW',
          }),
        );
        return withoutKeys<Hackathon>(Attributes ?? {});
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        const current = await get(id);
        if (!current) throw new NotFoundError({ code: 'hackathon-gone' });
        return current;
      }
    },

    async setAttendees(id, attendees) {
      try {
        await documents.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keys.hackathon(id),
            UpdateExpression: 'SET attendees = :attendees',
            ConditionExpression: 'attribute_exists(pk)',
            ExpressionAttributeValues: { ':attendees': attendees },
          }),
        );
      } catch (error) {
        if (isConditionFailure(error)) throw new NotFoundError({ code: 'hackathon-gone' });
        throw error;
      }
    },

    async addJob(job) {
      try {
        await documents.send(
          new PutCommand({
            TableName: tableName,
            Item: {
              ...keys.jobOf(job),
              entity: 'job',
              ...job,
            },
            // A job is recorded once: a retried continuation finds its round recorded and leaves it.
            ConditionExpression: 'attribute_not_exists(pk)',
          }),
        );
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
      }
    },

    async publishTeams(job, expectedVersion) {
      try {
        await transactWithRetry(documents, [
          {
            Update: {
              TableName: tableName,
              Key: keys.hackathon(job.hackathonId),
              UpdateExpression: 'SET teamsVersion = :version',
              ConditionExpression:
                expectedVersion === 0
                  ? 'attribute_exists(pk) AND attribute_not_exists(teamsVersion)'
                  : 'teamsVersion = :expected',
              ExpressionAttributeValues: {
                ':version': job.version,
                ...(expectedVersion === 0 ? {} : { ':expected': expectedVersion }),
              },
            },
          },
          {
            Put: {
              TableName: tableName,
              Item: { ...keys.job(job.hackathonId, job.requestedAt, job.kind), entity: 'job', ...job },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
        ]);
      } catch (error) {
        if (conditionFailedAt(error, 0) || conditionFailedAt(error, 1))
          throw new ConflictError({ code: 'teams-published-meanwhile' });
        throw error;
      }
    },

    async setBoard(id, ref, expectedTs) {
      try {
        await documents.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keys.hackathon(id),
            UpdateExpression: 'SET board = :ref',
            ConditionExpression:
              expectedTs === null
                ? 'attribute_exists(pk) AND (attribute_not_exists(board) OR board = :none)'
                : 'board.ts = :expected',
            ExpressionAttributeValues: {
              ':ref': ref,
              ...(expectedTs === null ? { ':none': null } : { ':expected': expectedTs }),
            },
          }),
        );
        return ref;
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        return (await get(id))?.board ?? ref;
      }
    },

    async end(job) {
      try {
        await transactWithRetry(documents, [
          {
            Update: {
              TableName: tableName,
              Key: keys.hackathon(job.hackathonId),
              UpdateExpression: 'SET #status = :ended, endedAt = :now',
              ConditionExpression: '#status = :active',
              ExpressionAttributeNames: { '#status': 'status' },
              ExpressionAttributeValues: { ':ended': 'ended', ':active': 'active', ':now': job.requestedAt },
            },
          },
          {
            Put: {
              TableName: tableName,
              Item: { ...keys.job(job.hackathonId, job.requestedAt, job.kind), entity: 'job', ...job },
              ConditionExpression: 'attribute_not_exists(pk)',
            },
          },
        ]);
      } catch (error) {
        if (conditionFailedAt(error, 0) || conditionFailedAt(error, 1)) return 'already-ended';
        throw error;
      }
      // The channel may get a new hackathon now; the pointer stays for export until one is set up.
      const hackathon = await get(job.hackathonId);
      if (hackathon) {
        await documents
          .send(
            new UpdateCommand({
              TableName: tableName,
              Key: keys.activeHackathon(hackathon.channelId),
              UpdateExpression: 'SET ended = :true',
              ConditionExpression: 'hackathonId = :id',
              ExpressionAttributeValues: { ':true': true, ':id': hackathon.id },
            }),
          )
          .catch((error: unknown) => {
            if (!isConditionFailure(error)) throw error;
          });
      }
      return 'ended';
    },

    async setWrapUpMessage(id, ref) {
      try {
        await documents.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keys.hackathon(id),
            UpdateExpression: 'SET wrapUp = :wrapUp',
            ConditionExpression: 'attribute_exists(pk) AND (attribute_not_exists(wrapUp) OR wrapUp = :none)',
            ExpressionAttributeValues: { ':wrapUp': { ...ref, replies: {}, files: false }, ':none': null },
          }),
        );
        return ref;
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
        const kept = (await get(id))?.wrapUp;
        return kept ? { channelId: kept.channelId, ts: kept.ts } : ref;
      }
    },

    async addWrapUpReply(id, number, ts) {
      await documents.send(
        new UpdateCommand({
          TableName: tableName,
          Key: keys.hackathon(id),
          UpdateExpression: 'SET wrapUp.replies.#number = :ts',
          ConditionExpression: 'attribute_exists(wrapUp.ts)',
          ExpressionAttributeNames: { '#number': String(number) },
          ExpressionAttributeValues: { ':ts': ts },
        }),
      );
    },

    async setWrapUpFiles(id) {
      await documents.send(
        new UpdateCommand({
          TableName: tableName,
          Key: keys.hackathon(id),
          UpdateExpression: 'SET wrapUp.files = :true',
          ConditionExpression: 'attribute_exists(wrapUp.ts)',
          ExpressionAttributeValues: { ':true': true },
        }),
      );
    },

    async recordWebsitePull(id, pull, problem) {
      await documents.send(
        new UpdateCommand({
          TableName: tableName,
          Key: keys.hackathon(id),
          UpdateExpression: 'SET websitePull = :pull, websiteProblem = :problem',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':pull': pull, ':problem': problem },
        }),
      );
    },

    async setScheduleSlots(id, slots) {
      await documents.send(
        new UpdateCommand({
          TableName: tableName,
          Key: keys.hackathon(id),
          UpdateExpression: 'SET scheduleSlots = :slots',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':slots': slots },
        }),
      );
    },

    setRankingMessage: (id, ref) => rememberOnce(id, 'rankingMessage', ref),

    setAnnouncement: (id, ref) => rememberOnce(id, 'announcement', ref),

    async setVotingDiscussion(id, discussion) {
      await documents.send(
        new UpdateCommand({
          TableName: tableName,
          Key: keys.hackathon(id),
          UpdateExpression: 'SET votingDiscussion = :discussion',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeValues: { ':discussion': discussion },
        }),
      );
    },

    async setAgenda(id, kind, post) {
      // Two writes: the map first (if there is none), then the meeting's entry in it; other meetings' stay.
      await documents
        .send(
          new UpdateCommand({
            TableName: tableName,
            Key: keys.hackathon(id),
            UpdateExpression: 'SET agendas = :empty',
            ConditionExpression:
              'attribute_exists(pk) AND (attribute_not_exists(agendas) OR agendas = :none)',
            ExpressionAttributeValues: { ':empty': {}, ':none': null },
          }),
        )
        .catch((error: unknown) => {
          if (!isConditionFailure(error)) throw error;
        });
      const { Attributes } = await documents.send(
        new UpdateCommand({
          TableName: tableName,
          Key: keys.hackathon(id),
          UpdateExpression: 'SET agendas.#kind = :post',
          ConditionExpression: 'attribute_exists(pk)',
          ExpressionAttributeNames: { '#kind': kind },
          ExpressionAttributeValues: { ':post': post },
          ReturnValues: 'UPDATED_OLD',
        }),
      );
      return ((Attributes?.agendas as Hackathon['agendas'])?.[kind] as AgendaPost | undefined) ?? null;
    },

    async advanceAgenda(id, kind, from) {
      try {
        const { Attributes } = await documents.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keys.hackathon(id),
            UpdateExpression: 'SET agendas.#kind.#current = :next',
            ConditionExpression: 'agendas.#kind.#current = :from',
            ExpressionAttributeNames: { '#kind': kind, '#current': 'current' },
            ExpressionAttributeValues: { ':from': from, ':next': from + 1 },
            ReturnValues: 'ALL_NEW',
          }),
        );
        return (withoutKeys<Hackathon>(Attributes ?? {}).agendas?.[kind] as AgendaPost | undefined) ?? null;
      } catch (error) {
        if (isConditionFailure(error)) return null;
        throw error;
      }
    },

    async setWaitingForChannel(id, waiting) {
      try {
        await documents.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keys.hackathon(id),
            // Waiting since the first refusal: a later one keeps it.
            ...(waiting
              ? {
                  UpdateExpression: 'SET waitingForChannel = if_not_exists(waitingForChannel, :waiting)',
                  ExpressionAttributeValues: { ':waiting': waiting },
                }
              : { UpdateExpression: 'REMOVE waitingForChannel' }),
            ConditionExpression: 'attribute_exists(pk)',
          }),
        );
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
      }
    },

    async setChannelVisibility(id, visibility) {
      try {
        await documents.send(
          new UpdateCommand({
            TableName: tableName,
            Key: keys.hackathon(id),
            UpdateExpression: 'SET channelVisibility = :visibility',
            // Written only when it changes: many people opening their Home tab write it once.
            ConditionExpression:
              'attribute_exists(pk) AND (attribute_not_exists(channelVisibility) OR channelVisibility <> :visibility)',
            ExpressionAttributeValues: { ':visibility': visibility },
          }),
        );
      } catch (error) {
        if (!isConditionFailure(error)) throw error;
      }
    },

    async listByTeam(teamId) {
      const items = await queryAll(documents, {
        TableName: tableName,
        IndexName: tableSchema.gsi1.indexName,
        KeyConditionExpression: '#pk = :pk',
        ExpressionAttributeNames: { '#pk': tableSchema.gsi1.partitionKey },
        ExpressionAttributeValues: { ':pk': keys.teamHackathonsPartition(teamId) },
        ScanIndexForward: false,
      });
      return items.map((item) => withoutKeys<Hackathon>(item));
    },
  };
}

/** What tells a job apart from others recorded at the same time: its kind (and a card refresh's id). */
