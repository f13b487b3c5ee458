/** How often each value occurs (null counted as "(none)"). */
export function countBy(values: ReadonlyArray<string | null | undefined>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) {
    const key = value ?? '(none)';
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
}
