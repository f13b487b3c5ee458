import { describe, expect, it } from 'vitest';
import { HOME_HACKATHONS_MAX, type HomeEntry, phaseOf } from '../../functions/app/home.js';
import type { Topic } from '../../functions/domain/topic.js';
import { homeView } from '../../functions/slack/views/home-view.js';
import { aHackathon, anOutcome, aTopicDraft } from '../helpers/builders.js';

const now = new Date('2026-11-25T10:00:00Z');
const topic = (number: number, fields: Partial<Topic> = {}): Topic => ({
  ...aTopicDraft({ title: `${'A long topic title '.repeat(8)}${number}`.slice(0, 150) }),
  hackathonId: 'h',
  number,
  proposerId: 'U0PROP',
  status: 'in_progress',
  card: null,
  voteCount: number,
  interestCount: 0,
  createdAt: '2026-11-01T00:00:00Z',
  updatedAt: '2026-11-01T00:00:00Z',
  updatedBy: 'U0PROP',
  withdrawnAt: null,
  members: ['U0ME', 'U0YOU'],
  ...fields,
});

describe('phaseOf', () => {
  const base = aHackathon({ startDate: '2026-11-23', endDate: '2026-11-27', timeZone: 'Europe/Berlin' });
  it('follows a hackathon from proposals to the wrap-up', () => {
    expect(phaseOf({ ...base, proposalsCloseAt: '2026-11-26T00:00:00Z' }, now).kind).toBe('proposals');
    expect(phaseOf({ ...base, votingClosesAt: '2026-11-26T00:00:00Z' }, now)).toEqual({
      kind: 'voting',
      until: '2026-11-26T00:00:00Z',
    });
    expect(
      phaseOf(
        { ...base, votingClosesAt: '2026-11-20T00:00:00Z', startDate: '2026-11-30', endDate: '2026-12-04' },
        now,
      ).kind,
    ).toBe('teams');
    expect(phaseOf({ ...base, votingClosesAt: '2026-11-20T00:00:00Z' }, now)).toEqual({
      kind: 'running',
      until: '2026-11-27T14:00:00.000Z',
    });
    expect(phaseOf({ ...base, status: 'ended' }, now).kind).toBe('ended');
  });
});

describe('homeView', () => {
  it('stays within Slack’s 100 blocks and 3,000 characters with as many hackathons as it shows', () => {
    const entries: HomeEntry[] = Array.from({ length: HOME_HACKATHONS_MAX }, (_, i) => ({
      hackathon: aHackathon({
        name: `Hack The Garden ${i} ${'x'.repeat(80)}`,
        votingClosesAt: '2026-11-26T00:00:00Z',
      }),
      phase: { kind: 'voting', until: '2026-11-26T00:00:00Z' },
      votes: Array.from({ length: 30 }, (_, n) => topic(n + 1)),
      votesLeft: 0,
      teams: [topic(1, { outcome: anOutcome({ highlight: 'done' }) }), topic(2), topic(3), topic(4)],
      lookingForPeople: Array.from({ length: 5 }, (_, n) => topic(n + 10)),
    }));
    const view = homeView(entries, now);
    expect(view.type).toBe('home');
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    for (const block of view.blocks as Array<{ text?: { text: string }; elements?: unknown[] }>) {
      expect(block.text?.text.length ?? 0).toBeLessThanOrEqual(3000);
      expect(block.elements?.length ?? 0).toBeLessThanOrEqual(25);
    }
    const shown = JSON.stringify(view.blocks);
    expect(shown).toContain('Edit outcome #1');
    expect(shown).toContain('Add outcome #2');
    expect(shown).toContain('· 0 left');
  });

  it('welcomes someone with no hackathon yet', () => {
    expect(JSON.stringify(homeView([], now).blocks)).toContain(
      'An organizer sets one up in a channel with `/htg setup`',
    );
  });
});
