import { marshall } from '@aws-sdk/util-dynamodb';
import type { DynamoDBRecord } from 'aws-lambda';
import { describe, expect, it } from 'vitest';
import {
  allCardsChanges,
  scheduleChanges,
  teamWork,
  topicChanges,
} from '../../functions/adapters/dynamodb/topic-changes.js';
import { createLogger } from '../../functions/adapters/logger.js';
import { realClock } from '../../functions/app/deadline.js';
import type { CardPublisher } from '../../functions/app/ports/slack.js';
import type { HackathonStore, TeamStore, TopicStore, VoteStore } from '../../functions/app/ports/stores.js';
import { CardActivity } from '../../functions/app/topic-cards.js';
import type { Topic } from '../../functions/domain/topic.js';
import { createRefresherHandler, type RefresherDeps } from '../../functions/refresher/handler.js';
import { aHackathon, aTopicDraft } from '../helpers/builders.js';

const topicItem = (number: number, overrides: Record<string, unknown> = {}) => ({
  pk: 'HACKATHON#h1',
  sk: `TOPIC#${number}`,
  entity: 'topic',
  hackathonId: 'h1',
  number,
  title: `Topic ${number}`,
  card: null,
  updatedAt: '2026-04-01T00:00:00Z',
  ...overrides,
});

let sequence = 100;
function record(
  eventName: 'INSERT' | 'MODIFY' | 'REMOVE',
  newImage?: object,
  oldImage?: object,
): DynamoDBRecord {
  return {
    eventName,
    dynamodb: {
      SequenceNumber: String(++sequence),
      ...(newImage ? { NewImage: marshall(newImage, { removeUndefinedValues: true }) as never } : {}),
      ...(oldImage ? { OldImage: marshall(oldImage, { removeUndefinedValues: true }) as never } : {}),
    },
  };
}

describe('topicChanges', () => {
  it('yields each changed topic once, at its first record', () => {
    const first = record('INSERT', topicItem(1));
    const changes = topicChanges([
      first,
      record('MODIFY', topicItem(1, { title: 'Renamed' }), topicItem(1)),
      record('INSERT', topicItem(2)),
    ]);
    expect(changes).toEqual([
      { hackathonId: 'h1', number: 1, sequenceNumber: first.dynamodb?.SequenceNumber },
      { hackathonId: 'h1', number: 2, sequenceNumber: expect.any(String) },
    ]);
  });

  it('skips other entities, deletions, and changes the card does not show (attaching the card)', () => {
    expect(
      topicChanges([
        record('INSERT', { pk: 'HACKATHON#h1', sk: 'HACKATHON', entity: 'hackathon' }),
        record('REMOVE', undefined, topicItem(3)),
        record(
          'MODIFY',
          topicItem(4, { card: { channelId: 'C1', ts: '1.2' }, updatedAt: 'later' }),
          topicItem(4),
        ),
      ]),
    ).toEqual([]);
  });
});

describe('scheduleChanges', () => {
  const hackathonItem = (overrides: Record<string, unknown> = {}) => ({
    pk: 'HACKATHON#h1',
    sk: 'HACKATHON',
    entity: 'hackathon',
    id: 'h1',
    status: 'ended',
    reviewMeetingAt: '2026-12-08T13:00:00.000Z',
    ...overrides,
  });

  it('resyncs a hackathon whose review meeting moved or whose website changed, not one whose name did', () => {
    const moved = record(
      'MODIFY',
      hackathonItem({ reviewMeetingAt: '2026-12-09T13:00:00.000Z' }),
      hackathonItem(),
    );
    expect(scheduleChanges([moved])).toEqual([
      { hackathonId: 'h1', sequenceNumber: moved.dynamodb?.SequenceNumber },
    ]);
    const website = { repo: 'gardener/documentation', lateOutcomeDays: 14 };
    const longer = record(
      'MODIFY',
      hackathonItem({ website: { ...website, lateOutcomeDays: 21 } }),
      hackathonItem({ website }),
    );
    expect(scheduleChanges([longer])).toHaveLength(1);
    expect(scheduleChanges([record('MODIFY', hackathonItem({ name: 'Renamed' }), hackathonItem())])).toEqual(
      [],
    );
  });
});

describe('allCardsChanges', () => {
  const hackathonItem = (overrides: Record<string, unknown> = {}) => ({
    pk: 'HACKATHON#h1',
    sk: 'HACKATHON',
    entity: 'hackathon',
    id: 'h1',
    status: 'active',
    voteEmoji: 'arrow_up',
    workEmoji: 'rocket',
    ...overrides,
  });
  const ranking = { channelId: 'C1', ts: '1.2' };
  const changes = (after: Record<string, unknown>, before: Record<string, unknown>) =>
    allCardsChanges([record('MODIFY', hackathonItem(after), hackathonItem(before))]).length;

  it('renders every card again when what every card shows changes: the emoji, counts hidden or revealed', () => {
    expect(changes({ voteEmoji: '+1' }, {})).toBe(1);
    expect(changes({ workEmoji: 'hand' }, {})).toBe(1);
    expect(changes({ hideResults: true }, {})).toBe(1);
    expect(changes({ hideResults: false }, { hideResults: true })).toBe(1);
    // The ranking message reveals hidden counts; the wrap-up ending a hackathon whose voting never closed too.
    expect(changes({ hideResults: true, rankingMessage: ranking }, { hideResults: true })).toBe(1);
    expect(changes({ hideResults: true, status: 'ended' }, { hideResults: true })).toBe(1);
    // A team meeting switched on: teams' cards get their Presenter button; moving it changes no card.
    const meeting = { at: '2026-11-25T09:00:00.000Z', minutes: 60 };
    expect(changes({ meetings: { final: meeting } }, {})).toBe(1);
    expect(
      changes({ meetings: { final: { ...meeting, minutes: 30 } } }, { meetings: { final: meeting } }),
    ).toBe(0);
  });

  it('leaves the cards alone for what they do not show, a ranking over visible counts, and new hackathons', () => {
    expect(changes({ name: 'Renamed', votesPerPerson: 3 }, {})).toBe(0);
    expect(changes({ rankingMessage: ranking }, {})).toBe(0);
    expect(
      changes(
        { hideResults: true, rankingMessage: ranking, name: 'x' },
        { hideResults: true, rankingMessage: ranking },
      ),
    ).toBe(0);
    expect(allCardsChanges([record('INSERT', hackathonItem({ hideResults: true }))])).toEqual([]);
    expect(allCardsChanges([record('MODIFY', topicItem(1, { title: 'x' }), topicItem(1))])).toEqual([]);
  });

  it('asks once per hackathon, at its first record', () => {
    const first = record('MODIFY', hackathonItem({ voteEmoji: '+1' }), hackathonItem());
    const second = record('MODIFY', hackathonItem({ hideResults: true }), hackathonItem({ voteEmoji: '+1' }));
    expect(allCardsChanges([first, second])).toEqual([
      { hackathonId: 'h1', sequenceNumber: first.dynamodb?.SequenceNumber },
    ]);
  });
});

describe('teamWork', () => {
  const issue = { repo: 'o/r', number: 4, url: 'https://github.com/o/r/issues/4' };
  it('asks for the team on the issue when members, status or title change, not for votes or cards', () => {
    // Members are a string set in the table: a change of who is in it counts, whatever JSON makes of sets.
    const joined = record(
      'MODIFY',
      topicItem(1, { issue, members: new Set(['U1', 'U2']) }),
      topicItem(1, { issue, members: new Set(['U1', 'U3']) }),
    );
    expect(
      teamWork([
        joined,
        record(
          'MODIFY',
          topicItem(2, { issue, status: 'done' }),
          topicItem(2, { issue, status: 'in_progress' }),
        ),
        record('MODIFY', topicItem(3, { issue, voteCount: 5 }), topicItem(3, { issue, voteCount: 4 })),
        record('MODIFY', topicItem(4, { issue, card: { ts: '1.2' } }), topicItem(4, { issue })),
        // Without an issue there is nothing to write on GitHub.
        record('MODIFY', topicItem(5, { members: new Set(['U1']) }), topicItem(5)),
        record(
          'MODIFY',
          topicItem(6, { issue, members: new Set(['U1', 'U2']) }),
          topicItem(6, { issue, members: new Set(['U2', 'U1']) }),
        ),
      ]).map((change) => change.number),
    ).toEqual([1, 2]);
    expect(teamWork([joined])[0]?.sequenceNumber).toBe(joined.dynamodb?.SequenceNumber);
  });
});

describe('refresher handler', () => {
  function fakes(failOn: number[]) {
    const topics = new Map<number, Topic>();
    for (const n of [1, 2, 3]) {
      topics.set(n, {
        ...aTopicDraft(),
        hackathonId: 'h1',
        number: n,
        proposerId: 'U1',
        status: 'proposed',
        card: n === 3 ? { channelId: 'C1', ts: '1.3' } : null,
        voteCount: 0,
        interestCount: 0,
        createdAt: 't',
        updatedAt: 't',
        updatedBy: 'U1',
        withdrawnAt: null,
      });
    }
    const posted: number[] = [];
    const updated: number[] = [];
    /** The board publications: its first message, then the rest of it. */
    const boards: Array<'first message' | 'rest'> = [];
    const cards: CardPublisher = {
      post: async (_h, topic) => {
        if (failOn.includes(topic.number)) throw new Error('slack down');
        posted.push(topic.number);
        return { channelId: 'C1', ts: `1.${topic.number}` };
      },
      update: async (_h, topic) => {
        if (failOn.includes(topic.number)) throw new Error('slack down');
        updated.push(topic.number);
      },
      remove: async () => {},
      fingerprint: (_h, topic) => `${topic.title}#${topic.voteCount}`,
      turn: async () => undefined,
    };
    const hackathons = {
      get: async () => aHackathon({ id: 'h1' }),
      setBoard: async (_id: string, ref: unknown) => ref,
    } as unknown as HackathonStore;
    const store = {
      get: async (_h: string, n: number) => topics.get(n) ?? null,
      list: async () => [...topics.values()],
      attachCard: async (topic: Topic, card: Topic['card']) => ({ ...topic, card }),
      recordCardSent: async () => undefined,
    } as unknown as TopicStore;
    const handler = createRefresherHandler({
      deps: {
        hackathons,
        topics: store,
        cards,
        votes: {} as VoteStore,
        teams: {} as TeamStore,
        reactions: { reactionsOn: async () => [] },
        ignoreUsers: [],
        notify: async () => undefined,
        discussions: null,
        discussionAnnouncer: {} as RefresherDeps['discussionAnnouncer'],
        announcer: {} as RefresherDeps['announcer'],
        board: {
          publish: async (_h, _listed, existing) => {
            boards.push(existing ? 'rest' : 'first message');
            return { channelId: 'C1', ts: '9.1', replies: [] };
          },
          remove: async () => undefined,
        },
        scheduler: { sync: async () => undefined },
        wrapUps: {} as RefresherDeps['wrapUps'],
        people: {} as RefresherDeps['people'],
        archive: {} as RefresherDeps['archive'],
        clock: () => new Date('2026-11-25T10:00:00Z'),
        pacingClock: realClock,
        cardActivity: new CardActivity(),
        runs: {} as RefresherDeps['runs'],
        schedulePosts: {} as RefresherDeps['schedulePosts'],
        setDeadline: () => undefined,
        idleUntilHandedOnTurn: async () => undefined,
        issueLinks: {} as RefresherDeps['issueLinks'],
        logins: {} as RefresherDeps['logins'],
        website: null,
        websiteAnnouncer: {} as RefresherDeps['websiteAnnouncer'],
        tracker: null,
        gitHubAnnouncer: {} as RefresherDeps['gitHubAnnouncer'],
        warn: () => undefined,
      },
      logger: createLogger({ level: 'error', write: () => undefined }),
    });
    return { handler, posted, updated, boards };
  }

  it('posts new cards and updates existing ones, and the board once for the batch', async () => {
    const { handler, posted, updated, boards } = fakes([]);
    const result = await handler({
      Records: [record('INSERT', topicItem(1)), record('MODIFY', topicItem(3, { title: 'x' }), topicItem(3))],
    });
    expect(result).toEqual({ batchItemFailures: [] });
    expect(posted).toEqual([1]);
    expect(updated).toEqual([3]);
    // The board's first message is posted and recorded, then the rest of it follows (once for the batch).
    expect(boards).toEqual(['first message', 'rest']);
  });

  it('reports the earliest failed record so Lambda retries from there, and still handles the others', async () => {
    const { handler, posted } = fakes([2]);
    const failing = record('INSERT', topicItem(2));
    const result = await handler({ Records: [record('INSERT', topicItem(1)), failing] });
    expect(result).toEqual({ batchItemFailures: [{ itemIdentifier: failing.dynamodb?.SequenceNumber }] });
    expect(posted).toEqual([1]);
  });
});
