import { describe, expect, it } from 'vitest';
import { reviewOpen, reviewTimes, validateReview } from '../../functions/domain/review.js';
import { desiredSchedules } from '../../functions/domain/schedule.js';
import { isWebUrl, proposedTopic, type Topic } from '../../functions/domain/topic.js';
import { reviewAgendaMessage } from '../../functions/slack/views/review-messages.js';
import { aHackathon, aTopicDraft } from '../helpers/builders.js';

const MEETING = '2026-12-08T13:00:00.000Z';

const aTopic = (number: number, title: string): Topic => ({
  ...proposedTopic('h1', number, aTopicDraft({ title }), 'U0ANNA', '2026-11-20T09:00:00.000Z'),
  status: 'done',
  members: ['U0ANNA'],
});

describe("a topic's review", () => {
  it('takes who presents and continues it and where it is tracked, or why it closes, not both', () => {
    const continued = validateReview(
      {
        presenter: 'U0ANNA',
        continuedBy: ['U0ANNA', 'U0ANNA', 'not-a-user'],
        tracking: ' https://github.com/o/r/pull/1 ',
        closedBecause: '  ',
      },
      isWebUrl,
    );
    expect(continued).toEqual({
      review: {
        presenter: 'U0ANNA',
        continuedBy: ['U0ANNA'],
        tracking: 'https://github.com/o/r/pull/1',
        closedBecause: null,
      },
      errors: {},
    });
    const both = validateReview(
      { presenter: null, continuedBy: ['U0BOB'], tracking: 'soon', closedBecause: 'Nobody\n has time' },
      isWebUrl,
    );
    expect(both.errors).toEqual({
      tracking: { code: 'not-a-link', text: 'soon', form: 'review' },
      closedBecause: { code: 'continued-or-closed' },
    });
    expect(both.review.closedBecause).toBe('Nobody has time');
    const many = validateReview(
      {
        presenter: null,
        continuedBy: Array.from({ length: 11 }, (_, i) => `U0P${i}`),
        tracking: null,
        closedBecause: null,
      },
      isWebUrl,
    );
    expect(many.errors).toEqual({ continuedBy: { code: 'too-many', field: 'people', max: 10 } });
  });

  it('is asked three days before the meeting, its agenda half an hour before, recorded an hour after, taken for two weeks', () => {
    expect(reviewTimes(MEETING)).toEqual({
      ask: '2026-12-05T13:00:00.000Z',
      agenda: '2026-12-08T12:30:00.000Z',
      record: '2026-12-08T14:00:00.000Z',
      closes: '2026-12-22T13:00:00.000Z',
    });
    expect(reviewOpen({ reviewMeetingAt: MEETING }, new Date('2026-12-22T12:59:59Z'))).toBe(true);
    expect(reviewOpen({ reviewMeetingAt: MEETING }, new Date('2026-12-22T13:00:00Z'))).toBe(false);
    expect(reviewOpen({ reviewMeetingAt: null }, new Date('2026-12-01T00:00:00Z'))).toBe(false);
  });

  it('has schedules while its moments are ahead, during the hackathon and after its wrap-up', () => {
    const hackathon = aHackathon({ reviewMeetingAt: MEETING, timeZone: 'Europe/Berlin' });
    const kinds = (now: string, status: 'active' | 'ended') =>
      desiredSchedules({ ...hackathon, status }, new Date(now))
        .filter((s) => s.kind.startsWith('review-'))
        .map((s) => [s.slot, s.expression, s.timeZone]);
    expect(kinds('2026-12-01T00:00:00Z', 'ended')).toEqual([
      ['review-ask', 'at(2026-12-05T14:00:00)', 'Europe/Berlin'],
      ['review-agenda', 'at(2026-12-08T13:30:00)', 'Europe/Berlin'],
      ['review-record', 'at(2026-12-08T15:00:00)', 'Europe/Berlin'],
    ]);
    expect(kinds('2026-12-06T00:00:00Z', 'ended').map(([slot]) => slot)).toEqual([
      'review-agenda',
      'review-record',
    ]);
    expect(kinds('2026-12-09T00:00:00Z', 'ended')).toEqual([]);
    expect(kinds('2026-12-01T00:00:00Z', 'active')).toHaveLength(3);
    expect(
      desiredSchedules(
        { ...hackathon, reviewMeetingAt: null, status: 'ended' },
        new Date('2026-12-01T00:00:00Z'),
      ),
    ).toEqual([]);
  });

  it("writes a long agenda over several messages, every topic once, each within Slack's limits", () => {
    const hackathon = aHackathon({ reviewMeetingAt: MEETING });
    const topics = Array.from({ length: 120 }, (_, i) => aTopic(i + 1, `Topic ${i + 1} ${'x'.repeat(80)}`));
    const { pages } = reviewAgendaMessage(hackathon, topics);
    expect(pages.length).toBeGreaterThan(1);
    const text = JSON.stringify(pages);
    for (let n = 1; n <= 120; n++) expect(text.split(`(\`#${n}\`)`).length, `#${n}`).toBe(2);
    for (const page of pages) expect(page.length).toBeLessThanOrEqual(50);
  });
});
