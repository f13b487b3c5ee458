import {
  type Agenda,
  type AgendaSlot,
  duration,
  MEETING_LABELS,
  type MeetingKind,
  type Presenter,
} from '../domain/meetings.js';
import { isAmbiguous, toLocal } from '../domain/zoned-time.js';
import { markdownBlock } from './escape.js';

/** Why the slots come in this order, in one line (the topic collection's as presentation-order.sh says it). */
const ORDER_LINES: Record<MeetingKind, string> = {
  'topic-collection':
    'Topics are grouped by proposer, ordered by topic number (ascending) within each group. Groups are ordered by topic count (descending), ties broken by lowest topic number.',
  'mid-week': 'One slot per team: hacking topics first, then discussion topics, each by topic number.',
  final: 'One slot per team: hacking topics first, then discussion topics, each by topic number.',
};

/**
 * A meeting's agenda as the community's table (gardener/hackathon's `tools/presentation-order.sh` writes
 * `| Topic | Presenter |` with `[#N - Title](issue)` and `@login`, and a `|---|---|` row between authors), with
 * a column for each slot's local start time in `timeZone` and its box. Topic collection rows keep the separator
 * between proposers' groups. A start that the clock shows twice (the hour repeated when clocks go back) carries
 * its UTC offset. Titles and the names `name` gives for Slack users are escaped: plain text in their cell.
 */
export function agendaMarkdown(
  agenda: Agenda,
  opts: { timeZone: string; name: (userId: string) => string },
): string {
  const lines = [`## ${MEETING_LABELS[agenda.kind]}`, '', ORDER_LINES[agenda.kind]];
  if (agenda.overrunSeconds > 0)
    lines.push(
      '',
      `Runs ${duration(agenda.overrunSeconds)} over the meeting's ${agenda.minutes} min: every slot gets at least 1 min.`,
    );
  lines.push('');
  if (agenda.slots.length === 0) {
    lines.push('Nothing to present yet.');
    return lines.join('\n');
  }
  lines.push('| Time | Topic | Presenter |', '|---|---|---|');
  agenda.slots.forEach((slot, i) => {
    if (i > 0 && slot.group !== null && slot.group !== agenda.slots[i - 1]?.group)
      lines.push('|---|---|---|');
    lines.push(`| ${time(slot, opts.timeZone)} | ${topic(slot)} | ${presenter(slot.presenter, opts.name)} |`);
  });
  return lines.join('\n');
}

function topic(slot: AgendaSlot): string {
  const text = `#${slot.number} - ${cell(slot.title)}`;
  return slot.issue ? `[${text}](${slot.issue.url})` : text;
}

function presenter(who: Presenter, name: (userId: string) => string): string {
  return 'githubLogin' in who ? `@${who.githubLogin}` : cell(name(who.userId));
}

/** `HH:MM (box)` on the wall clock of `timeZone`, with the offset when that time occurs twice that night. */
function time(slot: AgendaSlot, timeZone: string): string {
  const at = new Date(slot.startsAt);
  const local = toLocal(at, timeZone);
  const zone = isAmbiguous(at, timeZone) ? ` ${utcOffset(at, local)}` : '';
  return `${local.time.slice(0, 5)}${zone} (${duration(slot.seconds)})`;
}

/** `UTC+2`, `UTC-3:30`: how far the wall clock shown is from UTC. */
function utcOffset(at: Date, local: { date: string; time: string }): string {
  const minutes = Math.round((Date.parse(`${local.date}T${local.time}Z`) - at.getTime()) / 60_000);
  const hours = Math.floor(Math.abs(minutes) / 60);
  const rest = Math.abs(minutes) % 60;
  return `UTC${minutes < 0 ? '-' : '+'}${hours}${rest > 0 ? `:${String(rest).padStart(2, '0')}` : ''}`;
}

/**
 * Typed text as plain text in a table cell: one line, no HTML or script links (markdownBlock), no Markdown
 * links or emphasis outside code spans, no `@` mentioning someone on GitHub (a zero-width space after it), and
 * every `|` escaped, in code spans too (GitHub's tables end a cell at any bare `|`; `\|` shows as `|`).
 */
function cell(text: string): string {
  return markdownBlock(text.replace(/\s+/g, ' ').trim())
    .split(/(`+[^`]*`+)/)
    .map((part, i) => (i % 2 === 1 ? part : part.replace(/([\\[\]*_])/g, '\\$1').replace(/@/g, '@\u200b')))
    .join('')
    .replace(/\|/g, '\\|');
}
