/**
 * The events table of the community's hackathon landing page (gardener/documentation,
 * `website/community/hackathons/_index.md`, under "## 📅 Events"): one row per event, newest first,
 *
 *   | Date                    | Location                     | Organizer | Wrap Up                 |
 *   |:------------------------|:-----------------------------|:----------|:------------------------|
 *   | 04.05.2026 – 08.05.2026 | [Schlosshof …](https://…)    | x-cellent | [Summary](./2026-05.md) |
 *
 * with every column padded to one width (counted in characters, so "Württemberger" lines up). The wrap-up's pull
 * request adds its event's row where the order puts it, or replaces the row that links its page already.
 */

import { dateRange } from './wrapup-from-hackathon.js';

/** One event's row, as the wrap-up knows it. */
export interface EventRow {
  /** YYYY-MM-DD. */
  startDate: string;
  endDate: string;
  /** Markdown (a place, or a link to it); empty when not known. */
  location: string;
  organizer: string;
  /** The page's file name beside `_index.md`, e.g. `2026-05.md`. */
  page: string;
}

/** The file with the row in it; `changed` false when it was there as it is. Null: the file has no events table. */
export function withEventRow(index: string, row: EventRow): { text: string; changed: boolean } | null {
  const newline = index.includes('\r\n') ? '\r\n' : '\n';
  const lines = index.split(/\r?\n/);
  const table = findEventsTable(lines);
  if (!table) return null;
  const { header, columns, rows, start, end, aligns } = table;
  const aligned = isAligned(lines.slice(start, end));
  const widthsBefore = columns.map((_, i) =>
    Math.max(3, ...[header, ...rows].map((cells) => length(cells[i] ?? ''))),
  );

  const own = rows.findIndex((cells) => cells.some((cell) => linksPage(cell, row.page)));
  const cells = columns.map((column, i) => {
    const kept = own >= 0 ? (rows[own]?.[i] ?? '') : '';
    switch (column) {
      case 'date':
        return dateRange(row.startDate, row.endDate);
      case 'location':
        return row.location || kept;
      case 'organizer':
        return row.organizer || kept;
      case 'wrap-up':
        return own >= 0 && kept ? kept : `[Summary](./${row.page})`;
      default:
        return kept;
    }
  });
  const escaped = cells.map((cell) => cell.replace(/\r?\n/g, ' ').replace(/(?<!\\)\|/g, '\\|'));
  const newRows = rows.slice();
  if (own >= 0) {
    if (escaped.every((cell, i) => cell === rows[own]?.[i])) return { text: index, changed: false };
    newRows[own] = escaped;
  } else {
    newRows.splice(insertionPoint(rows, columns, row.startDate), 0, escaped);
  }

  const widths = columns.map((_, i) =>
    Math.max(widthsBefore[i] ?? 3, ...newRows.map((cells) => length(cells[i] ?? ''))),
  );
  const format = (values: readonly string[]) =>
    aligned
      ? `| ${values.map((value, i) => pad(value, widths[i] ?? 0)).join(' | ')} |`
      : `| ${values.join(' | ')} |`;
  const separator = aligns.map((align, i) => {
    const width = aligned ? (widths[i] ?? 3) + 2 : 3 + (align.left ? 1 : 0) + (align.right ? 1 : 0);
    const dashes = '-'.repeat(width - (align.left ? 1 : 0) - (align.right ? 1 : 0));
    return `${align.left ? ':' : ''}${dashes}${align.right ? ':' : ''}`;
  });
  // Unpadded, the lines htg does not change are kept as they are written.
  const asWritten = new Map(rows.map((cells, i) => [cells, lines[start + 2 + i] ?? format(cells)]));
  const written = [
    aligned ? format(header) : (lines[start] ?? format(header)),
    aligned ? `|${separator.join('|')}|` : (lines[start + 1] ?? `|${separator.join('|')}|`),
    ...newRows.map((cells) => (aligned ? format(cells) : (asWritten.get(cells) ?? format(cells)))),
  ];
  const text = [...lines.slice(0, start), ...written, ...lines.slice(end)].join(newline);
  return { text, changed: text !== index };
}

type Column = 'date' | 'location' | 'organizer' | 'wrap-up' | 'other';

interface EventsTable {
  header: string[];
  columns: Column[];
  aligns: Array<{ left: boolean; right: boolean }>;
  rows: string[][];
  /** Lines [start, end) hold the table, header and separator included. */
  start: number;
  end: number;
}

/** The first table whose header has a Date column and a Wrap Up (or Summary) column. */
function findEventsTable(lines: readonly string[]): EventsTable | null {
  for (let i = 0; i + 1 < lines.length; i++) {
    const headerLine = lines[i] ?? '';
    const separatorLine = lines[i + 1] ?? '';
    if (!isRow(headerLine) || !/^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/.test(separatorLine))
      continue;
    const header = cellsOf(headerLine);
    const columns = header.map(columnOf);
    if (!columns.includes('date') || !columns.includes('wrap-up')) continue;
    const aligns = cellsOf(separatorLine).map((cell) => ({
      left: cell.startsWith(':'),
      right: cell.endsWith(':'),
    }));
    let end = i + 2;
    while (end < lines.length && isRow(lines[end] ?? '')) end++;
    const rows = lines.slice(i + 2, end).map((line) => {
      const cells = cellsOf(line);
      return header.map((_, c) => cells[c] ?? '');
    });
    return { header, columns, aligns, rows, start: i, end };
  }
  return null;
}

function columnOf(name: string): Column {
  const word = name.trim().toLowerCase();
  if (word === 'date' || word === 'dates' || word === 'when') return 'date';
  if (word === 'location' || word === 'where' || word === 'place') return 'location';
  if (word === 'organizer' || word === 'organiser' || word === 'host') return 'organizer';
  if (/^(wrap[ -]?up|summary|results?)$/.test(word)) return 'wrap-up';
  return 'other';
}

const isRow = (line: string) => /^\s*\|.*\|\s*$/.test(line);

/** A row's cells, trimmed (`\|` is a pipe inside a cell, as GitHub's tables read it). */
function cellsOf(line: string): string[] {
  const inner = line.trim().replace(/^\|/, '').replace(/\|$/, '');
  return inner.split(/(?<!\\)\|/).map((cell) => cell.trim());
}

/** Whether every line of the table is as long as the first, in characters: a table padded to its columns. */
function isAligned(lines: readonly string[]): boolean {
  const first = length(lines[0] ?? '');
  return lines.length > 2 && lines.every((line) => length(line) === first);
}

/** Characters, not UTF-16 units (an emoji or "ü" is one), as the community's files are padded. */
const length = (text: string) => [...text].length;
const pad = (text: string, width: number) => text + ' '.repeat(Math.max(0, width - length(text)));

function linksPage(cell: string, page: string): boolean {
  const escaped = page.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`\\]\\((?:\\./)?${escaped}(?:#[^)]*)?\\)`).test(cell);
}

/**
 * Where a new row goes: before the first row that started earlier when the table is newest first (the
 * community's), after the last one that started earlier when it is oldest first; rows without a readable date
 * are stepped over.
 */
function insertionPoint(rows: readonly string[][], columns: readonly Column[], startDate: string): number {
  const dateColumn = columns.indexOf('date');
  const starts = rows.map((cells) => startOf(cells[dateColumn] ?? ''));
  const known = starts.filter((value): value is string => value !== null);
  const newestFirst = known.length < 2 || (known[0] as string) >= (known[known.length - 1] as string);
  if (newestFirst) {
    const before = starts.findIndex((value) => value !== null && value < startDate);
    return before === -1 ? rows.length : before;
  }
  let after = -1;
  starts.forEach((value, i) => {
    if (value !== null && value <= startDate) after = i;
  });
  return after + 1;
}

/** "04.05.2026 – 08.05.2026" → "2026-05-04"; null when the cell holds no such date. */
function startOf(cell: string): string | null {
  const match = /(\d{1,2})\.(\d{1,2})\.(\d{4})/.exec(cell);
  if (!match) return null;
  const [, day, month, year] = match;
  return `${year}-${(month as string).padStart(2, '0')}-${(day as string).padStart(2, '0')}`;
}
