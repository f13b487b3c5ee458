import { describe, expect, it } from 'vitest';
import { boardSnapshot, changesSince, groupBoard } from '../../functions/domain/board.js';
import type { Topic } from '../../functions/domain/topic.js';
import type { KnownBlock } from '../../functions/slack/views/blocks.js';
import {
  type BoardPages,
  finalBoard,
  hackathonSummary,
  renderBoard,
  votingSummary,
} from '../../functions/slack/views/board.js';
import { blockText } from '../../functions/slack/views/paginate.js';
import { formatWhen } from '../../functions/slack/views/when.js';
import { aHackathon, aTopicDraft } from '../helpers/builders.js';

const hackathon = aHackathon({ id: 'h1', name: 'Hack The Garden 11/2023', timeZone: 'Europe/Berlin' });
/** Wed 25 Nov 2026, 14:05 in Berlin. */
const now = new Date('2026-11-25T13:05:00Z');

function aTopic(number: number, overrides: Partial<Topic> = {}): Topic {
  return {
    ...aTopicDraft({ title: `Topic ${number}`, links: [] }),
    hackathonId: 'h1',
    number,
    proposerId: 'U0PROPOSER',
    status: 'proposed',
    card: null,
    voteCount: 0,
    interestCount: 0,
    members: [],
    createdAt: '2026-11-01T09:00:00.000Z',
    updatedAt: '2026-11-01T09:00:00.000Z',
    updatedBy: 'U0PROPOSER',
    withdrawnAt: null,
    ...overrides,
  };
}

/** Modelled on the hand-written board of Hack The Garden 11/2023. */
function seedBoard(): Topic[] {
  return [
    aTopic(1, { kind: 'discussion', title: 'Air-gapped clusters', voteCount: 7 }),
    aTopic(2, { kind: 'discussion', title: 'IPv6 in Gardener: current state and next steps' }),
    aTopic(3, { kind: 'discussion', title: 'ControllerDeployment with `type!=helm`', voteCount: 2 }),
    aTopic(4, {
      title: 'Control Plane Migration w/o Downtime',
      voteCount: 8,
      status: 'in_progress',
      members: ['UKAI', 'UJOHANNES'],
    }),
    aTopic(5, {
      title: 'Stop vendoring in gardener/gardener and extensions',
      voteCount: 8,
      status: 'in_progress',
      members: ['UANDREAS', 'ULUKAS'],
    }),
    aTopic(6, {
      title: 'Continue with gardener-node-agent',
      voteCount: 7,
      status: 'in_progress',
      members: ['USTEFAN', 'UOLIVER'],
      links: [
        'https://github.com/gardener/gardener/pull/8767',
        'https://github.com/gardener/gardener/pull/8786',
      ],
      checkIn: {
        achieved: 'Leases are written by the node-agent',
        blockers: 'review of <#8786> & health checks',
        by: 'USTEFAN',
        at: '2026-11-24T15:00:00.000Z',
      },
    }),
    aTopic(7, {
      title: 'ARM support in provider-openstack',
      voteCount: 6,
      status: 'done',
      members: ['UROBIN', 'UTIM', 'UKONSTANTINOS'],
      links: ['https://github.com/gardener/gardener-extension-provider-openstack/pull/690'],
    }),
    aTopic(8, {
      title: 'Enhance `gardener-operator` to deploy `gardenlet` via dedicated CRD',
      voteCount: 5,
      status: 'paused',
      members: ['URAFAEL', 'UGERRIT'],
    }),
    aTopic(9, {
      title: 'Add ./hack/update-skaffold-deps.sh',
      fastTrack: true,
      status: 'done',
      links: ['https://github.com/gardener/gardener/pull/8766'],
    }),
    aTopic(10, {
      title: 'OpenStack CSI driver without infrastructure credentials',
      fastTrack: true,
      voteCount: 1,
      status: 'in_progress',
      members: ['UMAX'],
    }),
    aTopic(11, { title: 'Extensibility for gardener-operator', voteCount: 6, status: 'not_picked' }),
    aTopic(12, { title: 'Expose Extension Provider Status', voteCount: 4, status: 'not_picked' }),
    aTopic(13, {
      title: 'Rework shoot-flux extension',
      voteCount: 3,
      status: 'in_progress',
      members: ['UROBIN', 'UKAI', 'UTIM'],
    }),
    aTopic(14, { title: 'ClusterAPI Provider for Gardener', voteCount: 1, status: 'not_picked' }),
    aTopic(15, { title: 'Publish g/g/pkg/apis as dedicated module', status: 'not_picked' }),
    aTopic(16, {
      title: 'Drop the Cluster API',
      voteCount: 3,
      status: 'dropped',
      statusNote: 'closed in favour of #12',
    }),
    aTopic(17, {
      title: 'Withdrawn idea',
      voteCount: 9,
      status: 'withdrawn',
      withdrawnAt: now.toISOString(),
    }),
    aTopic(18, { title: 'Audit logging', voteCount: 3, status: 'in_progress', members: ['UMICHAEL'] }),
  ];
}

type TextBlock = { type: string; text?: { text: string }; elements?: Array<{ text?: string }> };
/** Every text of a block: a section's or header's text, a context's elements. */
function textsOf(block: KnownBlock): string[] {
  const b = block as unknown as TextBlock;
  return [b.text?.text, ...(b.elements ?? []).map((e) => e.text)].filter((t): t is string => t !== undefined);
}
const allText = (board: BoardPages) => board.pages.flat().flatMap(textsOf).join('\n');
const allLines = (board: BoardPages) => allText(board).split('\n');

function expectWithinLimits(board: BoardPages) {
  expect(board.pages.length).toBeGreaterThan(0);
  expect(board.text.length).toBeGreaterThan(0);
  expect(board.text.length).toBeLessThan(300);
  for (const page of board.pages) {
    expect(page.length).toBeGreaterThan(0);
    expect(page.length).toBeLessThanOrEqual(50);
    // Slack's cumulative limit (msg_blocks_too_long, about 12,000): htg keeps each message within 10,000.
    expect(blockText(page)).toBeLessThanOrEqual(10_000);
    for (const block of page) {
      const b = block as unknown as TextBlock;
      if (b.type === 'header') expect(b.text?.text.length).toBeLessThanOrEqual(150);
      else if (b.type === 'section' || b.type === 'context')
        for (const text of textsOf(block)) expect(text.length).toBeLessThanOrEqual(3000);
      else throw new Error(`unexpected block type ${b.type}`);
    }
  }
}

describe('groupBoard', () => {
  it('sorts the seed board into discussion, teams, fast track and more, most votes first, ties by number', () => {
    const groups = groupBoard(seedBoard());
    const numbers = (topics: Topic[]) => topics.map((t) => t.number);
    expect(numbers(groups.discussion)).toEqual([1, 3, 2]);
    expect(numbers(groups.teams)).toEqual([4, 5, 6, 7, 8, 13, 18]);
    expect(numbers(groups.fastTrack)).toEqual([10, 9]);
    expect(numbers(groups.more)).toEqual([11, 12, 16, 14, 15]);
  });

  it('leaves withdrawn topics out and puts a fast-track topic in fast track whatever its team', () => {
    const groups = groupBoard(seedBoard());
    const all = [...groups.discussion, ...groups.teams, ...groups.fastTrack, ...groups.more];
    expect(all.map((t) => t.number)).not.toContain(17);
    expect(all).toHaveLength(17);
    expect(groups.fastTrack.find((t) => t.number === 10)?.members).toEqual(['UMAX']);
  });
});

describe('renderBoard', () => {
  const board = renderBoard(hackathon, seedBoard(), now);
  const lines = allLines(board);

  it('has a header, the dates and the update time in the hackathon time zone', () => {
    const [first, second] = board.pages[0] ?? [];
    expect(first).toEqual({
      type: 'header',
      text: { type: 'plain_text', text: 'Hack The Garden 11/2023 – Topics', emoji: true },
    });
    expect(textsOf(second as KnownBlock)[0]).toBe(
      '📅 Mon 4 May – Fri 8 May 2026  ·  📍 Schelklingen  ·  17 topics, 8 teams  ·  updated Wed 25 Nov, 14:05',
    );
    expect(board.pages).toHaveLength(1);
    expect(board.text).toBe('Hack The Garden 11/2023 – Topics: 17 topics, 8 teams');
  });

  it('shows the groups in order, each with its title', () => {
    const titles = lines.filter((line) => /^\*[A-Z]/.test(line));
    expect(titles).toEqual([
      '*Discussion topics*',
      '*Topics with teams*',
      '*Fast track*',
      '*More topics to pick up*',
    ]);
    const order = [...allText(board).matchAll(/`#(\d+)`/g)].map((m) => Number(m[1]));
    expect(order).toEqual([1, 3, 2, 4, 5, 6, 7, 8, 13, 18, 10, 9, 11, 12, 16, 14, 15]);
  });

  it('writes topic lines like the hand-written board', () => {
    expect(lines).toContain('`#1` Air-gapped clusters (7 votes)');
    expect(lines).toContain('`#2` IPv6 in Gardener: current state and next steps (0 votes)');
    expect(lines).toContain('🚧 `#6` Continue with gardener-node-agent (7 votes)');
    expect(lines).toContain('✅ `#7` ARM support in provider-openstack (6 votes)');
    expect(lines).toContain(
      '⏸️ `#8` Enhance `gardener-operator` to deploy `gardenlet` via dedicated CRD (5 votes)',
    );
    expect(lines).toContain('🚧 `#10` OpenStack CSI driver without infrastructure credentials (1 vote)');
    expect(lines).toContain('🙅 `#11` Extensibility for gardener-operator (6 votes)');
    expect(lines).toContain('~`#16` Drop the Cluster API~ (3 votes) · dropped: closed in favour of #12');
    expect(allText(board)).not.toContain('Withdrawn idea');
  });

  it('lists a team, its links and its check-in under the topic, escaped', () => {
    const at = lines.indexOf('🚧 `#6` Continue with gardener-node-agent (7 votes)');
    expect(lines.slice(at + 1, at + 5).map((line) => line.trim())).toEqual([
      '👥 <@USTEFAN>, <@UOLIVER>',
      '🔗 <https://github.com/gardener/gardener/pull/8767|github.com/gardener/gardener/pull/8767>',
      '🔗 <https://github.com/gardener/gardener/pull/8786|github.com/gardener/gardener/pull/8786>',
      '📝 Check-in: achieved Leases are written by the node-agent · blocked by review of &lt;#8786&gt; &amp; health checks',
    ]);
    const fastTrack = lines.indexOf('✅ `#9` Add ./hack/update-skaffold-deps.sh (0 votes)');
    expect(lines[fastTrack + 1]?.trim()).toBe(
      '🔗 <https://github.com/gardener/gardener/pull/8766|github.com/gardener/gardener/pull/8766>',
    );
  });

  it('shortens long link labels but keeps the whole address', () => {
    const url = `https://github.com/gardener/gardener/blob/master/docs/proposals/${'x'.repeat(80)}.md`;
    const text = allText(renderBoard(hackathon, [aTopic(1, { members: ['U1'], links: [url] })], now));
    const link = /<([^|>]+)\|([^>]+)>/.exec(text.slice(text.indexOf('🔗')));
    expect(link?.[1]).toBe(url);
    expect(link?.[2]).toHaveLength(50);
    expect(link?.[2]?.endsWith('…')).toBe(true);
  });

  it('escapes titles, icons and check-ins so they cannot ping or forge links', () => {
    const text = allText(
      renderBoard(
        hackathon,
        [
          aTopic(1, {
            title: '<!channel> & <@U1>',
            emoji: '<!here>',
            members: ['U2'],
            checkIn: { achieved: '<!everyone>', blockers: '', by: 'U2', at: now.toISOString() },
          }),
        ],
        now,
      ),
    );
    expect(text).toContain('`#1` &lt;!here&gt; &lt;!channel&gt; &amp; &lt;@U1&gt; (0 votes)');
    expect(text).toContain('📝 Check-in: achieved &lt;!everyone&gt; · nothing blocking');
    expect(text).not.toContain('<!channel>');
    expect(text).not.toContain('<!here>');
    expect(text).not.toContain('<@U1>');
  });

  it('renders a valid page for a hackathon without topics', () => {
    const empty = renderBoard(hackathon, [], now);
    expectWithinLimits(empty);
    expect(empty.pages).toHaveLength(1);
    expect(allText(empty)).toContain('No topics yet.');
  });

  it('offers the same board as results', () => {
    const results = finalBoard(hackathon, seedBoard(), now);
    expect(results.pages[0]?.[0]).toMatchObject({ text: { text: 'Results: Hack The Garden 11/2023' } });
    expect(allText(results)).toContain('✅ `#7` ARM support in provider-openstack (6 votes)');
  });

  it('clips a long hackathon name in the header', () => {
    const long = renderBoard(aHackathon({ name: 'N'.repeat(149) }), [], now);
    expectWithinLimits(long);
  });
});

describe('changesSince', () => {
  const before = seedBoard();
  const previous = boardSnapshot(before);

  it('reports nothing without a previous snapshot, and nothing when nothing changed', () => {
    expect(changesSince(null, before)).toEqual([]);
    expect(changesSince(previous, before)).toEqual([]);
  });

  it('keeps withdrawn topics in the snapshot', () => {
    expect(previous['17']).toEqual({
      status: 'withdrawn',
      members: [],
      links: [],
      votes: 9,
      checkInAt: null,
    });
    expect(previous['6']?.checkInAt).toBe('2026-11-24T15:00:00.000Z');
  });

  it('tells new topics, status changes, joins, leaves, links, check-ins and withdrawals, by number then kind', () => {
    const after = before.map((topic) => {
      switch (topic.number) {
        case 4:
          return { ...topic, status: 'done' as const, members: ['UKAI', 'UNEW'] };
        case 7:
          return { ...topic, links: [...topic.links, 'https://github.com/gardener/gardener/pull/9000'] };
        case 8:
          return {
            ...topic,
            checkIn: { achieved: 'CRD drafted', blockers: '', by: 'UGERRIT', at: '2026-11-25T10:00:00.000Z' },
          };
        case 12:
          return { ...topic, status: 'withdrawn' as const };
        default:
          return { ...topic, voteCount: topic.voteCount + 1 };
      }
    });
    after.push(aTopic(19, { title: 'Brand new' }));
    expect(changesSince(previous, after)).toEqual([
      {
        number: 4,
        title: 'Control Plane Migration w/o Downtime',
        kind: 'status',
        detail: ['in_progress', 'done'],
      },
      { number: 4, title: 'Control Plane Migration w/o Downtime', kind: 'joined', detail: ['UNEW'] },
      { number: 4, title: 'Control Plane Migration w/o Downtime', kind: 'left', detail: ['UJOHANNES'] },
      {
        number: 7,
        title: 'ARM support in provider-openstack',
        kind: 'link',
        detail: ['https://github.com/gardener/gardener/pull/9000'],
      },
      {
        number: 8,
        title: 'Enhance `gardener-operator` to deploy `gardenlet` via dedicated CRD',
        kind: 'check-in',
        detail: ['UGERRIT'],
      },
      { number: 12, title: 'Expose Extension Provider Status', kind: 'withdrawn', detail: ['not_picked'] },
      { number: 19, title: 'Brand new', kind: 'new', detail: ['proposed'] },
    ]);
  });

  it('does not report a topic that appeared and was withdrawn in between, nor an old withdrawal again', () => {
    const after = [...before, aTopic(20, { status: 'withdrawn' })];
    expect(changesSince(previous, after)).toEqual([]);
  });
});

describe('hackathonSummary', () => {
  it('starts with what changed since the last summary, then shows the board', () => {
    const before = seedBoard();
    const after = before.map((topic) =>
      topic.number === 6
        ? {
            ...topic,
            status: 'done' as const,
            members: ['USTEFAN', 'UOLIVER', 'UNEW'],
            links: [...topic.links, 'https://github.com/gardener/gardener/pull/9001'],
            checkIn: { achieved: 'all merged', blockers: '', by: 'UOLIVER', at: '2026-11-25T11:00:00.000Z' },
          }
        : topic.number === 13
          ? { ...topic, members: ['UROBIN', 'UTIM'] }
          : topic,
    );
    const summary = hackathonSummary(hackathon, after, boardSnapshot(before), now);
    expectWithinLimits(summary);
    expect(summary.pages[0]?.[0]).toMatchObject({ text: { text: 'Daily summary: Hack The Garden 11/2023' } });
    const lines = allLines(summary);
    const since = lines.indexOf('*Since the last summary*');
    expect(lines.slice(since + 1, since + 7)).toEqual([
      '`#6` Continue with gardener-node-agent: 🚧 in progress → ✅ done',
      '<@UNEW> joined `#6` Continue with gardener-node-agent',
      '🔗 new link on `#6` Continue with gardener-node-agent: <https://github.com/gardener/gardener/pull/9001|github.com/gardener/gardener/pull/9001>',
      '📝 `#6` Continue with gardener-node-agent checked in (<@UOLIVER>)',
      '<@UKAI> left `#13` Rework shoot-flux extension',
      '*Discussion topics*',
    ]);
    expect(lines).toContain('*Topics with teams*');
    expect(lines).toContain('✅ `#6` Continue with gardener-node-agent (7 votes)');
    expect(summary.text).toBe('Daily summary: Hack The Garden 11/2023. 5 changes since the last summary.');
  });

  it('says when nothing changed, and leaves the section out without a previous summary', () => {
    const topics = seedBoard();
    expect(allLines(hackathonSummary(hackathon, topics, boardSnapshot(topics), now))).toContain(
      'No changes since the last summary.',
    );
    const first = allText(hackathonSummary(hackathon, topics, null, now));
    expect(first).not.toContain('Since the last summary');
    expect(first).toContain('*Discussion topics*');
  });
});

describe('votingSummary', () => {
  const voting = aHackathon({
    name: 'Hack The Garden 11/2023',
    timeZone: 'Europe/Berlin',
    votingClosesAt: '2026-11-27T16:00:00.000Z',
    votesPerPerson: 5,
  });
  const topics = Array.from({ length: 25 }, (_, i) =>
    aTopic(i + 1, { voteCount: Math.max(0, 12 - i), kind: i % 5 === 0 ? 'discussion' : 'hacking' }),
  ).map((topic) => (topic.number === 3 ? { ...topic, voteCount: 11 } : topic));
  const summary = votingSummary(voting, topics, new Date('2026-11-25T12:30:00Z'));
  const lines = allLines(summary);

  it('shows the top ten with shared ranks', () => {
    expectWithinLimits(summary);
    expect(summary.pages[0]?.[0]).toMatchObject({
      text: { text: 'Voting summary: Hack The Garden 11/2023' },
    });
    const board = lines.indexOf('*Leaderboard*');
    expect(lines.slice(board + 1, board + 11)).toEqual([
      '1. `#1` Topic 1 (12 votes)',
      '2. `#2` Topic 2 (11 votes)',
      '2. `#3` Topic 3 (11 votes)',
      '4. `#4` Topic 4 (9 votes)',
      '5. `#5` Topic 5 (8 votes)',
      '6. `#6` Topic 6 (7 votes)',
      '7. `#7` Topic 7 (6 votes)',
      '8. `#8` Topic 8 (5 votes)',
      '9. `#9` Topic 9 (4 votes)',
      '10. `#10` Topic 10 (3 votes)',
    ]);
  });

  it('points at topics with the fewest votes, at most ten', () => {
    const look = lines.indexOf('*Could use a look*');
    const listed = lines.slice(look + 1).filter((line) => line.startsWith('• '));
    expect(listed).toEqual(
      Array.from({ length: 10 }, (_, i) => `• \`#${i + 13}\` Topic ${i + 13} (0 votes)`),
    );

    const fewer = allLines(votingSummary(voting, topics.slice(0, 16), now));
    expect(fewer.slice(fewer.indexOf('*Could use a look*') + 1).filter((l) => l.startsWith('• '))).toEqual([
      '• `#13` Topic 13 (0 votes)',
      '• `#14` Topic 14 (0 votes)',
      '• `#15` Topic 15 (0 votes)',
      '• `#16` Topic 16 (0 votes)',
      '• `#12` Topic 12 (1 vote)',
    ]);
  });

  it('says how to vote and how long voting stays open', () => {
    expect(allText(summary)).toContain(
      "react with :arrow_up: on a topic's card to vote, :rocket: if you would work on it, or use `/htg vote`. Everyone has 5 votes.",
    );
    expect(lines).toContain('⏳ Voting closes in 2 days 3 hours (Fri 27 Nov, 17:00 Europe/Berlin).');
    expect(summary.text).toContain('Voting closes in 2 days 3 hours');
  });

  it('knows when voting has no closing time, or is closed', () => {
    const open = votingSummary(aHackathon({ votingClosesAt: null }), topics, now);
    expect(allLines(open)).toContain('⏳ Voting has no closing time yet.');
    const closed = votingSummary(aHackathon({ votingClosesAt: '2026-11-20T10:00:00.000Z' }), topics, now);
    expect(allText(closed)).toContain('Voting closed (Fri 20 Nov, 11:00 Europe/Berlin).');
    const soon = votingSummary(aHackathon({ votingClosesAt: '2026-11-25T13:47:30.000Z' }), topics, now);
    expect(allText(soon)).toContain('Voting closes in 42 minutes');
  });

  it('renders a valid page without topics', () => {
    const empty = votingSummary(voting, [], now);
    expectWithinLimits(empty);
    expect(empty.pages).toHaveLength(1);
    expect(allText(empty)).toContain('No topics yet.');
  });
});

describe('formatWhen', () => {
  it('formats in the given time zone, UTC when unknown', () => {
    expect(formatWhen(now, 'Europe/Berlin')).toBe('Wed 25 Nov, 14:05');
    expect(formatWhen(now, 'America/New_York')).toBe('Wed 25 Nov, 08:05');
    expect(formatWhen(now, 'Not/AZone')).toBe('Wed 25 Nov, 13:05');
  });
});

describe('a big hackathon: 200 topics', () => {
  const long = (n: number, length: number) =>
    `${n} ${'Long title words '.repeat(20)}`.slice(0, length).trim();
  const topics: Topic[] = Array.from({ length: 200 }, (_, i) => {
    const number = i + 1;
    const team = i < 60;
    return aTopic(number, {
      title: number % 3 === 0 ? long(number, 150) : `Topic ${number} & friends`,
      kind: i >= 60 && i % 7 === 0 ? 'discussion' : 'hacking',
      fastTrack: i >= 50 && i < 70,
      voteCount: (number * 37) % 23,
      status:
        number % 50 === 0
          ? 'withdrawn'
          : team
            ? (['in_progress', 'done', 'paused', 'dropped'] as const)[i % 4]
            : i % 2 === 0
              ? 'not_picked'
              : 'proposed',
      statusNote: 'closed in favour of #1',
      members: team ? [`UA${number}`, `UB${number}`, `UC${number}`, `UD${number}`] : [],
      links:
        team || number % 4 === 0
          ? Array.from(
              { length: 10 },
              (_, l) =>
                `https://github.com/gardener/gardener-extension-${number}/pull/${l}/${'segment/'.repeat(12)}`,
            )
          : [],
      checkIn: team
        ? { achieved: 'a'.repeat(500), blockers: '<b>'.repeat(167), by: `UA${number}`, at: now.toISOString() }
        : null,
    });
  });
  const live = topics.filter((t) => t.status !== 'withdrawn').map((t) => t.number);

  it('checks the test data is as big as meant', () => {
    expect(topics.filter((t) => (t.members ?? []).length === 4)).toHaveLength(60);
    expect(topics.some((t) => t.title.length === 150)).toBe(true);
    expect(topics[0]?.links.every((url) => url.length > 100)).toBe(true);
    expect(live).toHaveLength(196);
  });

  it('renderBoard keeps every limit and shows every topic exactly once', () => {
    const board = renderBoard(hackathon, topics, now);
    expectWithinLimits(board);
    expect(board.pages.length).toBeGreaterThan(1);
    const text = allText(board);
    for (const number of live) expect(text.split(`\`#${number}\``)).toHaveLength(2);
    for (const number of [50, 100, 150, 200]) expect(text).not.toContain(`\`#${number}\``);
    expect(textsOf(board.pages[0]?.at(-1) as KnownBlock)[0]).toMatch(
      /^Continued in the thread \(\d+ more messages?\)\.$/,
    );
    expect(textsOf(board.pages[1]?.[0] as KnownBlock)[0]).toBe(
      `Hack The Garden 11/2023 – Topics, continued (2/${board.pages.length})`,
    );
    // no section text was cut: every link and check-in line is whole
    const lines = text.split('\n').map((line) => line.trim());
    const withLinks = topics.filter(
      (t) =>
        t.status !== 'withdrawn' &&
        t.kind === 'hacking' &&
        ((t.members ?? []).length > 0 || t.fastTrack) &&
        t.links.length > 0,
    );
    expect(withLinks.length).toBeGreaterThan(50);
    expect(lines.filter((line) => /^🔗 <[^>]+>$/.test(line))).toHaveLength(withLinks.length * 10);
    expect(
      lines.filter((line) => /^📝 Check-in: achieved a{199}… · blocked by (&lt;b&gt;){66}…$/.test(line)),
    ).toHaveLength(59);
  });

  it('votingSummary keeps every limit', () => {
    expectWithinLimits(votingSummary(hackathon, topics, now));
  });

  it('hackathonSummary keeps every limit, with many changes', () => {
    const previous = boardSnapshot(
      topics.map((t) => ({ ...t, status: 'proposed' as const, members: [], links: [], checkIn: null })),
    );
    const summary = hackathonSummary(hackathon, topics, previous, now);
    expectWithinLimits(summary);
    const text = allText(summary);
    for (const number of live) expect(text).toContain(`\`#${number}\``);
    // The daily summary shows each check-in in full.
    expect(text.split(`achieved ${'a'.repeat(500)} · blocked by ${'&lt;b&gt;'.repeat(167)}`)).toHaveLength(
      60,
    );
  });
});
