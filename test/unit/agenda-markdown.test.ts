import { describe, expect, it } from 'vitest';
import { agendaFor } from '../../functions/domain/agenda.js';
import { proposedTopic, type Topic } from '../../functions/domain/topic.js';
import { agendaMarkdown } from '../../functions/markdown/agenda.js';
import { aTopicDraft } from '../helpers/builders.js';

const NAMES: Record<string, string> = { U0ANNA: 'Anna', U0BOB: 'Bob', U0CARL: 'Carl' };
const OPTS = { timeZone: 'Europe/Berlin', name: (id: string) => NAMES[id] ?? id };
/** 10:00 in Berlin. */
const START = '2026-05-04T08:00:00.000Z';

function aTopic(number: number, title: string, proposerId: string, overrides: Partial<Topic> = {}): Topic {
  return {
    ...proposedTopic('h1', number, aTopicDraft({ title }), proposerId, START),
    issue: {
      repo: 'gardener/hackathon',
      number: 100 + number,
      url: `https://github.com/gardener/hackathon/issues/${100 + number}`,
    },
    ...overrides,
  };
}

describe('agendaMarkdown', () => {
  it("writes the topic collection as the community's table, with times and a separator between proposers", () => {
    const agenda = agendaFor(
      'topic-collection',
      [
        aTopic(1, 'WireGuard instead of OpenVPN', 'U0ANNA'),
        aTopic(2, 'Shoot flavours', 'U0BOB', { issue: null }),
        aTopic(3, 'Etcd backups to S3', 'U0ANNA'),
        aTopic(4, 'Dashboard dark mode', 'U0ORGANIZER', { proposedOnGitHubBy: 'octocat' }),
      ],
      { startsAt: START, minutes: 30 },
    );
    expect(agendaMarkdown(agenda, OPTS)).toBe(
      [
        '## Topic collection',
        '',
        'Topics are grouped by proposer, ordered by topic number (ascending) within each group. Groups are ordered by topic count (descending), ties broken by lowest topic number.',
        '',
        '| Time | Topic | Presenter |',
        '|---|---|---|',
        '| 10:00 (7 min 30 s) | [#1 - WireGuard instead of OpenVPN](https://github.com/gardener/hackathon/issues/101) | Anna |',
        '| 10:07 (7 min 30 s) | [#3 - Etcd backups to S3](https://github.com/gardener/hackathon/issues/103) | Anna |',
        '|---|---|---|',
        '| 10:15 (7 min 30 s) | #2 - Shoot flavours | Bob |',
        '|---|---|---|',
        '| 10:22 (7 min 30 s) | [#4 - Dashboard dark mode](https://github.com/gardener/hackathon/issues/104) | @octocat |',
      ].join('\n'),
    );
  });

  it('writes a team meeting without separators, discussion topics last', () => {
    const agenda = agendaFor(
      'mid-week',
      [
        aTopic(1, 'Community calls', 'U0CARL', {
          kind: 'discussion',
          status: 'in_progress',
          members: ['U0CARL'],
        }),
        aTopic(2, 'Shoot flavours', 'U0BOB', { status: 'in_progress', members: ['U0ANNA', 'U0BOB'] }),
        aTopic(3, 'Etcd backups to S3', 'U0ANNA', { status: 'in_progress', members: ['U0ANNA'] }),
      ],
      { startsAt: START, minutes: 10 },
      { 3: 'U0CARL' },
    );
    expect(agendaMarkdown(agenda, OPTS)).toBe(
      [
        '## Mid-week update',
        '',
        'One slot per team: hacking topics first, then discussion topics, each by topic number.',
        '',
        '| Time | Topic | Presenter |',
        '|---|---|---|',
        '| 10:00 (3 min 20 s) | [#2 - Shoot flavours](https://github.com/gardener/hackathon/issues/102) | Bob |',
        '| 10:03 (3 min 20 s) | [#3 - Etcd backups to S3](https://github.com/gardener/hackathon/issues/103) | Carl |',
        '| 10:06 (3 min 20 s) | [#1 - Community calls](https://github.com/gardener/hackathon/issues/101) | Carl |',
      ].join('\n'),
    );
  });

  it('labels the final presentations and says when the agenda overruns the meeting', () => {
    const topics = Array.from({ length: 3 }, (_, i) =>
      aTopic(i + 1, `Topic ${i + 1}`, 'U0ANNA', { status: 'done', members: ['U0ANNA'], issue: null }),
    );
    const markdown = agendaMarkdown(agendaFor('final', topics, { startsAt: START, minutes: 2 }), OPTS);
    expect(markdown.split('\n').slice(0, 5)).toEqual([
      '## Final presentations',
      '',
      'One slot per team: hacking topics first, then discussion topics, each by topic number.',
      '',
      "Runs 1 min over the meeting's 2 min: every slot gets at least 1 min.",
    ]);
    expect(markdown).toContain('| 10:02 (1 min) | #3 - Topic 3 | Anna |');
  });

  it('says there is nothing to present without topics', () => {
    expect(agendaMarkdown(agendaFor('topic-collection', [], { startsAt: START, minutes: 60 }), OPTS)).toBe(
      [
        '## Topic collection',
        '',
        'Topics are grouped by proposer, ordered by topic number (ascending) within each group. Groups are ordered by topic count (descending), ties broken by lowest topic number.',
        '',
        'Nothing to present yet.',
      ].join('\n'),
    );
  });

  it('escapes titles and names so they stay plain text in their cell', () => {
    const agenda = agendaFor(
      'topic-collection',
      [
        aTopic(1, 'Pipes | in *titles* and [links](https://evil.example) <b>bold</b>', 'U0ANNA', {
          issue: null,
        }),
        aTopic(2, 'Keep `a|b` code, ping @octocat, a\\|b', 'U0BOB', { issue: null }),
      ],
      { startsAt: START, minutes: 10 },
    );
    const names = (id: string) => (id === 'U0ANNA' ? 'Anna | _the_\n  [admin]' : '@bob');
    const rows = agendaMarkdown(agenda, { timeZone: 'Europe/Berlin', name: names })
      .split('\n')
      .filter((line) => line.startsWith('| 10:'));
    expect(rows).toEqual([
      '| 10:00 (5 min) | #1 - Pipes \\| in \\*titles\\* and \\[links\\](https://evil.example) &lt;b&gt;bold&lt;/b&gt; | Anna \\| \\_the\\_ \\[admin\\] |',
      '| 10:05 (5 min) | #2 - Keep `a\\|b` code, ping @\u200boctocat, a\\\\\\|b | @\u200bbob |',
    ]);
    // Every row still has its three cells: no bare `|` inside one.
    for (const row of rows) expect(row.split(/(?<!\\)\|/)).toHaveLength(5);
  });

  it('mentions a presenter known only on GitHub by login', () => {
    const agenda = agendaFor(
      'topic-collection',
      [aTopic(7, 'Gardenlet metrics', 'U0ORGANIZER', { proposedOnGitHubBy: 'gardener-bot' })],
      { startsAt: START, minutes: 5 },
    );
    expect(agendaMarkdown(agenda, OPTS).split('\n').at(-1)).toBe(
      '| 10:00 (5 min) | [#7 - Gardenlet metrics](https://github.com/gardener/hackathon/issues/107) | @gardener-bot |',
    );
  });
});
