import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { agendaFor, nextSlot } from '../../functions/domain/agenda.js';
import { ValidationError } from '../../functions/domain/errors.js';
import type { Agenda } from '../../functions/domain/meetings.js';
import { proposedTopic, type Topic } from '../../functions/domain/topic.js';
import { agendaMarkdown } from '../../functions/markdown/agenda.js';
import { aTopicDraft } from '../helpers/builders.js';

const START = '2026-05-04T08:00:00.000Z';
const HOUR = { startsAt: START, minutes: 60 };

/** Topic `number` proposed by `proposerId` (a Slack user id); override what a test cares about. */
function aTopic(number: number, proposerId: string, overrides: Partial<Topic> = {}): Topic {
  return {
    ...proposedTopic('h1', number, aTopicDraft({ title: `Topic ${number}` }), proposerId, START),
    ...overrides,
  };
}

/** A team: topic `number` with members, picked for the week. */
function aTeam(number: number, members: string[], overrides: Partial<Topic> = {}): Topic {
  return aTopic(number, members[0] ?? 'U0NOBODY', { status: 'in_progress', members, ...overrides });
}

const numbers = (agenda: Agenda) => agenda.slots.map((slot) => slot.number);
const seconds = (agenda: Agenda) => agenda.slots.map((slot) => slot.seconds);
const sum = (values: number[]) => values.reduce((a, b) => a + b, 0);
const teams = (count: number) => Array.from({ length: count }, (_, i) => aTeam(i + 1, [`U0M${i + 1}`]));

function validationFields(run: () => unknown): Record<string, unknown> {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return { ...(error as ValidationError).fields };
  }
  throw new Error('no ValidationError thrown');
}

describe('the topic collection agenda', () => {
  it("orders topics as the community's presentation-order.sh does", () => {
    const topics = [
      aTopic(9, 'U0ANNA'),
      aTopic(7, 'U0BOB'),
      aTopic(6, 'U0DORA'),
      aTopic(8, 'U0CARL'),
      aTopic(2, 'U0ANNA'),
      aTopic(5, 'U0BOB'),
      aTopic(1, 'U0ERIK'),
      aTopic(3, 'U0CARL'),
      aTopic(4, 'U0ANNA'),
      // Bob's third topic was withdrawn: he has two, like Carl, whose lowest number comes first.
      aTopic(10, 'U0BOB', { status: 'withdrawn', withdrawnAt: START }),
    ];
    const agenda = agendaFor('topic-collection', topics, HOUR);
    // Anna's three first; Carl's two (lowest #3) before Bob's (lowest #5); the singles by number.
    expect(agenda.groups).toEqual([[2, 4, 9], [3, 8], [5, 7], [1], [6]]);
    expect(numbers(agenda)).toEqual([2, 4, 9, 3, 8, 5, 7, 1, 6]);
    expect(agenda.slots.map((slot) => slot.group)).toEqual([0, 0, 0, 1, 1, 2, 2, 3, 4]);
    expect(agenda.slots.slice(0, 4).map((slot) => slot.presenter)).toEqual([
      { userId: 'U0ANNA' },
      { userId: 'U0ANNA' },
      { userId: 'U0ANNA' },
      { userId: 'U0CARL' },
    ]);
    expect(agendaFor('topic-collection', [...topics].reverse(), HOUR)).toEqual(agenda);
  });

  it('groups a topic from GitHub under its issue author, apart from any Slack user', () => {
    const topics = [
      // Imported by the organizer from issues whose authors are no attendees.
      aTopic(1, 'U0ORGANIZER', { proposedOnGitHubBy: 'octocat' }),
      aTopic(2, 'U0ORGANIZER'),
      aTopic(3, 'U0ORGANIZER', { proposedOnGitHubBy: 'OctoCat' }),
      // A login that reads like a Slack user id is still a login.
      aTopic(4, 'U0ORGANIZER', { proposedOnGitHubBy: 'U0ANNA' }),
      aTopic(5, 'U0ANNA'),
    ];
    const agenda = agendaFor('topic-collection', topics, HOUR);
    expect(agenda.groups).toEqual([[1, 3], [2], [4], [5]]);
    expect(agenda.slots.map((slot) => slot.presenter)).toEqual([
      { githubLogin: 'octocat' },
      { githubLogin: 'octocat' },
      { userId: 'U0ORGANIZER' },
      { githubLogin: 'U0ANNA' },
      { userId: 'U0ANNA' },
    ]);
  });

  it('takes only the topics still proposed', () => {
    const agenda = agendaFor(
      'topic-collection',
      [
        aTopic(1, 'U0ANNA'),
        aTopic(2, 'U0ANNA', { status: 'withdrawn', withdrawnAt: START }),
        aTopic(3, 'U0BOB', { status: 'not_picked' }),
        aTopic(4, 'U0BOB'),
      ],
      HOUR,
    );
    expect(numbers(agenda)).toEqual([1, 4]);
  });

  it('gives each topic the same box in whole seconds, together at most the meeting', () => {
    const seven = agendaFor(
      'topic-collection',
      Array.from({ length: 7 }, (_, i) => aTopic(i + 1, `U0P${i}`)),
      HOUR,
    );
    expect(seconds(seven)).toEqual(Array(7).fill(514));
    expect(sum(seconds(seven))).toBeLessThanOrEqual(3600);
    expect(seven.overrunSeconds).toBe(0);
    const one = agendaFor('topic-collection', [aTopic(1, 'U0ANNA')], { startsAt: START, minutes: 5 });
    expect(seconds(one)).toEqual([300]);
  });

  it('gives each topic at least a minute and says by how much the meeting then overruns', () => {
    const many = Array.from({ length: 70 }, (_, i) => aTopic(i + 1, `U0P${i}`));
    const agenda = agendaFor('topic-collection', many, HOUR);
    expect(new Set(seconds(agenda))).toEqual(new Set([60]));
    expect(agenda.overrunSeconds).toBe(600);
    expect(agenda.slots.at(-1)?.startsAt).toBe('2026-05-04T09:09:00.000Z');
  });

  it('is empty without topics', () => {
    expect(agendaFor('topic-collection', [], HOUR)).toEqual({
      kind: 'topic-collection',
      startsAt: START,
      minutes: 60,
      slots: [],
      groups: [],
      overrunSeconds: 0,
    });
  });
});

describe('the mid-week update and final presentations agendas', () => {
  it('give every team a slot, hacking topics first and discussion topics last, each by number', () => {
    const topics = [
      aTeam(5, ['U0EVA'], { kind: 'discussion' }),
      aTeam(4, ['U0DAN']),
      aTeam(1, ['U0ANNA'], { kind: 'discussion' }),
      aTeam(3, ['U0CARL']),
      aTopic(2, 'U0BOB'), // nobody joined: no team
      aTeam(6, ['U0FINN'], { status: 'withdrawn', withdrawnAt: START }),
      aTeam(7, ['U0GRETA'], { status: 'done' }),
    ];
    for (const kind of ['mid-week', 'final'] as const) {
      const agenda = agendaFor(kind, topics, HOUR);
      expect(numbers(agenda)).toEqual([3, 4, 7, 1, 5]);
      expect(agenda.groups).toBeNull();
      expect(agenda.slots.every((slot) => slot.group === null)).toBe(true);
    }
  });

  it.each([
    { count: 7, minutes: 60, boxes: [515, 515, 514, 514, 514, 514, 514] },
    { count: 1, minutes: 60, boxes: [3600] },
    { count: 13, minutes: 45, boxes: [...Array(9).fill(208), ...Array(4).fill(207)] },
    { count: 4, minutes: 60, boxes: [900, 900, 900, 900] },
  ])('split $minutes min over $count teams exactly, to the second', ({ count, minutes, boxes }) => {
    const agenda = agendaFor('mid-week', teams(count), { startsAt: START, minutes });
    expect(seconds(agenda)).toEqual(boxes);
    expect(sum(seconds(agenda))).toBe(minutes * 60);
    expect(agenda.overrunSeconds).toBe(0);
  });

  it('always add up to the meeting, no two boxes more than a second apart, until the floor', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), fc.integer({ min: 1, max: 480 }), (count, minutes) => {
        const agenda = agendaFor('final', teams(count), { startsAt: START, minutes });
        const boxes = seconds(agenda);
        expect(boxes).toHaveLength(count);
        expect(boxes.every(Number.isInteger)).toBe(true);
        expect(Math.max(...boxes) - Math.min(...boxes)).toBeLessThanOrEqual(1);
        expect(Math.min(...boxes)).toBeGreaterThanOrEqual(60);
        expect(sum(boxes)).toBe(minutes * 60 + agenda.overrunSeconds);
        expect(agenda.overrunSeconds).toBe(Math.max(0, count * 60 - minutes * 60));
      }),
    );
  });

  it('give each team at least a minute and say by how much the meeting then overruns', () => {
    const agenda = agendaFor('mid-week', teams(50), { startsAt: START, minutes: 45 });
    expect(new Set(seconds(agenda))).toEqual(new Set([60]));
    expect(agenda.overrunSeconds).toBe(300);
    // 45 teams fit exactly, to the minute.
    expect(agendaFor('mid-week', teams(45), { startsAt: START, minutes: 45 }).overrunSeconds).toBe(0);
  });

  it('let the one asked on the card present, else the proposer on the team, else its first member', () => {
    const topics = [
      aTeam(1, ['U0ANNA', 'U0BOB']),
      aTopic(2, 'U0CARL', { status: 'in_progress', members: ['U0DAN', 'U0CARL'] }),
      aTopic(3, 'U0EVA', { status: 'in_progress', members: ['U0FINN', 'U0GRETA'] }),
      // Imported from GitHub by the organizer, who joined the team: not the proposer, the first member presents.
      aTopic(4, 'U0ORGANIZER', {
        status: 'in_progress',
        members: ['U0HANS', 'U0ORGANIZER'],
        proposedOnGitHubBy: 'octocat',
      }),
      aTopic(5, 'U0ORGANIZER', { status: 'in_progress', members: ['U0IDA'], proposedOnGitHubBy: 'octocat' }),
      aTeam(6, ['U0JAN', 'U0KAI']),
    ];
    const agenda = agendaFor('final', topics, HOUR, { 1: 'U0BOB', 5: 'U0LEA', 6: '  ', 99: 'U0NOBODY' });
    expect(agenda.slots.map((slot) => slot.presenter)).toEqual([
      { userId: 'U0BOB' },
      { userId: 'U0CARL' },
      { userId: 'U0FINN' },
      { userId: 'U0HANS' },
      { userId: 'U0LEA' },
      { userId: 'U0JAN' },
    ]);
  });
});

describe('slot times', () => {
  it('start each slot where the boxes before it end', () => {
    const agenda = agendaFor('mid-week', teams(7), HOUR);
    expect(agenda.slots.map((slot) => slot.startsAt)).toEqual([
      '2026-05-04T08:00:00.000Z',
      '2026-05-04T08:08:35.000Z',
      '2026-05-04T08:17:10.000Z',
      '2026-05-04T08:25:44.000Z',
      '2026-05-04T08:34:18.000Z',
      '2026-05-04T08:42:52.000Z',
      '2026-05-04T08:51:26.000Z',
    ]);
    const last = agenda.slots.at(-1);
    expect(Date.parse(last?.startsAt ?? '') + (last?.seconds ?? 0) * 1000).toBe(
      Date.parse('2026-05-04T09:00:00Z'),
    );
  });

  it('take the start with any offset and give instants in UTC', () => {
    const agenda = agendaFor('mid-week', teams(2), { startsAt: '2026-05-04T10:00+02:00', minutes: 30 });
    expect(agenda.startsAt).toBe('2026-05-04T08:00:00.000Z');
    expect(agenda.slots.map((slot) => slot.startsAt)).toEqual([
      '2026-05-04T08:00:00.000Z',
      '2026-05-04T08:15:00.000Z',
    ]);
  });

  it('run on in UTC across the night clocks go back (Europe/Berlin, 2026-10-25), shown in local time', () => {
    // 02:30 CEST; at 03:00 CEST (01:00 UTC) Berlin's clocks go back to 02:00 CET.
    const agenda = agendaFor('final', teams(4), { startsAt: '2026-10-25T00:30:00Z', minutes: 60 });
    expect(agenda.slots.map((slot) => [slot.startsAt, slot.seconds])).toEqual([
      ['2026-10-25T00:30:00.000Z', 900],
      ['2026-10-25T00:45:00.000Z', 900],
      ['2026-10-25T01:00:00.000Z', 900],
      ['2026-10-25T01:15:00.000Z', 900],
    ]);
    const times = agendaMarkdown(agenda, { timeZone: 'Europe/Berlin', name: (id) => id })
      .split('\n')
      .filter((line) => line.startsWith('| 0'))
      .map((line) => line.split(' | ')[0]);
    // The repeated hour carries its offset, so 02:00 after 02:45 reads right.
    expect(times).toEqual([
      '| 02:30 UTC+2 (15 min)',
      '| 02:45 UTC+2 (15 min)',
      '| 02:00 UTC+1 (15 min)',
      '| 02:15 UTC+1 (15 min)',
    ]);
  });

  it('show the same local time on either side of the change day', () => {
    const local = (startsAt: string) =>
      agendaMarkdown(agendaFor('mid-week', teams(2), { startsAt, minutes: 60 }), {
        timeZone: 'Europe/Berlin',
        name: (id) => id,
      })
        .split('\n')
        .filter((line) => line.startsWith('| 1'))
        .map((line) => line.split(' | ')[0]);
    // 10:00 in Berlin is 08:00 UTC in summer time, 09:00 UTC from the change day on.
    expect(local('2026-10-24T08:00:00Z')).toEqual(['| 10:00 (30 min)', '| 10:30 (30 min)']);
    expect(local('2026-10-25T09:00:00Z')).toEqual(['| 10:00 (30 min)', '| 10:30 (30 min)']);
  });
});

describe('nextSlot', () => {
  const agenda = agendaFor('mid-week', teams(3), HOUR);

  it('gives the slot after the current one, the first before the meeting starts, none after the last', () => {
    expect(nextSlot(agenda, -1)?.number).toBe(1);
    expect(nextSlot(agenda, 0)?.number).toBe(2);
    expect(nextSlot(agenda, 1)?.number).toBe(3);
    expect(nextSlot(agenda, 2)).toBeNull();
    expect(nextSlot(agenda, 1.5)).toBeNull();
    expect(nextSlot(agenda, -2)).toBeNull();
    expect(nextSlot(agendaFor('mid-week', [], HOUR), -1)).toBeNull();
  });
});

describe('the meeting', () => {
  it.each([0, -5, 1.5, 481, Number.NaN])('refuses a length of %s minutes', (minutes) => {
    expect(validationFields(() => agendaFor('mid-week', teams(2), { startsAt: START, minutes }))).toEqual({
      minutes: { code: 'meeting-minutes', max: 480 },
    });
  });

  it.each(['tomorrow', '2026-05-04T10:00:00', '2026-05-04', ''])('refuses a start of "%s"', (startsAt) => {
    expect(validationFields(() => agendaFor('topic-collection', [], { startsAt, minutes: 60 }))).toEqual({
      startsAt: { code: 'date-time' },
    });
  });

  it('says everything wrong at once, and takes a whole working day', () => {
    expect(validationFields(() => agendaFor('final', [], { startsAt: 'soon', minutes: 0 }))).toEqual({
      startsAt: { code: 'date-time' },
      minutes: { code: 'meeting-minutes', max: 480 },
    });
    expect(seconds(agendaFor('final', teams(1), { startsAt: START, minutes: 480 }))).toEqual([28_800]);
  });
});
