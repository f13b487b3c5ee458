import { beforeEach, describe, expect, it } from 'vitest';
import { closeVoting, type ReconcileDeps, reconcileReactions } from '../../../functions/app/close-voting.js';
import { readDiscussionVotes } from '../../../functions/app/github-votes.js';
import {
  GitHubError,
  type ReactionContent,
  type VotingDiscussion,
  type VotingDiscussions,
} from '../../../functions/app/ports/github.js';
import type { ReconcileJob } from '../../../functions/app/ports/jobs.js';
import type { LoginStore } from '../../../functions/app/ports/stores.js';
import type { Hackathon } from '../../../functions/domain/hackathon.js';
import type { CardRef, Topic } from '../../../functions/domain/topic.js';
import type { VoteKind, VoteSource } from '../../../functions/domain/vote.js';
import { aTopicDraft } from '../../helpers/builders.js';
import { givenHackathon } from '../../helpers/fakes/given.js';
import { reactionsInSlack } from '../../helpers/fakes/slack.js';
import { type InMemoryStores, inMemoryStores } from '../../helpers/fakes/stores.js';

const REPO = 'o/r';
const CLOSE = new Date('2026-04-03T18:00:00.000Z');

let stores: InMemoryStores;
let hackathon: Hackathon;
let topics: Array<Topic & { card: CardRef }>;
let discussion: VotingDiscussion;
let failing: GitHubError | null;

/** The discussion's comment of a topic (by its issue, #100 + n), with reactions as [content, login]. */
const comment = (
  issue: number,
  reactions: Array<[ReactionContent, string]>,
  upvotes = 0,
  id = `C${issue}`,
) => ({
  id,
  body: `<!-- hackathon-topic-vote:${issue} -->\n\n## [#${issue} - Topic](https://github.com/${REPO}/issues/${issue})`,
  author: 'htg',
  upvoteCount: upvotes,
  reactions: reactions.map(([content, login]) => ({ content, login })),
  reactionsTotal: reactions.length,
});

const discussions: VotingDiscussions = {
  readDiscussion: async () => {
    if (failing) throw failing;
    return structuredClone(discussion);
  },
} as unknown as VotingDiscussions;
/** Alice gave her login with `/htg github`; Bob is on the attendee list with his. */
const logins = {
  userWithLogin: async (login: string) => (login === 'alice-gh' ? 'U0ALICE' : null),
} as unknown as LoginStore;

const counted = (number: number, userId: string, kind: VoteKind = 'vote', source: VoteSource = 'reaction') =>
  stores.votes.add({ hackathonId: hackathon.id, number, userId, kind, source, at: 1_775_000_000 }, 3);
const activeVotes = () =>
  stores.stored
    .voteRecords(hackathon.id)
    .filter((v) => v.state === 'active')
    .map((v) => `#${v.number} ${v.kind} ${v.userId} (${v.source})`)
    .sort();

beforeEach(async () => {
  stores = inMemoryStores();
  failing = null;
  hackathon = await givenHackathon(stores, {
    votesPerPerson: 3,
    github: { repo: REPO, eventLabel: 'Q2/2026', closedMeans: 'withdrawn' },
    attendees: [{ userId: 'U0BOB', company: null, githubLogin: 'Bob-GH' }],
    // htg put comments up for #1 to #3; #4 was proposed after the discussion was opened.
    votingDiscussion: {
      repo: REPO,
      id: 'D1',
      number: 50,
      url: `https://github.com/${REPO}/discussions/50`,
      posted: [101, 102, 103],
    },
  });
  const created = await stores.topics.createMany(
    hackathon.id,
    [1, 2, 3, 4].map((n) => ({
      ...aTopicDraft({ title: `Topic ${n}` }),
      issue: { repo: REPO, number: 100 + n, url: `https://github.com/${REPO}/issues/${100 + n}` },
    })),
    'U0PROPOSER',
    hackathon.createdAt,
  );
  topics = await Promise.all(
    created.map(async (topic, i) => {
      const card = { channelId: hackathon.channelId, ts: `1714000000.00010${i}` };
      return { ...(await stores.topics.attachCard(topic, card)), card };
    }),
  );
  discussion = { id: 'D1', number: 50, url: '', body: '', comments: [] };
});

describe('reading the voting discussion', () => {
  it('maps comments to topics by marker and logins to people, and reports what it will not guess', async () => {
    discussion.comments = [
      comment(101, [
        ['THUMBS_UP', 'alice-gh'],
        ['THUMBS_UP', 'bob-gh'],
        ['ROCKET', 'Carol'],
        ['HEART', 'dave'],
      ]),
      comment(102, [['THUMBS_UP', 'carol']], 7),
      comment(102, [['THUMBS_UP', 'alice-gh']], 0, 'C102b'),
      comment(999, [['THUMBS_UP', 'alice-gh']]),
      { ...comment(104, [['THUMBS_UP', 'erin']]), body: '## Topic 4, its marker edited away' },
    ];
    const presence = await readDiscussionVotes({ discussions, logins }, hackathon, topics);
    expect(presence?.present.get(1)).toEqual({
      vote: new Set(['U0ALICE', 'U0BOB']),
      interest: new Set(['github:carol']),
    });
    // Two comments for #2: counted together, each person once; its upvotes are not votes.
    expect(presence?.present.get(2)?.vote).toEqual(new Set(['github:carol', 'U0ALICE']));
    expect(presence?.present.has(4)).toBe(false);
    // #4 has no comment because htg has not put it up yet (the next sync does): no hand edit. #4's unmarked
    // comment is not counted either way.
    expect(presence?.problems).toEqual({
      missing: [3],
      unknown: [999],
      duplicates: [2],
      upvotes: [{ number: 2, count: 7 }],
    });
  });

  it('is nothing without a voting discussion', async () => {
    expect(
      await readDiscussionVotes({ discussions, logins }, { ...hackathon, votingDiscussion: null }, topics),
    ).toBeNull();
  });
});

describe('the recount at the close reads both venues', () => {
  let deps: ReconcileDeps;
  let slack: ReturnType<typeof reactionsInSlack>;
  const recount = async () => {
    await closeVoting(stores, {
      hackathonId: hackathon.id,
      userId: 'U0ORGANIZER',
      channelId: 'D0',
      now: CLOSE,
    });
    const job = stores.stored
      .jobs(hackathon.id)
      .find((j): j is ReconcileJob => j.kind === 'reconcile-reactions');
    return reconcileReactions(deps, job as ReconcileJob);
  };

  beforeEach(() => {
    slack = reactionsInSlack();
    deps = { ...stores, reactions: slack.reader, ignoreUsers: [], discussions, logins };
  });

  it('keeps a vote either venue holds, once, and removes one that neither holds', async () => {
    await counted(1, 'U0ALICE'); // by reaction; she voted on GitHub too
    await counted(2, 'U0DAVE'); // by reaction, gone from the card, still on GitHub
    await counted(3, 'github:carol', 'vote', 'github'); // gone from GitHub, and never in Slack
    await counted(4, 'U0ERIN', 'vote', 'ballot'); // a ballot vote: never touched
    slack.show(topics[0]?.card as CardRef, { arrow_up: ['U0ALICE'] });
    discussion.comments = [
      comment(101, [['THUMBS_UP', 'alice-gh']]),
      comment(102, [
        ['THUMBS_UP', 'dave'],
        ['ROCKET', 'bob-gh'],
      ]),
      comment(103, []),
      comment(104, []),
    ];
    // Dave's GitHub login is unknown: on GitHub he is github:dave, another person than his Slack self.
    const report = await recount();
    expect(activeVotes()).toEqual([
      '#1 vote U0ALICE (reaction)',
      '#2 interest U0BOB (github)',
      '#2 vote github:dave (github)',
      '#4 vote U0ERIN (ballot)',
    ]);
    expect(report.removed).toEqual(
      expect.arrayContaining([
        { number: 2, userId: 'U0DAVE', kind: 'vote' },
        { number: 3, userId: 'github:carol', kind: 'vote' },
      ]),
    );
    expect(report.discussion?.missing).toEqual([]);
  });

  it('applies one budget across venues', async () => {
    for (const n of [1, 2]) await counted(n, 'U0ALICE');
    for (const card of topics.slice(0, 2)) slack.show(card.card, { arrow_up: ['U0ALICE'] });
    discussion.comments = [101, 102, 103, 104].map((issue) => comment(issue, [['THUMBS_UP', 'alice-gh']]));
    const report = await recount();
    expect(activeVotes().filter((v) => v.includes('U0ALICE'))).toEqual([
      '#1 vote U0ALICE (reaction)',
      '#2 vote U0ALICE (reaction)',
      '#3 vote U0ALICE (github)',
    ]);
    expect(report.overBudget).toEqual([{ number: 4, userId: 'U0ALICE', kind: 'vote' }]);
  });

  it('changes nothing when GitHub cannot be read whole: no ranking on half the votes', async () => {
    await counted(2, 'U0DAVE');
    failing = new GitHubError('rate-limited', 'secondary rate limit');
    await expect(recount()).rejects.toMatchObject({ failure: 'rate-limited' });
    expect(activeVotes()).toEqual(['#2 vote U0DAVE (reaction)']);
  });
});
