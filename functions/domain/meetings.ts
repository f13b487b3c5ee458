import type { IssueLink } from './github.js';
import type { Problem } from './problems.js';
import { addDays, fromLocal, toLocal } from './zoned-time.js';

/**
 * The meetings of a hack week that htg posts agendas for, as the community's playbook (docs/organization.md in
 * gardener/hackathon) runs them: the topic collection before voting (every proposer presents theirs, about an
 * hour), the mid-week update (strictly time-boxed, one slot per team) and the final presentations.
 */
export const MEETING_KINDS = ['topic-collection', 'mid-week', 'final'] as const;
export type MeetingKind = (typeof MEETING_KINDS)[number];

/** One meeting as organizers set it: when it starts (ISO instant) and how long it lasts (whole minutes). */
export interface Meeting {
  at: string;
  minutes: number;
}

/** The meetings switched on (those with a start); absent kinds have no agenda. */
export type Meetings = Partial<Record<MeetingKind, Meeting>>;

export const MEETING_LABELS: Record<MeetingKind, string> = {
  'topic-collection': 'Topic collection',
  'mid-week': 'Mid-week update',
  final: 'Final presentations',
};

/** Who presents a slot: a Slack user, or someone known only by their GitHub login (a topic's issue author). */
export type Presenter = { userId: string } | { githubLogin: string };

/** One topic's turn in a meeting. */
export interface AgendaSlot {
  number: number;
  title: string;
  /** Hacking or discussion (the topic's kind). */
  kind: 'hacking' | 'discussion';
  /** The topic's issue, for a link in the agenda; null when it has none. */
  issue: IssueLink | null;
  presenter: Presenter;
  /** When the slot starts (ISO instant): the meeting's start plus every box before it. */
  startsAt: string;
  /** The slot's time box, in whole seconds. */
  seconds: number;
  /** In the topic collection, the index of the proposer's group in `Agenda.groups`; null in team meetings. */
  group: number | null;
}

export interface Agenda {
  kind: MeetingKind;
  /** The meeting's start (ISO instant, normalised). */
  startsAt: string;
  minutes: number;
  slots: AgendaSlot[];
  /** Topic collection: the topic numbers of each proposer's group, in the order they present; null otherwise. */
  groups: number[][] | null;
  /**
   * How many seconds the slots run past the meeting's end: 0, unless there are so many slots that the meeting
   * cannot give each the floor of a minute. They then get the minute anyway, and the agenda says so.
   */
  overrunSeconds: number;
}

/**
 * A meeting's agenda as posted in the channel: its message, the agenda as it was posted (what **Next** walks
 * through and the Markdown export shows, whatever changes after), and the slot under way (-1: not started;
 * `agenda.slots.length`: over).
 */
export interface AgendaPost {
  channelId: string;
  ts: string;
  agenda: Agenda;
  current: number;
}

/** The playbook's "roughly 1 hour" for each meeting. */
export const DEFAULT_MEETING_MINUTES = 60;
/** A working day: longer is a typo, not a meeting. */
export const MEETING_MINUTES_MAX = 480;
/** How long before a meeting its agenda is posted and pinned, unless organizers say otherwise. */
export const DEFAULT_AGENDA_LEAD_MINUTES = 30;
const AGENDA_LEAD_MAX = 24 * 60;

/** The form's fields per meeting: its start (ISO, from a date-time picker) and its length as typed. */
export type MeetingsInput = Partial<
  Record<MeetingKind, { at?: string | null; minutes?: string | number | null } | null>
>;

/**
 * Checks the meetings of the settings form: a meeting is switched on by giving it a start; its length is whole
 * minutes from 1 to 480 (default 60). The agenda's lead is whole minutes up to a day (default 30). Problems are
 * keyed by the form's block ids (`<kind>Minutes`, `agendaLead`).
 */
export function validateMeetings(
  input: MeetingsInput,
  lead: string | number | null | undefined,
): { meetings: Meetings; agendaLeadMinutes: number; errors: Record<string, Problem> } {
  const errors: Record<string, Problem> = {};
  const meetings: Meetings = {};
  for (const kind of MEETING_KINDS) {
    const given = input[kind];
    const minutes = wholeMinutes(given?.minutes, DEFAULT_MEETING_MINUTES);
    if (minutes === null || minutes < 1 || minutes > MEETING_MINUTES_MAX)
      errors[`${fieldOf(kind)}Minutes`] = { code: 'meeting-minutes', max: MEETING_MINUTES_MAX };
    else if (given?.at && !Number.isNaN(Date.parse(given.at)))
      meetings[kind] = { at: new Date(given.at).toISOString(), minutes };
  }
  const agendaLeadMinutes = wholeMinutes(lead, DEFAULT_AGENDA_LEAD_MINUTES);
  if (agendaLeadMinutes === null || agendaLeadMinutes < 0 || agendaLeadMinutes > AGENDA_LEAD_MAX)
    errors.agendaLead = { code: 'agenda-lead', max: AGENDA_LEAD_MAX };
  return { meetings, agendaLeadMinutes: agendaLeadMinutes ?? DEFAULT_AGENDA_LEAD_MINUTES, errors };
}

/** Whether a hackathon has a team meeting (mid-week update or final presentations): teams then name a presenter. */
export function hasTeamMeetings(hackathon: { meetings?: Meetings | null }): boolean {
  return Boolean(hackathon.meetings?.['mid-week'] || hackathon.meetings?.final);
}

/** The settings form's name for a meeting kind's fields: `collection`, `midWeek`, `final`. */
export function fieldOf(kind: MeetingKind): string {
  return kind === 'topic-collection' ? 'collection' : kind === 'mid-week' ? 'midWeek' : 'final';
}

/**
 * When each meeting's agenda is posted (and pinned), and when it is unpinned: the agenda `lead` minutes before
 * the meeting, the pin until the end of the meeting's day in the hackathon's time zone ("pinned for the day").
 */
export function agendaMoments(
  meetings: Meetings,
  leadMinutes: number,
  timeZone: string,
): Array<{ kind: MeetingKind; meeting: Meeting; postAt: Date; unpinAt: Date }> {
  return MEETING_KINDS.flatMap((kind) => {
    const meeting = meetings[kind];
    if (!meeting) return [];
    const at = new Date(meeting.at);
    const postAt = new Date(at.getTime() - leadMinutes * 60_000);
    const unpinAt = fromLocal(addDays(toLocal(at, timeZone).date, 1), '00:00', timeZone);
    return [{ kind, meeting, postAt, unpinAt }];
  });
}

/** A typed number of minutes: the default when empty, null when it is not a whole number. */
function wholeMinutes(value: string | number | null | undefined, fallback: number): number | null {
  if (value === null || value === undefined || String(value).trim() === '') return fallback;
  const number = Number(String(value).trim());
  return Number.isInteger(number) ? number : null;
}

/** A time box as the agendas say it, in Slack and in Markdown: "4 min", "4 min 30 s", "45 s". */
export function duration(seconds: number): string {
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  if (minutes === 0) return `${rest} s`;
  return rest > 0 ? `${minutes} min ${rest} s` : `${minutes} min`;
}
