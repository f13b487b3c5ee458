import { describe, expect, it } from 'vitest';
import {
  followUpAskees,
  followUpAt,
  followUpRequests,
  followUpsCloseAt,
  latestFollowUp,
} from '../../functions/domain/follow-up.js';
import { desiredSchedules } from '../../functions/domain/schedule.js';
import { proposedTopic, type Topic } from '../../functions/domain/topic.js';
import { blockKitLimits } from '../../functions/local/dev/slack-rules/blocks.js';
import {
  followUpLine,
  followUpMessage,
  followUpReport,
} from '../../functions/slack/views/follow-up-messages.js';
import { aHackathon, aTopicDraft } from '../helpers/builders.js';

/** The stand-in's Block Kit rule (as strict as Slack): undefined when Slack would take the message. */
const refusal = ({ text, blocks }: { text: string; blocks: unknown[] }) =>
  blockKitLimits({ method: 'chat.postMessage', args: { text, blocks: JSON.stringify(blocks) } }, {} as never);

const ended = aHackathon({
  name: 'Hack The Garden 11/2026',
  startDate: '2026-11-23',
  endDate: '2026-11-27',
  timeZone: 'Europe/Berlin',
  status: 'ended',
});

const aTopic = (number: number, overrides: Partial<Topic> = {}): Topic => ({
  ...proposedTopic(
    ended.id,
    number,
    aTopicDraft({ title: `Topic ${number}` }),
    'U0PAULA',
    '2026-11-20T09:00:00.000Z',
  ),
  status: 'done',
  members: ['U0ANNA', 'U0BOB'],
  ...overrides,
});
const review = (continuedBy: string[], closedBecause: string | null = null) => ({
  presenter: null,
  continuedBy,
  tracking: null,
  closedBecause,
  by: 'U0ORG',
  at: '2026-12-08T14:00:00.000Z',
});

describe('follow-ups after the event', () => {
  it('go out two and six weeks after the last day at 10:00 local, across the change to winter time', () => {
    expect(followUpAt(ended, 2)).toBe('2026-12-11T09:00:00.000Z');
    expect(followUpAt(ended, 6)).toBe('2027-01-08T09:00:00.000Z');
    // A summer event asked after clocks went back: still 10:00 in Berlin.
    const summer = { endDate: '2026-10-16', timeZone: 'Europe/Berlin' };
    expect(followUpAt(summer, 2)).toBe('2026-10-30T09:00:00.000Z');
    expect(followUpsCloseAt(ended)).toBe('2027-02-25T23:00:00.000Z');
  });

  it('are schedules of a wrapped-up hackathon while ahead, never of an active one', () => {
    const slots = (now: string) => desiredSchedules(ended, new Date(now)).map((s) => [s.slot, s.expression]);
    expect(slots('2026-11-28T09:00:00Z')).toEqual([
      ['follow-up-2', 'at(2026-12-11T10:00:00)'],
      ['follow-up-6', 'at(2027-01-08T10:00:00)'],
    ]);
    expect(slots('2026-12-20T09:00:00Z')).toEqual([['follow-up-6', 'at(2027-01-08T10:00:00)']]);
    expect(slots('2027-01-09T09:00:00Z')).toEqual([]);
    const active = desiredSchedules({ ...ended, status: 'active' }, new Date('2026-11-20T09:00:00Z'));
    expect(active.map((s) => s.kind)).not.toContain('follow-up-2');
  });

  it('ask whoever continues a topic, else its team, else its proposer; nobody once it is settled', () => {
    expect(followUpAskees(aTopic(1, { review: review(['U0DORA']) }))).toEqual(['U0DORA']);
    expect(followUpAskees(aTopic(2))).toEqual(['U0ANNA', 'U0BOB']);
    expect(followUpAskees(aTopic(3, { members: [], status: 'in_progress' }))).toEqual(['U0PAULA']);
    expect(followUpAskees(aTopic(4, { review: review([], 'Nobody has time') }))).toEqual([]);
    expect(followUpAskees(aTopic(5, { status: 'proposed', members: [] }))).toEqual([]);
    const merged = aTopic(6, {
      followUps: { w2: { state: 'merged', round: 2, by: 'U0ANNA', at: '2026-12-11T10:00:00.000Z' } },
    });
    expect(followUpAskees(merged)).toEqual([]);
    const going = aTopic(7, {
      followUps: { w2: { state: 'going', round: 2, by: 'U0ANNA', at: '2026-12-11T10:00:00.000Z' } },
    });
    expect(followUpAskees(going)).toEqual(['U0ANNA', 'U0BOB']);
    // One entry per person, with each of their topics.
    expect(followUpRequests([aTopic(1, { review: review(['U0ANNA']) }), aTopic(2)])).toEqual([
      {
        userId: 'U0ANNA',
        topics: [expect.objectContaining({ number: 1 }), expect.objectContaining({ number: 2 })],
      },
      { userId: 'U0BOB', topics: [expect.objectContaining({ number: 2 })] },
    ]);
  });

  it('keep each round’s answer; the latest says where the topic stands', () => {
    const topic = aTopic(1, {
      followUps: {
        w6: { state: 'merged', round: 6, by: 'U0BOB', at: '2027-01-08T11:00:00.000Z' },
        w2: { state: 'going', round: 2, by: 'U0ANNA', at: '2026-12-11T10:00:00.000Z' },
      },
    });
    expect(latestFollowUp(topic)?.state).toBe('merged');
    expect(followUpLine(topic)).toBe(
      '✅ *Since the hackathon:* still going at 2 weeks, merged at 6 weeks (said by <@U0BOB> on <!date^1799406000^{date_short}|2027-01-08>)',
    );
    expect(followUpLine(aTopic(2))).toBeNull();
  });
});

describe('follow-up messages', () => {
  it('hold three answer buttons with distinct action ids, the given answer marked, within Slack’s rules', () => {
    const topic = aTopic(1, {
      title: 'x'.repeat(150),
      followUps: { w2: { state: 'going', round: 2, by: 'U0ANNA', at: '2026-12-11T10:00:00.000Z' } },
    });
    const message = followUpMessage(ended, topic, 2);
    expect(refusal(message)).toBeUndefined();
    const actions = message.blocks.find((b) => b.type === 'actions') as {
      elements: Array<{ action_id: string; style?: string; value: string }>;
    };
    expect(actions.elements.map((e) => [e.action_id, e.style ?? null])).toEqual([
      ['follow_up:going', 'primary'],
      ['follow_up:merged', null],
      ['follow_up:stopped', null],
    ]);
    expect(JSON.parse(actions.elements[0]?.value ?? '')).toEqual({ h: ended.id, n: 1, r: 2 });
    expect(message.text).toContain('Two weeks after Hack The Garden 11/2026: what became of #1');
    expect(JSON.stringify(message.blocks)).toContain('Answered: *still going*, by <@U0ANNA>');
  });

  it('sum up what became of sixty long topics in one post Slack accepts', () => {
    const states = ['going', 'merged', 'stopped'] as const;
    const topics = Array.from({ length: 70 }, (_, i) =>
      aTopic(i + 1, {
        title: `${'Long title '.repeat(14)}${i}`,
        review: review(['U0ANNA', 'U0BOB', 'U0DORA']),
        ...(i % 4 === 3
          ? {}
          : {
              followUps: {
                w2: {
                  state: states[i % 4] ?? 'going',
                  round: 2,
                  by: 'U0ANNA',
                  at: '2026-12-11T10:00:00.000Z',
                },
              },
            }),
      }),
    );
    const report = followUpReport(ended, topics);
    expect(refusal(report)).toBeUndefined();
    const shown = JSON.stringify(report.blocks);
    expect(shown).toContain('18 still going · 18 merged · 17 stopped · 17 not answered yet');
    expect(shown).toContain('And 10 more.');
    const empty = followUpReport(ended, []);
    expect(JSON.stringify(empty.blocks)).toContain('no topic was worked on');
  });
});
