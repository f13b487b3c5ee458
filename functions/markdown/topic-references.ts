import type { Topic } from '../domain/topic.js';

/** `#N` references to this hackathon's topics, written by `format` (htg's numbers mean nothing on a page). */
export function resolveNumbers(
  text: string,
  byNumber: ReadonlyMap<number, Topic>,
  format: (topic: Topic) => string,
): string {
  return text.replace(/#(\d+)\b/g, (match, number: string) => {
    const other = byNumber.get(Number(number));
    return other && other.status !== 'withdrawn' ? format(other) : match;
  });
}
