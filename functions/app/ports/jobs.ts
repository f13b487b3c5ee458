/**
 * The work htg does off the request path: a use-case records a job (`HackathonStore.addJob`, and with a
 * publication or the wrap-up), the table's stream hands it to the refresher, which runs it.
 */
import type { MeetingKind } from '../../domain/meetings.js';
import type { TeamChange } from '../../domain/team-plan.js';
import type { VoteKind } from '../../domain/vote.js';
import type { LinkedPullRequest, RepoIssue } from './github.js';

interface JobBase {
  hackathonId: string;
  requestedBy: string;
  /** Where to report, and when it was asked for (ISO). */
  channelId: string;
  requestedAt: string;
  /** A job that ran out of an invocation's time goes on as the same job with the next round (1, 2, …). */
  round?: number;
}

/** Voting closed: re-read every card's reactions, then propose teams. */
export interface ReconcileJob extends JobBase {
  kind: 'reconcile-reactions';
  /** A continuation's start: the cards already re-read and what they changed. */
  progress?: ReconcileProgress;
}

/** How far a recount got: cards re-read (topic numbers) and the changes so far. */
export interface ReconcileProgress {
  done: number[];
  added: Array<{ number: number; userId: string; kind: VoteKind }>;
  removed: Array<{ number: number; userId: string; kind: VoteKind }>;
  overBudget: Array<{ number: number; userId: string; kind: VoteKind }>;
  unreadable: number[];
}

/** Organizers published reviewed teams: apply the membership changes, statuses, ranking, and tell people. */
export interface PublishTeamsJob extends JobBase {
  kind: 'publish-teams';
  version: number;
  /** The topics the review covered (their statuses follow their teams). */
  topics: number[];
  changes: TeamChange[];
}

/** Topics carried over from earlier hackathons: tell their proposers. */
export interface CarryOverJob extends JobBase {
  kind: 'carry-over';
  carried: CarriedTopic[];
}

interface CarriedTopic {
  number: number;
  proposerId: string;
  from: { hackathonId: string; hackathonName: string; number: number };
}

/** The wrap-up: highlights, a reply per topic, the Markdown files; then the organizer is told. */
export interface WrapUpJob extends JobBase {
  kind: 'wrap-up';
}

/** `/htg export`: the Markdown files, sent to the person who asked. */
export interface ExportJob extends JobBase {
  kind: 'export';
}

/** Cards (and the board) that one invocation could not bring up to date in its time: the next one goes on. */
export interface RefreshCardsJob extends JobBase {
  kind: 'refresh-cards';
  numbers: number[];
  /** Tells continuations recorded at the same time apart (their key). */
  id: string;
}

/** The app was invited into the hackathon's channel: post what waited for it (announcement, cards, board). */
interface AppJoinedJob extends JobBase {
  kind: 'app-joined';
}

/**
 * What a scheduled execution posts (a summary, the check-in questions, the wrap-up reminder), posted by the
 * refresher: paced to Slack's limits, continued across invocations, each part once (recorded under the
 * execution), and waiting for an invitation like every other post.
 */
export interface ScheduledPostJob extends JobBase {
  kind: 'scheduled-post';
  post: ScheduledPost;
  /** The execution it belongs to (slot#scheduledTime): one job per execution, its parts recorded under it. */
  execution: string;
  /** For an agenda's post and unpin: which meeting. */
  meeting?: MeetingKind;
}

export type ScheduledPost =
  | 'voting-summary'
  | 'daily-summary'
  | 'check-in'
  | 'wrap-up-reminder'
  | 'review-ask'
  | 'review-agenda'
  | 'review-record'
  | 'follow-up-2'
  | 'follow-up-6'
  | 'agenda'
  | 'agenda-unpin';

/**
 * A GitHub webhook delivery about an issue of the hackathon's repository (recorded by the ingress once per
 * `X-GitHub-Delivery`): its topic is brought in line with the issue, or made from it.
 */
export interface GitHubIssueJob extends JobBase {
  kind: 'github-issue';
  /** The delivery's id (its job's key: a redelivery finds it recorded). */
  delivery: string;
  /** The `issues` action: opened, edited, labeled, unlabeled, closed, reopened, transferred, deleted, … */
  action: string;
  repo: string;
  issue: RepoIssue;
}

/**
 * A GitHub webhook delivery about a pull request whose title or body refers to issues of the hackathon's
 * repository (`Fixes #12`, `owner/name#12`, a link): the topics of those issues list it, with its state.
 */
export interface GitHubPullRequestJob extends JobBase {
  kind: 'github-pull-request';
  delivery: string;
  /** The pull request as the delivery described it (read again from GitHub where possible). */
  pull: LinkedPullRequest;
  /** The numbers of the issues of the hackathon's repository it refers to. */
  issues: number[];
}

/**
 * Linking a repository, `/htg sync` and the scheduled reconcile: every issue with the event label becomes or
 * updates its topic, whatever deliveries were missed, and topics still without their issue get one.
 */
export interface GitHubSyncJob extends JobBase {
  kind: 'github-sync';
  /**
   * Why: the link was made or changed, someone asked, the schedule, or GitHub work that outlasted an invocation
   * (GitHub paces writes: a second or three apart) goes on.
   */
  reason: 'linked' | 'asked' | 'scheduled' | 'continued';
}

/** `/htg discussion [category]`: the GitHub discussion people vote in, opened (once) with a comment per topic. */
export interface VotingDiscussionJob extends JobBase {
  kind: 'voting-discussion';
  /** The discussion category to open it in (default General). */
  category?: string;
}

/**
 * The wrap-up's pull request on the community website: opened after the wrap-up, updated by outcomes saved
 * later, retried while GitHub fails (functions/app/website-pull.ts).
 */
export interface WebsitePullJob extends JobBase {
  kind: 'website-pull';
  /** Why: the wrap-up was posted, an outcome came in after it, an organizer asked, or the retry schedule. */
  reason: 'wrapped-up' | 'late-outcome' | 'asked' | 'scheduled';
}

/** Work done off the request path. */
export type Job =
  | WebsitePullJob
  | GitHubIssueJob
  | GitHubPullRequestJob
  | GitHubSyncJob
  | VotingDiscussionJob
  | ScheduledPostJob
  | ReconcileJob
  | PublishTeamsJob
  | CarryOverJob
  | WrapUpJob
  | ExportJob
  | RefreshCardsJob
  | AppJoinedJob;
