import { canonicalEmojiName } from './emoji.js';
import { ValidationError } from './errors.js';
import { type GitHubLink, validateGitHubLink } from './github.js';
import {
  type AgendaPost,
  DEFAULT_AGENDA_LEAD_MINUTES,
  type MeetingKind,
  type Meetings,
  type MeetingsInput,
  validateMeetings,
} from './meetings.js';
import type { Problem } from './problems.js';
import { DEFAULT_SUMMARY_TIMES, parseSummaryTimes, SUMMARY_TIMES_MAX } from './summary-times.js';
import { validateWebsiteLink, type WebsiteLink, type WebsiteProblem, type WebsitePull } from './website.js';

export const DEFAULT_CATEGORIES = [
  'Core',
  'Extensions',
  'Networking',
  'Observability',
  'Security',
  'Other',
] as const;
const DEFAULT_VOTE_EMOJI = 'arrow_up';
const DEFAULT_WORK_EMOJI = 'rocket';
const NAME_MAX = 100;
const LOCATION_MAX = 150;
export const CATEGORY_MAX = 40;
export const CATEGORIES_MAX = 20;

/** What organizers choose for a hackathon (in `/htg setup` and `/htg settings`). */
export interface HackathonSettings {
  name: string;
  /** Calendar dates (YYYY-MM-DD) in the hackathon's time zone. */
  startDate: string;
  endDate: string;
  /** IANA time zone, e.g. Europe/Berlin. */
  timeZone: string;
  location: string | null;
  /** Organizers' Slack user ids; the creator first. */
  organizers: string[];
  categories: string[];
  /** Emoji names without colons, canonical as Slack reports reactions (`+1`, not `thumbsup`). */
  voteEmoji: string;
  workEmoji: string;
  /** null: unlimited. */
  votesPerPerson: number | null;
  teamSize: { min: number; max: number };
  /** Whether each person joins at most one team (default true; older hackathons without it count as true). */
  onePerPerson?: boolean;
  /**
   * Whether vote counts stay hidden until voting closes (default false): cards, board, summaries, `/htg list`, the
   * ballot and the Home tab show no counts and no ranking until the ranking message reveals them (`resultsHidden`).
   */
  hideResults?: boolean;
  /** Who takes part, with their company where known (kept apart from the settings form). */
  attendees?: Array<{ userId: string; company: string | null; githubLogin?: string }>;
  /** ISO instants; null when not set. */
  proposalsCloseAt: string | null;
  votingClosesAt: string | null;
  /** Local times (HH:MM, in the hackathon's time zone) of the daily summary; absent: 09:00; empty: none. */
  summaryTimes?: string[];
  /** When the mid-week check-in, the wrap-up reminder and the wrap-up happen (ISO); absent or null: defaults. */
  checkInAt?: string | null;
  wrapUpReminderAt?: string | null;
  wrapUpAt?: string | null;
  /** The GitHub repository whose issues with the event label are the topics; absent or null: not linked. */
  github?: GitHubLink | null;
  /** The community website the wrap-up is published on as a pull request; absent or null: none. */
  website?: WebsiteLink | null;
  /**
   * The review meeting a week or two after the event (ISO): the teams are asked before it who presents and who
   * continues their topic, its agenda is posted, and organizers record what becomes of each topic after it.
   */
  reviewMeetingAt?: string | null;
  /** The meetings of the week htg posts agendas for (absent: none); see `domain/meetings.ts`. */
  meetings?: Meetings | null;
  /** How many minutes before each meeting its agenda is posted and pinned (absent: 30). */
  agendaLeadMinutes?: number;
}

type HackathonStatus = 'active' | 'ended';

/** A hackathon bound to one Slack channel. */
export interface Hackathon extends HackathonSettings {
  id: string;
  /**
   * The workspace (or Enterprise Grid organization) htg is installed in: never the team of whoever set it up,
   * which in a Slack Connect channel may be a partner organisation's. The Home tab and carry-over list by it.
   */
  teamId: string;
  /** The channel it lives in; the channel has at most one active hackathon, whoever looks at it. */
  channelId: string;
  /**
   * Whether the channel is public or private, as Slack last said (learnt from users.conversations when someone
   * opens their Home tab). Absent: not known yet, and treated as private: never shown to someone not known to
   * be a member.
   */
  channelVisibility?: ChannelVisibility | null;
  status: HackathonStatus;
  createdAt: string;
  createdBy: string;
  updatedAt: string;
  /** How many times organizers published teams (absent: not yet). */
  teamsVersion?: number;
  /** When the wrap-up ended it (it is read-only after). */
  endedAt?: string | null;
  /** The wrap-up in the channel: the highlights message, its thread replies by topic number, the files posted. */
  wrapUp?: { channelId: string; ts: string; replies: Record<string, string>; files: boolean } | null;
  /** The schedules htg keeps for it (slots such as `summary-0900`, `check-in`), to delete those no longer wanted. */
  scheduleSlots?: string[];
  /** The living board: its message in the channel, and the thread replies it continues in when long. */
  board?: {
    channelId: string;
    ts: string;
    replies: string[];
    /** Fingerprints of what each message (the first, then each reply) showed when last sent: not sent again. */
    sent?: string[];
  } | null;
  /** The ranking message in the channel (rank · topic · votes · team), posted when voting closes. */
  rankingMessage?: { channelId: string; ts: string } | null;
  /** The announcement in the channel that the hackathon is set up (posted once, off the request path). */
  announcement?: { channelId: string; ts: string } | null;
  /**
   * Since when (ISO) and why htg's posts in the channel wait: Slack refused them because the app is not a member
   * (or the channel is archived or gone). Cleared when the app is invited; absent: nothing waits.
   */
  waitingForChannel?: { since: string; reason: ChannelRefusal } | null;
  /**
   * The GitHub discussion people vote in too (absent: none opened); `repo` is where it lives, `posted` the issue
   * numbers htg put a topic comment up for (one of them without its comment later was edited by hand).
   */
  votingDiscussion?: { repo: string; id: string; number: number; url: string; posted?: number[] } | null;
  /** Each meeting's posted agenda (absent: not posted yet). */
  agendas?: Partial<Record<MeetingKind, AgendaPost>> | null;
  /** The wrap-up's pull request on the website (absent: none opened yet). */
  websitePull?: WebsitePull | null;
  /** Why the last attempt at that pull request failed (cleared when one succeeds). */
  websiteProblem?: WebsiteProblem | null;
}

/** A channel is public (anyone in the workspace may read it) or private (members only). */
export type ChannelVisibility = 'public' | 'private';

/** Why Slack refuses htg's posts in a channel: the app is not a member, the channel is gone, or archived. */
export type ChannelRefusal = 'not-in-channel' | 'channel-not-found' | 'archived';

/** Settings as they arrive from a form: loosely typed, possibly empty. */
export interface HackathonSettingsInput {
  name?: string | null;
  startDate?: string | null;
  endDate?: string | null;
  timeZone?: string | null;
  location?: string | null;
  organizers?: readonly string[] | null;
  categories?: string | null;
  voteEmoji?: string | null;
  workEmoji?: string | null;
  votesPerPerson?: string | number | null;
  teamSizeMin?: string | number | null;
  teamSizeMax?: string | number | null;
  onePerPerson?: boolean | null;
  hideResults?: boolean | null;
  proposalsCloseAt?: string | null;
  votingClosesAt?: string | null;
  summaryTimes?: string | null;
  checkInAt?: string | null;
  wrapUpReminderAt?: string | null;
  wrapUpAt?: string | null;
  githubRepo?: string | null;
  githubLabel?: string | null;
  /** `done` or `withdrawn`: what a topic whose issue is closed as completed becomes. */
  githubClosedMeans?: string | null;
  websiteRepo?: string | null;
  websiteFork?: string | null;
  websiteFolder?: string | null;
  websiteOrganizer?: string | null;
  lateOutcomeDays?: string | number | null;
  reviewMeetingAt?: string | null;
  meetings?: MeetingsInput | null;
  agendaLead?: string | number | null;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const EMOJI_NAME = /^[a-z0-9_+'-]{1,64}$/;

/** Checks and normalises settings; every problem is reported at once, per field. */
export function validateHackathonSettings(
  input: HackathonSettingsInput,
  creatorId: string,
): HackathonSettings {
  const errors: Record<string, Problem> = {};
  const name = clean(input.name);
  if (!name) errors.name = { code: 'required', field: 'name' };
  else if (name.length > NAME_MAX) errors.name = { code: 'too-long', field: 'name', max: NAME_MAX };

  const startDate = clean(input.startDate);
  const endDate = clean(input.endDate);
  if (!startDate || !isCalendarDate(startDate)) errors.startDate = { code: 'required', field: 'start-date' };
  if (!endDate || !isCalendarDate(endDate)) errors.endDate = { code: 'required', field: 'end-date' };
  else if (startDate && isCalendarDate(startDate) && endDate < startDate)
    errors.endDate = { code: 'ends-before-start' };

  const timeZone = clean(input.timeZone) ?? '';
  if (!isTimeZone(timeZone)) errors.timeZone = { code: 'time-zone' };

  const location = clean(input.location);
  if (location && location.length > LOCATION_MAX)
    errors.location = { code: 'too-long', field: 'location', max: LOCATION_MAX };

  const categories = parseCategories(input.categories);
  if (categories.length === 0) errors.categories = { code: 'required', field: 'categories' };
  else if (categories.length > CATEGORIES_MAX)
    errors.categories = { code: 'too-many', field: 'categories', max: CATEGORIES_MAX };
  else if (categories.some((c) => c.length > CATEGORY_MAX))
    errors.categories = { code: 'too-long', field: 'category', max: CATEGORY_MAX };

  const voteEmoji = emojiName(input.voteEmoji) ?? DEFAULT_VOTE_EMOJI;
  const workEmoji = emojiName(input.workEmoji) ?? DEFAULT_WORK_EMOJI;
  if (!EMOJI_NAME.test(voteEmoji)) errors.voteEmoji = { code: 'emoji-name', field: 'vote' };
  if (!EMOJI_NAME.test(workEmoji)) errors.workEmoji = { code: 'emoji-name', field: 'work' };
  else if (workEmoji === voteEmoji) errors.workEmoji = { code: 'same-emoji' };

  const votesPerPerson = wholeNumber(input.votesPerPerson);
  if (votesPerPerson === 'invalid' || (typeof votesPerPerson === 'number' && votesPerPerson < 1))
    errors.votesPerPerson = { code: 'votes-per-person' };

  const min = wholeNumber(input.teamSizeMin) ?? 1;
  const max = wholeNumber(input.teamSizeMax) ?? 5;
  if (min === 'invalid' || min < 1 || min > 50) errors.teamSizeMin = { code: 'team-size-min' };
  if (max === 'invalid' || max < 1 || max > 50) errors.teamSizeMax = { code: 'team-size-max' };
  else if (typeof min === 'number' && max < min) errors.teamSizeMax = { code: 'max-below-min' };

  const proposalsCloseAt = instant(input.proposalsCloseAt);
  const votingClosesAt = instant(input.votingClosesAt);
  if (proposalsCloseAt === 'invalid') errors.proposalsCloseAt = { code: 'date-time' };
  if (votingClosesAt === 'invalid') errors.votingClosesAt = { code: 'date-time' };
  else if (
    votingClosesAt &&
    proposalsCloseAt &&
    proposalsCloseAt !== 'invalid' &&
    votingClosesAt < proposalsCloseAt
  )
    errors.votingClosesAt = { code: 'voting-before-proposals' };

  const summaryTimes =
    input.summaryTimes == null ? [...DEFAULT_SUMMARY_TIMES] : parseSummaryTimes(input.summaryTimes);
  if (summaryTimes === null) errors.summaryTimes = { code: 'summary-times' };
  else if (summaryTimes.length > SUMMARY_TIMES_MAX)
    errors.summaryTimes = { code: 'too-many', field: 'summaries', max: SUMMARY_TIMES_MAX };
  const checkInAt = instant(input.checkInAt);
  const wrapUpReminderAt = instant(input.wrapUpReminderAt);
  const wrapUpAt = instant(input.wrapUpAt);
  const reviewMeetingAt = instant(input.reviewMeetingAt);
  for (const [field, value] of [
    ['checkInAt', checkInAt],
    ['wrapUpReminderAt', wrapUpReminderAt],
    ['wrapUpAt', wrapUpAt],
    ['reviewMeetingAt', reviewMeetingAt],
  ] as const) {
    if (value === 'invalid') errors[field] = { code: 'date-time' };
  }
  // The review meeting looks back on the event: after its last day (in UTC, a day's slack for any time zone).
  if (
    reviewMeetingAt &&
    reviewMeetingAt !== 'invalid' &&
    typeof endDate === 'string' &&
    Date.parse(reviewMeetingAt) < Date.parse(`${endDate}T00:00:00Z`)
  )
    errors.reviewMeetingAt = { code: 'review-before-end' };
  if (
    wrapUpReminderAt &&
    wrapUpAt &&
    wrapUpReminderAt !== 'invalid' &&
    wrapUpAt !== 'invalid' &&
    wrapUpAt < wrapUpReminderAt
  )
    errors.wrapUpReminderAt = { code: 'reminder-after-wrap-up' };

  const github = validateGitHubLink({
    repo: input.githubRepo,
    eventLabel: input.githubLabel,
    closedMeans: input.githubClosedMeans,
  });
  Object.assign(errors, github.errors);
  const website = validateWebsiteLink({
    repo: input.websiteRepo,
    forkAccount: input.websiteFork,
    folder: input.websiteFolder,
    organizer: input.websiteOrganizer,
    lateOutcomeDays: input.lateOutcomeDays,
  });
  Object.assign(errors, website.errors);
  const meetings = validateMeetings(input.meetings ?? {}, input.agendaLead);
  Object.assign(errors, meetings.errors);

  const organizers = [creatorId, ...(input.organizers ?? []).filter((id) => /^[UW][A-Z0-9]+$/.test(id))];

  if (Object.keys(errors).length > 0) throw new ValidationError(errors);
  return {
    name: name as string,
    startDate: startDate as string,
    endDate: endDate as string,
    timeZone,
    location: location ?? null,
    organizers: [...new Set(organizers)],
    categories,
    voteEmoji,
    workEmoji,
    votesPerPerson: typeof votesPerPerson === 'number' ? votesPerPerson : null,
    teamSize: { min: min as number, max: max as number },
    onePerPerson: input.onePerPerson ?? true,
    hideResults: input.hideResults ?? false,
    proposalsCloseAt: proposalsCloseAt ?? null,
    votingClosesAt: (votingClosesAt as string | undefined) ?? null,
    summaryTimes: summaryTimes ?? [],
    checkInAt: (checkInAt as string | undefined) ?? null,
    wrapUpReminderAt: (wrapUpReminderAt as string | undefined) ?? null,
    wrapUpAt: (wrapUpAt as string | undefined) ?? null,
    github: github.link,
    website: website.link,
    reviewMeetingAt: (reviewMeetingAt as string | undefined) ?? null,
    meetings: meetings.meetings,
    agendaLeadMinutes: meetings.agendaLeadMinutes,
  };
}

/** Default settings for the setup form. */
export function defaultSettings(creatorId: string): HackathonSettings {
  return {
    name: '',
    startDate: '',
    endDate: '',
    timeZone: 'UTC',
    location: null,
    organizers: [creatorId],
    categories: [...DEFAULT_CATEGORIES],
    voteEmoji: DEFAULT_VOTE_EMOJI,
    workEmoji: DEFAULT_WORK_EMOJI,
    votesPerPerson: null,
    teamSize: { min: 1, max: 5 },
    onePerPerson: true,
    hideResults: false,
    proposalsCloseAt: null,
    votingClosesAt: null,
    summaryTimes: [...DEFAULT_SUMMARY_TIMES],
    checkInAt: null,
    wrapUpReminderAt: null,
    wrapUpAt: null,
    github: null,
    website: null,
    reviewMeetingAt: null,
    meetings: null,
    agendaLeadMinutes: DEFAULT_AGENDA_LEAD_MINUTES,
  };
}

export function isOrganizer(hackathon: Pick<Hackathon, 'organizers'>, userId: string): boolean {
  return hackathon.organizers.includes(userId);
}

/** Whether anyone may still propose: until proposals close, and never once the hackathon has ended. */
export function proposalsOpen(hackathon: Pick<Hackathon, 'proposalsCloseAt' | 'status'>, now: Date): boolean {
  if (hackathon.status !== 'active') return false;
  return hackathon.proposalsCloseAt === null || now.getTime() < Date.parse(hackathon.proposalsCloseAt);
}

/** The category imported or unassigned topics fall into: "Other" when the hackathon has it, else the last one. */
export function fallbackCategory(categories: readonly string[]): string {
  return categories.find((c) => c.toLowerCase() === 'other') ?? categories[categories.length - 1] ?? 'Other';
}

/** The hackathon's category matching `name` case-insensitively, if any. */
export function matchCategory(categories: readonly string[], name: string): string | undefined {
  const wanted = name.trim().toLowerCase();
  return categories.find((c) => c.toLowerCase() === wanted);
}

function clean(value: string | null | undefined): string | undefined {
  const trimmed = value?.replace(/\s+/g, ' ').trim();
  return trimmed ? trimmed : undefined;
}

function parseCategories(text: string | null | undefined): string[] {
  const seen = new Set<string>();
  const categories: string[] = [];
  for (const line of (text ?? '').split(/[\n,]/)) {
    const category = line
      .replace(/^[-*•]\s*/, '')
      .replace(/\s+/g, ' ')
      .trim();
    if (category && !seen.has(category.toLowerCase())) {
      seen.add(category.toLowerCase());
      categories.push(category);
    }
  }
  return categories;
}

/** The emoji name as Slack will report reactions with it (`:thumbsup:` is `+1`), or undefined when empty. */
function emojiName(value: string | null | undefined): string | undefined {
  const name = canonicalEmojiName(value ?? '');
  return name ? name : undefined;
}

function wholeNumber(value: string | number | null | undefined): number | 'invalid' | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  const number = typeof value === 'number' ? value : Number(value.trim());
  return Number.isInteger(number) ? number : 'invalid';
}

function instant(value: string | null | undefined): string | 'invalid' | undefined {
  if (!value) return undefined;
  const time = Date.parse(value);
  return Number.isNaN(time) ? 'invalid' : new Date(time).toISOString();
}

function isCalendarDate(value: string): boolean {
  if (!DATE.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(value);
}

/** Whether the runtime knows the IANA time zone. */
export function isTimeZone(name: string): boolean {
  if (!name || !/^[A-Za-z_]+(?:\/[A-Za-z0-9_+-]+)*$/.test(name)) return false;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}
