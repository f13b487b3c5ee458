import type { HackathonSettings } from '../../domain/hackathon.js';
import {
  DEFAULT_AGENDA_LEAD_MINUTES,
  DEFAULT_MEETING_MINUTES,
  fieldOf,
  MEETING_KINDS,
  MEETING_LABELS,
  type MeetingKind,
} from '../../domain/meetings.js';
import { DEFAULT_SUMMARY_TIMES } from '../../domain/summary-times.js';
import { DEFAULT_WEBSITE_FOLDER } from '../../domain/website.js';
import { context, type KnownBlock, type ModalView, plainText } from './blocks.js';

export const HACKATHON_CALLBACKS = { setup: 'hackathon_setup', settings: 'hackathon_settings' } as const;

/** What the settings modal carries between opening and submission. */
export interface HackathonModalMetadata {
  channelId: string;
  hackathonId?: string;
  /** The settings' version the form was opened with (for `/htg settings`). */
  updatedAt?: string;
}

type Input = {
  block_id: string;
  label: string;
  optional?: boolean;
  hint?: string;
  element: Record<string, unknown>;
};

function input({ block_id, label, optional = false, hint, element }: Input): KnownBlock {
  return {
    type: 'input',
    block_id,
    optional,
    label: plainText(label, 2000),
    ...(hint ? { hint: plainText(hint, 2000) } : {}),
    element: { action_id: 'value', ...element },
  } as KnownBlock;
}

const textInput = (initial: string | null | undefined, extra: Record<string, unknown> = {}) => ({
  type: 'plain_text_input',
  ...(initial ? { initial_value: initial } : {}),
  ...extra,
});

const numberInput = (initial: number | null | undefined, min: string) => ({
  type: 'number_input',
  is_decimal_allowed: false,
  min_value: min,
  ...(initial ? { initial_value: String(initial) } : {}),
});

const ONE_TEAM_OPTION = { value: 'yes', text: plainText('Each person joins at most one team') };
const HIDE_RESULTS_OPTION = {
  value: 'yes',
  text: plainText('Hide vote counts until voting closes', 75),
};

const CLOSED_MEANS_OPTIONS = [
  { value: 'withdrawn', text: plainText('withdraws its topic') },
  { value: 'done', text: plainText('marks its topic done') },
];

/** What each meeting's start says in the form: what its agenda holds. */
const MEETING_HINTS: Record<MeetingKind, string> = {
  'topic-collection':
    'Before voting: every proposer presents their topics in a row, time-boxed (the order of presentation-order.sh). Empty: no agenda.',
  'mid-week': 'One time-boxed slot per team, with its presenter; discussion topics last. Empty: no agenda.',
  final: 'One slot per team, as in the mid-week update. Empty: no agenda.',
};

/** A meeting's start and length: the start switches its agenda on. */
function meetingInputs(settings: HackathonSettings, kind: MeetingKind): KnownBlock[] {
  const meeting = settings.meetings?.[kind];
  return [
    input({
      block_id: `${fieldOf(kind)}At`,
      label: MEETING_LABELS[kind],
      optional: true,
      hint: MEETING_HINTS[kind],
      element: dateTime(meeting?.at ?? null),
    }),
    input({
      block_id: `${fieldOf(kind)}Minutes`,
      label: `${MEETING_LABELS[kind]}: length in minutes`,
      optional: true,
      element: numberInput(meeting?.minutes ?? DEFAULT_MEETING_MINUTES, '1'),
    }),
  ];
}

const dateTime = (iso: string | null) => ({
  type: 'datetimepicker',
  ...(iso ? { initial_date_time: Math.floor(Date.parse(iso) / 1000) } : {}),
});

/** `/htg setup` (create) and `/htg settings` (change): every setting of a hackathon in one modal. */
export function hackathonModal(
  mode: 'setup' | 'settings',
  settings: HackathonSettings,
  metadata: HackathonModalMetadata,
): ModalView {
  const blocks: KnownBlock[] = [
    input({
      block_id: 'name',
      label: 'Name',
      element: textInput(settings.name, {
        max_length: 100,
        placeholder: plainText('Hack The Garden 05/2026'),
      }),
    }),
    input({
      block_id: 'startDate',
      label: 'First day',
      element: { type: 'datepicker', ...(settings.startDate ? { initial_date: settings.startDate } : {}) },
    }),
    input({
      block_id: 'endDate',
      label: 'Last day',
      element: { type: 'datepicker', ...(settings.endDate ? { initial_date: settings.endDate } : {}) },
    }),
    input({
      block_id: 'timeZone',
      label: 'Time zone',
      hint: 'IANA name, e.g. Europe/Berlin. Schedules and deadlines follow it, daylight saving included.',
      element: textInput(settings.timeZone, { max_length: 64 }),
    }),
    input({
      block_id: 'location',
      label: 'Location',
      optional: true,
      element: textInput(settings.location, { max_length: 150 }),
    }),
    input({
      block_id: 'organizers',
      label: 'Co-organizers',
      optional: true,
      hint: 'You are an organizer already.',
      element: {
        type: 'multi_users_select',
        ...(settings.organizers.length > 1 ? { initial_users: settings.organizers.slice(1) } : {}),
      },
    }),
    input({
      block_id: 'categories',
      label: 'Topic categories',
      hint: 'One per line.',
      element: textInput(settings.categories.join('\n'), { multiline: true, max_length: 1000 }),
    }),
    input({
      block_id: 'voteEmoji',
      label: 'Vote emoji',
      hint: 'Its name, e.g. +1 (👍) or arrow_up. Reacting with it on a topic card is a vote.',
      element: textInput(settings.voteEmoji, { max_length: 64 }),
    }),
    input({
      block_id: 'workEmoji',
      label: '"I\'ll work on it" emoji',
      hint: 'Its name, e.g. hand (✋) or rocket. Reacting with it on a topic card says you would work on it.',
      element: textInput(settings.workEmoji, { max_length: 64 }),
    }),
    input({
      block_id: 'votesPerPerson',
      label: 'Votes per person',
      optional: true,
      hint: 'Leave empty for unlimited.',
      element: numberInput(settings.votesPerPerson, '1'),
    }),
    input({
      block_id: 'teamSizeMin',
      label: 'Smallest team',
      optional: true,
      element: numberInput(settings.teamSize.min, '1'),
    }),
    input({
      block_id: 'teamSizeMax',
      label: 'Largest team',
      optional: true,
      element: numberInput(settings.teamSize.max, '1'),
    }),
    input({
      block_id: 'onePerPerson',
      label: 'Teams',
      optional: true,
      element: {
        type: 'checkboxes',
        options: [ONE_TEAM_OPTION],
        ...(settings.onePerPerson !== false ? { initial_options: [ONE_TEAM_OPTION] } : {}),
      },
    }),
    input({
      block_id: 'hideResults',
      label: 'Results',
      optional: true,
      hint:
        'Cards, board, summaries, /htg list, the ballot and the Home tab show no counts until the ranking at the close reveals them. ' +
        'Slack shows reactions on a card to everyone, so people then vote in private: with /htg vote or the card\'s "Vote in private" button.',
      element: {
        type: 'checkboxes',
        options: [HIDE_RESULTS_OPTION],
        ...(settings.hideResults ? { initial_options: [HIDE_RESULTS_OPTION] } : {}),
      },
    }),
    input({
      block_id: 'proposalsCloseAt',
      label: 'Proposals close',
      optional: true,
      element: dateTime(settings.proposalsCloseAt),
    }),
    input({
      block_id: 'votingClosesAt',
      label: 'Voting closes',
      optional: true,
      element: dateTime(settings.votingClosesAt),
    }),
    input({
      block_id: 'summaryTimes',
      label: 'Daily summary at',
      optional: true,
      hint: "Times of day in the hackathon's time zone, e.g. 09:00 or 09:00, 16:30. Empty: no summaries.",
      element: textInput((settings.summaryTimes ?? DEFAULT_SUMMARY_TIMES).join(', '), { max_length: 60 }),
    }),
    input({
      block_id: 'checkInAt',
      label: 'Mid-week check-in',
      optional: true,
      hint: 'Empty: the middle day at 14:00. Each team is asked what it achieved and what blocks it.',
      element: dateTime(settings.checkInAt ?? null),
    }),
    input({
      block_id: 'wrapUpReminderAt',
      label: 'Wrap-up reminder',
      optional: true,
      hint: 'Empty: the last day at 10:00.',
      element: dateTime(settings.wrapUpReminderAt ?? null),
    }),
    input({
      block_id: 'wrapUpAt',
      label: 'Wrap-up',
      optional: true,
      hint: 'Empty: the last day at 15:00.',
      element: dateTime(settings.wrapUpAt ?? null),
    }),
    input({
      block_id: 'reviewMeetingAt',
      label: 'Review meeting',
      optional: true,
      hint: 'A week or two after the event. Three days before, each team is asked on its card who presents it and who continues it; the agenda is posted before the meeting, and organizers record the outcome after it. Empty: none.',
      element: dateTime(settings.reviewMeetingAt ?? null),
    }),
    ...MEETING_KINDS.flatMap((kind) => meetingInputs(settings, kind)),
    input({
      block_id: 'agendaLead',
      label: 'Agendas posted (minutes before each meeting)',
      optional: true,
      hint: 'The agenda is posted in the channel and pinned for the day. Empty: 30.',
      element: numberInput(settings.agendaLeadMinutes ?? DEFAULT_AGENDA_LEAD_MINUTES, '0'),
    }),
    input({
      block_id: 'githubRepo',
      label: 'GitHub repository',
      optional: true,
      hint: 'owner/name. Its issues with the event label become topics, and topics proposed here open issues there. Empty: no GitHub.',
      element: textInput(settings.github?.repo, {
        max_length: 140,
        placeholder: plainText('gardener-community/hackathon'),
      }),
    }),
    input({
      block_id: 'githubLabel',
      label: 'Event label',
      optional: true,
      hint: 'The label every topic issue of this hackathon carries, e.g. Q2/2026.',
      element: textInput(settings.github?.eventLabel, { max_length: 50 }),
    }),
    input({
      block_id: 'githubClosedMeans',
      label: 'An issue closed as completed',
      optional: true,
      hint: 'Closed as not planned always withdraws the topic.',
      element: {
        type: 'static_select',
        options: CLOSED_MEANS_OPTIONS,
        initial_option: CLOSED_MEANS_OPTIONS[settings.github?.closedMeans === 'done' ? 1 : 0],
      },
    }),
    input({
      block_id: 'websiteRepo',
      label: 'Website repository',
      optional: true,
      hint: 'owner/name. The wrap-up is opened there as a pull request: its page and its row in the events table. Empty: the wrap-up stays in Slack.',
      element: textInput(settings.website?.repo, {
        max_length: 140,
        placeholder: plainText('gardener/documentation'),
      }),
    }),
    input({
      block_id: 'websiteFolder',
      label: 'Folder of the wrap-up pages',
      optional: true,
      hint: `Holds <YYYY-MM>.md and the _index.md with the events table. Empty: ${DEFAULT_WEBSITE_FOLDER}.`,
      element: textInput(settings.website?.folder, { max_length: 200 }),
    }),
    input({
      block_id: 'websiteFork',
      label: 'Fork into',
      optional: true,
      hint: 'An organization the htg App is installed on, used when htg may open pull requests on the website but not push to it. Empty: push to the website repository.',
      element: textInput(settings.website?.forkAccount, { max_length: 39 }),
    }),
    input({
      block_id: 'websiteOrganizer',
      label: 'Organizer in the events table',
      optional: true,
      hint: "Empty: the organizers' companies from the attendee list.",
      element: textInput(settings.website?.organizer, { max_length: 60 }),
    }),
    input({
      block_id: 'lateOutcomeDays',
      label: 'Days outcomes are still taken after the wrap-up',
      optional: true,
      hint: 'They update the wrap-up thread and the pull request. Empty: 14.',
      element: textInput(settings.website ? String(settings.website.lateOutcomeDays) : undefined, {
        max_length: 2,
      }),
    }),
    context('Dates and times are shown in your own Slack time zone.'),
  ];
  return {
    type: 'modal',
    callback_id: mode === 'setup' ? HACKATHON_CALLBACKS.setup : HACKATHON_CALLBACKS.settings,
    private_metadata: JSON.stringify(metadata),
    title: plainText(mode === 'setup' ? 'Set up a hackathon' : 'Hackathon settings', 24),
    submit: plainText(mode === 'setup' ? 'Create' : 'Save'),
    close: plainText('Cancel'),
    blocks,
  };
}
