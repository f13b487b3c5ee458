import { SLACK_LIMITS } from './blocks.js';

/** Packs lines into texts of at most `max` characters, never splitting a line (over-long lines are cut). */
export function chunkLines(lines: readonly string[], max: number = SLACK_LIMITS.sectionText): string[] {
  const chunks: string[] = [];
  let current = '';
  for (const raw of lines) {
    const line = raw.length > max ? `${raw.slice(0, max - 1)}…` : raw;
    if (current && current.length + 1 + line.length > max) {
      chunks.push(current);
      current = line;
    } else {
      current = current ? `${current}\n${line}` : line;
    }
  }
  if (current) chunks.push(current);
  return chunks;
}
