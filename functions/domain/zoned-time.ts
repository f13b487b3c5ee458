/**
 * Wall-clock time in an IANA time zone, with nothing but Intl: the calendar date and time a moment has in a
 * zone, and the moment a local date and time stands for (across daylight-saving changes).
 */

export interface LocalDateTime {
  /** YYYY-MM-DD */
  date: string;
  /** HH:MM:SS, 24-hour */
  time: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let format = formatters.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(timeZone, format);
  }
  return format;
}

/** The date and time `instant` shows on a wall clock in `timeZone`. */
export function toLocal(instant: Date, timeZone: string): LocalDateTime {
  const parts = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    time: `${parts.hour}:${parts.minute}:${parts.second}`,
  };
}

/** How far `timeZone` is ahead of UTC at `instant`, in milliseconds. */
function offsetAt(instant: number, timeZone: string): number {
  const { date, time } = toLocal(new Date(instant), timeZone);
  return Date.parse(`${date}T${time}Z`) - Math.floor(instant / 1000) * 1000;
}

/**
 * The moment a local date and time (`HH:MM` or `HH:MM:SS`) stands for in `timeZone`. A time that occurs twice
 * (the hour repeated when clocks go back) gives the first; a time that does not exist (skipped when clocks go
 * forward) gives the moment an hour later on the wall clock, as clocks show it.
 */
export function fromLocal(date: string, time: string, timeZone: string): Date {
  const wall = Date.parse(`${date}T${time.length === 5 ? `${time}:00` : time}Z`);
  // The zone's offsets around that day (a change happens at most once in it); every one that maps back to the
  // wall-clock time is a candidate, and the earliest wins for repeated times.
  const day = 86_400_000;
  const offsets = new Set([
    offsetAt(wall - day, timeZone),
    offsetAt(wall, timeZone),
    offsetAt(wall + day, timeZone),
  ]);
  const shown = (t: number) => {
    const local = toLocal(new Date(t), timeZone);
    return Date.parse(`${local.date}T${local.time}Z`);
  };
  const candidates = [...offsets].map((offset) => wall - offset);
  const exact = candidates.filter((t) => shown(t) === wall);
  // A skipped time: the earlier offset carries it past the gap, as a clock that was not put forward would.
  return new Date(exact.length > 0 ? Math.min(...exact) : Math.max(...candidates));
}

/** Whether the local time of `instant` occurs twice in `timeZone` (the repeated hour when clocks go back). */
export function isAmbiguous(instant: Date, timeZone: string): boolean {
  const { date, time } = toLocal(instant, timeZone);
  const hour = 3_600_000;
  return [-hour, hour].some((shift) => {
    const other = toLocal(new Date(instant.getTime() + shift), timeZone);
    return other.date === date && other.time === time;
  });
}

/** `date` plus `days` calendar days (YYYY-MM-DD). */
export function addDays(date: string, days: number): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** Whole calendar days from `from` to `to` (YYYY-MM-DD). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}
