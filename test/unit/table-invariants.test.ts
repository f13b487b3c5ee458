import { describe, expect, it } from 'vitest';
import { tableInvariantViolations } from '../helpers/table-invariants.js';

/** The fuzz and fault suites rely on this checker: it must pass a whole table and name every kind of damage. */
const H = 'h1';
const hackathon = {
  entity: 'hackathon',
  id: H,
  pk: `HACKATHON#${H}`,
  sk: 'HACKATHON',
  topicCounter: 2,
  teamSize: { min: 1, max: 4 },
};
const topic = (number: number, fields: Record<string, unknown> = {}) => ({
  entity: 'topic',
  pk: `HACKATHON#${H}`,
  sk: `TOPIC#0000${number}`,
  hackathonId: H,
  number,
  title: `Topic ${number}`,
  category: 'Core',
  kind: 'hacking',
  proposerId: 'U1',
  createdAt: '2026-11-23T09:00:00Z',
  updatedAt: '2026-11-23T09:00:00Z',
  status: 'proposed',
  links: [],
  teamSize: 'small',
  card: { channelId: 'C1', ts: `1.${number}` },
  ...fields,
});
const card = (number: number) => ({
  entity: 'card',
  pk: `CARD#C1#1.${number}`,
  sk: 'CARD',
  hackathonId: H,
  number,
});
const vote = (number: number, user: string, kind = 'vote', state = 'active') => ({
  entity: 'vote',
  hackathonId: H,
  number,
  userId: user,
  kind,
  state,
});
const tally = (user: string, votes: number) => ({
  entity: 'voterTally',
  pk: `HACKATHON#${H}`,
  sk: `VOTER#${user}`,
  votes,
});
const member = (number: number, user: string) => ({ entity: 'member', hackathonId: H, number, userId: user });
const teams = (user: string, count: number) => ({
  entity: 'personTeams',
  pk: `HACKATHON#${H}`,
  sk: `TEAMS#${user}`,
  teams: count,
});

const whole = () => [
  hackathon,
  topic(1, {
    voteCount: 2,
    interestCount: 1,
    interestedUsers: new Set(['U1']),
    memberCount: 2,
    members: new Set(['U1', 'U2']),
  }),
  topic(2),
  card(1),
  card(2),
  vote(1, 'U1'),
  vote(1, 'U2'),
  vote(2, 'U2', 'vote', 'removed'),
  vote(1, 'U1', 'interest'),
  tally('U1', 1),
  tally('U2', 1),
  member(1, 'U1'),
  member(1, 'U2'),
  teams('U1', 1),
  teams('U2', 1),
];

describe('tableInvariantViolations', () => {
  it('finds nothing wrong in a whole table', () => {
    expect(tableInvariantViolations(whole())).toEqual([]);
  });

  it('names a counter that differs from its records, a half-written topic and a team above its cap', () => {
    const items = whole();
    items.push(vote(2, 'U1')); // a vote the counter and the tally never saw
    items.push(member(1, 'U3'), teams('U3', 1)); // a third member of a small team
    items.push({
      entity: 'topic',
      pk: `HACKATHON#${H}`,
      sk: 'TOPIC#00003',
      hackathonId: H,
      number: 3,
    } as never);
    items.push(card(9));
    expect(tableInvariantViolations(items)).toEqual([
      `topic ${H} #1: memberCount 2 but 3 member records`,
      `topic ${H} #1: members differ from the member records`,
      `topic ${H} #1: 3 members, above its cap of 2`,
      `topic ${H} #2: voteCount undefined but 1 active votes`,
      `topic ${H} #3: number outside 1..2`,
      `topic ${H} #3: no title`,
      `topic ${H} #3: no category`,
      `topic ${H} #3: no kind`,
      `topic ${H} #3: no proposerId`,
      `topic ${H} #3: no createdAt`,
      `topic ${H} #3: no updatedAt`,
      `topic ${H} #3: status undefined`,
      `topic ${H} #3: links are not a list`,
      'CARD#C1#1.9: points at no topic',
      `voter U1 in ${H}: tally 1 but 2 votes`,
    ]);
  });
});
