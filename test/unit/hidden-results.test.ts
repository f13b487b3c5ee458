import { describe, expect, it } from 'vitest';
import { listTopics } from '../../functions/app/topics.js';
import { validateHackathonSettings } from '../../functions/domain/hackathon.js';
import { proposedTopic, type Topic } from '../../functions/domain/topic.js';
import { resultsHidden } from '../../functions/domain/vote.js';
import { blockKitLimits } from '../../functions/local/dev/slack-rules/blocks.js';
import { ballotModal } from '../../functions/slack/views/ballot-modal.js';
import { hackathonSummary, renderBoard, votingSummary } from '../../functions/slack/views/board.js';
import { topicCard } from '../../functions/slack/views/topic-card.js';
import { topicListMessage } from '../../functions/slack/views/topic-list-message.js';
import { aHackathon, aTopicDraft } from '../helpers/builders.js';

/** The stand-in's Block Kit rule (as strict as Slack): undefined when Slack would take the message. */
const refusal = ({ text, blocks }: { text: string; blocks: unknown[] }) =>
  blockKitLimits({ method: 'chat.postMessage', args: { text, blocks: JSON.stringify(blocks) } }, {} as never);

const hidden = aHackathon({ hideResults: true, votesPerPerson: 3 });
const revealed = { ...hidden, rankingMessage: { channelId: 'C1', ts: '1.1' } };
const NOW = new Date('2026-04-20T09:00:00Z');

/** Three topics: #2 has the most votes, #3 some, #1 none; Alice would work on #2. */
function topics(hackathonId: string): Topic[] {
  const topic = (number: number, votes: number, extra: Partial<Topic> = {}): Topic => ({
    ...proposedTopic(
      hackathonId,
      number,
      aTopicDraft({ title: `Topic ${number}` }),
      'U0PROPOSER',
      NOW.toISOString(),
    ),
    voteCount: votes,
    ...extra,
  });
  return [
    topic(1, 0),
    topic(2, 7, { interestCount: 1, interestedUsers: ['U0ALICE'] }),
    topic(3, 2, { members: ['U0BOB'] }),
  ];
}
const json = (value: unknown) => JSON.stringify(value);
/** A topic's count or the ranking shown: "(7 votes)", ", 9 votes", ":arrow_up: 7", ":rocket: 1", a named interest. */
const COUNTS = /\(\d+ votes?\)|, \d+ votes?\b|:arrow_up: \d|:rocket: \d|would work on it:|Leaderboard/;

describe('resultsHidden', () => {
  it('hides while the organizers chose it, the hackathon is active and the ranking has not revealed the counts', () => {
    expect(resultsHidden(hidden)).toBe(true);
    expect(resultsHidden(revealed)).toBe(false);
    expect(resultsHidden({ ...hidden, status: 'ended' })).toBe(false);
    expect(resultsHidden({ ...hidden, hideResults: false })).toBe(false);
    // Hackathons from before the setting show their counts.
    expect(resultsHidden(aHackathon())).toBe(false);
  });

  it('is off unless asked for in the settings form', () => {
    const input = {
      name: 'H',
      startDate: '2026-05-04',
      endDate: '2026-05-08',
      timeZone: 'UTC',
      categories: 'Core',
    };
    expect(validateHackathonSettings(input, 'U1').hideResults).toBe(false);
    expect(validateHackathonSettings({ ...input, hideResults: true }, 'U1').hideResults).toBe(true);
  });
});

describe('while counts are hidden', () => {
  it('a card shows no count and nobody interested, offers the private ballot, and Slack would take it', () => {
    const [, two] = topics(hidden.id) as [Topic, Topic, Topic];
    const card = topicCard(hidden, two);
    expect(json(card)).not.toMatch(COUNTS);
    expect(json(card)).not.toContain('U0ALICE');
    expect(json(card)).toContain('Vote counts stay hidden until voting closes');
    const actions = card.blocks.find((block) => block.type === 'actions') as {
      elements: Array<{ action_id: string }>;
    };
    expect(actions.elements.map((e) => e.action_id)).toEqual([
      'topic_ballot',
      'topic_join',
      'topic_leave',
      'topic_edit',
      'topic_withdraw',
    ]);
    expect(refusal(card)).toBeUndefined();
    // Revealed: the counts and the names, no private ballot button.
    const shown = topicCard(revealed, two);
    expect(json(shown)).toContain(':arrow_up: 7 votes  ·  :rocket: 1 would work on it: <@U0ALICE>');
    expect(json(shown)).not.toContain('topic_ballot');
  });

  it("the ballot shows no count, but the person's own votes and what is left of the budget", () => {
    const list = topics(hidden.id);
    const ballot = ballotModal({
      hackathon: hidden,
      topics: list,
      votes: new Set([2]),
      interests: new Set(),
    });
    expect(json(ballot)).not.toContain('"description"');
    expect(json(ballot)).toContain('You have 3 votes and have given 1.');
    expect(json(ballot)).toContain('"initial_options":[{"value":"2"');
    const open = ballotModal({ hackathon: revealed, topics: list, votes: new Set(), interests: new Set() });
    expect(json(open)).toContain(':arrow_up: 7  :rocket: 1');
    expect(json(open)).toContain('You have 3 votes.');
  });

  it('the voting summary has no leaderboard and no totals, and lists the topics by number', () => {
    const summary = votingSummary(hidden, topics(hidden.id), NOW);
    const text = json(summary);
    expect(text).not.toMatch(COUNTS);
    expect(text).not.toContain('Could use a look');
    expect(text.indexOf('`#1` Topic 1')).toBeLessThan(text.indexOf('`#2` Topic 2'));
    expect(text.indexOf('`#2` Topic 2')).toBeLessThan(text.indexOf('`#3` Topic 3'));
    expect(text).toContain('Everyone has 3 votes.');
    for (const page of summary.pages) expect(refusal({ text: summary.text, blocks: page })).toBeUndefined();
    // Revealed, the leaderboard is back, most votes first.
    const open = json(votingSummary(revealed, topics(hidden.id), NOW));
    expect(open).toContain('1. `#2` Topic 2 (7 votes)');
  });

  it('the board and the daily summary show no votes, each group by number', () => {
    const many = [
      ...topics(hidden.id),
      { ...(topics(hidden.id)[0] as Topic), number: 4, title: 'Topic 4', voteCount: 9 },
    ];
    for (const pages of [renderBoard(hidden, many, NOW), hackathonSummary(hidden, many, null, NOW)]) {
      const text = json(pages);
      expect(text).not.toMatch(COUNTS);
      // #4 has the most votes of those without a team: by number, it still comes after #1.
      expect(text.indexOf('`#1` Topic 1')).toBeLessThan(text.indexOf('`#4` Topic 4'));
    }
    const open = json(renderBoard(revealed, many, NOW));
    expect(open).toContain('`#4` Topic 4 (9 votes)');
    expect(open.indexOf('`#4` Topic 4')).toBeLessThan(open.indexOf('`#1` Topic 1'));
  });

  it('/htg list goes by number without counts', async () => {
    const stores = (hackathon: typeof hidden) =>
      ({
        hackathons: { get: async () => hackathon },
        topics: { list: async () => topics(hidden.id) },
      }) as unknown as Parameters<typeof listTopics>[0];
    const listed = await listTopics(stores(hidden), hidden.id);
    expect(listed.topics.map((t) => t.number)).toEqual([1, 2, 3]);
    expect((await listTopics(stores(revealed), hidden.id)).topics.map((t) => t.number)).toEqual([2, 3, 1]);
    const message = topicListMessage(listed.hackathon, listed.topics, listed.withdrawn);
    expect(json(message)).not.toMatch(COUNTS);
    expect(message.text).toContain('by number (vote counts stay hidden until voting closes)');
  });
});
