import { describe, expect, it } from 'vitest';
import type { RankingRow } from '../../functions/app/ports/slack.js';
import { blockKitLimits } from '../../functions/local/dev/slack-rules/blocks.js';
import { rankingMessage } from '../../functions/slack/views/team-messages.js';
import { aHackathon } from '../helpers/builders.js';

const hackathon = aHackathon({ name: 'Hack The Garden 05/2027' });
const row = (number: number, extra: Partial<RankingRow> = {}): RankingRow => ({
  rank: number,
  number,
  title: `Topic ${number}`,
  votes: 10 - number,
  kind: 'hacking',
  status: 'in_progress',
  team: [],
  onGitHubOnly: [],
  ...extra,
});
const shown = (rows: RankingRow[], published = false) =>
  JSON.stringify(rankingMessage(hackathon, rows, published));

describe('the ranking message and people known only on GitHub', () => {
  it('lists them by login (linked) on their topic, three at most and how many more', () => {
    const rows = [
      row(1, {
        team: ['U0ANNA'],
        onGitHubOnly: ['github:carol-gh', 'github:dan', 'github:eve', 'github:finn', 'github:gus'],
      }),
      row(2, { status: 'not_picked', onGitHubOnly: ['github:hana'] }),
      row(3, { status: 'not_picked' }),
    ];
    const text = shown(rows, true);
    expect(text).toContain(
      '1. `#1` Topic 1 · :arrow_up: 9 · <@U0ANNA> · :rocket: on GitHub: <https://github.com/carol-gh|@carol-gh>, <https://github.com/dan|@dan>, <https://github.com/eve|@eve> and 2 more',
    );
    expect(text).toContain(
      '2. `#2` Topic 2 · :arrow_up: 8 · 🙅 not picked · :rocket: on GitHub: <https://github.com/hana|@hana>',
    );
    expect(text).toContain('3. `#3` Topic 3 · :arrow_up: 7 · 🙅 not picked"');
    expect(text).not.toContain('<@github:');
    // The intro says what the mark means and what organizers can do.
    expect(text).toContain('known to htg only by their GitHub login. They are in no team');
  });

  it('says nothing of GitHub when nobody is known only there, nor on a discussion topic', () => {
    const text = shown([
      row(1, { team: ['U0ANNA'] }),
      row(2, { kind: 'discussion', onGitHubOnly: ['github:x'] }),
    ]);
    expect(text).not.toContain('on GitHub');
    expect(text).toContain('2. `#2` Topic 2 · :arrow_up: 8 · 💬 discussion');
  });

  it('stays one message Slack accepts with 120 topics each wanted by 150 people on GitHub', () => {
    const rows = Array.from({ length: 120 }, (_, i) =>
      row(i + 1, {
        title: `Topic ${i + 1} ${'with a long title '.repeat(8)}`.slice(0, 150),
        onGitHubOnly: Array.from({ length: 150 }, (_, g) => `github:hacker-with-a-long-login-${g}`),
      }),
    );
    const { text, blocks } = rankingMessage(hackathon, rows, false);
    expect(
      blockKitLimits(
        { method: 'chat.postMessage', args: { text, blocks: JSON.stringify(blocks) } },
        {} as never,
      ),
    ).toBeUndefined();
    expect(JSON.stringify(blocks)).toContain('and 147 more');
  });
});
