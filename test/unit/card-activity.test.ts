import { describe, expect, it } from 'vitest';
import { CardActivity, QUIET_MS } from '../../functions/app/topic-cards.js';
import type { Topic } from '../../functions/domain/topic.js';

const topics = (...counts: [number, number][]) =>
  counts.map(([voteCount, interestCount], i) => ({ number: i + 1, voteCount, interestCount }) as Topic);

describe('CardActivity', () => {
  it('calls a hackathon busy while its counts move and until they stayed still for QUIET_MS', () => {
    const activity = new CardActivity();
    // First sight: taken as moving (a process that starts during a meeting keeps the headroom).
    expect(activity.busy('h1', topics([1, 0], [2, 0]), 0)).toBe(true);
    expect(activity.busy('h1', topics([1, 0], [2, 0]), QUIET_MS - 1)).toBe(true);
    expect(activity.busy('h1', topics([1, 0], [2, 0]), QUIET_MS)).toBe(false);
    // A vote moves it again, from that moment.
    expect(activity.busy('h1', topics([1, 0], [3, 0]), QUIET_MS + 100)).toBe(true);
    expect(activity.busy('h1', topics([1, 0], [3, 0]), 2 * QUIET_MS + 99)).toBe(true);
    expect(activity.busy('h1', topics([1, 0], [3, 0]), 2 * QUIET_MS + 100)).toBe(false);
    // "I'll work on it" counts too; other hackathons are their own.
    expect(activity.busy('h1', topics([1, 1], [3, 0]), 3 * QUIET_MS)).toBe(true);
    expect(activity.busy('h2', topics([0, 0]), 3 * QUIET_MS)).toBe(true);
    expect(activity.busy('h2', topics([0, 0]), 4 * QUIET_MS)).toBe(false);
  });
});
