import { randomUUID } from 'node:crypto';
import type { DynamoDBBatchResponse, DynamoDBStreamEvent } from 'aws-lambda';
import {
  allCardsChanges,
  boardChanges,
  gitHubLinkChanges,
  issueWork,
  newHackathons,
  newJobs,
  outcomeChanges,
  scheduleChanges,
  teamWork,
  topicChanges,
} from '../adapters/dynamodb/topic-changes.js';
import type { Logger } from '../adapters/logger.js';
import { syncBoard } from '../app/board.js';
import { announceCarriedOver } from '../app/carry-over.js';
import { announceHackathon, bringWaitingPosts } from '../app/channel-access.js';
import { type ReconcileDeps, type ReconcileReport, reconcileReactions } from '../app/close-voting.js';
import { isOutOfTime } from '../app/deadline.js';
import { applyPullRequestEvent, findPullRequests } from '../app/github-pulls.js';
import { applyIssueEvent, type GitHubSyncDeps, pushToIssue, syncRepository } from '../app/github-sync.js';
import { pushTeamsToIssues } from '../app/github-teams.js';
import {
  countDiscussionVotes,
  type GitHubVoteDeps,
  openVotingDiscussion,
  reportProblems,
} from '../app/github-votes.js';
import { GitHubError } from '../app/ports/github.js';
import type { GitHubSyncJob, Job, RefreshCardsJob } from '../app/ports/jobs.js';
import type { Scheduler } from '../app/ports/scheduling.js';
import type {
  BoardPublisher,
  CarryOverAnnouncer,
  ChannelAnnouncer,
  PeopleDirectory,
  TeamAnnouncer,
  WrapUpPublisher,
} from '../app/ports/slack.js';
import type { TeamStore } from '../app/ports/stores.js';
import { postScheduled, type ScheduledPostDeps } from '../app/scheduled-posts.js';
import { syncSchedules } from '../app/schedules.js';
import { applyTeams, refreshRanking } from '../app/team-review.js';
import { type CardDeps, refreshCards, syncTopicCard } from '../app/topic-cards.js';
import { publishWebsitePull, type WebsitePullDeps } from '../app/website-pull.js';
import { followLateOutcomes, postWrapUp, sendExport, type WrapUpJobDeps } from '../app/wrap-up-jobs.js';
import { isSlackUserId } from '../domain/outcome.js';
import { votingOpen } from '../domain/vote.js';

export type RefresherHandler = (
  event: DynamoDBStreamEvent,
  context?: { getRemainingTimeInMillis(): number },
) => Promise<DynamoDBBatchResponse>;

/**
 * How long one invocation may wait for Slack's rate limits in all. Work that would wait longer continues in
 * the next invocation (a continuation job), so that a burst for one hackathon never holds the stream's other
 * work (new cards, jobs, other hackathons) for more than this.
 */
const SLICE_MS = 10_000;
/** Kept back from the Lambda's timeout (60 s) for the last writes and the answer to Lambda. */
const SAFETY_MS = 10_000;

export interface RefresherDeps
  extends CardDeps,
    ReconcileDeps,
    GitHubVoteDeps,
    ScheduledPostDeps,
    GitHubSyncDeps,
    Omit<WebsitePullDeps, 'votes' | 'logins'> {
  teams: TeamStore;
  announcer: TeamAnnouncer & CarryOverAnnouncer & ChannelAnnouncer;
  board: BoardPublisher;
  scheduler: Scheduler;
  wrapUps: WrapUpPublisher;
  people: PeopleDirectory;
  archive: WrapUpJobDeps['archive'];
  clock: () => Date;
  /** Bounds every wait for Slack's rate limits in this invocation (ms on the pacing clock; undefined: none). */
  setDeadline(until: number | undefined): void;
  /**
   * Once the invocation's work is done: if work was handed on because Slack's turn for it comes after the
   * deadline, waits until the deadline (at once otherwise), so that its continuation does not start, find the
   * same wait and hand on again, many times a second.
   */
  idleUntilHandedOnTurn(): Promise<void>;
  /** Tells the organizer who closed voting, by direct message, what the re-read found and which teams are proposed. */
  notify(channelId: string, userId: string, report: ReconcileReport): Promise<void>;
}

/** Runs one job; each kind is idempotent, so a retried batch does no harm. */
async function runJob(
  deps: RefresherDeps,
  job: Exclude<Job, RefreshCardsJob>,
  budget: GitHubBudget,
): Promise<void> {
  switch (job.kind) {
    case 'reconcile-reactions': {
      let report: ReconcileReport;
      try {
        report = await reconcileReactions(deps, job);
      } catch (error) {
        // The voting discussion could not be read whole: no ranking on half the votes. The organizer is told;
        // the scheduled sync (or /htg close-voting again) recounts once GitHub answers.
        if (!(error instanceof GitHubError)) throw error;
        deps.warn(`The recount of hackathon ${job.hackathonId} waits for GitHub (${error.failure})`, error);
        const hackathon = await deps.hackathons.get(job.hackathonId);
        if (hackathon && isSlackUserId(job.requestedBy))
          await deps.discussionAnnouncer.recountWaits(hackathon, job.requestedBy, error.failure);
        return;
      }
      await refreshRanking(deps, report.hackathon, (report.hackathon.teamsVersion ?? 0) > 0);
      await deps.notify(job.channelId, job.requestedBy, report);
      if (report.discussion) await reportProblems(deps, report.hackathon, report.discussion);
      return;
    }
    case 'publish-teams':
      if ((await applyTeams(deps, job)) === 'applied')
        await gitHubWork(deps, budget, job.hackathonId, () => pushTeamsToIssues(deps, job.hackathonId));
      return;
    case 'carry-over':
      await announceCarriedOver(deps, job);
      return;
    case 'wrap-up':
      await postWrapUp(deps, job);
      await syncBoard(deps, job.hackathonId, deps.clock());
      return;
    case 'export':
      await sendExport(deps, job);
      return;
    case 'app-joined':
      await bringWaitingPosts(
        {
          ...deps,
          postRanking: async (hackathon) => {
            await refreshRanking(deps, hackathon, (hackathon.teamsVersion ?? 0) > 0);
          },
        },
        job,
      );
      return;
    case 'scheduled-post':
      await postScheduled(deps, job);
      return;
    case 'github-issue':
      await gitHubWork(deps, budget, job.hackathonId, () => applyIssueEvent(deps, job));
      return;
    case 'github-pull-request':
      await gitHubWork(deps, budget, job.hackathonId, () => applyPullRequestEvent(deps, job));
      return;
    case 'github-sync':
      await reconcileGitHub(deps, budget, job);
      return;
    case 'voting-discussion':
      await gitHubWork(deps, budget, job.hackathonId, () => openVotingDiscussion(deps, job));
      return;
    case 'website-pull':
      // Its own failures are recorded and told to the organizers; the race with the deadline is gitHubWork's.
      await gitHubWork(deps, budget, job.hackathonId, () => publishWebsitePull(deps, job), 'website-pull');
      return;
  }
}

/**
 * The whole repair of a linked hackathon: issues and topics brought in line, pull requests found on the issues'
 * timelines, and the teams on the issues (each part stopping on its own when GitHub fails).
 */
async function reconcileGitHub(deps: RefresherDeps, budget: GitHubBudget, job: GitHubSyncJob): Promise<void> {
  await gitHubWork(deps, budget, job.hackathonId, async () => {
    await syncRepository(deps, job);
    await findPullRequests(deps, job.hackathonId);
    await pushTeamsToIssues(deps, job.hackathonId);
    // While voting is open, the voting discussion's votes are counted (what was edited by hand reported), then
    // topics without a comment get one (proposed since, or their comment deleted).
    const hackathon = await deps.hackathons.get(job.hackathonId);
    if (hackathon?.votingDiscussion && votingOpen(hackathon, deps.clock())) {
      const count = await countDiscussionVotes(deps, job.hackathonId, deps.clock());
      await openVotingDiscussion(
        deps,
        { ...job, kind: 'voting-discussion', requestedBy: 'htg' },
        count?.marked,
      );
    } else if (
      hackathon?.votingDiscussion &&
      hackathon.status === 'active' &&
      !hackathon.rankingMessage &&
      !hackathon.waitingForChannel
    ) {
      // Voting closed but its recount waited for GitHub (no ranking yet, and not for want of the channel): it
      // goes again now.
      await deps.hackathons.addJob({
        kind: 'reconcile-reactions',
        hackathonId: hackathon.id,
        requestedBy: hackathon.organizers[0] as string,
        channelId: hackathon.channelId,
        requestedAt: deps.clock().toISOString(),
      });
    }
  });
}

/** How long this invocation's GitHub work may take (wall clock), and the hackathons already continued. */
interface GitHubBudget {
  until: number;
  continued: Set<string>;
}

/**
 * GitHub work whose GitHub calls may fail: GitHub down or limiting is logged and left for the next change or the
 * scheduled sync (which compare again), never retried by holding the stream. Anything else is retried as usual.
 * Work still going at the invocation's deadline (Octokit spaces writes one to three seconds apart, as GitHub
 * asks, so a publication or an import of many topics outlasts one invocation) is left, and a `github-sync` job
 * goes on with it in the next: every GitHub write is found again by its marker or fingerprint, so nothing is
 * done twice.
 */
async function gitHubWork(
  deps: RefresherDeps,
  budget: GitHubBudget,
  hackathonId: string,
  work: () => Promise<unknown>,
  /** What goes on in the next invocation (default: a github-sync, which finds everything left). */
  continuation: 'github-sync' | 'website-pull' = 'github-sync',
): Promise<void> {
  const outOfTime = Symbol('out of time');
  let timer: NodeJS.Timeout | undefined;
  const running = work();
  try {
    const outcome = await Promise.race([
      running,
      new Promise<typeof outOfTime>((resolve) => {
        timer = setTimeout(() => resolve(outOfTime), Math.max(0, budget.until - Date.now()));
      }),
    ]);
    if (outcome !== outOfTime) return;
    // The work left behind may still fail; it is continued, not reported.
    running.catch(() => undefined);
    if (budget.continued.has(hackathonId)) return;
    budget.continued.add(hackathonId);
    deps.warn(
      `GitHub work for hackathon ${hackathonId} outlasted the invocation; a ${continuation} job goes on`,
    );
    const base = { hackathonId, requestedBy: 'htg', channelId: '', requestedAt: deps.clock().toISOString() };
    await deps.hackathons.addJob(
      continuation === 'github-sync'
        ? { ...base, kind: 'github-sync', reason: 'continued' }
        : { ...base, kind: 'website-pull', reason: 'scheduled' },
    );
  } catch (error) {
    if (!(error instanceof GitHubError)) throw error;
    deps.warn(`GitHub answered ${error.failure}; the next sync tries again`, error);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * The refresher, fed by the table's stream: brings the card of every changed topic in line (posting it the
 * first time), and runs new jobs (re-reading reactions when voting closes). Something that fails is reported
 * with its first record's sequence number, so Lambda retries from there; everything here is idempotent, so
 * records before it that are seen again do no harm.
 */
export function createRefresherHandler({
  deps,
  logger,
}: {
  deps: RefresherDeps;
  logger: Logger;
}): RefresherHandler {
  return async (event, context) => {
    const started = deps.pacingClock.now();
    const lambdaDeadline = started + (context?.getRemainingTimeInMillis() ?? 60_000) - SAFETY_MS;
    const until = Math.min(lambdaDeadline, started + SLICE_MS);
    deps.setDeadline(until);
    const budget: GitHubBudget = {
      until: Date.now() + (context?.getRemainingTimeInMillis() ?? 60_000) - SAFETY_MS,
      continued: new Set(),
    };
    const failed: string[] = [];
    /** Runs one piece of work; a failure is logged and its record reported, so Lambda retries from there. */
    const attempt = async (what: string, sequenceNumber: string, work: () => Promise<void>) => {
      try {
        await work();
      } catch (error) {
        logger.error(what, error);
        failed.push(sequenceNumber);
      }
    };
    const jobs = newJobs(event.Records);
    // A new hackathon is announced in its channel before its first cards go there.
    for (const { hackathonId, sequenceNumber } of newHackathons(event.Records))
      await attempt(`Could not announce hackathon ${hackathonId}`, sequenceNumber, () =>
        announceHackathon(deps, hackathonId),
      );
    /** Each hackathon whose cards need work: each topic with the first stream position that asked for it. */
    const cards = new Map<string, Map<number, string>>();
    const askFor = (hackathonId: string, numbers: readonly number[], sequenceNumber: string) => {
      const asked = cards.get(hackathonId) ?? new Map<number, string>();
      for (const number of numbers) if (!asked.has(number)) asked.set(number, sequenceNumber);
      cards.set(hackathonId, asked);
    };
    for (const change of topicChanges(event.Records))
      askFor(change.hackathonId, [change.number], change.sequenceNumber);
    // Settings every card shows (the emoji, counts hidden or revealed): every card, then the board, follows.
    for (const { hackathonId, sequenceNumber } of allCardsChanges(event.Records))
      await attempt(`Could not list the cards of hackathon ${hackathonId}`, sequenceNumber, async () => {
        const topics = await deps.topics.list(hackathonId);
        askFor(
          hackathonId,
          topics.filter((topic) => topic.card).map((topic) => topic.number),
          sequenceNumber,
        );
        if (!cards.has(hackathonId)) cards.set(hackathonId, new Map());
      });
    // An agenda posted or moved on: the board lists the meetings' orders.
    /** Hackathons asked for their board alone, with the stream position that asked (retried from there). */
    const boards = new Map<string, string>();
    for (const { hackathonId, sequenceNumber } of boardChanges(event.Records)) {
      if (!boards.has(hackathonId)) boards.set(hackathonId, sequenceNumber);
      if (!cards.has(hackathonId)) cards.set(hackathonId, new Map());
    }
    for (const { job, sequenceNumber } of jobs)
      if (job.kind === 'refresh-cards') {
        askFor(job.hackathonId, job.numbers, sequenceNumber);
        if (job.numbers.length === 0 && !cards.has(job.hackathonId)) cards.set(job.hackathonId, new Map());
      }

    // Cards and boards, jobs, and schedules go side by side: each waits only for its own Slack limits.
    /** Each hackathon's card and board work: its jobs go after it (they post in the same channel and board). */
    const cardsDone = new Map<string, Promise<void>>();
    const cardWork = [...cards].map(async ([hackathonId, asked]) => {
      const first =
        [...asked.values(), ...(boards.has(hackathonId) ? [boards.get(hackathonId) as string] : [])].sort(
          bySequence,
        )[0] ??
        jobs[0]?.sequenceNumber ??
        '';
      const { left, failed: notPosted } = await refreshHackathonCards(
        deps,
        hackathonId,
        asked,
        until,
        logger,
      );
      failed.push(...notPosted);
      await attempt(`Could not refresh the cards or board of hackathon ${hackathonId}`, first, async () => {
        if (left.length > 0) {
          // Out of time for this slice: the rest goes on in the next invocation.
          await deps.hackathons.addJob(continuation(hackathonId, left, deps.clock()));
          return;
        }
        await syncBoard(deps, hackathonId, deps.clock()).catch(async (error: unknown) => {
          if (!isOutOfTime(error)) throw error;
          await deps.hackathons.addJob(continuation(hackathonId, [], deps.clock()));
        });
      });
    });
    [...cards.keys()].forEach((hackathonId, i) => {
      cardsDone.set(hackathonId, cardWork[i] as Promise<void>);
    });
    const jobWork = jobs.map(({ job, sequenceNumber }) =>
      job.kind === 'refresh-cards'
        ? Promise.resolve()
        : attempt(`Job ${job.kind} for hackathon ${job.hackathonId} failed`, sequenceNumber, async () => {
            await cardsDone.get(job.hackathonId);
            try {
              await runJob(deps, job, budget);
            } catch (error) {
              if (!isOutOfTime(error)) throw error;
              // Each job kind keeps what it did; the continuation picks up from there.
              await deps.hackathons.addJob({ ...job, ...error.resume, round: (job.round ?? 0) + 1 } as Job);
            }
          }),
    );
    const scheduleWork = scheduleChanges(event.Records).map(({ hackathonId, sequenceNumber }) =>
      attempt(`Could not sync the schedules of hackathon ${hackathonId}`, sequenceNumber, async () => {
        await syncSchedules(deps, hackathonId, deps.clock());
      }),
    );
    // GitHub: a linked (or re-linked) repository is brought in; topics changed in Slack are carried to their
    // issues after their cards (a new topic's issue links to its card).
    const linkWork = gitHubLinkChanges(event.Records).map(({ hackathonId, previousRepo, sequenceNumber }) =>
      attempt(`Could not link hackathon ${hackathonId} to GitHub`, sequenceNumber, async () => {
        if (previousRepo) await deps.issueLinks.unlinkRepository(hackathonId, previousRepo);
        const now = deps.clock().toISOString();
        await reconcileGitHub(deps, budget, {
          kind: 'github-sync',
          reason: 'linked',
          hackathonId,
          requestedBy: 'htg',
          channelId: '',
          requestedAt: now,
        });
      }),
    );
    const issueWrites = issueWork(event.Records).map(({ hackathonId, number, sequenceNumber }) =>
      attempt(
        `Could not carry #${number} of hackathon ${hackathonId} to GitHub`,
        sequenceNumber,
        async () => {
          await cardsDone.get(hackathonId);
          await gitHubWork(deps, budget, hackathonId, () => pushToIssue(deps, hackathonId, number));
        },
      ),
    );
    const teamWrites = teamWork(event.Records).map(({ hackathonId, number, sequenceNumber }) =>
      attempt(
        `Could not write the team of #${number} of hackathon ${hackathonId} on GitHub`,
        sequenceNumber,
        async () => {
          await cardsDone.get(hackathonId);
          await gitHubWork(deps, budget, hackathonId, () => pushTeamsToIssues(deps, hackathonId, number));
        },
      ),
    );
    // Outcomes saved after the wrap-up: the thread's replies follow, then the website's pull request.
    const lateOutcomes = new Map<string, { numbers: number[]; sequenceNumber: string }>();
    for (const { hackathonId, number, sequenceNumber } of outcomeChanges(event.Records)) {
      const entry = lateOutcomes.get(hackathonId) ?? { numbers: [], sequenceNumber };
      entry.numbers.push(number);
      lateOutcomes.set(hackathonId, entry);
    }
    const lateWork = [...lateOutcomes].map(([hackathonId, { numbers, sequenceNumber }]) =>
      attempt(`Could not follow the late outcomes of hackathon ${hackathonId}`, sequenceNumber, async () => {
        await cardsDone.get(hackathonId);
        if (!(await followLateOutcomes(deps, hackathonId, numbers))) return;
        const job = { hackathonId, reason: 'late-outcome' } as const;
        await gitHubWork(deps, budget, hackathonId, () => publishWebsitePull(deps, job), 'website-pull');
      }),
    );
    await Promise.all([
      ...cardWork,
      ...jobWork,
      ...scheduleWork,
      ...linkWork,
      ...issueWrites,
      ...teamWrites,
      ...lateWork,
    ]);
    await deps.idleUntilHandedOnTurn();
    deps.setDeadline(undefined);
    const first = failed.sort(bySequence)[0];
    return { batchItemFailures: first ? [{ itemIdentifier: first }] : [] };
  };
}

/** A job that carries on with a hackathon's cards (and board) in the next invocation. */
function continuation(hackathonId: string, numbers: number[], now: Date): RefreshCardsJob {
  return {
    kind: 'refresh-cards',
    hackathonId,
    numbers,
    requestedBy: 'htg',
    channelId: '',
    requestedAt: now.toISOString(),
    id: randomUUID(),
  };
}

const bySequence = (a: string, b: string) => (BigInt(a || '0') < BigInt(b || '0') ? -1 : 1);

/**
 * Posts the cards of topics that have none yet and brings the others up to date, until `until`. Returns the
 * topics whose cards could not be brought up to date in time (`left`), and the stream positions of those that
 * failed (`failed`: Lambda retries from there).
 */
async function refreshHackathonCards(
  deps: RefresherDeps,
  hackathonId: string,
  asked: ReadonlyMap<number, string>,
  until: number,
  logger: Logger,
): Promise<{ left: number[]; failed: string[] }> {
  const numbers = [...asked.keys()];
  const left: number[] = [];
  const failed: string[] = [];
  const fail = (number: number | null, error: unknown) => {
    logger.error(
      `Could not refresh the card of ${number ? `#${number}` : 'topics'} (hackathon ${hackathonId})`,
      error,
    );
    failed.push(
      (number !== null ? asked.get(number) : undefined) ?? [...asked.values()].sort(bySequence)[0] ?? '',
    );
  };
  let unposted: number[] = [];
  try {
    const topics = await Promise.all(numbers.map((number) => deps.topics.get(hackathonId, number)));
    unposted = topics.flatMap((topic) => (topic && !topic.card ? [topic.number] : []));
  } catch (error) {
    fail(null, error);
    return { left, failed };
  }
  const posts = unposted.map((number) =>
    syncTopicCard(deps, hackathonId, number).catch((error: unknown) => {
      if (isOutOfTime(error)) left.push(number);
      else fail(number, error);
    }),
  );
  const updates = refreshCards(
    deps,
    hackathonId,
    numbers.filter((number) => !unposted.includes(number)),
    until,
  ).catch((error: unknown) => {
    fail(null, error);
    return [] as number[];
  });
  const [stale] = await Promise.all([updates, ...posts]);
  return { left: [...new Set([...left, ...stale])].sort((a, b) => a - b), failed };
}
