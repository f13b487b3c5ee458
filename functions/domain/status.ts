import type { TopicStatus } from './topic.js';

/** Statuses people set (withdrawn is set by withdrawing, not here). */
export type SettableStatus = Exclude<TopicStatus, 'withdrawn'>;

const WORDS: Record<string, SettableStatus> = {
  proposed: 'proposed',
  'in-progress': 'in_progress',
  'in progress': 'in_progress',
  in_progress: 'in_progress',
  progress: 'in_progress',
  wip: 'in_progress',
  '🚧': 'in_progress',
  ':construction:': 'in_progress',
  done: 'done',
  '✅': 'done',
  ':white_check_mark:': 'done',
  paused: 'paused',
  pause: 'paused',
  '⏸️': 'paused',
  ':double_vertical_bar:': 'paused',
  'not-picked': 'not_picked',
  'not picked': 'not_picked',
  not_picked: 'not_picked',
  '🙅': 'not_picked',
  ':no_good:': 'not_picked',
  dropped: 'dropped',
  drop: 'dropped',
};

export const STATUS_WORDS = 'proposed, in-progress, done, paused, not-picked, dropped';

/** Reads "done", "in progress", "🚧", "dropped closed in favour of #45"… into a status and an optional note. */
export function parseStatus(text: string): { status: SettableStatus; note: string | null } | null {
  const trimmed = text.trim();
  const lower = trimmed.toLowerCase();
  for (const word of Object.keys(WORDS).sort((a, b) => b.length - a.length)) {
    if (lower === word || lower.startsWith(`${word} `)) {
      const note = trimmed.slice(word.length).trim();
      return { status: WORDS[word] as SettableStatus, note: note ? note.slice(0, 300) : null };
    }
  }
  return null;
}
