import { ValidationError } from './errors.js';
import type { FollowUp, FollowUps } from './follow-up.js';
import type { IssueLink, IssueTeam, PullRequestLink } from './github.js';
import { matchCategory } from './hackathon.js';
import type { Outcome } from './outcome.js';
import type { Problem } from './problems.js';
import type { TopicReview } from './review.js';

export const TITLE_MAX = 150;
export const DESCRIPTION_MAX = 3000;
export const LINKS_MAX = 10;
const LINK_MAX = 500;

export type TopicKind = 'hacking' | 'discussion';
/** Ideal team size: small 1–2, medium 3, large 4+. */
export type TeamSize = 'small' | 'medium' | 'large';
export type TopicStatus =
  | 'proposed'
  | 'in_progress'
  | 'done'
  | 'paused'
  | 'not_picked'
  | 'dropped'
  | 'withdrawn';

export const TEAM_SIZE_LABELS: Record<TeamSize, string> = {
  small: 'small (1–2)',
  medium: 'medium (3)',
  large: 'large (4+)',
};
export const KIND_LABELS: Record<TopicKind, string> = {
  hacking: 'Hacking topic',
  discussion: 'Discussion topic',
};

/** What a proposer writes. */
export interface TopicDraft {
  title: string;
  category: string;
  kind: TopicKind;
  teamSize: TeamSize | null;
  fastTrack: boolean;
  description: string;
  links: string[];
  /** A topic icon (emoji character or :name:), e.g. from an imported wrap-up list. */
  emoji: string | null;
}

/** Where a topic's card was posted; reactions on this message are about the topic. */
export interface CardRef {
  channelId: string;
  ts: string;
}

/** The card's content as last sent to Slack: its fingerprint, and when it went (ms on the pacing clock). */
export interface CardSent {
  fingerprint: string;
  at: number;
}

/** Where a carried-over topic came from, and what its follow-ups said there. */
export interface CarriedFrom {
  hackathonId: string;
  hackathonName: string;
  number: number;
  history?: FollowUp[];
}

export interface Topic extends TopicDraft {
  hackathonId: string;
  /** #1, #2, … within its hackathon. */
  number: number;
  proposerId: string;
  status: TopicStatus;
  card: CardRef | null;
  /** What the card last sent to Slack showed (a fingerprint of its content) and when (ms): not sent again. */
  cardSent?: CardSent | null;
  voteCount: number;
  interestCount: number;
  /** Who said they would work on it. */
  interestedUsers?: string[];
  /** The team working on it. */
  members?: string[];
  /**
   * The topic this one continues: a topic not picked in an earlier hackathon, or one still going after it,
   * carried over; `history` is what its follow-ups said then.
   */
  carriedFrom?: CarriedFrom | null;
  /** What the team achieved, for the wrap-up. */
  outcome?: Outcome | null;
  /** The team's latest mid-week check-in answer. */
  checkIn?: CheckIn | null;
  /** What becomes of it after the hackathon: its review meeting's presenter, who continues it, or why it closes. */
  review?: TopicReview | null;
  /**
   * Who presents it at the mid-week update and the final presentations (a Slack user id, asked on its card);
   * absent: the proposer when on the team, else its first member.
   */
  presenter?: string | null;
  /** What became of it after the event, as asked two and six weeks later. */
  followUps?: FollowUps | null;
  /** The outcome note of the last status change (e.g. "closed in favour of #45"). */
  statusNote?: string | null;
  createdAt: string;
  updatedAt: string;
  updatedBy: string;
  withdrawnAt: string | null;
  /** The topic's issue in the hackathon's GitHub repository (imported from it, or opened for it). */
  issue?: IssueLink | null;
  /**
   * What the topic and its issue said when they were last brought in line (fingerprints of each, see
   * app/github-sync.ts): a side that moved away from its fingerprint changed, and only that change is carried
   * over to the other side, so neither side's change echoes back.
   */
  issueSynced?: IssueSynced | null;
  /** The GitHub login of who opened the topic's issue, when no attendee has that login (the card names them). */
  proposedOnGitHubBy?: string | null;
  /** The issue form's "Estimated Difficulty", as chosen. */
  difficulty?: string | null;
  /** Pull requests found referring to the topic's issue, with their state (see domain/github.ts). */
  pullRequests?: PullRequestLink[] | null;
  /** The team as htg last wrote it on the topic's issue (assignees and the results comment). */
  issueTeam?: IssueTeam | null;
  /** Until when (ISO) one run holds the opening of the topic's issue (see IssueLinkStore.claimIssueOpening). */
  issueOpening?: string;
}

/** A topic as it is stored when proposed (or imported): no card, no votes, no team yet. */
export function proposedTopic(
  hackathonId: string,
  number: number,
  draft: TopicDraft &
    Pick<Partial<Topic>, 'carriedFrom' | 'issue' | 'issueSynced' | 'proposedOnGitHubBy' | 'difficulty'>,
  proposerId: string,
  now: string,
): Topic {
  return {
    ...draft,
    hackathonId,
    number,
    proposerId,
    status: 'proposed',
    card: null,
    voteCount: 0,
    interestCount: 0,
    createdAt: now,
    updatedAt: now,
    updatedBy: proposerId,
    withdrawnAt: null,
  };
}

/** Fingerprints of a topic and of its issue as they were when last brought in line. */
export interface IssueSynced {
  topic: string;
  issue: string;
}

/** A team's answer to the mid-week check-in: what it achieved so far and what blocks it. */
export interface CheckIn {
  achieved: string;
  blockers: string;
  /** Who answered, and when (ISO). */
  by: string;
  at: string;
}

/** A topic draft as it arrives from a form. */
export interface TopicDraftInput {
  title?: string | null;
  category?: string | null;
  kind?: string | null;
  teamSize?: string | null;
  fastTrack?: boolean | null;
  description?: string | null;
  links?: string | readonly string[] | null;
  emoji?: string | null;
}

/** Checks and normalises a proposal against the hackathon's categories; all problems at once, per field. */
export function validateTopicDraft(input: TopicDraftInput, categories: readonly string[]): TopicDraft {
  const errors: Record<string, Problem> = {};
  const title = input.title?.replace(/\s+/g, ' ').trim() ?? '';
  if (!title) errors.title = { code: 'required', field: 'title' };
  else if (title.length > TITLE_MAX)
    errors.title = { code: 'too-long', field: 'title', max: TITLE_MAX, length: title.length };

  const category = matchCategory(categories, input.category ?? '');
  if (!category) errors.category = { code: 'pick-category', categories };

  const kind = input.kind ?? 'hacking';
  if (kind !== 'hacking' && kind !== 'discussion') errors.kind = { code: 'pick-kind' };

  const teamSize = input.teamSize || null;
  if (teamSize !== null && !(teamSize in TEAM_SIZE_LABELS)) errors.teamSize = { code: 'pick-team-size' };

  const description = (input.description ?? '').replace(/\r\n/g, '\n').trim();
  if (description.length > DESCRIPTION_MAX)
    errors.description = {
      code: 'too-long',
      field: 'description',
      max: DESCRIPTION_MAX,
      length: description.length,
    };

  const rawLinks = typeof input.links === 'string' ? input.links.split(/\s+/) : [...(input.links ?? [])];
  const links = [...new Set(rawLinks.map((link) => link.trim()).filter(Boolean))];
  const badLink = links.find((link) => !isWebUrl(link));
  if (badLink) errors.links = { code: 'not-a-link', text: shorten(badLink, 60), form: 'topic' };
  else if (links.length > LINKS_MAX) errors.links = { code: 'too-many', field: 'links', max: LINKS_MAX };

  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
  return {
    title,
    category: category as string,
    kind: kind as TopicKind,
    teamSize: teamSize as TeamSize | null,
    fastTrack: Boolean(input.fastTrack),
    description,
    links,
    emoji: input.emoji?.trim() || null,
  };
}

/** The proposer and the hackathon's organizers may edit or withdraw a topic. */
export function canChangeTopic(
  topic: Pick<Topic, 'proposerId'>,
  organizers: readonly string[],
  userId: string,
): boolean {
  return topic.proposerId === userId || organizers.includes(userId);
}

/** Title comparison used to find topics already present (case, spacing and punctuation ignored). */
export function titleKey(title: string): string {
  return title
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export function isWebUrl(value: string): boolean {
  if (value.length > LINK_MAX) return false;
  try {
    const url = new URL(value);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.hostname.includes('.');
  } catch {
    return false;
  }
}

function shorten(text: string, max: number): string {
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/** A topic someone worked on (a team, or a status past proposed): it gets an outcome for the wrap-up. */
export function hasWork(topic: Topic): boolean {
  return (
    (topic.members ?? []).length > 0 ||
    topic.status === 'in_progress' ||
    topic.status === 'done' ||
    topic.status === 'paused' ||
    topic.status === 'dropped'
  );
}

/**
 * Who may report on a topic's work: its team and the organizers (status, check-in), and with `proposer` also
 * the person who proposed it (links, outcome).
 */
export function mayReportOn(
  topic: Pick<Topic, 'members' | 'proposerId'>,
  organizers: readonly string[],
  userId: string,
  { proposer = false }: { proposer?: boolean } = {},
): boolean {
  return (
    organizers.includes(userId) ||
    (topic.members ?? []).includes(userId) ||
    (proposer && topic.proposerId === userId)
  );
}
