import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type EventRow, withEventRow } from '../../functions/markdown/website-index.js';

/** gardener/documentation's landing page (test/fixtures/ATTRIBUTION.md): 12 events, newest first, padded. */
const INDEX = readFileSync(
  new URL(
    '../fixtures/hackathons/gardener-documentation/website/community/hackathons/_index.md',
    import.meta.url,
  ),
  'utf8',
);
const tableLines = (text: string) => text.split('\n').filter((line) => line.startsWith('|'));

const AUTUMN: EventRow = {
  startDate: '2026-11-23',
  endDate: '2026-11-27',
  location: '[Schlosshof Freizeitheim, Schelklingen](https://www.schlosshof-info.de/)',
  organizer: 'x-cellent',
  page: '2026-11.md',
};

describe("the events table of the community's landing page", () => {
  it('puts a new event first (the table is newest first) and keeps the columns padded', () => {
    const result = withEventRow(INDEX, AUTUMN);
    expect(result?.changed).toBe(true);
    const lines = tableLines(result?.text ?? '');
    expect(lines).toHaveLength(tableLines(INDEX).length + 1);
    expect(lines[2]).toBe(
      '| 23.11.2026 – 27.11.2026 | [Schlosshof Freizeitheim, Schelklingen](https://www.schlosshof-info.de/)        | x-cellent | [Summary](./2026-11.md) |',
    );
    // Every line of the table keeps its width; nothing else in the file moves.
    expect(new Set(lines.map((line) => [...line].length))).toEqual(new Set([147]));
    const rest = (text: string) => text.split('\n').filter((line) => !line.startsWith('|'));
    expect(rest(result?.text ?? '')).toEqual(rest(INDEX));
    expect(result?.text.endsWith('\n')).toBe(INDEX.endsWith('\n'));
  });

  it('puts an event between two others by its first day', () => {
    const result = withEventRow(INDEX, {
      ...AUTUMN,
      startDate: '2025-10-06',
      endDate: '2025-10-10',
      page: '2025-10.md',
    });
    const lines = tableLines(result?.text ?? '');
    const at = lines.findIndex((line) => line.includes('./2025-10.md'));
    expect(lines[at - 1]).toContain('./2025-11.md');
    expect(lines[at + 1]).toContain('./2025-07.md');
  });

  it('widens every line when the new row is longer than a column', () => {
    const location =
      '[Haus am Seeufer, Sehr Langer Ortsname Im Schönen Allgäu, Deutschland](https://example.org/)';
    const result = withEventRow(INDEX, { ...AUTUMN, location });
    const lines = tableLines(result?.text ?? '');
    const widths = new Set(lines.map((line) => [...line].length));
    expect(widths.size).toBe(1);
    expect([...widths][0]).toBe(147 + location.length - 79);
    expect(lines[1]).toMatch(/^\|:-+\|:-+\|:-+\|:-+\|$/);
  });

  it('replaces the row that links the page already, and says when nothing changes', () => {
    const again = withEventRow(INDEX, {
      startDate: '2026-05-04',
      endDate: '2026-05-08',
      location: '[Schlosshof Freizeitheim, Schelklingen](https://www.schlosshof-info.de/)',
      organizer: 'x-cellent',
      page: '2026-05.md',
    });
    expect(again).toEqual({ text: INDEX, changed: false });

    const moved = withEventRow(INDEX, {
      startDate: '2026-05-05',
      endDate: '2026-05-08',
      location: '',
      organizer: '',
      page: '2026-05.md',
    });
    const lines = tableLines(moved?.text ?? '');
    expect(lines).toHaveLength(tableLines(INDEX).length);
    // The date follows htg; location and organizer, not known to it, stay as the community wrote them.
    expect(lines[2]).toBe(
      '| 05.05.2026 – 08.05.2026 | [Schlosshof Freizeitheim, Schelklingen](https://www.schlosshof-info.de/)        | x-cellent | [Summary](./2026-05.md) |',
    );
  });

  it('writes an unpadded row into an unpadded table, leaving the other lines as written', () => {
    const index = [
      '# Events',
      '',
      '| Date | Location | Wrap Up |',
      '| --- | --- | --- |',
      '| 02.06.2025 – 06.06.2025 | Walldorf | [Summary](2025-06.md) |',
      '|01.12.2024 – 05.12.2024|Sofia|[Summary](2024-12.md)|',
      '',
      'More text.',
    ].join('\n');
    const result = withEventRow(index, { ...AUTUMN, location: 'Sofia | Bulgaria' });
    expect(result?.text.split('\n')).toEqual([
      '# Events',
      '',
      '| Date | Location | Wrap Up |',
      '| --- | --- | --- |',
      '| 23.11.2026 – 27.11.2026 | Sofia \\| Bulgaria | [Summary](./2026-11.md) |',
      '| 02.06.2025 – 06.06.2025 | Walldorf | [Summary](2025-06.md) |',
      '|01.12.2024 – 05.12.2024|Sofia|[Summary](2024-12.md)|',
      '',
      'More text.',
    ]);
  });

  it('finds no table in a page without one', () => {
    expect(withEventRow('# Hackathons\n\nSoon.\n', AUTUMN)).toBeNull();
    expect(withEventRow('| Name | Role |\n|---|---|\n| Anna | host |\n', AUTUMN)).toBeNull();
  });
});
