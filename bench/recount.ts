import { parse, valueFromASTUntyped, visit } from 'graphql';
import type { Topic } from '../functions/domain/topic.js';
import { TEST_BOT_USER_ID } from '../functions/local/dev/signed-request.js';
import { rateLimitedCount } from '../functions/local/dev/slack-rules/rate-limits.js';
import { attendeeLines } from '../functions/local/dev/slack-sim.js';
import type { RecordedCall } from '../functions/local/dev/slack-stand-in.js';
import { runConcurrently } from '../functions/local/dev/vote-burst.js';
import type { BenchEnvironment } from './environment.js';

/**
 * Issue 20: the recount at voting close, both venues. 120 topics imported from a GitHub repository's labelled
 * issues, the voting discussion opened from Slack (a comment per topic), 60 voters known in both places (half
 * by `/htg github`, half by the attendee list) with 5 votes each, voting with :arrow_up: / 👍 and saying
 * :rocket: / 🚀 in a mix of venues. Then `/htg close-voting`, the refresher running as on the stream: the time to
 * the ranking message, Slack's calls and 429s against Tier 3, GitHub's GraphQL requests and their cost against
 * GitHub's GraphQL limits, with Octokit's throttling on as deployed (the setup before the close runs without it:
 * it is not what is measured, and a second between each of its few hundred GitHub writes would take minutes).
 */

const REPO = 'gardener-community/bench-voting';
const LABEL = 'Q2/2027';
const TOPICS = 120;
const VOTERS = 60;
const BUDGET = 5;
const ORGANIZER = 'U0ORG';

/**
 * Slack: reactions.get is Tier 3 ("50+ per minute": its page, docs.slack.dev/reference/methods/reactions.get,
 * and the tiers on docs.slack.dev/apis/web-api/rate-limits). The stand-in holds it to at most 50 calls in any
 * 60 seconds (functions/local/dev/slack-rules/rate-limits.ts, TIERS and PER_MINUTE), so N calls need at least
 * ⌊(N − 1) / 50⌋ minutes from the first to the last: 120 s for 120 cards (50 at once, 50 a minute later, 20 a
 * minute after that).
 */
const TIER_3_PER_MINUTE = 50;

/**
 * GitHub's GraphQL limits (docs.github.com, "Rate limits and node limits for the GraphQL API"):
 * - "5,000 points per hour per installation" for a GitHub App installation not in a GitHub Enterprise Cloud
 *   organization (more with over 20 repositories or users, at most 12,500);
 * - points: "Add up the number of requests needed to fulfill each unique connection in the call. Assume every
 *   request will reach the first or last argument limits." "Divide the number by 100 and round the result to
 *   the nearest whole number to get the final aggregate point value." "The minimum point value of a call to the
 *   GraphQL API is 1.";
 * - "Values of first and last must be within 1-100." "Individual calls cannot request more than 500,000 total
 *   nodes.";
 * - secondary: "No more than 100 concurrent requests are allowed", "no more than 2,000 points per minute are
 *   allowed for the GraphQL API endpoint", where (docs.github.com, "Rate limits for the REST API", "Calculating
 *   points for the secondary rate limit") "GraphQL requests without mutations" are 1 point, "with mutations" 5.
 */
const GITHUB = {
  pointsPerHour: 5_000,
  maxNodes: 500_000,
  maxPage: 100,
  secondaryPointsPerMinute: 2_000,
  maxConcurrent: 100,
} as const;

type Kind = 'vote' | 'interest';
type Venue = 'slack' | 'slack-missed' | 'github';

/** One thing a voter did: a reaction in one venue, on one topic. */
interface Act {
  voter: number;
  number: number;
  kind: Kind;
  venue: Venue;
}

export interface RecountFigures {
  topics: number;
  voters: number;
  votesPerPerson: number;
  /** What people did: reaction events Slack delivered, Slack reactions whose event htg missed, GitHub reactions. */
  slackEvents: number;
  slackMissed: number;
  githubReactions: number;
  /** GitHub reactions made after the last sync before the close (only the recount counts them). */
  githubUnsynced: number;
  /** Votes and "I'd work on it" expected in all (each person once per topic and kind, either venue). */
  expectedVotes: number;
  expectedInterest: number;
  /** Every topic's voteCount and interestCount are what people did, and the ranking message was posted. */
  exact: boolean;
  /** Topics whose counts differ from what people did. */
  wrongTopics: number[];
  /** From `/htg close-voting` to the ranking message: wall seconds, and seconds on the Slack clock. */
  wallSeconds: number;
  slackSeconds: number;
  /** The fewest Slack-clock seconds Tier 3 allows for the recount's reactions.get calls. */
  physicalSeconds: number;
  /** Slack calls from the close command to the ranking message, by method. */
  slackCalls: Record<string, number>;
  reactionsGet: number;
  rateLimited: number;
  /** Rounds of the recount (invocations it went on in), each reading the discussion whole first. */
  discussionReads: number;
  github: GitHubFigures;
  /** Seconds the whole section took (setup, close, the cards revealed after). */
  sectionSeconds: number;
}

interface GitHubFigures {
  /** Octokit's throttling during the recount (as deployed). */
  throttle: boolean;
  graphqlRequests: number;
  /** GraphQL requests by operation name. */
  byOperation: Record<string, number>;
  /** Other requests (installation lookup, installation token). */
  restRequests: number;
  /** Primary-limit points by the docs' formula, per operation (each request's), and in all. */
  pointsPerRequest: Record<string, number>;
  points: number;
  /** Points as a share of the installation's hourly 5,000, in percent. */
  pointsPercentOfHour: number;
  /** The most nodes and the largest page (first/last) any request asked for. */
  maxNodes: number;
  maxPage: number;
  /** Secondary limit: GraphQL points (1 a query) in the busiest 60 s, and the most requests in flight at once. */
  secondaryPointsBusiestMinute: number;
  maxConcurrent: number;
  /** The least time Octokit's deployed pacing (a second between GraphQL requests) needs for these requests. */
  pacingMinimumSeconds: number;
  /** Wall seconds between the first and the last GraphQL request. */
  graphqlSpanSeconds: number;
  /** Requests or answers the stand-in found not to conform to GitHub's descriptions. */
  contractViolations: number;
}

/** A small deterministic generator (mulberry32), so that every run votes alike. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * What the 60 voters do. Topic #1 is everyone's favourite on GitHub (🚀 from all 60, 👍 from 45: 105 reactions,
 * more than one page of 100). Four kinds of voter, by i mod 4, each using exactly their 5 votes:
 * - Slack only: 5 votes and two 🚀 in Slack (plus the 🚀 on #1 on GitHub);
 * - GitHub only: 5 👍 (#1 among them) and three 🚀 on GitHub;
 * - both: #1 and one more voted in both venues (counted once), one more in Slack, two more on GitHub; 🚀 on #1
 *   in Slack too, on one topic in both venues and one in Slack;
 * - missed: #1 in both, one more in Slack, one in Slack whose event htg missed (only reactions.get shows it),
 *   two on GitHub; a 🚀 missed in Slack and one on GitHub.
 */
function plan(): Act[] {
  const next = random(20);
  const acts: Act[] = [];
  const distinct = (count: number, taken: Set<number>) => {
    const picked: number[] = [];
    while (picked.length < count) {
      const number = 2 + Math.floor(next() * (TOPICS - 1));
      if (taken.has(number)) continue;
      taken.add(number);
      picked.push(number);
    }
    return picked;
  };
  for (let voter = 0; voter < VOTERS; voter++) {
    const add = (number: number, kind: Kind, ...venues: Venue[]) => {
      for (const venue of venues) acts.push({ voter, number, kind, venue });
    };
    const votes = new Set<number>([1]);
    const interest = new Set<number>([1]);
    add(1, 'interest', 'github');
    switch (voter % 4) {
      case 0: {
        votes.delete(1);
        for (const n of distinct(5, votes)) add(n, 'vote', 'slack');
        for (const n of distinct(2, interest)) add(n, 'interest', 'slack');
        break;
      }
      case 1: {
        add(1, 'vote', 'github');
        for (const n of distinct(4, votes)) add(n, 'vote', 'github');
        for (const n of distinct(2, interest)) add(n, 'interest', 'github');
        break;
      }
      case 2: {
        const [a, b, c, d] = distinct(4, votes) as [number, number, number, number];
        add(1, 'vote', 'slack', 'github');
        add(a, 'vote', 'slack', 'github');
        add(b, 'vote', 'slack');
        add(c, 'vote', 'github');
        add(d, 'vote', 'github');
        const [r, s] = distinct(2, interest) as [number, number];
        add(1, 'interest', 'slack');
        add(r, 'interest', 'slack', 'github');
        add(s, 'interest', 'slack');
        break;
      }
      default: {
        const [a, b, c, d] = distinct(4, votes) as [number, number, number, number];
        add(1, 'vote', 'slack', 'github');
        add(a, 'vote', 'slack');
        add(b, 'vote', 'slack-missed');
        add(c, 'vote', 'github');
        add(d, 'vote', 'github');
        const [r, s] = distinct(2, interest) as [number, number];
        add(r, 'interest', 'slack-missed');
        add(s, 'interest', 'github');
      }
    }
  }
  return acts;
}

const voterId = (voter: number) => `U0VOTER${String(voter).padStart(2, '0')}`;
const loginOf = (voter: number) => `bench-voter-${voter}`;

/**
 * A query's primary-limit points by GitHub's formula (every connection, one with `first` or `last`, assumed
 * full: a connection inside another is fetched once per item of the outer page), its nodes, its largest page.
 */
function graphqlCost(
  query: string,
  variables: Record<string, unknown> = {},
): { points: number; requests: number; nodes: number; largestPage: number } {
  const multipliers = [1];
  let requests = 0;
  let nodes = 0;
  let largestPage = 0;
  visit(parse(query), {
    Field: {
      enter(field) {
        const outer = multipliers.at(-1) ?? 1;
        const bound = field.arguments?.find((arg) => arg.name.value === 'first' || arg.name.value === 'last');
        if (!bound) {
          multipliers.push(outer);
          return;
        }
        const page = Number(valueFromASTUntyped(bound.value, variables));
        requests += outer;
        nodes += outer * page;
        largestPage = Math.max(largestPage, page);
        multipliers.push(outer * page);
      },
      leave() {
        multipliers.pop();
      },
    },
  });
  return { points: Math.max(1, Math.round(requests / 100)), requests, nodes, largestPage };
}

/** Every request to `origin` made through fetch (Octokit's transport) while it runs: when, and how many at once. */
function watchFetch(origin: string) {
  const original = globalThis.fetch;
  const requests: Array<{ url: string; startedMs: number }> = [];
  let inFlight = 0;
  let maxInFlight = 0;
  globalThis.fetch = async (input, init) => {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (!url.startsWith(origin)) return original(input, init);
    requests.push({ url, startedMs: performance.now() });
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    try {
      return await original(input, init);
    } finally {
      inFlight--;
    }
  };
  return {
    requests,
    maxInFlight: () => maxInFlight,
    stop: () => {
      globalThis.fetch = original;
    },
  };
}

/** The wall time (performance.now()) at which each Slack call was first seen, polled every few milliseconds. */
function watchCalls(calls: RecordedCall[]) {
  const seenAt: number[] = [];
  const poll = () => {
    const now = performance.now();
    for (let i = seenAt.length; i < calls.length; i++) seenAt.push(now);
  };
  const timer = setInterval(poll, 2);
  return {
    seenAt: (index: number) => seenAt[index],
    stop: () => {
      poll();
      clearInterval(timer);
    },
  };
}

export async function benchRecount(env: BenchEnvironment): Promise<RecountFigures> {
  const sectionStarted = performance.now();
  const { sim, stores, slack, github } = env;
  if (!github) throw new Error('benchRecount needs the bench environment with its GitHub stand-in');
  const channel = 'C0RECOUNT';
  // The setup is not what is measured: GitHub's writes go unpaced (see the file's comment).
  env.setGitHubThrottle(false);
  github.install(REPO, { discussions: 'write' });
  github.discussions.enable(REPO);
  for (let i = 1; i <= TOPICS; i++)
    github.addIssue(REPO, {
      title: `Recount topic ${i}`,
      body: `What topic ${i} is about.`,
      labels: [LABEL],
    });
  await sim.inviteBot(channel);
  await sim.command(ORGANIZER, channel, 'setup');
  await sim.submit(ORGANIZER, sim.lastOpenedView(), {
    name: 'Bench recount',
    startDate: '2027-05-03',
    endDate: '2027-05-07',
    timeZone: 'Europe/Berlin',
    votesPerPerson: String(BUDGET),
    githubRepo: REPO,
    githubLabel: LABEL,
  });
  await env.refresh();
  await env.refresh();
  const hackathon = await stores.hackathons.findActiveByChannel(channel);
  if (!hackathon) throw new Error(`no hackathon in ${channel}`);
  const topics = (await stores.topics.list(hackathon.id)).sort((a, b) => a.number - b.number);
  if (topics.length !== TOPICS || topics.some((t) => !t.card || !t.issue))
    throw new Error(`the import made ${topics.length} topics, not ${TOPICS} with cards and issues`);
  type Linked = Topic & { card: NonNullable<Topic['card']>; issue: NonNullable<Topic['issue']> };
  const byNumber = new Map(topics.map((t) => [t.number, t as Linked]));
  const topic = (number: number) => {
    const found = byNumber.get(number);
    if (!found) throw new Error(`no topic #${number}`);
    return found;
  };

  // Every voter is known on GitHub: the odd ones from the attendee list, the even ones by `/htg github`.
  await sim.command(ORGANIZER, channel, 'attendees');
  await sim.submit(ORGANIZER, sim.lastOpenedView(), {
    attendees: attendeeLines(
      Array.from({ length: VOTERS }, (_, v) => v)
        .filter((v) => v % 2 === 1)
        .map((v) => ({ userId: voterId(v), text: `github:${loginOf(v)}` })),
    ),
  });
  for (let v = 0; v < VOTERS; v += 2) await sim.command(voterId(v), channel, `github ${loginOf(v)}`);

  // The voting discussion, opened from Slack: one comment per topic, marked with its issue's number.
  await sim.command(ORGANIZER, channel, 'discussion');
  await env.refresh();
  const ref = (await stores.hackathons.get(hackathon.id))?.votingDiscussion;
  const comments = github.discussions.get(REPO, Number(ref?.number))?.comments ?? [];
  const commentOf = (number: number) => {
    const marker = `<!-- hackathon-topic-vote:${topic(number).issue.number} -->`;
    const comment = comments.find((c) => c.body.includes(marker));
    if (!comment) throw new Error(`the voting discussion has no comment for #${number}`);
    return comment.id;
  };

  // People vote: Slack's events through the ingress, GitHub's reactions on the stand-in; the first half of the
  // voters' GitHub reactions are counted by a sync while voting is open, the rest only by the recount.
  const acts = plan();
  const emoji = (kind: Kind) => (kind === 'vote' ? 'arrow_up' : 'rocket');
  const slackEvents = acts.filter((a) => a.venue === 'slack');
  let eventTs = Math.floor(Date.now() / 1000);
  const statuses = new Set<number | undefined>();
  await runConcurrently(
    slackEvents.map((a) => ({ ...a, ts: `${++eventTs}.000100` })),
    8,
    async (a) => {
      const { card } = topic(a.number);
      statuses.add(
        await sim.react(voterId(a.voter), {
          channel: card.channelId,
          ts: card.ts,
          itemUser: TEST_BOT_USER_ID,
          reaction: emoji(a.kind),
          added: true,
          eventTs: a.ts,
        }),
      );
    },
  );
  if (statuses.size !== 1 || !statuses.has(200))
    throw new Error(`reaction events answered ${[...statuses].join(', ')}`);
  const onGitHub = acts.filter((a) => a.venue === 'github');
  const react = (a: Act) =>
    github.discussions.react(
      commentOf(a.number),
      a.kind === 'vote' ? 'THUMBS_UP' : 'ROCKET',
      loginOf(a.voter),
    );
  for (const a of onGitHub.filter((a) => a.voter < VOTERS / 2)) react(a);
  await sim.command(ORGANIZER, channel, 'sync');
  await env.refresh();
  const unsynced = onGitHub.filter((a) => a.voter >= VOTERS / 2);
  for (const a of unsynced) react(a);
  // Whatever the stream still holds (the sync's last vote changes) is done before the close.
  await env.refresh();
  await env.refresh();

  // Slack's reactions on the cards at the close: the events delivered and those htg missed.
  const onCard = new Map<string, Record<Kind, Set<string>>>();
  for (const a of acts.filter((a) => a.venue !== 'github')) {
    const ts = topic(a.number).card.ts;
    const sets = onCard.get(ts) ?? { vote: new Set<string>(), interest: new Set<string>() };
    sets[a.kind].add(voterId(a.voter));
    onCard.set(ts, sets);
  }
  slack.respond('reactions.get', (args) => {
    const sets = onCard.get(String(args.timestamp));
    return {
      ok: true,
      type: 'message',
      channel: args.channel,
      message: {
        type: 'message',
        ts: args.timestamp,
        reactions: (['vote', 'interest'] as const).flatMap((kind) => {
          const users = [...(sets?.[kind] ?? [])];
          return users.length > 0 ? [{ name: emoji(kind), users, count: users.length }] : [];
        }),
      },
    };
  });

  // What people did, each person once per topic and kind, whichever venue(s).
  const expected = new Map<number, Record<Kind, Set<number>>>();
  for (const a of acts) {
    const sets = expected.get(a.number) ?? { vote: new Set<number>(), interest: new Set<number>() };
    sets[a.kind].add(a.voter);
    expected.set(a.number, sets);
  }
  const perVoter = new Map<number, Set<number>>();
  for (const a of acts.filter((a) => a.kind === 'vote'))
    perVoter.set(a.voter, (perVoter.get(a.voter) ?? new Set()).add(a.number));
  if ([...perVoter.values()].some((numbers) => numbers.size > BUDGET))
    throw new Error('the plan has a voter over budget');

  // The close, measured: GitHub as deployed (Octokit's throttling on, fresh clients as a new Lambda has).
  env.setGitHubThrottle(true);
  const callsBefore = slack.calls.length;
  const githubBefore = github.requests.length;
  const limitedBefore = rateLimitedCount(slack.world);
  const fetches = watchFetch(github.url);
  const calls = watchCalls(slack.calls);
  const wallStart = performance.now();
  const slackStart = env.pacingClock.now();
  try {
    await sim.command(ORGANIZER, channel, 'close-voting');
    await env.refresh();
  } finally {
    calls.stop();
    fetches.stop();
  }
  const closed = await stores.hackathons.get(hackathon.id);
  const rankingIndex = slack.calls.findIndex(
    (c, i) =>
      i >= callsBefore &&
      c.method === 'chat.postMessage' &&
      c.args.channel === channel &&
      (c.answer as { ts?: unknown } | undefined)?.ts === closed?.rankingMessage?.ts,
  );
  const ranking = slack.calls[rankingIndex];
  const recount = slack.calls.slice(callsBefore, rankingIndex + 1);
  const slackCalls: Record<string, number> = {};
  for (const c of recount) slackCalls[c.method] = (slackCalls[c.method] ?? 0) + 1;
  const reactionsGet = slackCalls['reactions.get'] ?? 0;
  const rankingWall = calls.seenAt(rankingIndex);

  const after = await stores.topics.list(hackathon.id);
  const wrongTopics = after
    .filter((t) => {
      const want = expected.get(t.number);
      return t.voteCount !== (want?.vote.size ?? 0) || t.interestCount !== (want?.interest.size ?? 0);
    })
    .map((t) => t.number)
    .sort((a, b) => a - b);

  // GitHub: what the recount asked, and what it costs.
  const asked = github.requests.slice(githubBefore);
  const graphql = asked.filter((r) => r.path === '/graphql');
  const byOperation: Record<string, number> = {};
  const pointsPerRequest: Record<string, number> = {};
  let points = 0;
  let maxNodes = 0;
  let maxPage = 0;
  for (const request of graphql) {
    const name = request.graphqlOperation ?? 'anonymous';
    byOperation[name] = (byOperation[name] ?? 0) + 1;
    const body = request.body as { query: string; variables?: Record<string, unknown> };
    const cost = graphqlCost(body.query, body.variables);
    pointsPerRequest[name] = cost.points;
    points += cost.points;
    maxNodes = Math.max(maxNodes, cost.nodes);
    maxPage = Math.max(maxPage, cost.largestPage);
  }
  const discussionReads = graphql.filter(
    (r) =>
      r.graphqlOperation === 'VotingDiscussion' &&
      ((r.body as { variables?: { after?: unknown } }).variables?.after ?? null) === null,
  ).length;
  const graphqlTimes = fetches.requests.filter((r) => r.url.endsWith('/graphql')).map((r) => r.startedMs);
  const busiestMinute = Math.max(
    0,
    ...graphqlTimes.map((t) => graphqlTimes.filter((u) => u >= t && u < t + 60_000).length),
  );

  return {
    topics: TOPICS,
    voters: VOTERS,
    votesPerPerson: BUDGET,
    slackEvents: slackEvents.length,
    slackMissed: acts.filter((a) => a.venue === 'slack-missed').length,
    githubReactions: onGitHub.length,
    githubUnsynced: unsynced.length,
    expectedVotes: [...expected.values()].reduce((sum, sets) => sum + sets.vote.size, 0),
    expectedInterest: [...expected.values()].reduce((sum, sets) => sum + sets.interest.size, 0),
    exact: wrongTopics.length === 0 && after.length === TOPICS && ranking !== undefined,
    wrongTopics,
    wallSeconds: rankingWall === undefined ? Number.NaN : (rankingWall - wallStart) / 1000,
    slackSeconds: ranking ? (ranking.at - slackStart) / 1000 : Number.NaN,
    physicalSeconds: Math.floor(Math.max(0, reactionsGet - 1) / TIER_3_PER_MINUTE) * 60,
    slackCalls,
    reactionsGet,
    rateLimited: rateLimitedCount(slack.world) - limitedBefore,
    discussionReads,
    github: {
      throttle: true,
      graphqlRequests: graphql.length,
      byOperation,
      restRequests: asked.length - graphql.length,
      pointsPerRequest,
      points,
      pointsPercentOfHour: (points / GITHUB.pointsPerHour) * 100,
      maxNodes,
      maxPage,
      secondaryPointsBusiestMinute: busiestMinute,
      maxConcurrent: fetches.maxInFlight(),
      pacingMinimumSeconds: Math.max(0, graphql.length - 1),
      graphqlSpanSeconds:
        graphqlTimes.length > 1 ? ((graphqlTimes.at(-1) ?? 0) - (graphqlTimes[0] ?? 0)) / 1000 : 0,
      contractViolations: github.contractViolations.length,
    },
    sectionSeconds: (performance.now() - sectionStarted) / 1000,
  };
}

/** GitHub's GraphQL limits the recount is held against (see GITHUB above). */
export const GITHUB_GRAPHQL_LIMITS = GITHUB;
