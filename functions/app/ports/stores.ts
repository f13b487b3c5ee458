/** Persistence of htg's entities: hackathons, topics, votes, teams and import drafts (adapters/dynamodb). */
import type { Attendee } from '../../domain/assignment.js';
import type { FollowUp } from '../../domain/follow-up.js';
import type { IssueLink, IssueTeam, PullRequestLink } from '../../domain/github.js';
import type { ChannelVisibility, Hackathon, HackathonSettings } from '../../domain/hackathon.js';
import type { AgendaPost, MeetingKind } from '../../domain/meetings.js';
import type { Outcome } from '../../domain/outcome.js';
import type { TopicReview } from '../../domain/review.js';
import type {
  CardRef,
  CardSent,
  CheckIn,
  IssueSynced,
  Topic,
  TopicDraft,
  TopicStatus,
} from '../../domain/topic.js';
import type { Vote, VoteKind, VoteOutcome, VoteSource } from '../../domain/vote.js';
import type { WebsiteProblem, WebsitePull } from '../../domain/website.js';
import type { ImportedTopic } from '../../markdown/topic-list.js';
import type { Job, PublishTeamsJob, WrapUpJob } from './jobs.js';

/** Persistence of hackathons. Implemented over DynamoDB in adapters/dynamodb. */
export interface HackathonStore {
  /** Stores a new hackathon as its channel's active one; ConflictError if the channel already has one. */
  create(hackathon: Hackathon): Promise<void>;
  get(id: string): Promise<Hackathon | null>;
  /**
   * The channel's active hackathon, if any. By channel alone: whoever asks, from whichever organisation (in a
   * Slack Connect channel everyone sees the same channel id).
   */
  findActiveByChannel(channelId: string): Promise<Hackathon | null>;
  /** Replaces the settings, failing with ConflictError if someone else saved since `expectedUpdatedAt`. */
  updateSettings(
    id: string,
    settings: HackathonSettings,
    expectedUpdatedAt: string,
    now: string,
  ): Promise<Hackathon>;
  /** Every hackathon of the workspace htg is installed in (`Hackathon.teamId`), newest first. */
  listByTeam(teamId: string): Promise<Hackathon[]>;
  /** Remembers whether the hackathon's channel is public or private, as Slack last said (written when it changes). */
  setChannelVisibility(id: string, visibility: ChannelVisibility): Promise<void>;
  /** Sets voting to close now unless it closed already; returns the hackathon as it is after. */
  closeVoting(id: string, now: string): Promise<Hackathon>;
  /**
   * Replaces the attendee list. It leaves `updatedAt` alone: that is the settings' version (an open settings form
   * is refused when it moved), and attendees are not settings, nor anything a vote depends on.
   */
  setAttendees(id: string, attendees: Attendee[]): Promise<void>;
  /** Records a job for the refresher (run off the request path, triggered by the table's stream). */
  addJob(job: Job): Promise<void>;
  /**
   * Records a team publication: the hackathon's teams version moves from `expectedVersion` to the job's version
   * and the job is stored, both or neither. ConflictError if another publication came first.
   */
  publishTeams(job: PublishTeamsJob, expectedVersion: number): Promise<void>;
  /**
   * Remembers where the living board is. With `expectedTs` null it is the first board (kept unless another
   * was remembered first); otherwise it replaces the board whose message is `expectedTs`. Returns the one kept.
   */
  setBoard(
    id: string,
    ref: NonNullable<Hackathon['board']>,
    expectedTs: string | null,
  ): Promise<NonNullable<Hackathon['board']>>;
  /**
   * Ends the hackathon (read-only from then on) and records the wrap-up job, both or neither; 'already-ended'
   * if it had ended. The channel may then get a new hackathon.
   */
  end(job: WrapUpJob): Promise<'ended' | 'already-ended'>;
  /** Remembers the wrap-up's highlights message unless one is remembered; returns the one kept. */
  setWrapUpMessage(id: string, ref: CardRef): Promise<CardRef>;
  /** Remembers a topic's reply in the wrap-up thread, and that the files were posted. */
  addWrapUpReply(id: string, number: number, ts: string): Promise<void>;
  setWrapUpFiles(id: string): Promise<void>;
  /** Remembers the wrap-up's pull request on the website as last written, and why the last attempt failed. */
  recordWebsitePull(id: string, pull: WebsitePull | null, problem: WebsiteProblem | null): Promise<void>;
  /** Remembers which schedules exist for the hackathon. */
  setScheduleSlots(id: string, slots: string[]): Promise<void>;
  /** Remembers where the ranking message was posted, unless one is remembered already; returns the one kept. */
  setRankingMessage(id: string, ref: CardRef): Promise<CardRef>;
  /**
   * Remembers a meeting's posted agenda, replacing one posted before for it (the meeting moved); returns the one
   * replaced, if any (its pin goes).
   */
  setAgenda(id: string, kind: MeetingKind, post: AgendaPost): Promise<AgendaPost | null>;
  /**
   * Moves a meeting's agenda on from slot `from` to the next, unless it is no longer at `from` (another click
   * moved it first); returns the agenda as it is after the move, or null when it was not at `from`.
   */
  advanceAgenda(id: string, kind: MeetingKind, from: number): Promise<AgendaPost | null>;
  /** Remembers the GitHub discussion people vote in. */
  setVotingDiscussion(id: string, discussion: NonNullable<Hackathon['votingDiscussion']>): Promise<void>;
  /** Remembers the setup announcement unless one is remembered already; returns the one kept. */
  setAnnouncement(id: string, ref: CardRef): Promise<CardRef>;
  /** Remembers that posts in the channel wait for the app to be invited (kept if already waiting), or clears it. */
  setWaitingForChannel(
    id: string,
    waiting: NonNullable<Hackathon['waitingForChannel']> | null,
  ): Promise<void>;
}

/** Persistence of topics. */
export interface TopicStore {
  /** Stores a proposal under the hackathon's next number (unique under concurrency). */
  create(hackathonId: string, draft: TopicDraft, proposerId: string, now: string): Promise<Topic>;
  /** Stores several topics under consecutive numbers, all or none (each draft may name its own proposer). */
  createMany(
    hackathonId: string,
    drafts: ReadonlyArray<TopicSeed>,
    proposerId: string,
    now: string,
  ): Promise<Topic[]>;
  get(hackathonId: string, number: number): Promise<Topic | null>;
  list(hackathonId: string): Promise<Topic[]>;
  /** Replaces the proposal's fields, keeping the previous version as a revision; ConflictError on a concurrent edit. */
  update(topic: Topic, draft: TopicDraft, userId: string, now: string): Promise<Topic>;
  /** Marks the topic withdrawn (nothing is deleted); idempotent. */
  withdraw(topic: Topic, userId: string, now: string): Promise<Topic>;
  /** Records where the topic's card was posted, so reactions on it find the topic in one lookup. */
  attachCard(topic: Topic, card: CardRef, sent?: CardSent): Promise<Topic>;
  /** Remembers what the topic's card showed when it was last sent to Slack. */
  recordCardSent(topic: Topic, sent: CardSent): Promise<void>;
  findByCard(card: CardRef): Promise<{ hackathonId: string; number: number } | null>;
  /** Sets the status (not on withdrawn topics), recording who and when in the topic's status history. */
  setStatus(
    topic: Topic,
    status: Exclude<TopicStatus, 'withdrawn'>,
    note: string | null,
    userId: string,
    now: string,
  ): Promise<Topic>;
  /**
   * Stores the topic's outcome, conditional on the outcome the form was opened with (`expectedUpdatedAt`, null
   * for none): ConflictError if a teammate saved meanwhile.
   */
  setOutcome(topic: Topic, outcome: Outcome, expectedUpdatedAt: string | null): Promise<Topic>;
  /** Stores the team's check-in answer (replacing an earlier one). */
  setCheckIn(topic: Topic, checkIn: CheckIn): Promise<Topic>;
  /** Stores who presents the topic at the team meetings (null: the default again); refused for a withdrawn topic. */
  setPresenter(topic: Topic, presenter: string | null): Promise<Topic>;
  /** Stores what becomes of a topic after the hackathon (its review); refused for a withdrawn topic. */
  setReview(topic: Topic, review: TopicReview): Promise<Topic>;
  /** Stores a follow-up answer (replacing an earlier one of its round, keeping the others); refused if withdrawn. */
  setFollowUp(topic: Topic, followUp: FollowUp): Promise<Topic>;
  /** Adds a link unless present; 'full' at the limit. */
  addLink(topic: Topic, url: string, limit: number): Promise<'added' | 'present' | 'full'>;
}

/** A topic made from an issue (or carried over, or imported): the fields a proposal does not have. */
export type TopicSeed = TopicDraft &
  Pick<
    Partial<Topic>,
    'proposerId' | 'carriedFrom' | 'issue' | 'issueSynced' | 'proposedOnGitHubBy' | 'difficulty'
  >;

/** What an issue says of its topic now, as `IssueLinkStore.applyIssue` writes it. */
export interface IssueState {
  draft: TopicDraft;
  difficulty: string | null;
  /** The topic's status as the issue's state decides it: null leaves the status alone. */
  status: 'proposed' | 'done' | 'withdrawn' | null;
  issue: IssueLink;
  synced: IssueSynced;
}

/** Topics and their GitHub issues; the repositories hackathons are linked to; webhook deliveries seen. */
export interface IssueLinkStore {
  /** Remembers that the hackathon is linked to the repository, so that the repository's webhooks find it. */
  linkRepository(hackathon: Pick<Hackathon, 'id' | 'channelId'>, repo: string): Promise<void>;
  unlinkRepository(hackathonId: string, repo: string): Promise<void>;
  /** The hackathons linked to a repository (active or not: the caller decides), with their channels. */
  linkedHackathons(repo: string): Promise<Array<{ hackathonId: string; channelId: string }>>;
  /** Which topic each issue of the hackathon is (`owner/name#N`, lower-cased repository → topic number). */
  topicsOfIssues(hackathonId: string): Promise<Map<string, number>>;
  /**
   * Ties a topic to its issue, unless the topic has one or the issue is another topic's: returns the topic as
   * stored, or null when the issue turned out to be another topic's.
   */
  attachIssue(topic: Topic, issue: IssueLink, synced: IssueSynced): Promise<Topic | null>;
  /**
   * Claims the opening of a topic's issue for `leaseMs`: false when the topic has its issue, or another run (an
   * invocation's left-behind work, its continuation) is opening it and its lease has not run out.
   */
  claimIssueOpening(topic: Topic, now: Date, leaseMs: number): Promise<boolean>;
  /** Gives the claim up (the attempt failed): the next run may try at once. */
  releaseIssueOpening(topic: Topic): Promise<void>;
  /** Brings a topic in line with its issue (ConflictError `topic-changed` if it changed since it was read). */
  applyIssue(topic: Topic, state: IssueState, now: string): Promise<Topic>;
  /** Remembers that topic and issue agree again (after htg wrote the issue), unless the topic moved meanwhile. */
  recordIssueSynced(topic: Topic, synced: IssueSynced): Promise<void>;
  /**
   * Forgets a topic's issue (deleted, or moved to another repository) and withdraws the topic, both at once: it
   * stays on record, and nothing opens a new issue for it.
   */
  detachIssue(topic: Topic, now: string): Promise<Topic>;
  /**
   * Records the team as htg wrote it on the topic's issue, unless another run recorded one since `previous`
   * (read with the topic): null when recorded, else the team the other run recorded.
   */
  recordIssueTeam(topic: Topic, previous: IssueTeam | null, team: IssueTeam): Promise<IssueTeam | null>;
  /**
   * Sets the topic's pull requests to `next`, unless they changed since they were `previous` (read with the
   * topic): false then, and the caller reads again.
   */
  recordPullRequests(
    topic: Topic,
    previous: readonly PullRequestLink[],
    next: readonly PullRequestLink[],
  ): Promise<boolean>;
  /**
   * Records a webhook delivery with its jobs, both or neither: 'duplicate' when the delivery was recorded
   * before (GitHub redelivers, and people press "Redeliver").
   */
  recordDelivery(deliveryId: string, jobs: readonly Job[], now: Date): Promise<'recorded' | 'duplicate'>;
}

/**
 * People's GitHub logins, said by themselves (`/htg github <login>`): one login per person and one person per
 * login, across every hackathon of the workspace.
 */
export interface LoginStore {
  /** The logins of these people, where they gave one. */
  loginsOf(userIds: readonly string[]): Promise<Map<string, string>>;
  /** Who gave this login (any case), if anyone. */
  userWithLogin(login: string): Promise<string | null>;
  /**
   * Sets (null: forgets) a person's login, answering the login they had before. Refused (`heldBy`: the person
   * holding it, and nothing written) when it is someone else's; two people claiming one login at the same time
   * get it once.
   */
  setLogin(userId: string, login: string | null): Promise<{ previous: string | null; heldBy?: string }>;
}

/** Short-lived storage for an import between its preview and its confirmation. */
export interface ImportDraftStore {
  save(hackathonId: string, topics: readonly ImportedTopic[], ttlSeconds: number): Promise<string>;
  get(hackathonId: string, draftId: string): Promise<ImportedTopic[] | null>;
}

/** A request to change one person's vote (or interest) on one topic. */
export interface VoteChange {
  hackathonId: string;
  number: number;
  userId: string;
  kind: VoteKind;
  source: VoteSource;
  /** When the person did it (Slack's event time, or the ballot's submission time), in seconds. */
  at: number;
}

/**
 * The version of the hackathon a vote was decided on (its updatedAt and status, which every change to its
 * settings, voting window or status moves). A write carrying it is refused with 'hackathon-changed' if the
 * hackathon has moved on since.
 */
export interface HackathonGuard {
  hackathonId: string;
  updatedAt: string;
  status: string;
}

/** Persistence of votes: exactly once per (topic, person, kind), counters always equal to the records. */
export interface VoteStore {
  /** Adds the vote unless present, superseded by a newer removal, over `limit` votes, or on a closed topic. */
  add(change: VoteChange, limit: number | null, guard?: HackathonGuard): Promise<VoteOutcome>;
  /** Removes the vote unless absent or superseded by a newer add. */
  remove(change: VoteChange, guard?: HackathonGuard): Promise<VoteOutcome>;
  /** A person's active votes and interests in a hackathon. */
  listByVoter(hackathonId: string, userId: string): Promise<Vote[]>;
  /** The active votes and interests on one topic (strongly consistent). */
  listByTopic(hackathonId: string, number: number): Promise<Vote[]>;
  /** True the first time it is called for this person and notice, false after (tell people once). */
  firstNotice(hackathonId: string, userId: string, notice: string): Promise<boolean>;
}

/** What joining a team came to. */
export type JoinOutcome = 'joined' | 'already-member' | 'team-full' | 'in-another-team';
export type LeaveOutcome = 'left' | 'not-member';

/** Team membership: one record per member, counted in the same transaction as the topic's team. */
export interface TeamStore {
  /** Joins unless already a member, the team is at `cap`, or (with `onePerPerson`) the person is in a team already. */
  join(
    hackathonId: string,
    number: number,
    userId: string,
    cap: number,
    onePerPerson: boolean,
  ): Promise<JoinOutcome>;
  leave(hackathonId: string, number: number, userId: string): Promise<LeaveOutcome>;
}
