import { describe, expect, it } from 'vitest';
import type { Topic } from '../../functions/domain/topic.js';
import { blockKitLimits } from '../../functions/local/dev/slack-rules/blocks.js';
import { hackathonSummary, renderBoard } from '../../functions/slack/views/board.js';
import { homeView } from '../../functions/slack/views/home-view.js';
import { outcomeModal } from '../../functions/slack/views/outcome-modal.js';
import { blockText } from '../../functions/slack/views/paginate.js';
import { rankingMessage } from '../../functions/slack/views/team-messages.js';
import { topicCard } from '../../functions/slack/views/topic-card.js';
import { prefillFromTopic, topicModal } from '../../functions/slack/views/topic-modal.js';
import { highlightsMessage, topicReplyMessage } from '../../functions/slack/views/wrapup-messages.js';
import { aHackathon, anOutcome, aTopicDraft } from '../helpers/builders.js';

/** Every message htg builds, checked by the stand-in's Block Kit rule (as strict as Slack). */
const accepted = (method: string, args: Record<string, unknown>) =>
  blockKitLimits({ method, args: JSON.parse(JSON.stringify(args)) }, {} as never);
const post = (blocks: unknown[]) =>
  accepted('chat.postMessage', { text: 'x', blocks: JSON.stringify(blocks) });
const open = (view: unknown) => accepted('views.open', { trigger_id: 't', view: JSON.stringify(view) });

const now = new Date('2026-11-25T08:00:00Z');
const hackathon = aHackathon({ name: 'Hack The Garden 11/2026' });
const prose = (tag: string, length: number) => {
  let text = `${tag}:`;
  for (let i = 0; text.length < length; i++) text += ` ${tag}w${i}`;
  return text.slice(0, length).trimEnd();
};
const links = (n: number, count = 10) =>
  Array.from(
    { length: count },
    (_, l) => `https://github.com/gardener/gardener/pull/${n}${l}/${'segment/'.repeat(55)}`,
  );

function bigTopic(number: number): Topic {
  return {
    ...aTopicDraft({ title: `Topic ${number} ${'long title '.repeat(12)}`.slice(0, 150) }),
    description: prose(`description${number}`, 3000),
    links: links(number),
    hackathonId: hackathon.id,
    number,
    proposerId: 'U0PROPOSER',
    status: 'in_progress',
    card: null,
    voteCount: 3,
    interestCount: 12,
    interestedUsers: Array.from({ length: 12 }, (_, i) => `U0I${number}X${i}`),
    members: Array.from({ length: 60 }, (_, i) => `U0M${number}X${i}`),
    checkIn: {
      achieved: prose(`achieved${number}`, 1000),
      blockers: prose(`blocked${number}`, 1000),
      by: 'U0X',
      at: now.toISOString(),
    },
    outcome: anOutcome({
      problem: prose(`problem${number}`, 3000),
      motivation: prose(`motivation${number}`, 3000),
      achievements: prose(`achievements${number}`, 3000),
      nextSteps: prose(`next${number}`, 3000),
      code: links(number, 20),
      highlight: `Highlight of ${number}`,
    }),
    statusNote: prose('note', 500),
    createdAt: now.toISOString(),
    updatedAt: now.toISOString(),
    updatedBy: 'U0PROPOSER',
    withdrawnAt: null,
  } as Topic;
}
const topics = Array.from({ length: 60 }, (_, i) => bigTopic(i + 1));
const textOf = (pages: unknown[][]) => JSON.stringify(pages);

describe('messages keep Slack’s limits however big the week', () => {
  it('the board of 40 topics: every part accepted, every topic and link in it', () => {
    const board = renderBoard(hackathon, topics.slice(0, 40), now);
    for (const page of board.pages) expect(post(page)).toBeUndefined();
    const shown = textOf(board.pages);
    for (const topic of topics.slice(0, 40))
      for (const url of topic.links) expect(shown).toContain(`<${url}|`);
  });

  it('the daily summary: every check-in in full', () => {
    const summary = hackathonSummary(hackathon, topics.slice(0, 30), null, now);
    for (const page of summary.pages) expect(post(page)).toBeUndefined();
    const shown = summary.pages
      .flat()
      .map((b) => JSON.stringify(b))
      .join(' ');
    for (const topic of topics.slice(0, 30))
      expect(shown).toContain(topic.checkIn?.achieved.split(' ').slice(-3).join(' '));
  });

  it('the wrap-up of 60 topics: highlights and every reply part accepted, every outcome section whole', () => {
    const highlights = highlightsMessage(hackathon, topics);
    expect(highlights.pages.length).toBeGreaterThan(0);
    for (const page of highlights.pages) expect(post(page)).toBeUndefined();
    for (const topic of topics) {
      const reply = topicReplyMessage(topic);
      expect(reply.pages.length).toBeGreaterThan(1);
      for (const page of reply.pages) expect(post(page)).toBeUndefined();
      const texts = reply.pages
        .flat()
        .map((b) => String((b as { text?: { text?: string } }).text?.text ?? ''))
        .join(' ')
        .replace(/\s+/g, ' ');
      const outcome = topic.outcome as NonNullable<Topic['outcome']>;
      for (const section of [outcome.problem, outcome.motivation, outcome.achievements, outcome.nextSteps])
        expect(texts).toContain(section);
      for (const url of outcome.code) expect(texts).toContain(`<${url}|`);
    }
  });

  it('a card with a long description, ten long links, a long check-in, a big team and an outcome: one message, shortened and saying so', () => {
    const card = topicCard(hackathon, topics[0] as Topic);
    expect(post(card.blocks)).toBeUndefined();
    expect(blockText(card.blocks)).toBeLessThanOrEqual(10_000);
    const shown = JSON.stringify(card.blocks);
    for (const url of (topics[0] as Topic).links) expect(shown).toContain(`<${url}|`);
    expect(shown).toContain('Shortened to fit one Slack message');
    // A card that fits is not shortened.
    const small = topicCard(hackathon, { ...(topics[0] as Topic), links: [], members: ['U0A'] });
    expect(JSON.stringify(small.blocks)).not.toContain('Shortened');
  });

  it('the ranking of 100 topics with teams: one message, saying where the rest are', () => {
    const rows = Array.from({ length: 100 }, (_, i) => ({
      rank: i + 1,
      number: i + 1,
      title: `Topic ${i + 1} ${'long title '.repeat(12)}`.slice(0, 150),
      votes: 100 - i,
      kind: 'hacking' as const,
      status: 'in_progress' as const,
      team: Array.from({ length: 5 }, (_, m) => `U0M${i}X${m}`),
      // Every topic also wanted by people known only on GitHub: the longest line a ranking can have.
      onGitHubOnly: Array.from({ length: 40 }, (_, g) => `github:a-rather-long-github-login-${i}-${g}`),
    }));
    const { blocks } = rankingMessage(hackathon, rows, true);
    expect(post(blocks)).toBeUndefined();
    expect(JSON.stringify(blocks.at(-1))).toMatch(/…and \d+ more topics further down the ranking/);
  });

  it('the topic and outcome forms keep every saved link, each input within its max_length', () => {
    const topic = { ...(topics[0] as Topic), links: links(1, 10) };
    expect(topic.links.join('\n').length).toBeGreaterThan(3000);
    const form = topicModal(hackathon, prefillFromTopic(topic), topic);
    expect(open(form)).toBeUndefined();
    const values = JSON.stringify(form.blocks);
    for (const url of topic.links) expect(values).toContain(url);
    expect(values).toContain('"block_id":"links_2"');

    const outcome = outcomeModal(topic, { ...(topic.outcome as NonNullable<Topic['outcome']>) }, null);
    expect(open(outcome)).toBeUndefined();
    for (const url of topic.outcome?.code ?? []) expect(JSON.stringify(outcome.blocks)).toContain(url);
  });

  it('a long /htg propose title is not cut away: the description starts with all of it', () => {
    const typed = prose('typed', 400);
    const form = topicModal(hackathon, { title: typed });
    expect(open(form)).toBeUndefined();
    expect(JSON.stringify(form.blocks)).toContain(typed);
  });

  it('the Home tab of someone on three teams: each outcome button has its own action id', () => {
    const entry = {
      hackathon,
      phase: { kind: 'running', until: null },
      votes: [],
      votesLeft: null,
      teams: topics.slice(0, 3),
      lookingForPeople: topics.slice(3, 40),
    };
    const view = homeView([entry as never], now);
    expect(accepted('views.publish', { user_id: 'U0A', view: JSON.stringify(view) })).toBeUndefined();
  });
});
