import { describe, expect, it } from 'vitest';
import {
  type AssignmentInput,
  proposeTeams,
  rankTopics,
  teamCap,
} from '../../functions/domain/assignment.js';
import { planTeams } from '../../functions/domain/team-plan.js';
import type { TeamSize, TopicKind } from '../../functions/domain/topic.js';

type TopicSpec = {
  number: number;
  votes: number;
  kind?: TopicKind;
  teamSize?: TeamSize | null;
  withdrawn?: boolean;
};
const topic = ({ number, votes, kind = 'hacking', teamSize = null, withdrawn = false }: TopicSpec) => ({
  number,
  title: `Topic ${number}`,
  voteCount: votes,
  kind,
  teamSize,
  status: withdrawn ? ('withdrawn' as const) : ('proposed' as const),
});
const interests = (entries: Record<string, number[]>) =>
  new Map(Object.entries(entries).map(([u, ns]) => [u, new Set(ns)]));
const attendees = (...ids: string[]) => ids.map((userId) => ({ userId, company: null }));

describe('proposeTeams: corner cases', () => {
  it('proposes every topic as not picked when nobody is interested', () => {
    const proposal = proposeTeams({
      topics: [topic({ number: 1, votes: 3 }), topic({ number: 2, votes: 5 })],
      attendees: attendees('U1', 'U2'),
      interests: new Map(),
      teamSize: { min: 1, max: 4 },
    });
    expect(proposal.ranking.map((r) => [r.rank, r.number, r.team, r.notPicked])).toEqual([
      [1, 2, [], true],
      [2, 1, [], true],
    ]);
    expect(proposal.withoutInterest).toEqual(['U1', 'U2']);
    expect(proposal.unplaced).toEqual([]);
  });

  it('shares ranks on equal votes and orders ties by number', () => {
    const proposal = proposeTeams({
      topics: [
        topic({ number: 7, votes: 4 }),
        topic({ number: 3, votes: 4 }),
        topic({ number: 9, votes: 6 }),
        topic({ number: 1, votes: 2 }),
      ],
      attendees: [],
      interests: new Map(),
      teamSize: { min: 1, max: 4 },
    });
    expect(proposal.ranking.map((r) => [r.rank, r.number])).toEqual([
      [1, 9],
      [2, 3],
      [2, 7],
      [4, 1],
    ]);
  });

  it('puts each person on the highest-voted topic they marked, and when every cap is full leaves the rest unplaced', () => {
    const proposal = proposeTeams({
      topics: [
        topic({ number: 1, votes: 9, teamSize: 'small' }),
        topic({ number: 2, votes: 5, teamSize: 'small' }),
      ],
      attendees: attendees('U1', 'U2', 'U3', 'U4', 'U5'),
      interests: interests({ U1: [1, 2], U2: [1], U3: [1, 2], U4: [2], U5: [1] }),
      teamSize: { min: 1, max: 4 },
    });
    const [first, second] = proposal.ranking;
    expect(first?.team).toHaveLength(2);
    expect(second?.team).toHaveLength(2);
    // #1 prefers people with no other choice (U2, U5); U1 and U3 can still go to #2, where U4 also wants in.
    expect(first?.team).toEqual(['U2', 'U5']);
    expect(second?.team.sort()).toEqual(['U1', 'U3']);
    expect(proposal.unplaced).toEqual(['U4']);
  });

  it('lets a person join several teams when one-topic-per-person is off', () => {
    const proposal = proposeTeams({
      topics: [topic({ number: 1, votes: 2 }), topic({ number: 2, votes: 1 })],
      attendees: attendees('U1'),
      interests: interests({ U1: [1, 2] }),
      teamSize: { min: 1, max: 4 },
      onePerPerson: false,
    });
    expect(proposal.ranking.map((r) => r.team)).toEqual([['U1'], ['U1']]);
  });

  it('gives discussions no team, skips withdrawn topics, and ignores people not attending', () => {
    const proposal = proposeTeams({
      topics: [
        topic({ number: 1, votes: 9, kind: 'discussion' }),
        topic({ number: 2, votes: 5 }),
        topic({ number: 3, votes: 99, withdrawn: true }),
      ],
      attendees: attendees('U1', 'U2'),
      interests: interests({ U1: [1], U2: [1, 2, 3], U9: [2] }),
      teamSize: { min: 2, max: 4 },
    });
    expect(proposal.ranking.map((r) => [r.number, r.kind, r.team, r.notPicked, r.belowMinimum])).toEqual([
      [1, 'discussion', [], false, false],
      [2, 'hacking', ['U2'], false, true],
    ]);
    expect(proposal.withoutInterest).toEqual(['U1']);
    expect(proposal.notAttending).toEqual(['U9']);
  });

  it('mixes companies when it can, and flags a team made of one company', () => {
    const proposal = proposeTeams({
      topics: [
        topic({ number: 1, votes: 3, teamSize: 'small' }),
        topic({ number: 2, votes: 1, teamSize: 'small' }),
      ],
      attendees: [
        { userId: 'U1', company: 'SAP' },
        { userId: 'U2', company: 'SAP' },
        { userId: 'U3', company: 'STACKIT' },
        { userId: 'U4', company: 'SAP' },
        { userId: 'U5', company: 'SAP' },
      ],
      interests: interests({ U1: [1], U2: [1], U3: [1], U4: [2], U5: [2] }),
      teamSize: { min: 1, max: 4 },
    });
    expect(proposal.ranking[0]?.team).toEqual(['U1', 'U3']);
    expect(proposal.ranking[0]?.singleCompany).toBeNull();
    expect(proposal.ranking[1]?.singleCompany).toBe('SAP');
  });

  it('caps teams by the topic ideal size within the hackathon maximum', () => {
    expect(teamCap({ teamSize: 'small' }, 5)).toBe(2);
    expect(teamCap({ teamSize: 'medium' }, 5)).toBe(3);
    expect(teamCap({ teamSize: 'large' }, 5)).toBe(5);
    expect(teamCap({ teamSize: null }, 4)).toBe(4);
    expect(teamCap({ teamSize: 'medium' }, 2)).toBe(2);
  });
});

describe('proposeTeams at a realistic size: 40 attendees, 25 topics', () => {
  let seed = 7;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2 ** 31;
    return seed / 2 ** 31;
  };
  const sizes: Array<TeamSize | null> = ['small', 'medium', 'large', null];
  const input: AssignmentInput = {
    topics: Array.from({ length: 25 }, (_, i) =>
      topic({
        number: i + 1,
        votes: Math.floor(random() * 15),
        teamSize: sizes[i % 4] ?? null,
        kind: i % 8 === 7 ? 'discussion' : 'hacking',
      }),
    ),
    attendees: Array.from({ length: 40 }, (_, i) => ({
      userId: `U${i}`,
      company: ['SAP', 'STACKIT', 'x-cellent', '23T'][i % 4] ?? null,
    })),
    interests: new Map(
      Array.from({ length: 40 }, (_, i) => [
        `U${i}`,
        new Set(Array.from({ length: i % 5 }, () => 1 + Math.floor(random() * 25))),
      ]),
    ),
    teamSize: { min: 2, max: 4 },
  };
  const proposal = proposeTeams(input);
  const byNumber = new Map(proposal.ranking.map((row) => [row.number, row]));
  const rankIndex = new Map(proposal.ranking.map((row, i) => [row.number, i]));

  it('ranks every topic in play by votes', () => {
    expect(proposal.ranking).toHaveLength(25);
    const votes = proposal.ranking.map((r) => r.votes);
    expect(votes).toEqual([...votes].sort((a, b) => b - a));
  });

  it('never exceeds a cap, places each person once, and only on a topic they marked', () => {
    const everyone = proposal.ranking.flatMap((row) => row.team);
    expect(new Set(everyone).size).toBe(everyone.length);
    for (const row of proposal.ranking) {
      expect(row.team.length).toBeLessThanOrEqual(row.cap);
      for (const userId of row.team) expect(input.interests.get(userId)?.has(row.number)).toBe(true);
    }
  });

  it('puts everyone on their highest-voted marked topic that had room', () => {
    for (const row of proposal.ranking) {
      for (const userId of row.team) {
        const above = [...(input.interests.get(userId) ?? [])].filter(
          (n) =>
            byNumber.get(n)?.kind === 'hacking' &&
            (rankIndex.get(n) ?? 99) < (rankIndex.get(row.number) ?? 99),
        );
        for (const n of above) expect(byNumber.get(n)?.team.length).toBe(byNumber.get(n)?.cap);
      }
    }
    for (const userId of proposal.unplaced) {
      for (const n of input.interests.get(userId) ?? []) {
        const row = byNumber.get(n);
        if (row?.kind === 'hacking') expect(row.team.length).toBe(row.cap);
      }
    }
  });

  it('accounts for every attendee, and proposes empty hacking topics as not picked', () => {
    const placed = proposal.ranking.flatMap((row) => row.team);
    expect(placed.length + proposal.unplaced.length + proposal.withoutInterest.length).toBe(40);
    for (const row of proposal.ranking)
      expect(row.notPicked).toBe(row.kind === 'hacking' && row.team.length === 0);
    expect(proposal.ranking.some((row) => row.notPicked)).toBe(true);
  });
});

describe('proposeTeams: people already in a team', () => {
  it('keeps members where they are, counts them against the cap, and does not place them again', () => {
    const proposal = proposeTeams({
      topics: [
        { ...topic({ number: 1, votes: 9 }), members: [] },
        { ...topic({ number: 2, votes: 5 }), members: ['U1'] },
      ],
      attendees: attendees('U1', 'U2', 'U3'),
      interests: interests({ U1: [1, 2], U2: [2], U3: [2] }),
      teamSize: { min: 1, max: 2 },
    });
    expect(proposal.ranking.map((r) => [r.number, r.team])).toEqual([
      [1, []],
      [2, ['U1', 'U2']],
    ]);
    expect(proposal.unplaced).toEqual(['U3']);
  });
});

describe('rankTopics', () => {
  it('ranks by votes with shared ranks, ties by number, and leaves withdrawn topics out', () => {
    const ranked = rankTopics([
      topic({ number: 4, votes: 2 }),
      topic({ number: 2, votes: 7 }),
      topic({ number: 3, votes: 2 }),
      topic({ number: 1, votes: 9, withdrawn: true }),
      topic({ number: 5, votes: 0 }),
    ]);
    expect(ranked.map(({ rank, topic }) => [rank, topic.number])).toEqual([
      [1, 2],
      [2, 3],
      [2, 4],
      [4, 5],
    ]);
  });
});

describe('planTeams', () => {
  const current = new Map<number, string[]>([
    [1, ['U1', 'U2']],
    [2, ['U3']],
    [3, []],
  ]);

  it('applies what organizers changed and leaves people who joined since the form opened', () => {
    // The form showed #1 as U1+U2 and #2 as U3; U9 joined #2 afterwards. Organizers moved U2 to #3.
    const plan = planTeams(
      new Map([...current, [2, ['U3', 'U9']]]),
      [
        { number: 1, shown: ['U1', 'U2'], chosen: ['U1'] },
        { number: 2, shown: ['U3'], chosen: ['U3'] },
        { number: 3, shown: [], chosen: ['U2'] },
      ],
      true,
    );
    expect(plan.changes).toEqual([
      { number: 1, add: [], remove: ['U2'] },
      { number: 3, add: ['U2'], remove: [] },
    ]);
    expect(plan.teams.get(2)).toEqual(['U3', 'U9']);
    expect(plan.onSeveral.size).toBe(0);
  });

  it('under the one-team rule, moves someone placed elsewhere out of the team they joined themselves', () => {
    const plan = planTeams(current, [{ number: 3, shown: [], chosen: ['U3'] }], true);
    expect(plan.changes).toEqual([
      { number: 2, add: [], remove: ['U3'] },
      { number: 3, add: ['U3'], remove: [] },
    ]);
    const several = planTeams(current, [{ number: 3, shown: [], chosen: ['U3'] }], false);
    expect(several.changes).toEqual([{ number: 3, add: ['U3'], remove: [] }]);
  });

  it('reports people placed on several topics, and changes nothing for an unchanged review', () => {
    const plan = planTeams(
      current,
      [
        { number: 1, shown: ['U1', 'U2'], chosen: ['U1', 'U2'] },
        { number: 3, shown: [], chosen: ['U1'] },
      ],
      true,
    );
    expect([...plan.onSeveral]).toEqual([['U1', [1, 3]]]);
    const unchanged = planTeams(
      current,
      [
        { number: 1, shown: ['U1', 'U2'], chosen: ['U1', 'U2'] },
        { number: 2, shown: ['U3'], chosen: ['U3'] },
      ],
      true,
    );
    expect(unchanged.changes).toEqual([]);
  });
});
