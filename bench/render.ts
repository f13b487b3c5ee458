import { boardSnapshot } from '../functions/domain/board.js';
import type { Topic } from '../functions/domain/topic.js';
import { boardMarkdown } from '../functions/markdown/board.js';
import { wrapUpPageFromHackathon } from '../functions/markdown/wrapup-from-hackathon.js';
import { renderWrapUpPage } from '../functions/markdown/wrapup-page.js';
import { hackathonSummary, renderBoard } from '../functions/slack/views/board.js';
import { highlightsMessage, topicReplyMessage } from '../functions/slack/views/wrapup-messages.js';
import { aHackathon, anOutcome, aTopicDraft } from '../test/helpers/builders.js';
import { median, percentile } from './cold-load.js';

export interface RenderFigures {
  render: string;
  topics: number;
  runs: number;
  /** The very first call in this process (nothing compiled or cached yet). */
  firstMs: number;
  msP50: number;
  msP99: number;
  /** Characters produced, to show the work is real. */
  chars: number;
}

const STATUSES = ['in_progress', 'done', 'paused', 'dropped', 'proposed'] as const;

/** `count` topics with realistic text: teams, links, outcomes for finished ones, a check-in for running ones. */
function benchTopics(hackathonId: string, count: number): Topic[] {
  return Array.from({ length: count }, (_, index) => {
    const number = index + 1;
    const status = STATUSES[index % STATUSES.length] ?? 'proposed';
    const members = Array.from({ length: (index % 4) + 1 }, (_, m) => `U0PERSON${(index * 3 + m) % 60}`);
    return {
      ...aTopicDraft({
        title: `Topic ${number}: make the ${['gardenlet', 'dashboard', 'etcd', 'shoot', 'seed'][index % 5]} do more`,
        category: ['Core', 'Extensions', 'Networking', 'Observability', 'Security'][index % 5] ?? 'Core',
        kind: index % 17 === 0 ? 'discussion' : 'hacking',
        fastTrack: index % 23 === 0,
        description: `Why it matters, what to do, and who should join. `.repeat(4),
        links: [`https://github.com/gardener/gardener/issues/${1000 + number}`],
      }),
      hackathonId,
      number,
      proposerId: `U0PERSON${index % 60}`,
      status,
      card: { channelId: 'C0RENDER', ts: `1800000000.${String(number).padStart(6, '0')}` },
      voteCount: (index * 7) % 19,
      interestCount: index % 5,
      members,
      outcome:
        status === 'done'
          ? anOutcome({
              problem: 'What was hard before.',
              achievements: '- It works now\n- It is documented',
              nextSteps: 'Merge the pull request.',
              code: [`https://github.com/gardener/gardener/pull/${2000 + number}`],
              contributors: members,
              highlight: 'Done in three days.',
            })
          : null,
      checkIn:
        status === 'in_progress'
          ? {
              achieved: 'A prototype.',
              blockers: 'None.',
              by: members[0] ?? 'U0PERSON1',
              at: '2026-05-06T12:00:00Z',
            }
          : null,
      statusNote: status === 'dropped' ? `closed in favour of #${number - 1}` : null,
      createdAt: '2026-05-01T09:00:00.000Z',
      updatedAt: '2026-05-06T09:00:00.000Z',
      updatedBy: 'U0ORGANIZER',
      withdrawnAt: null,
    };
  });
}

/** Renders the living board, a daily summary and the wrap-up (Slack messages and Markdown) for `count` topics. */
export function benchRendering({ count = 500, runs = 30 } = {}): RenderFigures[] {
  const hackathon = aHackathon();
  const topics = benchTopics(hackathon.id, count);
  const yesterday = boardSnapshot(
    topics.map((t, i) => ({ ...t, voteCount: t.voteCount - (i % 2), members: [] })),
  );
  const names = new Map(Array.from({ length: 60 }, (_, i) => [`U0PERSON${i}`, `Person ${i}`]));
  const now = new Date('2026-05-06T09:00:00Z');
  const textOf = (value: unknown) => JSON.stringify(value).length;

  const renders: { render: string; run: () => number }[] = [
    { render: 'living board (Slack blocks)', run: () => textOf(renderBoard(hackathon, topics, now)) },
    {
      render: 'daily summary (Slack blocks)',
      run: () => textOf(hackathonSummary(hackathon, topics, yesterday, now)),
    },
    {
      render: 'wrap-up in Slack (highlights + a reply per topic)',
      run: () =>
        textOf(highlightsMessage(hackathon, topics)) +
        topics.reduce((n, t) => n + textOf(topicReplyMessage(t)), 0),
    },
    {
      render: 'wrap-up Markdown (page + board)',
      run: () =>
        renderWrapUpPage(wrapUpPageFromHackathon(hackathon, topics, names)).length +
        boardMarkdown(hackathon, topics, names).length,
    },
  ];
  return renders.map(({ render, run }) => {
    let started = performance.now();
    const chars = run();
    const firstMs = performance.now() - started;
    const times: number[] = [];
    for (let i = 0; i < runs; i++) {
      started = performance.now();
      run();
      times.push(performance.now() - started);
    }
    return {
      render,
      topics: count,
      runs,
      firstMs,
      msP50: median(times),
      msP99: percentile(times, 99),
      chars,
    };
  });
}
