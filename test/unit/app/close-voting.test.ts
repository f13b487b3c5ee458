import { beforeEach, describe, expect, it } from 'vitest';
import { closeVoting, type ReconcileDeps, reconcileReactions } from '../../../functions/app/close-voting.js';
import { isOutOfTime, OutOfTimeError } from '../../../functions/app/deadline.js';
import type { Job, ReconcileJob } from '../../../functions/app/ports/jobs.js';
import { PermissionError } from '../../../functions/domain/errors.js';
import type { Hackathon } from '../../../functions/domain/hackathon.js';
import type { CardRef } from '../../../functions/domain/topic.js';
import type { VoteKind, VoteSource } from '../../../functions/domain/vote.js';
import { givenHackathon, givenTopics } from '../../helpers/fakes/given.js';
import { reactionsInSlack } from '../../helpers/fakes/slack.js';
import { type InMemoryStores, inMemoryStores } from '../../helpers/fakes/stores.js';

const CLOSE = new Date('2026-04-03T18:00:00.000Z');
const ORGANIZER = 'U0ORGANIZER';
const BOT = 'U0HTGBOT';

let stores: InMemoryStores;
let hackathon: Hackathon;
let cards: CardRef[];
let slack: ReturnType<typeof reactionsInSlack>;
let deps: ReconcileDeps;

/** A vote counted while htg was listening (before voting closed). */
const counted = (number: number, userId: string, kind: VoteKind = 'vote', source: VoteSource = 'reaction') =>
  stores.votes.add({ hackathonId: hackathon.id, number, userId, kind, source, at: 1_775_000_000 }, 2);
const close = async () => {
  await closeVoting(stores, { hackathonId: hackathon.id, userId: ORGANIZER, channelId: 'D0ORG', now: CLOSE });
  return stores.stored
    .jobs(hackathon.id)
    .find((job): job is ReconcileJob => job.kind === 'reconcile-reactions');
};
const activeVotes = () =>
  stores.stored
    .voteRecords(hackathon.id)
    .filter((v) => v.state === 'active')
    .map((v) => `#${v.number} ${v.kind} ${v.userId} (${v.source})`);

beforeEach(async () => {
  stores = inMemoryStores();
  hackathon = await givenHackathon(stores, { votesPerPerson: 2 });
  const topics = await givenTopics(stores, hackathon, [{}, {}, {}, {}]);
  cards = topics.map((topic) => topic.card);
  const withdrawn = topics[3];
  if (withdrawn) await stores.topics.withdraw(withdrawn, 'U0PROPOSER', hackathon.createdAt);
  slack = reactionsInSlack();
  deps = {
    ...stores,
    reactions: slack.reader,
    ignoreUsers: [BOT],
    discussions: null,
    logins: {} as ReconcileDeps['logins'],
  };

  await counted(1, 'U0ANNA');
  await counted(1, 'U0BOB');
  await counted(2, 'U0CARL');
  await counted(2, 'U0DORA', 'vote', 'ballot');
  await counted(2, 'U0ERIK');
  await counted(3, 'U0ERIK');
  await counted(3, 'U0ANNA', 'interest');
  // What the cards show in Slack: htg missed Erik's and Fred's reactions on #1 and Anna's rocket, and Bob's
  // removal; the app's own reaction and other emoji are no votes; Dora voted by ballot (no reaction).
  slack.show(cards[0] as CardRef, { arrow_up: ['U0ANNA', 'U0ERIK', 'U0FRED', BOT], rocket: ['U0ANNA'] });
  slack.show(cards[1] as CardRef, { arrow_up: ['U0CARL', 'U0ERIK'], tada: ['U0GUS'] });
  slack.show(cards[2] as CardRef, { arrow_up: ['U0ERIK'], rocket: ['U0ANNA'] });
});

describe('closing voting', () => {
  it('closes voting now and records a recount job for the refresher', async () => {
    const result = await closeVoting(stores, {
      hackathonId: hackathon.id,
      userId: ORGANIZER,
      channelId: 'D0ORG',
      now: CLOSE,
    });
    expect(result).toMatchObject({ cards: 3, hackathon: { votingClosesAt: CLOSE.toISOString() } });
    expect((await stores.hackathons.get(hackathon.id))?.votingClosesAt).toBe(CLOSE.toISOString());
    expect(stores.stored.jobs(hackathon.id)).toEqual([
      {
        kind: 'reconcile-reactions',
        hackathonId: hackathon.id,
        requestedBy: ORGANIZER,
        channelId: 'D0ORG',
        requestedAt: CLOSE.toISOString(),
      },
    ]);
  });

  it('keeps the first close when run again, and recounts again', async () => {
    await close();
    const again = new Date(CLOSE.getTime() + 3_600_000);
    const result = await closeVoting(stores, {
      hackathonId: hackathon.id,
      userId: ORGANIZER,
      channelId: 'D0ORG',
      now: again,
    });
    expect(result.hackathon.votingClosesAt).toBe(CLOSE.toISOString());
    expect(stores.stored.jobs(hackathon.id).map((job) => job.requestedAt)).toEqual([
      CLOSE.toISOString(),
      again.toISOString(),
    ]);
  });

  it('is for organizers only', async () => {
    await expect(
      closeVoting(stores, { hackathonId: hackathon.id, userId: 'U0ANNA', channelId: 'C0', now: CLOSE }),
    ).rejects.toBeInstanceOf(PermissionError);
    expect((await stores.hackathons.get(hackathon.id))?.votingClosesAt).toBeNull();
    expect(stores.stored.jobs(hackathon.id)).toEqual([]);
  });
});

describe('the recount at voting close', () => {
  it('counts missed reactions and removes counted ones that are gone, leaving ballot votes alone', async () => {
    const job = (await close()) as ReconcileJob;
    const report = await reconcileReactions(deps, job);

    expect(report).toMatchObject({
      cards: 3,
      added: [
        { number: 1, userId: 'U0FRED', kind: 'vote' },
        { number: 1, userId: 'U0ANNA', kind: 'interest' },
      ],
      removed: [{ number: 1, userId: 'U0BOB', kind: 'vote' }],
      // Erik's two votes are on #2 and #3 already.
      overBudget: [{ number: 1, userId: 'U0ERIK', kind: 'vote' }],
      unreadable: [],
    });
    expect(activeVotes()).toEqual([
      '#1 interest U0ANNA (reaction)',
      '#1 vote U0ANNA (reaction)',
      '#1 vote U0FRED (reaction)',
      '#2 vote U0CARL (reaction)',
      '#2 vote U0DORA (ballot)',
      '#2 vote U0ERIK (reaction)',
      '#3 interest U0ANNA (reaction)',
      '#3 vote U0ERIK (reaction)',
    ]);
    expect(
      (await stores.topics.list(hackathon.id)).map((t) => [t.number, t.voteCount, t.interestCount]),
    ).toEqual([
      [1, 2, 1],
      [2, 3, 0],
      [3, 1, 1],
      [4, 0, 0],
    ]);
    // Repaired as of the close: a recorded change carries the job's time, not the time the job ran.
    const fred = stores.stored.voteRecords(hackathon.id).find((v) => v.userId === 'U0FRED');
    expect(fred?.at).toBe(CLOSE.getTime() / 1000);
    // The withdrawn topic's card is not read.
    expect(slack.reads).toEqual(cards.slice(0, 3).map((card) => card.ts));
    // The proposal ranks by the repaired counts; Anna goes to the higher-voted topic she marked.
    expect(report.proposal.ranking.map((row) => [row.number, row.votes, row.team])).toEqual([
      [2, 3, []],
      [1, 2, ['U0ANNA']],
      [3, 1, []],
    ]);
  });

  it('reports a card it cannot read and goes on with the others', async () => {
    slack.unreadable(cards[1] as CardRef);
    const report = await reconcileReactions(deps, (await close()) as ReconcileJob);
    expect(report.unreadable).toEqual([2]);
    expect(report.removed).toEqual([{ number: 1, userId: 'U0BOB', kind: 'vote' }]);
    // Nothing on #2 was touched.
    expect((await stores.topics.get(hackathon.id, 2))?.voteCount).toBe(3);
  });

  it('changes nothing when run again', async () => {
    const job = (await close()) as ReconcileJob;
    await reconcileReactions(deps, job);
    const before = activeVotes();
    const again = await reconcileReactions(deps, job);
    expect(again).toMatchObject({ added: [], removed: [], unreadable: [] });
    // Erik's reaction is still over his budget: reported, not counted.
    expect(again.overBudget).toEqual([{ number: 1, userId: 'U0ERIK', kind: 'vote' }]);
    expect(activeVotes()).toEqual(before);
  });

  it('out of time after a card, goes on in a continuation from the recorded progress, each card read once', async () => {
    const job = (await close()) as ReconcileJob;
    slack.outOfTimeAfter(1);
    const stopped = await reconcileReactions(deps, job).catch((error: unknown) => error);
    expect(stopped).toBeInstanceOf(OutOfTimeError);
    if (!isOutOfTime(stopped)) return;
    expect(stopped.resume).toEqual({
      progress: {
        done: [1],
        added: [
          { number: 1, userId: 'U0FRED', kind: 'vote' },
          { number: 1, userId: 'U0ANNA', kind: 'interest' },
        ],
        removed: [{ number: 1, userId: 'U0BOB', kind: 'vote' }],
        overBudget: [{ number: 1, userId: 'U0ERIK', kind: 'vote' }],
        unreadable: [],
      },
    });

    // As the refresher does: the continuation is the same job with the next round and the progress.
    await stores.hackathons.addJob({ ...job, ...stopped.resume, round: (job.round ?? 0) + 1 } as Job);
    const continuation = stores.stored.jobs(hackathon.id).find((j) => j.round === 1) as ReconcileJob;
    expect(continuation.progress?.done).toEqual([1]);
    slack.show(cards[1] as CardRef, { arrow_up: ['U0CARL', 'U0ERIK', 'U0HANS'] });

    const report = await reconcileReactions(deps, continuation);
    expect(slack.reads).toEqual(cards.slice(0, 3).map((card) => card.ts));
    expect(report.added).toEqual([
      { number: 1, userId: 'U0FRED', kind: 'vote' },
      { number: 1, userId: 'U0ANNA', kind: 'interest' },
      { number: 2, userId: 'U0HANS', kind: 'vote' },
    ]);
    expect(report.removed).toEqual([{ number: 1, userId: 'U0BOB', kind: 'vote' }]);
    expect((await stores.topics.list(hackathon.id)).map((t) => t.voteCount)).toEqual([2, 4, 1, 0]);
  });
});
