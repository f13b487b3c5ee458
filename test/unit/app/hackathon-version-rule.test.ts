import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import {
  DynamoDBDocumentClient,
  PutCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
  UpdateCommand,
} from '@aws-sdk/lib-dynamodb';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { createHackathonStore } from '../../../functions/adapters/dynamodb/hackathon-store.js';
import { keys } from '../../../functions/adapters/dynamodb/keys.js';
import { createTopicStore } from '../../../functions/adapters/dynamodb/topic-store.js';
import type { HackathonStore } from '../../../functions/app/ports/stores.js';
import { applyReaction, type ReactionResult, rememberHackathons } from '../../../functions/app/votes.js';
import type { Hackathon } from '../../../functions/domain/hackathon.js';
import type { CardRef } from '../../../functions/domain/topic.js';
import { aHackathon, aTopicDraft } from '../../helpers/builders.js';
import { givenHackathon, givenTopics } from '../../helpers/fakes/given.js';
import {
  attributesWritten,
  type HackathonWrite,
  hackathonWrites,
  VERSION_FIELDS,
  VOTE_FIELDS,
  versionRuleBreaches,
  voteFieldEffects,
  WRITTEN_AT,
} from '../../helpers/fakes/hackathon-version-rule.js';
import { inMemoryStores } from '../../helpers/fakes/stores.js';

/** The writes that change what a vote depends on: without them the checks below would check nothing. */
const VOTE_WRITES = ['updateSettings', 'closeVoting', 'end'];

describe('the rule held by the in-memory store', () => {
  it('every write that changes a vote field moves updatedAt or status', async () => {
    expect(await versionRuleBreaches(inMemoryStores().hackathons)).toEqual([]);
    const effects = await voteFieldEffects(inMemoryStores().hackathons);
    expect(effects.filter((e) => e.changed.length > 0).map((e) => e.write)).toEqual(VOTE_WRITES);
  });

  it('catches a write that changes a vote field and leaves updatedAt as it was', async () => {
    const store = inMemoryStores().hackathons;
    // closeVoting as a careless new writer might have it: the close is stored, the version is not moved.
    const pinned = new Map<string, string>();
    const careless: HackathonStore = {
      ...store,
      get: async (id) => {
        const hackathon = await store.get(id);
        return hackathon && { ...hackathon, updatedAt: pinned.get(id) ?? hackathon.updatedAt };
      },
      closeVoting: async (id, now) => {
        const before = (await store.get(id)) as Hackathon;
        pinned.set(id, before.updatedAt);
        return store.closeVoting(id, now);
      },
    };
    expect(await versionRuleBreaches(careless)).toEqual([
      { write: 'closeVoting', changed: ['votingClosesAt'], moved: false },
    ]);
  });

  /**
   * What the rule is for: after any write, a reaction decided on the copy remembered before it comes to the
   * same as one decided on a fresh read, for the old and new emoji, within and over the budget.
   */
  it.each(hackathonWrites())(
    'after %s, a remembered copy decides reactions as a fresh read does',
    async (_, write) => {
      const decide = async (remember: boolean) => {
        const stores = inMemoryStores();
        const hackathon = await givenHackathon(stores, {
          votesPerPerson: 1,
          votingClosesAt: '2026-04-10T18:00:00.000Z',
        });
        const cards = (await givenTopics(stores, hackathon, [{}, {}])).map((topic) => topic.card);
        const [first, second] = cards as [CardRef, CardRef];
        const vote = {
          hackathonId: hackathon.id,
          number: 1,
          userId: 'U0ANNA',
          kind: 'vote',
          source: 'reaction',
        } as const;
        await stores.votes.add({ ...vote, at: 1 }, 1);
        await write.arrange?.(stores.hackathons, hackathon);
        const copy = (await stores.hackathons.get(hackathon.id)) as Hackathon;
        await write.act(stores.hackathons, hackathon);

        const decided: unknown[] = [];
        let at = Date.parse(WRITTEN_AT) / 1000;
        for (const [card, reaction] of [
          [second, 'arrow_up'],
          [second, '+1'],
          [first, 'rocket'],
          [second, 'hand'],
        ] as const) {
          // Each reaction meets the copy from before the write (a fresh read would replace it).
          const recentHackathons = rememberHackathons();
          if (remember) recentHackathons.remember(copy);
          const result = await applyReaction(
            { ...stores, recentHackathons },
            {
              card,
              userId: 'U0ANNA',
              reaction,
              added: true,
              at: ++at,
              now: new Date('2026-04-02T12:00:00.000Z'),
            },
          );
          decided.push(`${reaction}: ${summary(result)}`);
        }
        const counts = (await stores.topics.list(hackathon.id)).map((t) => [t.voteCount, t.interestCount]);
        return { decided, counts };
      };
      expect(await decide(true)).toEqual(await decide(false));
    },
  );
});

const summary = (result: ReactionResult) =>
  result.kind === 'applied'
    ? result.outcome
    : result.kind === 'ignored'
      ? 'ignored'
      : `${result.kind}${result.tell ? ' (told)' : ''}`;

/**
 * The same rule in the DynamoDB adapter, read from the updates it sends (no DynamoDB needed): every update of a
 * hackathon item that writes a vote field also writes updatedAt or status.
 */
describe('the rule held by the DynamoDB adapter', () => {
  const documents = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      region: 'eu-central-1',
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
    }),
  );
  const table = mockClient(documents);
  const tableName = 'htg-test';
  beforeEach(() => {
    table.reset();
    table.onAnyCommand().resolves({});
  });

  /** Each update and put of the hackathon's item sent since the last reset: what it writes. */
  const writesOfHackathonItem = (hackathonId: string) => {
    const key = keys.hackathon(hackathonId);
    const isItem = (k: Record<string, unknown> | undefined) => k?.pk === key.pk && k?.sk === key.sk;
    const updates = [
      ...table.commandCalls(UpdateCommand).map((call) => call.args[0].input),
      ...table
        .commandCalls(TransactWriteCommand)
        .flatMap((call) => (call.args[0].input as TransactWriteCommandInput).TransactItems ?? [])
        .flatMap((item) => (item.Update ? [item.Update] : [])),
    ].filter((update) => isItem(update.Key));
    const puts = [
      ...table.commandCalls(PutCommand).map((call) => call.args[0].input.Item),
      ...table
        .commandCalls(TransactWriteCommand)
        .flatMap((call) => (call.args[0].input as TransactWriteCommandInput).TransactItems ?? [])
        .flatMap((item) => (item.Put ? [item.Put.Item] : [])),
    ].filter(isItem);
    return {
      updates: updates.map((update) =>
        attributesWritten(update.UpdateExpression ?? '', update.ExpressionAttributeNames),
      ),
      puts: puts.length,
    };
  };
  const breachesOf = (written: string[]) => {
    const vote = written.filter((name) => (VOTE_FIELDS as readonly string[]).includes(name));
    const moved = written.some((name) => (VERSION_FIELDS as readonly string[]).includes(name));
    return vote.length > 0 && !moved ? vote : [];
  };

  const topicWrites: Array<[string, HackathonWrite]> = [
    // The topic store numbers topics with a counter on the hackathon item.
    [
      'topics.create',
      {
        act: (_, h) =>
          createTopicStore({ documents, tableName }).create(h.id, aTopicDraft(), 'U0X', WRITTEN_AT),
      },
    ],
    [
      'topics.createMany',
      {
        act: (_, h) =>
          createTopicStore({ documents, tableName }).createMany(h.id, [aTopicDraft()], 'U0X', WRITTEN_AT),
      },
    ],
  ];

  it.each([...hackathonWrites(), ...topicWrites])(
    '%s moves updatedAt or status when it writes a vote field',
    async (name, write) => {
      const store = createHackathonStore({ documents, tableName });
      const hackathon = aHackathon();
      await write.arrange?.(store, hackathon);
      table.resetHistory();
      await write.act(store, hackathon);
      const { updates, puts } = writesOfHackathonItem(hackathon.id);
      expect(updates.flatMap(breachesOf), `${name} writes a vote field without updatedAt or status`).toEqual(
        [],
      );
      // A put replaces the whole item, whatever it changes: only a new hackathon may be put.
      expect(puts, `${name} replaces the hackathon item`).toBe(0);
      if (VOTE_WRITES.includes(name))
        expect(updates.flat().some((n) => (VOTE_FIELDS as readonly string[]).includes(n))).toBe(true);
    },
  );

  it('reads what an update expression writes, placeholders and nested paths included', () => {
    expect(
      attributesWritten(
        'SET #f0 = :f0, wrapUp.replies.#n = :ts, w = if_not_exists(w, :w) ADD topicCounter :c REMOVE board',
        {
          '#f0': 'votesPerPerson',
          '#n': '12',
        },
      ),
    ).toEqual(['votesPerPerson', 'wrapUp', 'w', 'topicCounter', 'board']);
    expect(breachesOf(attributesWritten('SET votingClosesAt = :now'))).toEqual(['votingClosesAt']);
    expect(breachesOf(attributesWritten('SET votingClosesAt = :now, updatedAt = :now'))).toEqual([]);
  });
});
