import type { ReactionContent, VotingDiscussion, VotingDiscussions } from '../../app/ports/github.js';
import { GitHubError } from '../../app/ports/github.js';
import { type GitHubIssueTrackerOptions, gitHubClients, nullWhenGone } from './client.js';

/**
 * The VotingDiscussions on GitHub's GraphQL API (POST /graphql), as the same GitHub App as the issues: the
 * clients, installation lookups, retries, throttling and error mapping of ./client.ts, each call as the
 * repository's installation. The App needs the repository permission "Discussions: read and write"
 * (`discussions`; without it GitHub answers FORBIDDEN, 'refused').
 *
 * GraphQL fails in two ways. Over HTTP (401, 403 or 429 rate limits with `retry-after` or
 * `x-ratelimit-remaining: 0`, 5xx): ./client.ts maps those as for REST, after the retry and throttling plugins.
 * Or as HTTP 200 with `errors` (and maybe part of `data`): `graphql()` turns that into a GraphqlResponseError,
 * plugin-throttling a `RATE_LIMITED` one into an error of its own (it retries it as a primary rate limit), and
 * here each becomes a GitHubError by the errors' `type`: RATE_LIMITED (or RATE_LIMIT, GitHub's newer spelling)
 * 'rate-limited', FORBIDDEN 'refused', NOT_FOUND 'not-found', any other 'refused' (a query GitHub's schema
 * refuses has no type). Part of an answer is never used.
 *
 * Queries ask for the fields htg uses, with pages of 100 (GitHub's most). plugin-throttling spaces every GraphQL
 * request by a second, as it does REST writes.
 */

/** Pages of 100 comments read at most (10,000 comments), and of 100 reactions per comment (10,000 each). */
const MAX_COMMENT_PAGES = 100;
const MAX_REACTION_PAGES = 100;
/** Discussions looked through, newest first, for the one with a marker. */
const FIND_AMONG = 200;
const PAGE = 100;

const REPOSITORY_ID = `query RepositoryId($owner: String!, $name: String!) {
  repository(owner: $owner, name: $name) { id }
}`;

const CATEGORIES = `query DiscussionCategories($owner: String!, $name: String!, $after: String) {
  repository(owner: $owner, name: $name) {
    discussionCategories(first: 100, after: $after) {
      pageInfo { hasNextPage endCursor }
      nodes { id name }
    }
  }
}`;

// Newest first by creation: the default order is by update (`{field: UPDATED_AT, direction: DESC}`).
const RECENT_DISCUSSIONS = `query RecentDiscussions($owner: String!, $name: String!, $first: Int!, $after: String) {
  repository(owner: $owner, name: $name) {
    discussions(first: $first, after: $after, orderBy: {field: CREATED_AT, direction: DESC}) {
      pageInfo { hasNextPage endCursor }
      nodes { id number url body }
    }
  }
}`;

const CREATE_DISCUSSION = `mutation CreateDiscussion($repositoryId: ID!, $categoryId: ID!, $title: String!, $body: String!) {
  createDiscussion(input: {repositoryId: $repositoryId, categoryId: $categoryId, title: $title, body: $body}) {
    discussion { id number url }
  }
}`;

const ADD_COMMENT = `mutation AddDiscussionComment($discussionId: ID!, $body: String!) {
  addDiscussionComment(input: {discussionId: $discussionId, body: $body}) {
    comment { id url }
  }
}`;

const UPDATE_DISCUSSION = `mutation UpdateDiscussion($discussionId: ID!, $body: String!) {
  updateDiscussion(input: {discussionId: $discussionId, body: $body}) {
    discussion { id }
  }
}`;

const UPDATE_COMMENT = `mutation UpdateDiscussionComment($commentId: ID!, $body: String!) {
  updateDiscussionComment(input: {commentId: $commentId, body: $body}) {
    comment { id }
  }
}`;

const DELETE_COMMENT = `mutation DeleteDiscussionComment($id: ID!) {
  deleteDiscussionComment(input: {id: $id}) {
    comment { id }
  }
}`;

// One page of top-level comments (replies hang off each comment's `replies`), each with its first reactions.
const DISCUSSION_PAGE = `query VotingDiscussion($owner: String!, $name: String!, $number: Int!, $after: String) {
  repository(owner: $owner, name: $name) {
    discussion(number: $number) {
      id number url body
      comments(first: 100, after: $after) {
        pageInfo { hasNextPage endCursor }
        nodes {
          id body upvoteCount
          author { login }
          reactions(first: 100) {
            totalCount
            pageInfo { hasNextPage endCursor }
            nodes { content user { login } }
          }
        }
      }
    }
  }
}`;

// A comment's further reactions, by its node id.
const COMMENT_REACTIONS = `query CommentReactions($id: ID!, $after: String!) {
  node(id: $id) {
    ... on DiscussionComment {
      reactions(first: 100, after: $after) {
        totalCount
        pageInfo { hasNextPage endCursor }
        nodes { content user { login } }
      }
    }
  }
}`;

interface PageInfo {
  hasNextPage: boolean;
  endCursor: string | null;
}

/** A connection's page: its items may be null on GitHub (an item the token cannot see). */
interface Connection<T> {
  pageInfo: PageInfo;
  nodes: Array<T | null> | null;
}

interface RawReactions extends Connection<{ content: ReactionContent; user: { login: string } | null }> {
  totalCount: number;
}

interface RawComment {
  id: string;
  body: string;
  upvoteCount: number;
  author: { login: string } | null;
  reactions: RawReactions;
}

interface RawDiscussion {
  id: string;
  number: number;
  url: string;
  body: string;
}

type GraphqlClient = { graphql: <T>(query: string, variables: Record<string, unknown>) => Promise<T> };

/** Where a request goes, for messages: `POST /graphql (query Name)` on `owner/name`. */
const route = (operation: string) => `POST /graphql (${operation})`;

export function gitHubVotingDiscussions(options: GitHubIssueTrackerOptions): VotingDiscussions {
  const { call } = gitHubClients(options);

  /** One GraphQL request; its `errors` as a GitHubError (HTTP failures are left to ./client.ts). */
  const request = async <T>(
    client: GraphqlClient,
    operation: string,
    repo: string,
    query: string,
    variables: Record<string, unknown>,
  ): Promise<T> => {
    try {
      return await client.graphql<T>(query, variables);
    } catch (error) {
      throw graphqlFailure(error, route(operation), repo) ?? error;
    }
  };

  /** Every page of a connection, up to `maxPages`: more is refused, never returned in part. */
  const everyPage = async <T>(
    what: string,
    maxPages: number,
    first: Connection<T>,
    next: (after: string) => Promise<Connection<T>>,
  ): Promise<T[]> => {
    const items = [...present(first, what)];
    let page = first;
    for (let pages = 1; page.pageInfo.hasNextPage; pages++) {
      if (pages >= maxPages)
        throw new GitHubError('refused', `${what}: more than ${maxPages * PAGE} items; not read in part`);
      const after = cursorAfter(page, what);
      page = await next(after);
      items.push(...present(page, what));
    }
    return items;
  };

  const mutate = (operation: string, repo: string, query: string, variables: Record<string, unknown>) =>
    call(repo, route(`mutation ${operation}`), async (client, { name }) => {
      await request(client, `mutation ${operation}`, name, query, variables);
    });

  return {
    categories: (repo) =>
      call(
        repo,
        route('query DiscussionCategories'),
        async (client, { owner, repo: name, name: fullName }) => {
          const page = async (after?: string) => {
            const data = await request<{
              repository: { discussionCategories: Connection<{ id: string; name: string }> } | null;
            }>(client, 'query DiscussionCategories', fullName, CATEGORIES, { owner, name, after });
            return orNotFound(data.repository, fullName).discussionCategories;
          };
          const categories = await everyPage(`${fullName}'s discussion categories`, 10, await page(), page);
          return categories.map(({ id, name: categoryName }) => ({ id, name: categoryName }));
        },
      ),

    createDiscussion: (repo, discussion) =>
      call(
        repo,
        route('mutation CreateDiscussion'),
        async (client, { owner, repo: name, name: fullName }) => {
          const found = await request<{ repository: { id: string } | null }>(
            client,
            'query RepositoryId',
            fullName,
            REPOSITORY_ID,
            { owner, name },
          );
          const repositoryId = orNotFound(found.repository, fullName).id;
          const created = await request<{ createDiscussion: { discussion: RawDiscussionRef | null } | null }>(
            client,
            'mutation CreateDiscussion',
            fullName,
            CREATE_DISCUSSION,
            { repositoryId, ...discussion },
          );
          const made = created.createDiscussion?.discussion;
          if (!made)
            throw new GitHubError(
              'unavailable',
              `GitHub ${route('mutation CreateDiscussion')} answered no discussion`,
            );
          return { id: made.id, number: made.number, url: made.url };
        },
      ),

    findDiscussion: (repo, marker) =>
      call(repo, route('query RecentDiscussions'), async (client, { owner, repo: name, name: fullName }) => {
        let after: string | undefined;
        for (let seen = 0; seen < FIND_AMONG; ) {
          const data = await request<{ repository: { discussions: Connection<RawDiscussion> } | null }>(
            client,
            'query RecentDiscussions',
            fullName,
            RECENT_DISCUSSIONS,
            { owner, name, first: Math.min(PAGE, FIND_AMONG - seen), after },
          );
          const page = orNotFound(data.repository, fullName).discussions;
          const discussions = present(page, `${fullName}'s discussions`);
          const found = discussions.find((discussion) => discussion.body.includes(marker));
          if (found) return { id: found.id, number: found.number, url: found.url };
          seen += discussions.length;
          if (!page.pageInfo.hasNextPage || discussions.length === 0) return null;
          after = cursorAfter(page, `${fullName}'s discussions`);
        }
        return null;
      }),

    addComment: (repo, discussionId, body) =>
      call(repo, route('mutation AddDiscussionComment'), async (client, { name }) => {
        const data = await request<{
          addDiscussionComment: { comment: { id: string; url: string } | null } | null;
        }>(client, 'mutation AddDiscussionComment', name, ADD_COMMENT, { discussionId, body });
        const comment = data.addDiscussionComment?.comment;
        if (!comment)
          throw new GitHubError(
            'unavailable',
            `GitHub ${route('mutation AddDiscussionComment')} answered no comment`,
          );
        return { id: comment.id, url: comment.url };
      }),

    updateDiscussion: (repo, discussionId, body) =>
      mutate('UpdateDiscussion', repo, UPDATE_DISCUSSION, { discussionId, body }),

    updateComment: (repo, commentId, body) =>
      mutate('UpdateDiscussionComment', repo, UPDATE_COMMENT, { commentId, body }),

    deleteComment: (repo, commentId) =>
      call(
        repo,
        route('mutation DeleteDiscussionComment'),
        async (client, { name }) => {
          await request(client, 'mutation DeleteDiscussionComment', name, DELETE_COMMENT, { id: commentId });
        },
        { goneIsAnswer: true },
      ).catch((error: unknown) => {
        // Already gone (deleted on GitHub, or by an earlier attempt): what was asked for is so.
        if (error instanceof GitHubError && error.failure === 'not-found') return;
        throw error;
      }),

    readDiscussion: (repo, number) =>
      nullWhenGone(
        call(
          repo,
          route('query VotingDiscussion'),
          async (client, { owner, repo: name, name: fullName }): Promise<VotingDiscussion> => {
            const what = `${fullName}'s discussion #${number}`;
            const page = async (after?: string) => {
              const data = await request<{
                repository: {
                  discussion: (RawDiscussion & { comments: Connection<RawComment> }) | null;
                } | null;
              }>(client, 'query VotingDiscussion', fullName, DISCUSSION_PAGE, { owner, name, number, after });
              const discussion = orNotFound(orNotFound(data.repository, fullName).discussion, what);
              return { discussion, comments: discussion.comments };
            };
            const first = await page();
            const raw = await everyPage(
              `${what}'s comments`,
              MAX_COMMENT_PAGES,
              first.comments,
              async (after) => (await page(after)).comments,
            );
            const comments: VotingDiscussion['comments'] = [];
            for (const comment of raw) {
              const reactions = await allReactions(comment, fullName, (after) =>
                request<{ node: { reactions?: RawReactions } | null }>(
                  client,
                  'query CommentReactions',
                  fullName,
                  COMMENT_REACTIONS,
                  { id: comment.id, after },
                ),
              );
              // Deleted while the pages were read: left out, as a read a moment later would.
              if (reactions === 'gone') continue;
              comments.push({
                id: comment.id,
                body: comment.body,
                author: comment.author?.login ?? null,
                upvoteCount: comment.upvoteCount,
                reactions: reactions.items,
                reactionsTotal: reactions.total,
              });
            }
            const { id, url, body } = first.discussion;
            return { id, number: first.discussion.number, url, body, comments };
          },
          { goneIsAnswer: true },
        ),
      ),
  };

  /** A comment's reactions: those on its comments page, then every further page through node(id:). */
  async function allReactions(
    comment: RawComment,
    repo: string,
    next: (after: string) => Promise<{ node: { reactions?: RawReactions } | null }>,
  ): Promise<{ items: VoteReaction[]; total: number } | 'gone'> {
    const what = `the reactions to discussion comment ${comment.id}`;
    let total = comment.reactions.totalCount;
    try {
      const reactions = await everyPage(what, MAX_REACTION_PAGES, comment.reactions, async (after) => {
        const data = await next(after);
        const page = data.node?.reactions;
        if (!page)
          throw new GitHubError(
            'not-found',
            `GitHub ${route('query CommentReactions')} on ${repo}: ${what} are gone`,
          );
        total = page.totalCount;
        return page;
      });
      return {
        items: reactions.map(({ content, user }) => ({ content, login: user?.login ?? null })),
        total,
      };
    } catch (error) {
      if (error instanceof GitHubError && error.failure === 'not-found') return 'gone';
      throw error;
    }
  }
}

interface RawDiscussionRef {
  id: string;
  number: number;
  url: string;
}

type VoteReaction = VotingDiscussion['comments'][number]['reactions'][number];

/** A page's items; a null among them (an item GitHub would not show) makes the whole read fail. */
function present<T>(page: Connection<T>, what: string): T[] {
  const nodes = page.nodes ?? [];
  if (nodes.some((node) => node === null))
    throw new GitHubError('refused', `${what}: GitHub left out items of a page; not read in part`);
  return nodes as T[];
}

/** The cursor of the page after this one; a page that says there is more but names no new cursor fails. */
function cursorAfter(page: Connection<unknown>, what: string): string {
  const cursor = page.pageInfo.endCursor;
  if (!cursor)
    throw new GitHubError('unavailable', `${what}: GitHub said there is a next page but gave no cursor`);
  return cursor;
}

function orNotFound<T>(value: T | null | undefined, what: string): T {
  if (value === null || value === undefined) throw new GitHubError('not-found', `${what} is not there`);
  return value;
}

interface GraphqlErrorItem {
  type?: unknown;
  message?: unknown;
}

/**
 * A GraphQL answer's `errors` (HTTP 200) as a GitHubError; undefined for anything else (an HTTP failure, which
 * ./client.ts maps). Octokit's GraphqlResponseError carries them as `errors`; plugin-throttling's "GraphQL Rate
 * Limit Exceeded" as `data.errors`.
 */
function graphqlFailure(error: unknown, where: string, repo: string): GitHubError | undefined {
  const raw = error as { status?: unknown; errors?: unknown; data?: { errors?: unknown } | null } | null;
  if (typeof raw?.status === 'number') return undefined;
  const errors = raw?.errors ?? raw?.data?.errors;
  if (!Array.isArray(errors) || errors.length === 0) return undefined;
  const items = errors as GraphqlErrorItem[];
  const types = new Set(items.map((item) => (typeof item.type === 'string' ? item.type : '')));
  const failure =
    types.has('RATE_LIMITED') || types.has('RATE_LIMIT')
      ? 'rate-limited'
      : types.has('FORBIDDEN')
        ? 'refused'
        : types.has('NOT_FOUND')
          ? 'not-found'
          : 'refused';
  const said = items
    .map((item) => [item.type, item.message].filter((part) => typeof part === 'string').join(' '))
    .join('; ')
    .slice(0, 200);
  return new GitHubError(failure, `GitHub ${where} on ${repo} failed: ${said}`, { cause: error });
}
