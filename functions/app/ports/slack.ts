/**
 * What the use-cases post to and read from Slack: topic cards, the living board, announcements, reactions, the
 * wrap-up. Implemented in adapters/slack; stand-ins in tests and the rehearsal.
 */
import type { BoardSnapshot } from '../../domain/board.js';
import type { FollowUpRound } from '../../domain/follow-up.js';
import type { ChannelRefusal, Hackathon } from '../../domain/hackathon.js';
import type { AgendaPost, AgendaSlot, MeetingKind } from '../../domain/meetings.js';
import type { CardRef, Topic, TopicStatus } from '../../domain/topic.js';
import type { PublishTeamsJob } from './jobs.js';
import type { PostedParts } from './posted-parts.js';

/** Posts and updates topic cards in Slack. Implemented in adapters/slack. */
export interface CardPublisher {
  post(hackathon: Hackathon, topic: Topic): Promise<CardRef>;
  update(hackathon: Hackathon, topic: Topic): Promise<void>;
  /** Deletes a card that was posted but is not the topic's (a duplicate). */
  remove(card: CardRef): Promise<void>;
  /** A short fingerprint of the card's content for the topic as it is (equal content, equal fingerprint). */
  fingerprint(hackathon: Hackathon, topic: Topic): string;
  /**
   * Resolves when an update of the card would go to Slack at once, keeping that turn for the next update; waits
   * for Slack's rate limit meanwhile, and throws OutOfTimeError if the turn would come after `until`. `busy`:
   * the hackathon's cards are still changing, so the update leaves room in the limit for the cards' final
   * counts once they stop.
   */
  turn(card: CardRef, until: number, busy: boolean): Promise<void>;
}

/** Where the living board is: its message, and the thread replies it continues in. */
export type BoardRef = NonNullable<Hackathon['board']>;

/** Posts, pins and updates the living board (Slack in production, a stand-in in tests). */
export interface BoardPublisher {
  /**
   * Posts the board's first message and pins it (`existing` null), or brings the posted board and its
   * continuations in the thread up to date, calling `progress` after each reply it adds (so that a board whose
   * posting is cut short, by Slack's pace or the invocation's end, goes on from there and posts nothing twice).
   */
  publish(
    hackathon: Hackathon,
    topics: readonly Topic[],
    existing: BoardRef | null,
    now: Date,
    progress?: (ref: BoardRef) => Promise<void>,
  ): Promise<BoardRef>;
  /** Removes a board that lost the race to be the hackathon's board. */
  remove(ref: BoardRef): Promise<void>;
}

/** What htg says in or about a hackathon's channel off the request path (Slack in production). */
export interface ChannelAnnouncer {
  /** Posts "the hackathon is set up here" in its channel; ChannelUnavailableError if Slack refuses. */
  hackathonSetUp(hackathon: Hackathon): Promise<CardRef>;
  /** Deletes an announcement that lost the race to be the hackathon's. */
  removeAnnouncement(ref: CardRef): Promise<void>;
  /** Asks the hackathon's creator, by direct message, to invite the app into the channel. */
  askForInvite(hackathon: Hackathon, reason: ChannelRefusal): Promise<void>;
}

/** Reads the reactions on a message from Slack (reactions.get). */
export interface ReactionReader {
  reactionsOn(card: CardRef): Promise<Array<{ name: string; users: string[] }>>;
}

/** One line of the ranking message: rank · topic · votes · team. */
export interface RankingRow {
  rank: number;
  number: number;
  title: string;
  votes: number;
  kind: Topic['kind'];
  status: TopicStatus;
  team: string[];
  /**
   * Who said "I'd work on it" only in the voting discussion (`github:<login>`): htg cannot place them in a team,
   * so the ranking lists them by login for the organizers to reach.
   */
  onGitHubOnly: string[];
}

/** What a publication of teams came to: teams filled, people placed, topics not picked. */
export interface PublishSummary {
  teams: number;
  people: number;
  notPicked: number[];
}

/** Tells the channel and the people concerned about teams (Slack in production, a stand-in in tests). */
export interface TeamAnnouncer {
  /** Posts the ranking message, or updates it where it was posted; returns where it is. */
  ranking(
    hackathon: Hackathon,
    rows: RankingRow[],
    published: boolean,
    existing: CardRef | null,
  ): Promise<CardRef>;
  /** Deletes a ranking message that lost the race to be the hackathon's. */
  removeRanking(ref: CardRef): Promise<void>;
  /** Someone was put on a team. */
  placed(hackathon: Hackathon, userId: string, topic: Topic): Promise<void>;
  /** Someone was taken off a team. */
  removed(hackathon: Hackathon, userId: string, topic: Topic): Promise<void>;
  /** A topic's proposer: their topic was not picked. */
  notPicked(hackathon: Hackathon, topic: Topic): Promise<void>;
  /** The organizer who published: it is done. */
  published(hackathon: Hackathon, job: PublishTeamsJob, summary: PublishSummary): Promise<void>;
}

/** Tells the proposers of carried-over topics (off the request path). */
export interface CarryOverAnnouncer {
  carriedOver(hackathon: Hackathon, topic: Topic): Promise<void>;
}

/**
 * Posts what scheduled jobs have to say (Slack in production, a stand-in in tests), skipping the parts already
 * posted. ChannelUnavailableError when Slack refuses the channel.
 */
export interface ScheduleAnnouncer {
  votingSummary(hackathon: Hackathon, topics: readonly Topic[], now: Date, parts: PostedParts): Promise<void>;
  hackathonSummary(
    hackathon: Hackathon,
    topics: readonly Topic[],
    previous: BoardSnapshot | null,
    now: Date,
    parts: PostedParts,
  ): Promise<void>;
  /** Asks a team, in a thread on its card, what it achieved so far and what blocks it; returns the ts. */
  checkIn(hackathon: Hackathon, topic: Topic): Promise<string>;
  wrapUpReminder(
    hackathon: Hackathon,
    topics: readonly Topic[],
    wrapUpAt: Date,
    parts: PostedParts,
  ): Promise<void>;
  /** Asks a team, in a thread on its card, who presents its topic at the review meeting and who continues it. */
  reviewAsk(hackathon: Hackathon, topic: Topic): Promise<string>;
  /** The review meeting's agenda in the channel (the topics in order, their presenters). */
  reviewAgenda(hackathon: Hackathon, topics: readonly Topic[], parts: PostedParts): Promise<void>;
  /** A direct message asking one person what became of a topic (still going, merged, stopped); returns its ts. */
  followUp(userId: string, hackathon: Hackathon, topic: Topic, round: FollowUpRound): Promise<string>;
  /**
   * A meeting's agenda in the channel (each page once, through `parts`), its first page pinned; returns that
   * page's message.
   */
  agenda(
    hackathon: Hackathon,
    post: Pick<AgendaPost, 'agenda' | 'current'>,
    parts: PostedParts,
  ): Promise<CardRef>;
  /** Unpins an agenda posted before; one no longer pinned (or gone) is no failure. */
  unpinAgenda(ref: CardRef): Promise<void>;
  /** Tells a slot's presenter, in a thread on the topic's card, that it opens the meeting; returns the ts. */
  agendaReminder(hackathon: Hackathon, kind: MeetingKind, topic: Topic, slot: AgendaSlot): Promise<string>;
  /** After the meeting, a direct message to one organizer: each topic, and a button to record what becomes of it. */
  reviewRecord(
    userId: string,
    hackathon: Hackathon,
    topics: readonly Topic[],
    parts: PostedParts,
  ): Promise<void>;
}

/** A Markdown file htg hands out: the wrap-up page and the topic board. */
export interface MarkdownFile {
  name: string;
  title: string;
  content: string;
}

/** People's display names, for the Markdown (Slack shows mentions; a web page needs names). */
export interface PeopleDirectory {
  names(userIds: readonly string[]): Promise<Map<string, string>>;
}

/** Posts the wrap-up and hands out files (Slack in production, a stand-in in tests). */
/** What a set of Markdown files is: the wrap-up's, in its thread, or an export for one person (`withData`: the JSON too). */
export type FilesAbout =
  | { kind: 'wrap-up'; hackathon: string }
  | { kind: 'export'; hackathon: string; withData: boolean };

export interface WrapUpPublisher {
  /** The highlights message in the channel: a numbered list, one line per topic (its pages each once). */
  highlights(hackathon: Hackathon, topics: readonly Topic[], parts: PostedParts): Promise<CardRef>;
  /** One topic's details, as replies in the highlights' thread (each once); returns the first reply's ts. */
  topicReply(hackathon: Hackathon, thread: CardRef, topic: Topic, parts: PostedParts): Promise<string>;
  /**
   * Brings a topic's replies in the thread in line with its outcome saved after the wrap-up: each part posted
   * before is edited, parts it now needs more are posted (each once); parts it no longer needs say so.
   */
  updateTopicReply(hackathon: Hackathon, thread: CardRef, topic: Topic, parts: PostedParts): Promise<void>;
  /** Uploads the files into a thread of the channel, or to one person (a direct message). */
  files(
    target: { channelId: string; threadTs: string } | { userId: string },
    files: readonly MarkdownFile[],
    about: FilesAbout,
  ): Promise<void>;
  /**
   * Tells the person who asked that the wrap-up of `hackathon` (`topics` topics) is done, by direct message (only
   * they see it, and it stays).
   */
  done(userId: string, hackathon: Hackathon, topics: number): Promise<void>;
}
