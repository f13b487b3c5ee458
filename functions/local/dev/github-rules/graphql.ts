/**
 * GitHub's GraphQL API (POST /graphql) as the GitHub stand-in serves it: the discussions htg runs votes in
 * (a repository's categories and discussions, their comments with upvotes and reactions, and the mutations that
 * create and edit them), answered from what github-rules/world.ts stores.
 *
 * Conformance both ways comes from GitHub's own schema: the `schema.graphql` of @octokit/graphql-schema (the
 * public schema GitHub publishes, the package's `schema.d.ts` types its resolvers' arguments here) is built into
 * an executable schema once per process, every request is checked with graphql-js's `validate` against it, and
 * answered with `execute`, so an answer always has the schema's shape (a resolver that breaks it is an error
 * graphql-js reports, and a contract violation). Beyond the schema, GitHub's own limits ("Rate limits and query
 * limits for the GraphQL API", docs.github.com): a connection whose `nodes` or `edges` are asked for needs
 * `first` or `last`, of at most 100, and a query may ask for at most 500,000 nodes. A query GitHub would refuse
 * is answered as GitHub does (HTTP 200, `errors`, no `data`), and what it asks that the stand-in does not serve
 * (a field outside SERVED) is a contract violation too.
 *
 * Errors are GitHub's: `{ type, path, locations, message }` with `type` NOT_FOUND ("Could not resolve to a node
 * with the global id of '…'"), FORBIDDEN ("Resource not accessible by integration": the token lacks the
 * Discussions permission), UNPROCESSABLE, MISSING_PAGINATION_BOUNDARIES, EXCESSIVE_PAGINATION. Validation
 * errors carry graphql-js's wording, not GitHub's (graphql-ruby's "Field 'x' doesn't exist on type 'Y'").
 */
import { readFileSync } from 'node:fs';
import type {
  DiscussionCommentReactionsArgs,
  DiscussionCommentsArgs,
  MutationAddDiscussionCommentArgs,
  MutationCreateDiscussionArgs,
  MutationDeleteDiscussionCommentArgs,
  MutationUpdateDiscussionArgs,
  MutationUpdateDiscussionCommentArgs,
  QueryNodeArgs,
  QueryRepositoryArgs,
  RepositoryDiscussionArgs,
  RepositoryDiscussionCategoriesArgs,
  RepositoryDiscussionsArgs,
} from '@octokit/graphql-schema';
import {
  buildSchema,
  type DocumentNode,
  execute,
  type FieldNode,
  GraphQLError,
  GraphQLInt,
  type GraphQLSchema,
  getNamedType,
  getOperationAST,
  Kind,
  parse,
  TypeInfo,
  validate,
  valueFromAST,
  visit,
  visitWithTypeInfo,
} from 'graphql';
import {
  botLogin,
  covers,
  deleteDiscussionComment,
  type GraphNode,
  newDiscussion,
  newDiscussionComment,
  repositoryNodeId,
  type StoredDiscussion,
  type StoredDiscussionCategory,
  type StoredDiscussionComment,
  type StoredReaction,
  type StoredRepo,
  timestamp,
  touchDiscussion,
  type World,
} from './world.js';

type Json = Record<string, unknown>;

/** Who asks: an installation token's installation, permissions and (when it was asked so) repositories. */
export interface GraphqlCaller {
  installationId: number;
  permissions: Record<string, string>;
  /** Lower-case full names, when the token was made for some repositories only. */
  repos?: Set<string>;
}

/** The answer to one POST /graphql: its JSON body (HTTP 200), and what did not conform. */
interface GraphqlAnswer {
  body: Json;
  violations: string[];
}

/** GitHub's limits on what a query asks for (docs.github.com, "Rate limits and query limits for the GraphQL API"). */
const MAX_PAGE = 100;
const MAX_NODES = 500_000;
/** GitHub's limit on a comment's or discussion's body (the same as for issues). */
const MAX_BODY = 65_536;
const WEB = 'https://github.com';

/**
 * The fields the stand-in answers, by type (interfaces among them, for fields asked on them directly). Anything
 * else a valid query asks is a contract violation: GitHub would answer it, the stand-in cannot.
 */
const SERVED: Readonly<Record<string, ReadonlySet<string>>> = Object.fromEntries(
  Object.entries({
    Query: ['repository', 'node'],
    Mutation: [
      'createDiscussion',
      'addDiscussionComment',
      'updateDiscussion',
      'updateDiscussionComment',
      'deleteDiscussionComment',
    ],
    Node: ['id'],
    Actor: ['login', 'url'],
    User: ['id', 'login', 'url'],
    Bot: ['id', 'login', 'url'],
    Repository: [
      'id',
      'name',
      'nameWithOwner',
      'url',
      'hasDiscussionsEnabled',
      'discussion',
      'discussions',
      'discussionCategories',
    ],
    DiscussionCategory: [
      'id',
      'name',
      'slug',
      'emoji',
      'description',
      'isAnswerable',
      'createdAt',
      'repository',
    ],
    Discussion: [
      'id',
      'databaseId',
      'number',
      'title',
      'body',
      'url',
      'createdAt',
      'updatedAt',
      'author',
      'category',
      'repository',
      'comments',
    ],
    DiscussionComment: [
      'id',
      'databaseId',
      'body',
      'url',
      'createdAt',
      'updatedAt',
      'deletedAt',
      'author',
      'upvoteCount',
      'reactions',
      'discussion',
    ],
    Reaction: ['id', 'content', 'createdAt', 'user'],
    PageInfo: ['hasNextPage', 'hasPreviousPage', 'startCursor', 'endCursor'],
    CreateDiscussionPayload: ['clientMutationId', 'discussion'],
    AddDiscussionCommentPayload: ['clientMutationId', 'comment'],
    UpdateDiscussionPayload: ['clientMutationId', 'discussion'],
    UpdateDiscussionCommentPayload: ['clientMutationId', 'comment'],
    DeleteDiscussionCommentPayload: ['clientMutationId', 'comment'],
    ...Object.fromEntries(
      ['Discussion', 'DiscussionComment', 'DiscussionCategory', 'Reaction'].flatMap((node) => [
        [`${node}Connection`, ['nodes', 'edges', 'pageInfo', 'totalCount']],
        [`${node}Edge`, ['cursor', 'node']],
      ]),
    ),
  }).map(([type, fields]) => [type, new Set(fields)]),
);

let schema: GraphQLSchema | undefined;

/**
 * GitHub's schema, built on first use (a third of a second). `assumeValidSDL`: GitHub's SDL does not pass
 * graphql-js's own SDL checks, as it defines `EnterpriseOwnerInfo.repositoryDeployKeySetting` and
 * `repositoryDeployKeySettingOrganizations` twice (in @octokit/graphql-schema 15.26.1).
 */
function gitHubSchema(): GraphQLSchema {
  if (!schema) {
    const file = new URL('./schema.graphql', import.meta.resolve('@octokit/graphql-schema'));
    schema = buildSchema(readFileSync(file, 'utf8'), { assumeValidSDL: true });
  }
  return schema;
}

/** A refusal GitHub answers inside `errors`, with its `type`. */
class Refusal extends Error {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(message);
  }
}

const notFound = (message: string) => new Refusal('NOT_FOUND', message);
const unknownNode = (id: string) => notFound(`Could not resolve to a node with the global id of '${id}'`);
const unprocessable = (message: string) => new Refusal('UNPROCESSABLE', message);

/** The operation a request body names or holds (`query Name`, `mutation Name`), for logs and faults. */
export function graphqlOperationOf(body: unknown): { type: string; name: string | undefined } | undefined {
  const request = (body ?? {}) as Json;
  if (typeof request.query !== 'string') return undefined;
  try {
    const named = typeof request.operationName === 'string' ? request.operationName : undefined;
    const operation = getOperationAST(parse(request.query), named);
    return operation ? { type: operation.operation, name: operation.name?.value } : undefined;
  } catch {
    return undefined;
  }
}

/** Answers one POST /graphql from an authenticated installation, as GitHub does. */
export function answerGraphql(world: World, request: unknown, caller: GraphqlCaller): GraphqlAnswer {
  const violations: string[] = [];
  const refuse = (errors: Json[], violation: string): GraphqlAnswer => {
    violations.push(violation);
    return { body: { errors }, violations };
  };
  const { query, variables, operationName } = (request ?? {}) as Json;
  if (typeof query !== 'string' || query.trim() === '')
    return refuse(
      [{ message: 'A query attribute must be specified and must be a string.' }],
      'the request has no `query`',
    );
  if (
    variables !== undefined &&
    variables !== null &&
    (typeof variables !== 'object' || Array.isArray(variables))
  )
    return refuse([{ message: 'Variables are invalid JSON.' }], '`variables` is not an object');
  let document: DocumentNode;
  try {
    document = parse(query);
  } catch (error) {
    const problem = error instanceof GraphQLError ? error : new GraphQLError(String(error));
    return refuse([located(problem)], `the query does not parse: ${problem.message}`);
  }
  const invalid = validate(gitHubSchema(), document);
  if (invalid.length > 0)
    return refuse(
      invalid.map(located),
      `GitHub's GraphQL schema refuses the query: ${invalid.map((e) => e.message).join(' ')}`,
    );
  const values = (variables ?? {}) as Json;
  const limits = checkLimits(document, values);
  violations.push(...limits.notServed.map((field) => `the stand-in does not serve ${field}`));
  if (limits.refusals.length > 0)
    return refuse(
      limits.refusals,
      `GitHub refuses the query: ${limits.refusals.map((e) => String(e.message)).join(' ')}`,
    );

  const context: Context = { world, caller, violations };
  const result = execute({
    schema: gitHubSchema(),
    document,
    rootValue: root(context),
    contextValue: context,
    variableValues: values,
    ...(typeof operationName === 'string' ? { operationName } : {}),
  });
  if (result instanceof Promise) throw new Error('The stand-in resolves GraphQL synchronously');
  const errors = (result.errors ?? []).map((error) => {
    const refusal = error.originalError instanceof Refusal ? error.originalError : undefined;
    if (!refusal)
      violations.push(
        result.data === undefined
          ? `GitHub refuses the request: ${error.message}`
          : `the stand-in's answer does not conform: ${error.message}${error.path ? ` at ${error.path.join('.')}` : ''}`,
      );
    return {
      ...(refusal ? { type: refusal.type } : {}),
      ...(error.path ? { path: error.path } : {}),
      ...located(error),
    };
  });
  return {
    body: {
      ...(result.data !== undefined ? { data: result.data } : {}),
      ...(errors.length > 0 ? { errors } : {}),
    },
    violations,
  };
}

/** An error as GitHub shows it: where in the query, and what. */
function located(error: GraphQLError): Json {
  return {
    ...(error.locations ? { locations: error.locations.map(({ line, column }) => ({ line, column })) } : {}),
    message: error.message,
  };
}

/**
 * GitHub's limits beyond the schema, and the fields the stand-in does not serve. Page sizes multiply down
 * nested connections (50 repositories × 10 issues each = 500 nodes), as GitHub counts them.
 */
function checkLimits(document: DocumentNode, variables: Json): { refusals: Json[]; notServed: string[] } {
  const typeInfo = new TypeInfo(gitHubSchema());
  const refusals: Json[] = [];
  const notServed = new Set<string>();
  const path: string[] = [];
  const multipliers: number[] = [1];
  let nodes = 0;
  visit(
    document,
    visitWithTypeInfo(typeInfo, {
      Field: {
        enter(node) {
          const parent = typeInfo.getParentType();
          const definition = typeInfo.getFieldDef();
          path.push(node.alias?.value ?? node.name.value);
          const outer = multipliers.at(-1) ?? 1;
          if (!parent || !definition) {
            multipliers.push(outer);
            return;
          }
          const name = node.name.value;
          if (name !== '__typename' && !SERVED[parent.name]?.has(name))
            notServed.add(`${parent.name}.${name}`);
          const paged =
            getNamedType(definition.type).name.endsWith('Connection') &&
            definition.args.some((arg) => arg.name === 'first') &&
            asksForItems(node);
          if (!paged) {
            multipliers.push(outer);
            return;
          }
          const size = (argument: 'first' | 'last'): number | undefined => {
            const given = node.arguments?.find((arg) => arg.name.value === argument);
            const value = given ? valueFromAST(given.value, GraphQLInt, variables) : undefined;
            return typeof value === 'number' ? value : undefined;
          };
          const first = size('first');
          const last = size('last');
          const where = { path: [...path], locations: node.loc ? [lineAndColumn(node)] : [] };
          if (first === undefined && last === undefined) {
            refusals.push({
              type: 'MISSING_PAGINATION_BOUNDARIES',
              ...where,
              message: `You must provide a \`first\` or \`last\` value to properly paginate the \`${name}\` connection.`,
            });
          }
          for (const [argument, value] of [
            ['first', first],
            ['last', last],
          ] as const) {
            if (value !== undefined && value > MAX_PAGE)
              refusals.push({
                type: 'EXCESSIVE_PAGINATION',
                ...where,
                message: `Requesting ${value} records on the \`${name}\` connection exceeds the \`${argument}\` limit of ${MAX_PAGE} records.`,
              });
          }
          const page = Math.max(0, Math.min(MAX_PAGE, first ?? last ?? MAX_PAGE));
          nodes += outer * page;
          multipliers.push(outer * page);
        },
        leave() {
          path.pop();
          multipliers.pop();
        },
      },
    }),
  );
  if (nodes > MAX_NODES)
    refusals.push({
      type: 'MAX_NODE_LIMIT_EXCEEDED',
      message: `This query requests up to ${nodes.toLocaleString('en-US')} possible nodes which exceeds the maximum limit of ${MAX_NODES.toLocaleString('en-US')}.`,
    });
  return { refusals, notServed: [...notServed] };
}

/** Whether a connection field selects its items (`nodes` or `edges`), directly or in an inline fragment. */
function asksForItems(field: FieldNode): boolean {
  return (field.selectionSet?.selections ?? []).some((selection) =>
    selection.kind === Kind.FIELD
      ? selection.name.value === 'nodes' || selection.name.value === 'edges'
      : selection.kind === Kind.INLINE_FRAGMENT &&
        selection.selectionSet.selections.some(
          (inner) =>
            inner.kind === Kind.FIELD && (inner.name.value === 'nodes' || inner.name.value === 'edges'),
        ),
  );
}

function lineAndColumn(node: FieldNode): { line: number; column: number } {
  const body = node.loc?.source.body ?? '';
  const before = body.slice(0, node.loc?.start ?? 0).split('\n');
  return { line: before.length, column: (before.at(-1)?.length ?? 0) + 1 };
}

interface Context {
  world: World;
  caller: GraphqlCaller;
  violations: string[];
}

/** The root of queries and mutations alike (graphql-js takes one root value for either). */
function root(context: Context): Json {
  const { world } = context;
  return {
    repository: ({ owner, name }: QueryRepositoryArgs) => {
      const repo = world.repos.get(`${owner}/${name}`.toLowerCase());
      if (!repo || !visible(context, repo))
        throw notFound(`Could not resolve to a Repository with the name '${owner}/${name}'.`);
      return repositoryValue(context, repo);
    },
    node: ({ id }: QueryNodeArgs) => nodeValue(context, reachable(context, id, 'read')),
    createDiscussion: ({ input }: MutationCreateDiscussionArgs) => {
      const target = reachable(context, input.repositoryId, 'write');
      if (target.type !== 'Repository') throw unknownNode(input.repositoryId);
      const { repo } = target;
      if (!repo.discussionsEnabled) throw unprocessable('Discussions are disabled for this repository.');
      const category = repo.discussionCategories.find((c) => c.id === input.categoryId);
      if (!category) throw unknownNode(input.categoryId);
      if (input.title.trim() === '') throw unprocessable("Title can't be blank");
      checkBody(input.body);
      const discussion = newDiscussion(world, repo, {
        title: input.title,
        body: input.body,
        categoryId: category.id,
        author: botLogin(world),
        viaApp: true,
      });
      return {
        clientMutationId: input.clientMutationId ?? null,
        discussion: discussionValue(context, repo, discussion),
      };
    },
    addDiscussionComment: ({ input }: MutationAddDiscussionCommentArgs) => {
      const target = reachable(context, input.discussionId, 'write');
      if (target.type !== 'Discussion') throw unknownNode(input.discussionId);
      if (input.replyToId) {
        context.violations.push('the stand-in does not serve replies (addDiscussionComment with replyToId)');
        throw unprocessable('The stand-in does not store replies');
      }
      checkBody(input.body);
      const comment = newDiscussionComment(world, target.repo, target.discussion, {
        body: input.body,
        author: botLogin(world),
        viaApp: true,
      });
      return {
        clientMutationId: input.clientMutationId ?? null,
        comment: commentValue(context, target.repo, target.discussion, comment),
      };
    },
    updateDiscussion: ({ input }: MutationUpdateDiscussionArgs) => {
      const target = reachable(context, input.discussionId, 'write');
      if (target.type !== 'Discussion') throw unknownNode(input.discussionId);
      const { repo, discussion } = target;
      if (input.title !== undefined && input.title !== null && input.title.trim() === '')
        throw unprocessable("Title can't be blank");
      if (input.body !== undefined && input.body !== null) checkBody(input.body);
      if (input.categoryId !== undefined && input.categoryId !== null) {
        if (!repo.discussionCategories.some((c) => c.id === input.categoryId))
          throw unknownNode(input.categoryId);
        discussion.categoryId = input.categoryId;
      }
      if (input.title !== undefined && input.title !== null) discussion.title = input.title;
      if (input.body !== undefined && input.body !== null) discussion.body = input.body;
      touchDiscussion(world, discussion);
      return {
        clientMutationId: input.clientMutationId ?? null,
        discussion: discussionValue(context, repo, discussion),
      };
    },
    updateDiscussionComment: ({ input }: MutationUpdateDiscussionCommentArgs) => {
      const target = reachable(context, input.commentId, 'write');
      if (target.type !== 'DiscussionComment') throw unknownNode(input.commentId);
      checkBody(input.body);
      target.comment.body = input.body;
      target.comment.updatedAt = timestamp();
      return {
        clientMutationId: input.clientMutationId ?? null,
        comment: commentValue(context, target.repo, target.discussion, target.comment),
      };
    },
    deleteDiscussionComment: ({ input }: MutationDeleteDiscussionCommentArgs) => {
      const target = reachable(context, input.id, 'write');
      if (target.type !== 'DiscussionComment') throw unknownNode(input.id);
      const before = commentValue(context, target.repo, target.discussion, target.comment);
      deleteDiscussionComment(world, target);
      return { clientMutationId: input.clientMutationId ?? null, comment: before };
    },
  };
}

/** GitHub's checks of a body (`String!`, so never null): not blank, at most 65,536 characters. */
function checkBody(body: string): void {
  if (body.trim() === '') throw unprocessable("Body can't be blank");
  if (body.length > MAX_BODY) throw unprocessable(`Body is too long (maximum is ${MAX_BODY} characters)`);
}

/** Whether the caller's token sees a repository (its installation covers it; the token was not narrowed). */
function visible(context: Context, repo: StoredRepo): boolean {
  const installation = context.world.installations.get(context.caller.installationId);
  const key = repo.fullName.toLowerCase();
  return (
    installation !== undefined &&
    covers(installation, repo) &&
    (!context.caller.repos || context.caller.repos.has(key))
  );
}

/**
 * What a node id stands for, when the caller may see it: NOT_FOUND otherwise (GitHub hides what a token may not
 * see); FORBIDDEN when the token lacks the Discussions permission the access needs.
 */
function reachable(context: Context, id: string, access: 'read' | 'write'): GraphNode {
  const node = context.world.nodes.get(id);
  if (!node || !visible(context, node.repo)) throw unknownNode(id);
  if (node.type !== 'Repository' || access === 'write') needDiscussions(context, access);
  return node;
}

/** The Discussions permission ("Discussions: read and write" to write, read to read) or FORBIDDEN. */
function needDiscussions(context: Context, access: 'read' | 'write'): void {
  const granted = context.caller.permissions.discussions;
  if (granted === 'write' || (access === 'read' && granted === 'read')) return;
  throw new Refusal('FORBIDDEN', 'Resource not accessible by integration');
}

function nodeValue(context: Context, node: GraphNode): Json {
  switch (node.type) {
    case 'Repository':
      return repositoryValue(context, node.repo);
    case 'DiscussionCategory':
      return categoryValue(context, node.repo, node.category);
    case 'Discussion':
      return discussionValue(context, node.repo, node.discussion);
    case 'DiscussionComment':
      return commentValue(context, node.repo, node.discussion, node.comment);
  }
}

function repositoryValue(context: Context, repo: StoredRepo): Json {
  return {
    __typename: 'Repository',
    id: repositoryNodeId(context.world, repo),
    name: repo.name,
    nameWithOwner: repo.fullName,
    url: `${WEB}/${repo.fullName}`,
    hasDiscussionsEnabled: repo.discussionsEnabled,
    discussion: ({ number }: RepositoryDiscussionArgs) => {
      needDiscussions(context, 'read');
      const discussion = repo.discussions.get(number);
      if (!discussion) throw notFound(`Could not resolve to a Discussion with the number of ${number}.`);
      return discussionValue(context, repo, discussion);
    },
    discussions: (args: RepositoryDiscussionsArgs) => {
      needDiscussions(context, 'read');
      // Stored discussions are open and unanswered (the stand-in closes and answers none).
      const states = args.states ?? [];
      const listed =
        (states.length > 0 && !states.includes('OPEN')) || args.answered === true
          ? []
          : [...repo.discussions.values()].filter(
              (d) => !args.categoryId || d.categoryId === args.categoryId,
            );
      const byUpdate = (args.orderBy?.field ?? 'UPDATED_AT') === 'UPDATED_AT';
      const descending = (args.orderBy?.direction ?? 'DESC') === 'DESC';
      const key = (d: StoredDiscussion) => (byUpdate ? d.updatedSequence : d.sequence);
      listed.sort((a, b) => (descending ? key(b) - key(a) : key(a) - key(b)));
      return connection(listed, key, descending, args, (d) => discussionValue(context, repo, d));
    },
    discussionCategories: (args: RepositoryDiscussionCategoriesArgs) => {
      needDiscussions(context, 'read');
      const categories = repo.discussionsEnabled ? repo.discussionCategories : [];
      return connection(
        categories,
        (category) => categories.indexOf(category),
        false,
        args,
        (category) => categoryValue(context, repo, category),
      );
    },
  };
}

function categoryValue(context: Context, repo: StoredRepo, category: StoredDiscussionCategory): Json {
  return {
    __typename: 'DiscussionCategory',
    id: category.id,
    name: category.name,
    slug: category.slug,
    emoji: category.emoji,
    description: category.description,
    isAnswerable: category.isAnswerable,
    createdAt: category.createdAt,
    repository: () => repositoryValue(context, repo),
  };
}

function discussionValue(context: Context, repo: StoredRepo, discussion: StoredDiscussion): Json {
  const url = `${WEB}/${repo.fullName}/discussions/${discussion.number}`;
  return {
    __typename: 'Discussion',
    id: discussion.id,
    databaseId: discussion.databaseId,
    number: discussion.number,
    title: discussion.title,
    body: discussion.body,
    url,
    createdAt: discussion.createdAt,
    updatedAt: discussion.updatedAt,
    author: actorValue(discussion.author),
    category: () => {
      const category = repo.discussionCategories.find((c) => c.id === discussion.categoryId);
      return category ? categoryValue(context, repo, category) : null;
    },
    repository: () => repositoryValue(context, repo),
    // Top-level comments, oldest first (replies hang off each comment's `replies` on GitHub).
    comments: (args: DiscussionCommentsArgs) =>
      connection(
        discussion.comments,
        (comment) => comment.sequence,
        false,
        args,
        (comment) => commentValue(context, repo, discussion, comment),
      ),
  };
}

function commentValue(
  context: Context,
  repo: StoredRepo,
  discussion: StoredDiscussion,
  comment: StoredDiscussionComment,
): Json {
  return {
    __typename: 'DiscussionComment',
    id: comment.id,
    databaseId: comment.databaseId,
    body: comment.body,
    url: `${WEB}/${repo.fullName}/discussions/${discussion.number}#discussioncomment-${comment.databaseId}`,
    createdAt: comment.createdAt,
    updatedAt: comment.updatedAt,
    deletedAt: null,
    author: actorValue(comment.author),
    upvoteCount: comment.upvotes.size,
    reactions: (args: DiscussionCommentReactionsArgs) => {
      const listed = comment.reactions.filter(
        (reaction) => !args.content || reaction.content === args.content,
      );
      const descending = args.orderBy?.direction === 'DESC';
      if (descending) listed.reverse();
      return connection(listed, (reaction) => reaction.sequence, descending, args, reactionValue);
    },
    discussion: () => discussionValue(context, repo, discussion),
  };
}

function reactionValue(reaction: StoredReaction): Json {
  return {
    __typename: 'Reaction',
    id: reaction.id,
    content: reaction.content,
    createdAt: reaction.createdAt,
    // `user: User`: an account deleted since is null, and so is an App's bot (a Bot is no User).
    user: reaction.login === null || reaction.login.endsWith('[bot]') ? null : actorValue(reaction.login),
  };
}

/**
 * An `Actor` (an author): a person is a `User`; an App's bot a `Bot`, whose GraphQL login is the App's slug
 * without REST's `[bot]` (`dependabot`, where REST says `dependabot[bot]`); an account deleted since is null.
 */
function actorValue(login: string | null): Json | null {
  if (login === null) return null;
  if (login.endsWith('[bot]')) {
    const slug = login.slice(0, -'[bot]'.length);
    return { __typename: 'Bot', login: slug, url: `${WEB}/apps/${slug}` };
  }
  return { __typename: 'User', login, url: `${WEB}/${login}` };
}

/** A cursor, opaque as GitHub's are (`Y3Vyc29yOnYyOpHOAAE=`, base64 of `cursor:v2:` and a position). */
function cursorOf(key: number): string {
  return Buffer.from(`cursor:v2:${key}`).toString('base64');
}

function keyOfCursor(cursor: string): number {
  const match = /^cursor:v2:(-?\d+)$/.exec(Buffer.from(cursor, 'base64').toString('utf8'));
  if (!match?.[1])
    throw new Refusal('INVALID_CURSOR_ARGUMENTS', `\`${cursor}\` does not appear to be a valid cursor.`);
  return Number(match[1]);
}

/**
 * A connection over items in their order (ascending by `key`, or descending): `after`/`before` by the key their
 * cursor names (an item deleted since still marks its place), then the `first` or `last` of the rest.
 */
function connection<T>(
  items: readonly T[],
  key: (item: T) => number,
  descending: boolean,
  page: {
    first?: number | null | undefined;
    last?: number | null | undefined;
    after?: string | null | undefined;
    before?: string | null | undefined;
  },
  value: (item: T) => Json,
): Json {
  const later = (a: number, b: number) => (descending ? a < b : a > b);
  const after = page.after ? keyOfCursor(page.after) : undefined;
  const before = page.before ? keyOfCursor(page.before) : undefined;
  const window = items.filter(
    (item) =>
      (after === undefined || later(key(item), after)) && (before === undefined || later(before, key(item))),
  );
  let start = 0;
  let end = window.length;
  if (typeof page.first === 'number') end = Math.min(end, Math.max(0, page.first));
  if (typeof page.last === 'number') start = Math.max(start, end - Math.max(0, page.last));
  const slice = window.slice(start, end);
  const firstIndex = slice[0] === undefined ? -1 : items.indexOf(slice[0]);
  const lastItem = slice.at(-1);
  return {
    totalCount: items.length,
    nodes: () => slice.map(value),
    edges: () => slice.map((item) => ({ cursor: cursorOf(key(item)), node: value(item) })),
    pageInfo: {
      // More after this page (within `before`, when given); items before it anywhere in the list.
      hasNextPage: end < window.length,
      hasPreviousPage: start > 0 || firstIndex > 0,
      startCursor: slice[0] === undefined ? null : cursorOf(key(slice[0])),
      endCursor: lastItem === undefined ? null : cursorOf(key(lastItem)),
    },
  };
}
