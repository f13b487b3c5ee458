import { SLACK_LIMITS } from './blocks.js';
import { splitText } from './clip.js';

/**
 * Packs lines into texts of at most `max` characters, never splitting a line that fits; a line longer than `max`
 * is split into several (at spaces, never inside a link, mention or emoji), so nothing is lost.
 */
export function chunkLines(lines: readonly string[], max: number = SLACK_LIMITS.sectionText): string[] {
  const chunks: string[] = [];
  let current: string | null = null;
  for (const line of lines.flatMap((raw) => (raw.length > max ? splitText(raw, max) : [raw]))) {
    if (current !== null && current.length + 1 + line.length > max) {
      if (current) chunks.push(current);
      current = line;
    } else {
      current = current === null ? line : `${current}\n${line}`;
    }
  }
  if (current) chunks.push(current);
  return chunks;
}
