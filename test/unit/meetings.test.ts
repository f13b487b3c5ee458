import { describe, expect, it } from 'vitest';
import { agendaFor } from '../../functions/domain/agenda.js';
import { validateHackathonSettings } from '../../functions/domain/hackathon.js';
import { type AgendaPost, agendaMoments, validateMeetings } from '../../functions/domain/meetings.js';
import { desiredSchedules, meetingOfSlot } from '../../functions/domain/schedule.js';
import { proposedTopic, type Topic } from '../../functions/domain/topic.js';
import { blockKitLimits } from '../../functions/local/dev/slack-rules/blocks.js';
import { agendaMessage, agendaNowText } from '../../functions/slack/views/agenda-messages.js';
import { aHackathon, aTopicDraft } from '../helpers/builders.js';

/** The stand-in's Block Kit rule (as strict as Slack): undefined when Slack would take the message. */
const refusal = (text: string, blocks: unknown[]) =>
  blockKitLimits({ method: 'chat.postMessage', args: { text, blocks: JSON.stringify(blocks) } }, {} as never);

describe('the meetings in the settings', () => {
  it('switches a meeting on by its start, 60 minutes unless said, and checks lengths and the lead', () => {
    expect(
      validateMeetings(
        { 'mid-week': { at: '2026-11-25T09:00:00Z', minutes: '' }, final: { at: null, minutes: '45' } },
        undefined,
      ),
    ).toEqual({
      meetings: { 'mid-week': { at: '2026-11-25T09:00:00.000Z', minutes: 60 } },
      agendaLeadMinutes: 30,
      errors: {},
    });
    expect(validateMeetings({ final: { at: '2026-11-27T13:00:00Z', minutes: '1.5' } }, '-5').errors).toEqual({
      finalMinutes: { code: 'meeting-minutes', max: 480 },
      agendaLead: { code: 'agenda-lead', max: 1440 },
    });
    expect(validateMeetings({ 'topic-collection': { minutes: '481' } }, '0').errors).toEqual({
      collectionMinutes: { code: 'meeting-minutes', max: 480 },
    });
    // Through the whole settings form: the errors land on the form's fields.
    const input = {
      name: 'H',
      startDate: '2026-11-23',
      endDate: '2026-11-27',
      timeZone: 'UTC',
      categories: 'Core',
    };
    expect(() =>
      validateHackathonSettings({ ...input, meetings: { 'mid-week': { at: null, minutes: 'x' } } }, 'U1'),
    ).toThrow();
    expect(validateHackathonSettings({ ...input, agendaLead: '15' }, 'U1')).toMatchObject({
      meetings: {},
      agendaLeadMinutes: 15,
    });
  });

  it('posts each agenda its lead before the meeting and unpins it at the end of the local day, across DST', () => {
    // 25 October 2026: Berlin's clocks go back at 03:00; the next midnight is 23:00 UTC, not 22:00.
    const [moment] = agendaMoments(
      { final: { at: '2026-10-25T09:00:00Z', minutes: 60 } },
      45,
      'Europe/Berlin',
    );
    expect(moment?.postAt.toISOString()).toBe('2026-10-25T08:15:00.000Z');
    expect(moment?.unpinAt.toISOString()).toBe('2026-10-25T23:00:00.000Z');
  });

  it('makes the agenda schedules while they are ahead, and names their meeting by slot', () => {
    const hackathon = aHackathon({
      startDate: '2026-11-23',
      endDate: '2026-11-27',
      meetings: {
        'topic-collection': { at: '2026-11-09T14:00:00Z', minutes: 60 },
        'mid-week': { at: '2026-11-25T09:00:00Z', minutes: 60 },
      },
      agendaLeadMinutes: 30,
    });
    const agendaSpecs = (now: string) =>
      desiredSchedules(hackathon, new Date(now))
        .filter((spec) => spec.kind === 'agenda' || spec.kind === 'agenda-unpin')
        .map((spec) => [spec.slot, spec.expression, spec.timeZone]);
    expect(agendaSpecs('2026-11-01T00:00:00Z')).toEqual([
      ['agenda-topic-collection', 'at(2026-11-09T14:30:00)', 'Europe/Berlin'],
      ['agenda-unpin-topic-collection', 'at(2026-11-10T00:00:00)', 'Europe/Berlin'],
      ['agenda-mid-week', 'at(2026-11-25T09:30:00)', 'Europe/Berlin'],
      ['agenda-unpin-mid-week', 'at(2026-11-26T00:00:00)', 'Europe/Berlin'],
    ]);
    // After the topic collection's agenda went out, only its unpin is left of it.
    expect(agendaSpecs('2026-11-09T14:00:00Z').map(([slot]) => slot)).toEqual([
      'agenda-unpin-topic-collection',
      'agenda-mid-week',
      'agenda-unpin-mid-week',
    ]);
    // Wrapped up on the mid-week update's day (its agenda posted and pinned): only its unpin is left, not the
    // collection's (never posted), and no agenda is posted any more.
    const wrapped = {
      ...hackathon,
      status: 'ended' as const,
      agendas: {
        'mid-week': {
          ts: '1.2',
          channelId: hackathon.channelId,
          current: -1,
          agenda: {
            kind: 'mid-week' as const,
            startsAt: '2026-11-25T09:00:00Z',
            minutes: 60,
            slots: [],
            groups: null,
            overrunSeconds: 0,
          },
        },
      },
    };
    expect(
      desiredSchedules(wrapped, new Date('2026-11-25T12:00:00Z'))
        .filter((spec) => spec.kind === 'agenda' || spec.kind === 'agenda-unpin')
        .map((spec) => spec.slot),
    ).toEqual(['agenda-unpin-mid-week']);
    expect(meetingOfSlot('agenda-unpin-topic-collection')).toBe('topic-collection');
    expect(meetingOfSlot('agenda-final')).toBe('final');
    expect(meetingOfSlot('agenda-lunch')).toBeNull();
  });
});

describe('the agenda in Slack', () => {
  const hackathon = aHackathon({ timeZone: 'Europe/Berlin' });
  /** 120 topics from 45 proposers: the topic collection of a big week. */
  const topics: Topic[] = Array.from({ length: 120 }, (_, i) =>
    proposedTopic(
      hackathon.id,
      i + 1,
      aTopicDraft({
        title: `A topic with a long title, as people write them when they explain it, no. ${i + 1}`,
      }),
      `U0P${i % 45}`,
      '2026-04-01T00:00:00Z',
    ),
  );
  const post = (current: number): AgendaPost => ({
    channelId: 'C1',
    ts: '1.1',
    current,
    agenda: agendaFor('topic-collection', topics, { startsAt: '2026-05-04T08:00:00Z', minutes: 240 }),
  });

  it('fits Slack, continues in the thread, and keeps the button on the first page', () => {
    const { text, pages } = agendaMessage(hackathon, post(-1));
    expect(pages.length).toBeGreaterThan(1);
    for (const page of pages) expect(refusal(text, page)).toBeUndefined();
    const buttons = (page: unknown[]) =>
      JSON.stringify(page).match(/"action_id":"agenda_next"/g)?.length ?? 0;
    expect(buttons(pages[0] ?? [])).toBe(1);
    expect(pages.slice(1).every((page) => buttons(page) === 0)).toBe(true);
    // Every topic is on it, in the community's order: the proposers with three topics first.
    const all = JSON.stringify(pages);
    for (let n = 1; n <= 120; n++) expect(all).toContain(`\`#${n}\``);
    expect(all.indexOf('`#1` ')).toBeLessThan(all.indexOf('`#46` '));
    expect(all.indexOf('`#46` ')).toBeLessThan(all.indexOf('`#91` '));
    expect(all.indexOf('`#91` ')).toBeLessThan(all.indexOf('`#31` '));
  });

  it('says who presents now and who is next, and when it is over', () => {
    expect(agendaNowText(post(0))).toMatch(/^▶️ \*Now:\* `#1` .* · <@U0P0> \(2 min\)\n⏭️ \*Next up:\* `#46` /);
    const last = post(119);
    expect(agendaNowText(last)).toContain('This is the last slot.');
    expect(agendaNowText(post(120))).toContain('That was the last slot of the topic collection');
    expect(JSON.stringify(agendaMessage(hackathon, post(120)).pages[0])).not.toContain('agenda_next');
  });
});
