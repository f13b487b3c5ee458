import { createAppAuth } from '@octokit/auth-app';
import { Octokit } from '@octokit/core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type GitHubStandIn, startGitHubStandIn } from '../../functions/local/dev/github-stand-in.js';

const REPO = 'hack-week/community';
const [OWNER, NAME] = REPO.split('/') as [string, string];
const quiet = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {} };

interface GraphqlBody {
  data?: Record<string, unknown> | null;
  errors?: Array<{ type?: string; message: string; path?: Array<string | number>; code?: string }>;
}

/** What a GraphQL answer holds at a path of keys and indexes (undefined where it holds nothing). */
function at(value: unknown, ...path: Array<string | number>): unknown {
  let current = value;
  for (const key of path) current = (current as Record<string | number, unknown> | null | undefined)?.[key];
  return current;
}

interface Page<T> {
  totalCount: number;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  nodes: T[];
  edges: Array<{ cursor: string; node: T }>;
}

let standIn: GitHubStandIn;
let discussionId: string;
let discussionNumber: number;
let commentIds: string[];

beforeAll(async () => {
  standIn = await startGitHubStandIn();
  standIn.install(REPO, { discussions: 'write' });
  const discussion = standIn.discussions.create(REPO, {
    title: 'Vote for the topics of Hack Week',
    body: '<!-- hackathon-vote:hack-week -->\nUpvote what you want to happen.',
    category: 'Polls',
    comments: Array.from({ length: 130 }, (_, i) => ({
      body: `<!-- hackathon-topic-vote:${i + 1} -->\n## [#${i + 1} - Topic ${i + 1}](https://github.com/${REPO}/issues/${i + 1})`,
      author: 'organizer',
    })),
  });
  discussionId = discussion.id;
  discussionNumber = discussion.number;
  commentIds = discussion.comments.map((comment) => comment.id);
});

afterAll(() => standIn.close());

// Every test says which violations it expects, and takes them; any other is a failure.
afterEach(() => expect(standIn.contractViolations).toEqual([]));

/** A bare client as the App's installation on REPO: no retries or throttling, answers as they come. */
function client(repo = REPO): Octokit {
  const installationId = standIn.install(repo, { discussions: 'write' });
  return new Octokit({
    baseUrl: standIn.url,
    authStrategy: createAppAuth,
    auth: { appId: standIn.app.id, privateKey: standIn.app.privateKey, installationId },
    log: quiet,
  });
}

async function graphql(
  query: string,
  variables: Record<string, unknown> = {},
  octokit = client(),
): Promise<{ status: number; body: GraphqlBody; headers: Record<string, unknown> }> {
  const response = await octokit.request('POST /graphql', { query, variables });
  return { status: response.status, body: response.data as GraphqlBody, headers: response.headers };
}

const COMMENTS_PAGE = `query Comments($owner: String!, $name: String!, $number: Int!, $after: String) {
  repository(owner: $owner, name: $name) {
    discussion(number: $number) {
      id title
      category { name }
      comments(first: 100, after: $after) {
        totalCount
        pageInfo { hasNextPage endCursor }
        edges { cursor node { id body author { login } upvoteCount } }
      }
    }
  }
}`;

describe("the GitHub stand-in's GraphQL API", { timeout: 30_000 }, () => {
  it("pages a discussion's comments by cursor, with totalCount and pageInfo", async () => {
    const first = await graphql(COMMENTS_PAGE, { owner: OWNER, name: NAME, number: discussionNumber });
    expect(first.status).toBe(200);
    expect(first.body.errors).toBeUndefined();
    expect(first.headers['x-ratelimit-resource']).toBe('graphql');
    const discussion = at(first.body, 'data', 'repository', 'discussion');
    expect(discussion).toMatchObject({ id: discussionId, category: { name: 'Polls' } });
    const page1 = at(discussion, 'comments') as Page<{ id: string }>;
    expect(page1.totalCount).toBe(130);
    expect(page1.edges).toHaveLength(100);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    expect(page1.pageInfo.endCursor).toBe(page1.edges[99]?.cursor);
    expect(page1.edges[0]?.node).toEqual({
      id: commentIds[0],
      body: expect.stringContaining('<!-- hackathon-topic-vote:1 -->'),
      author: { login: 'organizer' },
      upvoteCount: 0,
    });

    const second = await graphql(COMMENTS_PAGE, {
      owner: OWNER,
      name: NAME,
      number: discussionNumber,
      after: page1.pageInfo.endCursor,
    });
    const page2 = at(second.body, 'data', 'repository', 'discussion', 'comments') as Page<{ id: string }>;
    expect(page2.edges.map((edge) => edge.node.id)).toEqual(commentIds.slice(100));
    expect(page2.pageInfo).toEqual({ hasNextPage: false, endCursor: page2.edges[29]?.cursor });

    // A cursor keeps its place when the comment it names is deleted.
    standIn.discussions.deleteComment(commentIds[99] as string);
    const after = await graphql(COMMENTS_PAGE, {
      owner: OWNER,
      name: NAME,
      number: discussionNumber,
      after: page1.pageInfo.endCursor,
    });
    const page2Again = at(after.body, 'data', 'repository', 'discussion', 'comments') as Page<{ id: string }>;
    expect(page2Again.totalCount).toBe(129);
    expect(page2Again.edges[0]?.node.id).toBe(commentIds[100]);
    const gone = standIn.discussions.get(REPO, discussionNumber);
    expect(gone?.comments.map((comment) => comment.id)).not.toContain(commentIds[99]);
    // Put one back at the end so the other tests still see 130 comments.
    commentIds = [
      ...commentIds.filter((id) => id !== commentIds[99]),
      standIn.discussions.addComment(discussionId, { body: 'Topic 100 again', author: 'organizer' }),
    ];
  });

  it('refuses `first: 101`, and a connection without `first` or `last`, as GitHub does', async () => {
    const tooMany = await graphql(
      `query { repository(owner: "${OWNER}", name: "${NAME}") { discussions(first: 101) { nodes { id } } } }`,
    );
    expect(tooMany.status).toBe(200);
    expect(tooMany.body.data).toBeUndefined();
    expect(tooMany.body.errors).toEqual([
      {
        type: 'EXCESSIVE_PAGINATION',
        path: ['repository', 'discussions'],
        locations: [{ line: 1, column: 61 }],
        message:
          'Requesting 101 records on the `discussions` connection exceeds the `first` limit of 100 records.',
      },
    ]);
    const unbounded = await graphql(
      `query { repository(owner: "${OWNER}", name: "${NAME}") { discussions { nodes { id } } } }`,
    );
    expect(unbounded.body.errors).toEqual([
      expect.objectContaining({
        type: 'MISSING_PAGINATION_BOUNDARIES',
        message:
          'You must provide a `first` or `last` value to properly paginate the `discussions` connection.',
      }),
    ]);
    // A page size from a variable counts the same.
    const byVariable = await graphql(
      `query Big($first: Int!) { repository(owner: "${OWNER}", name: "${NAME}") { discussions(first: $first) { nodes { id } } } }`,
      { first: 250 },
    );
    expect(byVariable.body.errors?.[0]?.type).toBe('EXCESSIVE_PAGINATION');
    expect(standIn.contractViolations).toEqual([
      expect.stringMatching(
        /^graphql query \(POST \/graphql\): GitHub refuses the query: Requesting 101 records/,
      ),
      expect.stringMatching(/MISSING_PAGINATION_BOUNDARIES|You must provide a `first` or `last` value/),
      expect.stringMatching(
        /^graphql query Big \(POST \/graphql\): GitHub refuses the query: Requesting 250/,
      ),
    ]);
    standIn.contractViolations.splice(0);

    // Only the count, no items: no page size needed.
    const counted = await graphql(
      `query { repository(owner: "${OWNER}", name: "${NAME}") { discussions { totalCount } } }`,
    );
    expect(counted.body).toEqual({ data: { repository: { discussions: { totalCount: 1 } } } });
  });

  it('refuses a query that asks for more than 500,000 nodes', async () => {
    const { body } = await graphql(`query {
      repository(owner: "${OWNER}", name: "${NAME}") {
        discussions(first: 100) { nodes { comments(first: 100) { nodes { reactions(first: 100) { nodes { content } } } } } }
      }
    }`);
    expect(body.errors).toEqual([
      expect.objectContaining({
        type: 'MAX_NODE_LIMIT_EXCEEDED',
        message: expect.stringContaining('1,010,100'),
      }),
    ]);
    expect(standIn.contractViolations).toEqual([
      expect.stringContaining('exceeds the maximum limit of 500,000'),
    ]);
    standIn.contractViolations.splice(0);
  });

  it("refuses a field GitHub's schema does not have, and records it as a contract violation", async () => {
    const { status, body } = await graphql(
      `query Votes { repository(owner: "${OWNER}", name: "${NAME}") { discussion(number: 1) { comments(first: 5) { nodes { id voters { login } } } } } }`,
    );
    expect(status).toBe(200);
    expect(body.data).toBeUndefined();
    expect(body.errors).toEqual([
      {
        locations: [expect.any(Object)],
        message: 'Cannot query field "voters" on type "DiscussionComment".',
      },
    ]);
    // A variable of the wrong type, and one missing, are refused too.
    const wrong = await graphql(COMMENTS_PAGE, { owner: OWNER, name: NAME, number: 'one' });
    expect(wrong.body.errors?.[0]?.message).toMatch(/Variable "\$number" got invalid value "one"/);
    expect(standIn.contractViolations).toEqual([
      `graphql query Votes (POST /graphql): GitHub's GraphQL schema refuses the query: Cannot query field "voters" on type "DiscussionComment".`,
      expect.stringMatching(
        /^graphql query Comments \(POST \/graphql\): GitHub refuses the request: Variable "\$number"/,
      ),
    ]);
    standIn.contractViolations.splice(0);
  });

  it('records a field of the schema the stand-in does not serve', async () => {
    const { body } = await graphql(
      `query { repository(owner: "${OWNER}", name: "${NAME}") { stargazerCount } }`,
    );
    expect(body.errors?.[0]?.message).toMatch(
      /Cannot return null for non-nullable field Repository.stargazerCount/,
    );
    expect(standIn.contractViolations).toEqual([
      'graphql query (POST /graphql): the stand-in does not serve Repository.stargazerCount',
      expect.stringContaining("the stand-in's answer does not conform: Cannot return null"),
    ]);
    standIn.contractViolations.splice(0);
  });

  it('reads a comment and its reactions past 100 through node(id:); a deleted one is NOT_FOUND', async () => {
    const commentId = commentIds[4] as string;
    for (let n = 1; n <= 150; n++)
      standIn.discussions.react(commentId, n % 3 === 0 ? 'ROCKET' : 'THUMBS_UP', `dev${n}`);
    standIn.discussions.react(commentId, 'ROCKET', 'dev3'); // once per person and content, as on GitHub
    standIn.discussions.react(commentId, 'HEART', null);
    for (const login of ['ana', 'ben', 'ana']) standIn.discussions.upvote(commentId, login);
    const query = `query Reactions($id: ID!, $after: String, $content: ReactionContent) {
      node(id: $id) {
        __typename id
        ... on DiscussionComment {
          upvoteCount
          reactions(first: 100, after: $after, content: $content) {
            totalCount
            pageInfo { hasNextPage endCursor }
            nodes { content user { login } }
          }
        }
      }
    }`;
    const first = await graphql(query, { id: commentId });
    const node = at(first.body, 'data', 'node');
    expect(node).toMatchObject({ __typename: 'DiscussionComment', id: commentId, upvoteCount: 2 });
    const reactions = at(node, 'reactions') as Page<unknown>;
    expect(reactions.totalCount).toBe(151);
    expect(reactions.nodes[0]).toEqual({ content: 'THUMBS_UP', user: { login: 'dev1' } });
    const rest = await graphql(query, { id: commentId, after: reactions.pageInfo.endCursor });
    const more = at(rest.body, 'data', 'node', 'reactions') as Page<unknown>;
    expect(more.nodes).toHaveLength(51);
    expect(more.nodes.at(-1)).toEqual({ content: 'HEART', user: null });
    expect(more.pageInfo.hasNextPage).toBe(false);

    const rockets = await graphql(query, { id: commentId, content: 'ROCKET' });
    expect(at(rockets.body, 'data', 'node', 'reactions', 'totalCount')).toBe(50);

    standIn.discussions.deleteComment(commentId);
    const gone = await graphql(query, { id: commentId });
    expect(gone.body).toEqual({
      data: { node: null },
      errors: [
        {
          type: 'NOT_FOUND',
          path: ['node'],
          locations: [{ line: 2, column: 7 }],
          message: `Could not resolve to a node with the global id of '${commentId}'`,
        },
      ],
    });
    commentIds = commentIds.filter((id) => id !== commentId);
  });

  it('creates a discussion, comments on it, edits both and deletes the comment, as the App', async () => {
    const read = await graphql(`query { repository(owner: "${OWNER}", name: "${NAME}") {
      id hasDiscussionsEnabled
      discussionCategories(first: 100) { nodes { id name } }
    } }`);
    const repository = at(read.body, 'data', 'repository') as {
      id: string;
      hasDiscussionsEnabled: boolean;
      discussionCategories: Page<{ id: string; name: string }>;
    };
    expect(repository.hasDiscussionsEnabled).toBe(true);
    expect(repository.discussionCategories.nodes.map((c) => c.name)).toEqual([
      'Announcements',
      'General',
      'Ideas',
      'Polls',
      'Q&A',
      'Show and tell',
    ]);
    const polls = repository.discussionCategories.nodes.find((c) => c.name === 'Polls');
    const created = await graphql(
      `mutation Create($repositoryId: ID!, $categoryId: ID!, $title: String!, $body: String!) {
        createDiscussion(input: {repositoryId: $repositoryId, categoryId: $categoryId, title: $title, body: $body, clientMutationId: "c1"}) {
          clientMutationId
          discussion { id number url author { __typename login } category { name } }
        }
      }`,
      { repositoryId: repository.id, categoryId: polls?.id, title: 'Vote: Q3', body: '<!-- vote:q3 -->' },
    );
    const payload = at(created.body, 'data', 'createDiscussion');
    expect(payload).toEqual({
      clientMutationId: 'c1',
      discussion: {
        id: expect.stringMatching(/^D_kwDO/),
        number: discussionNumber + 1,
        url: `https://github.com/${REPO}/discussions/${discussionNumber + 1}`,
        // GraphQL names an App's bot by its slug, without REST's `[bot]`.
        author: { __typename: 'Bot', login: 'htg-stand-in' },
        category: { name: 'Polls' },
      },
    });
    const id = at(payload, 'discussion', 'id');
    const added = await graphql(
      `mutation ($id: ID!) { addDiscussionComment(input: {discussionId: $id, body: "Topic 1"}) { comment { id url } } }`,
      { id },
    );
    const comment = at(added.body, 'data', 'addDiscussionComment', 'comment') as { id: string; url: string };
    expect(comment.url).toMatch(new RegExp(`/discussions/${discussionNumber + 1}#discussioncomment-\\d+$`));
    await graphql(
      `mutation ($id: ID!, $c: ID!) {
        updateDiscussion(input: {discussionId: $id, body: "<!-- vote:q3 --> closed"}) { discussion { body } }
        updateDiscussionComment(input: {commentId: $c, body: "Topic 1, edited"}) { comment { body } }
      }`,
      { id, c: comment.id },
    );
    expect(standIn.discussions.get(REPO, discussionNumber + 1)).toMatchObject({
      body: '<!-- vote:q3 --> closed',
      comments: [{ body: 'Topic 1, edited', author: 'htg-stand-in[bot]' }],
    });
    const blank = await graphql(
      `mutation ($id: ID!) { addDiscussionComment(input: {discussionId: $id, body: " "}) { comment { id } } }`,
      { id },
    );
    expect(blank.body.errors).toEqual([
      expect.objectContaining({ type: 'UNPROCESSABLE', message: "Body can't be blank" }),
    ]);
    const deleted = await graphql(
      `mutation ($c: ID!) { deleteDiscussionComment(input: {id: $c}) { comment { id } } }`,
      { c: comment.id },
    );
    expect(deleted.body).toEqual({ data: { deleteDiscussionComment: { comment: { id: comment.id } } } });
    const again = await graphql(
      `mutation ($c: ID!) { deleteDiscussionComment(input: {id: $c}) { comment { id } } }`,
      { c: comment.id },
    );
    expect(again.body.errors?.[0]).toMatchObject({ type: 'NOT_FOUND', path: ['deleteDiscussionComment'] });
    expect(standIn.discussions.get(REPO, discussionNumber + 1)?.comments).toEqual([]);
  });

  it('lists discussions newest first by creation when asked (by update by default)', async () => {
    const repo = 'hack-week/ordering';
    standIn.install(repo, { discussions: 'write' });
    const made = ['first', 'second', 'third'].map((title) =>
      standIn.discussions.create(repo, { title, body: title }),
    );
    standIn.discussions.addComment(made[0]?.id as string, { body: 'bumps the first' });
    const list = async (order: string) => {
      const { body } = await graphql(
        `query { repository(owner: "hack-week", name: "ordering") { discussions(first: 2${order}) { nodes { title } pageInfo { hasNextPage } } } }`,
        {},
        client(repo),
      );
      return at(body, 'data', 'repository', 'discussions');
    };
    expect(await list('')).toEqual({
      nodes: [{ title: 'first' }, { title: 'third' }],
      pageInfo: { hasNextPage: true },
    });
    expect(await list(', orderBy: {field: CREATED_AT, direction: DESC}')).toEqual({
      nodes: [{ title: 'third' }, { title: 'second' }],
      pageInfo: { hasNextPage: true },
    });
  });

  it('answers FORBIDDEN without the Discussions permission, NOT_FOUND outside the installation', async () => {
    const repo = 'other-org/no-discussions';
    const installationId = standIn.install(repo);
    const octokit = new Octokit({
      baseUrl: standIn.url,
      authStrategy: createAppAuth,
      auth: { appId: standIn.app.id, privateKey: standIn.app.privateKey, installationId },
      log: quiet,
    });
    const { body } = await graphql(
      `query { repository(owner: "other-org", name: "no-discussions") { id discussions(first: 1) { nodes { id } } } }`,
      {},
      octokit,
    );
    expect(body).toEqual({
      data: { repository: null },
      errors: [
        expect.objectContaining({ type: 'FORBIDDEN', message: 'Resource not accessible by integration' }),
      ],
    });
    const elsewhere = await graphql(
      `query { repository(owner: "${OWNER}", name: "${NAME}") { id } }`,
      {},
      octokit,
    );
    expect(elsewhere.body.errors).toEqual([
      expect.objectContaining({
        type: 'NOT_FOUND',
        message: `Could not resolve to a Repository with the name '${REPO}'.`,
      }),
    ]);
    const node = await graphql(`query ($id: ID!) { node(id: $id) { id } }`, { id: discussionId }, octokit);
    expect(node.body.errors?.[0]?.type).toBe('NOT_FOUND');
  });

  it('authenticates as the REST routes do: an installation token, never none or the JWT', async () => {
    const anonymous = await fetch(`${standIn.url}/graphql`, {
      method: 'POST',
      body: JSON.stringify({ query: '{ node(id: "x") { id } }' }),
    });
    expect(anonymous.status).toBe(401);
    // @octokit/auth-app would not send the App's JWT there: sent by hand, it is no credential for GraphQL.
    const { token } = await createAppAuth({ appId: standIn.app.id, privateKey: standIn.app.privateKey })({
      type: 'app',
    });
    const asApp = await fetch(`${standIn.url}/graphql`, {
      method: 'POST',
      headers: { authorization: `bearer ${token}` },
      body: JSON.stringify({ query: '{ node(id: "x") { id } }' }),
    });
    expect(asApp.status).toBe(401);
    expect(await asApp.json()).toMatchObject({ message: 'Bad credentials' });
  });

  it('answers the faults asked for: 502, the secondary rate limit, and the primary one as HTTP 200', async () => {
    const query = `query Ping($id: ID!) { node(id: $id) { id } }`;
    const octokit = client();
    standIn.failNext(1, 502, 'graphql');
    await expect(graphql(query, { id: discussionId }, octokit)).rejects.toMatchObject({ status: 502 });
    standIn.failNext(1, { rateLimit: 'secondary', retryAfterSeconds: 7 }, 'graphql/Ping');
    await expect(graphql(query, { id: discussionId }, octokit)).rejects.toMatchObject({
      status: 403,
      response: { headers: expect.objectContaining({ 'retry-after': '7' }) },
    });
    // Only the named operation: another passes.
    standIn.failNext(1, 503, 'graphql/Other');
    expect((await graphql(query, { id: discussionId }, octokit)).body.errors).toBeUndefined();
    standIn.failNext(1, { rateLimit: 'primary', retryAfterSeconds: 30 }, 'graphql');
    const limited = await graphql(query, { id: discussionId }, octokit);
    expect(limited.status).toBe(200);
    expect(limited.body).toEqual({
      errors: [
        {
          type: 'RATE_LIMITED',
          message: expect.stringMatching(/^API rate limit exceeded for installation ID \d+\.$/),
        },
      ],
    });
    expect(limited.headers['x-ratelimit-remaining']).toBe('0');
    expect(limited.headers['x-ratelimit-resource']).toBe('graphql');
    standIn.failNext(1, { rateLimit: 'primary', graphqlType: 'RATE_LIMIT' }, 'graphql');
    const newer = await graphql(query, { id: discussionId }, octokit);
    expect(newer.body.errors?.[0]).toMatchObject({ type: 'RATE_LIMIT', code: 'graphql_rate_limit' });
    // The REST faults stay with REST.
    standIn.failNext(1, 503, 'issues/get');
    expect((await graphql(query, { id: discussionId }, octokit)).status).toBe(200);
    await expect(
      octokit.request('GET /repos/{owner}/{repo}/issues/{issue_number}', {
        owner: OWNER,
        repo: NAME,
        issue_number: 1,
      }),
    ).rejects.toMatchObject({ status: 503 });
    const recorded = standIn.requests.filter((request) => request.path === '/graphql').at(-1);
    expect(recorded).toMatchObject({ operationId: 'graphql', graphqlOperation: 'Ping', status: 200 });
  });
});
