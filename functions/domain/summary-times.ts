/** When the daily summary goes out unless organizers choose (local time), and how many times a day at most. */
export const DEFAULT_SUMMARY_TIMES = ['09:00'] as const;
export const SUMMARY_TIMES_MAX = 4;

/** Reads "09:00, 16:30" into sorted, distinct HH:MM times; null when a part is not a time. */
export function parseSummaryTimes(text: string): string[] | null {
  const parts = text
    .split(/[\s,;]+/)
    .map((part) => part.trim())
    .filter(Boolean);
  const times: string[] = [];
  for (const part of parts) {
    const match = /^(\d{1,2})[:.h](\d{2})$/.exec(part) ?? /^(\d{1,2})$/.exec(part);
    if (!match) return null;
    const hour = Number(match[1]);
    const minute = Number(match[2] ?? 0);
    if (hour > 23 || minute > 59) return null;
    times.push(`${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`);
  }
  return [...new Set(times)].sort();
}
