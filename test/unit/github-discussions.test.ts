import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { gitHubVotingDiscussions } from '../../functions/adapters/github/discussions.js';
import { createLogger } from '../../functions/adapters/logger.js';
import {
  GitHubError,
  type ReactionContent,
  type VotingDiscussion,
  type VotingDiscussions,
} from '../../functions/app/ports/github.js';
import { type GitHubStandIn, startGitHubStandIn } from '../../functions/local/dev/github-stand-in.js';
import { expectCleanGitHubLogs } from '../helpers/github-logs.js';

let github: GitHubStandIn;
/** Every line any adapter logged, across the tests (checked for the key after each). */
const logged: string[] = [];
let repoCounter = 0;

beforeAll(async () => {
  github = await startGitHubStandIn();
});

afterAll(async () => {
  await github.close();
});

afterEach(() => expectCleanGitHubLogs(github, logged));

/** A repository of its own per test, Discussions enabled, the App installed with "Discussions: read and write". */
function freshRepo(): string {
  const repo = `hack-org/voting-${++repoCounter}`;
  github.install(repo, { discussions: 'write' });
  github.discussions.enable(repo);
  return repo;
}

/**
 * The adapter on the stand-in with quick retries. Throttled as in production only where a test is about
 * throttling: plugin-throttling spaces every GraphQL request by a second.
 */
function discussions(options: { throttle?: boolean } = {}): VotingDiscussions {
  return gitHubVotingDiscussions({
    credentials: {
      appId: github.app.id,
      privateKey: github.app.privateKey,
      webhookSecret: github.app.webhookSecret,
    },
    apiUrl: github.url,
    logger: createLogger({ level: 'debug', name: 'github-test', write: (line) => logged.push(line) }),
    retryBaseMs: 1,
    retryAfterUnitMs: 1,
    timeoutMs: 5_000,
    throttle: options.throttle ?? false,
  });
}

const failureOf = (promise: Promise<unknown>): Promise<GitHubError> =>
  promise.then(
    () => {
      throw new Error('expected the call to fail');
    },
    (error: unknown) => {
      expect(error).toBeInstanceOf(GitHubError);
      return error as GitHubError;
    },
  );

const topic = (n: number) =>
  `<!-- hackathon-topic-vote:${n} -->\n## [#${n} - Topic ${n}](https://github.com/hack-org/topics/issues/${n})`;

/** The GraphQL requests made since `from` (an index into github.requests), by operation name. */
const graphqlCalls = (from: number): string[] =>
  github.requests
    .slice(from)
    .filter((request) => request.operationId === 'graphql')
    .map((request) => request.graphqlOperation ?? '?');

/** A voting discussion opened by a person: 3 topics, the second with 150 reactions and 5 upvotes. */
function seededVote(repo: string): { number: number; busy: string } {
  const seeded = github.discussions.create(repo, {
    title: 'Vote for the topics',
    body: '<!-- hackathon-vote:q3 -->',
    category: 'Polls',
    comments: [1, 2, 3].map((n) => ({ body: topic(n), author: 'organizer' })),
  });
  const busy = seeded.comments[1]?.id as string;
  for (let n = 1; n <= 150; n++) github.discussions.react(busy, n <= 60 ? 'ROCKET' : 'THUMBS_UP', `dev${n}`);
  for (let n = 1; n <= 5; n++) github.discussions.upvote(busy, `dev${n}`);
  return { number: seeded.number, busy };
}

describe('gitHubVotingDiscussions', { timeout: 30_000 }, () => {
  it('creates a discussion in a category and finds it again by its marker', async () => {
    const repo = freshRepo();
    const voting = discussions();
    const categories = await voting.categories(repo);
    expect(categories.map((category) => category.name)).toEqual([
      'Announcements',
      'General',
      'Ideas',
      'Polls',
      'Q&A',
      'Show and tell',
    ]);
    const polls = categories.find((category) => category.name === 'Polls');
    expect(polls?.id).toMatch(/^DIC_/);

    const marker = '<!-- hackathon-vote:q3 -->';
    const created = await voting.createDiscussion(repo, {
      categoryId: polls?.id as string,
      title: 'Vote: hackathon Q3',
      body: `${marker}\nUpvote ⬆️ a topic you want to happen; react 🚀 to work on it.`,
    });
    expect(created).toEqual({
      id: expect.stringMatching(/^D_kwDO/),
      number: expect.any(Number),
      url: `https://github.com/${repo}/discussions/${created.number}`,
    });
    expect(github.discussions.get(repo, created.number)).toMatchObject({
      title: 'Vote: hackathon Q3',
      category: 'Polls',
      comments: [],
    });

    // Newer discussions, with and without the marker: the newest with it is found.
    github.discussions.create(repo, { title: 'Chat', body: 'Anything else' });
    expect(await voting.findDiscussion(repo, marker)).toEqual(created);
    const again = github.discussions.create(repo, { title: 'Vote, again', body: `${marker} (reopened)` });
    expect(await voting.findDiscussion(repo, marker)).toMatchObject({ id: again.id, number: again.number });
    expect(await voting.findDiscussion(repo, '<!-- hackathon-vote:q4 -->')).toBeNull();

    await voting.updateDiscussion(repo, created.id, `${marker}\nVoting is closed.`);
    expect(github.discussions.get(repo, created.number)?.body).toBe(`${marker}\nVoting is closed.`);
  });

  it('looks for the marker among the 200 newest discussions only', async () => {
    const repo = freshRepo();
    github.discussions.create(repo, { title: 'The oldest', body: '<!-- old-marker -->' });
    const target = github.discussions.create(repo, {
      title: 'The 200th newest',
      body: '<!-- marker-200 -->',
    });
    for (let n = 1; n <= 199; n++)
      github.discussions.create(repo, { title: `Discussion ${n}`, body: `No. ${n}` });
    const voting = discussions();
    const from = github.requests.length;
    expect(await voting.findDiscussion(repo, '<!-- marker-200 -->')).toMatchObject({ id: target.id });
    expect(await voting.findDiscussion(repo, '<!-- old-marker -->')).toBeNull();
    expect(graphqlCalls(from)).toEqual([
      'RecentDiscussions',
      'RecentDiscussions',
      'RecentDiscussions',
      'RecentDiscussions',
    ]);
  });

  it('adds 120 comments and reads every one back across pages, with votes and 150 reactions in full', async () => {
    const repo = freshRepo();
    const voting = discussions();
    const [polls] = (await voting.categories(repo)).filter((category) => category.name === 'Polls');
    const created = await voting.createDiscussion(repo, {
      categoryId: polls?.id as string,
      title: 'Vote',
      body: '<!-- hackathon-vote:big -->',
    });
    const added: Array<{ id: string; url: string }> = [];
    for (let n = 1; n <= 120; n++) added.push(await voting.addComment(repo, created.id, topic(n)));
    expect(added[0]?.url).toMatch(new RegExp(`/discussions/${created.number}#discussioncomment-\\d+$`));
    // People vote: upvotes on every seventh topic, 150 reactions (🚀 and 👍) on the 42nd, one from an account deleted since.
    const busy = added[41]?.id as string;
    for (let n = 0; n < 120; n += 7)
      for (const login of ['ana', 'ben']) github.discussions.upvote(added[n]?.id as string, login);
    for (let n = 1; n <= 149; n++) github.discussions.react(busy, n % 2 ? 'ROCKET' : 'THUMBS_UP', `dev${n}`);
    github.discussions.react(busy, 'ROCKET', null);
    github.discussions.addComment(created.id, { body: 'Can we add a topic about SBOMs?', author: 'carol' });
    await voting.updateComment(repo, added[2]?.id as string, `${topic(3)}\n(renamed)`);

    const from = github.requests.length;
    const read = (await voting.readDiscussion(repo, created.number)) as VotingDiscussion;
    // Two pages of comments, and one more page of the busy comment's reactions.
    expect(graphqlCalls(from)).toEqual(['VotingDiscussion', 'VotingDiscussion', 'CommentReactions']);
    expect(read).toMatchObject({ id: created.id, number: created.number, url: created.url });
    expect(read.body).toBe('<!-- hackathon-vote:big -->');
    expect(read.comments).toHaveLength(121);
    expect(read.comments.slice(0, 120).map((comment) => comment.id)).toEqual(
      added.map((comment) => comment.id),
    );
    expect(read.comments[0]).toEqual({
      id: added[0]?.id,
      body: topic(1),
      // GraphQL names the App's bot by its slug.
      author: 'htg-stand-in',
      upvoteCount: 2,
      reactions: [],
      reactionsTotal: 0,
    });
    expect(read.comments[1]?.upvoteCount).toBe(0);
    expect(read.comments[2]?.body).toBe(`${topic(3)}\n(renamed)`);
    expect(read.comments[120]).toMatchObject({ author: 'carol', body: 'Can we add a topic about SBOMs?' });
    const reactions = read.comments[41]?.reactions ?? [];
    expect(reactions).toHaveLength(150);
    expect(read.comments[41]?.reactionsTotal).toBe(150);
    const rockets = reactions.filter((reaction) => reaction.content === ('ROCKET' satisfies ReactionContent));
    expect(rockets).toHaveLength(76);
    expect(rockets.at(-1)).toEqual({ content: 'ROCKET', login: null });
    expect(new Set(reactions.map((reaction) => reaction.login)).size).toBe(150);
  });

  it('leaves deleted comments out; deleting one already gone is no failure', async () => {
    const repo = freshRepo();
    const { number } = seededVote(repo);
    const stored = github.discussions.get(repo, number);
    const [first, second, third] = stored?.comments ?? [];
    const voting = discussions();
    github.discussions.deleteComment(first?.id as string);
    await voting.deleteComment(repo, third?.id as string);
    await voting.deleteComment(repo, third?.id as string);
    const read = await voting.readDiscussion(repo, number);
    expect(read?.comments.map((comment) => comment.id)).toEqual([second?.id]);
    expect(read?.comments[0]).toMatchObject({ upvoteCount: 5, reactionsTotal: 150 });
  });

  it('leaves out a comment deleted while its further reactions are read', async () => {
    // A stand-in that answers each request 40 ms after it arrives: time to delete the comment in between.
    const slow = await startGitHubStandIn({ delayMs: 40 });
    try {
      const repo = 'hack-org/slow-votes';
      slow.install(repo, { discussions: 'write' });
      const seeded = slow.discussions.create(repo, {
        title: 'Vote',
        body: '<!-- hackathon-vote:slow -->',
        comments: [1, 2].map((n) => ({ body: topic(n) })),
      });
      const busy = seeded.comments[0]?.id as string;
      for (let n = 1; n <= 120; n++) slow.discussions.react(busy, 'ROCKET', `dev${n}`);
      const voting = gitHubVotingDiscussions({
        credentials: {
          appId: slow.app.id,
          privateKey: slow.app.privateKey,
          webhookSecret: slow.app.webhookSecret,
        },
        apiUrl: slow.url,
        logger: createLogger({ level: 'debug', name: 'github-test', write: (line) => logged.push(line) }),
        throttle: false,
      });
      const reading = voting.readDiscussion(repo, seeded.number);
      while (!slow.requests.some((request) => request.graphqlOperation === 'CommentReactions'))
        await new Promise((resolve) => setTimeout(resolve, 2));
      slow.discussions.deleteComment(busy);
      const read = await reading;
      expect(read?.comments.map((comment) => comment.id)).toEqual([seeded.comments[1]?.id]);
      expect(slow.contractViolations).toEqual([]);
    } finally {
      await slow.close();
    }
  });

  it('reads null for a discussion that is not there', async () => {
    const repo = freshRepo();
    expect(await discussions().readDiscussion(repo, 4242)).toBeNull();
    expect(logged.filter((line) => line.includes('4242'))).toEqual([]);
  });

  it('fails a read whole when a rate limit outlasts the retries: never part of the votes', async () => {
    const repo = freshRepo();
    const { number } = seededVote(repo);
    const voting = discussions({ throttle: true });
    // The first page answers; every try at the busy comment's second page of reactions is rate limited.
    github.failNext(3, { rateLimit: 'primary', retryAfterSeconds: 1 }, 'graphql/CommentReactions');
    const from = github.requests.length;
    const failure = await failureOf(voting.readDiscussion(repo, number));
    expect(failure.failure).toBe('rate-limited');
    expect(failure.message).toContain('RATE_LIMITED');
    expect(graphqlCalls(from)).toEqual([
      'VotingDiscussion',
      'CommentReactions',
      'CommentReactions',
      'CommentReactions',
    ]);

    // GitHub's newer spelling, RATE_LIMIT, which plugin-throttling does not know: no retry, still 'rate-limited'.
    github.failNext(1, { rateLimit: 'primary', graphqlType: 'RATE_LIMIT' }, 'graphql/VotingDiscussion');
    expect((await failureOf(voting.readDiscussion(repo, number))).failure).toBe('rate-limited');

    // A secondary rate limit (403, retry-after) past the retries.
    github.failNext(3, { rateLimit: 'secondary', retryAfterSeconds: 1 }, 'graphql/VotingDiscussion');
    expect((await failureOf(voting.readDiscussion(repo, number))).failure).toBe('rate-limited');
  });

  it('retries a 502 and a rate limit that passes, and reads the discussion whole', async () => {
    const repo = freshRepo();
    const { number } = seededVote(repo);
    const voting = discussions({ throttle: true });
    github.failNext(2, 502, 'graphql/VotingDiscussion');
    github.failNext(1, { rateLimit: 'secondary', retryAfterSeconds: 1 }, 'graphql/CommentReactions');
    const read = await voting.readDiscussion(repo, number);
    expect(read?.comments).toHaveLength(3);
    expect(read?.comments[1]?.reactions).toHaveLength(150);
    // Past the retries, a 5xx is 'unavailable'.
    github.failNext(3, 502, 'graphql/DiscussionCategories');
    expect((await failureOf(voting.categories(repo))).failure).toBe('unavailable');
  });

  it("is 'not-installed' where the App is not, and 'refused' without the Discussions permission", async () => {
    const voting = discussions();
    expect((await failureOf(voting.categories('hack-org/not-installed'))).failure).toBe('not-installed');
    const repo = 'other-org/votes';
    github.install(repo);
    const { number } = seededVote(repo);
    const refused = await failureOf(voting.readDiscussion(repo, number));
    expect(refused.failure).toBe('refused');
    expect(refused.message).toContain('FORBIDDEN Resource not accessible by integration');
  });
});
