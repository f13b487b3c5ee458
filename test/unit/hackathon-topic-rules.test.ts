import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../functions/domain/errors.js';
import {
  DEFAULT_CATEGORIES,
  fallbackCategory,
  isTimeZone,
  proposalsOpen,
  validateHackathonSettings,
} from '../../functions/domain/hackathon.js';
import { canChangeTopic, titleKey, validateTopicDraft } from '../../functions/domain/topic.js';
import { fieldErrors as inlineErrors } from '../../functions/slack/messages.js';

/** The inline errors a person would see under each field (the domain's problems in the edge's words). */
function fieldErrors(run: () => unknown): Record<string, string> {
  try {
    run();
  } catch (error) {
    if (error instanceof ValidationError) return inlineErrors(error);
    throw error;
  }
  throw new Error('expected a ValidationError');
}

const validSettings = {
  name: 'Hack The Garden 05/2026',
  startDate: '2026-05-04',
  endDate: '2026-05-08',
  timeZone: 'Europe/Berlin',
  categories: DEFAULT_CATEGORIES.join('\n'),
};

describe('validateHackathonSettings', () => {
  it('applies the defaults: vote and work emoji, unlimited votes, team size 1–5, creator as organizer', () => {
    const settings = validateHackathonSettings(
      { ...validSettings, organizers: ['U2', 'U1', 'not-a-user'] },
      'U1',
    );
    expect(settings).toMatchObject({
      voteEmoji: 'arrow_up',
      workEmoji: 'rocket',
      votesPerPerson: null,
      teamSize: { min: 1, max: 5 },
      organizers: ['U1', 'U2'],
      categories: [...DEFAULT_CATEGORIES],
      location: null,
    });
  });

  it('normalises emoji names, categories and instants', () => {
    const settings = validateHackathonSettings(
      {
        ...validSettings,
        categories: 'Core\n- Extensions\ncore\n\n',
        voteEmoji: ':Thumbsup:',
        votesPerPerson: '5',
        proposalsCloseAt: '2026-04-20T10:00:00+02:00',
        votingClosesAt: '2026-04-30T10:00:00Z',
      },
      'U1',
    );
    expect(settings.categories).toEqual(['Core', 'Extensions']);
    expect(settings.voteEmoji).toBe('+1');
    expect(settings.votesPerPerson).toBe(5);
    expect(settings.proposalsCloseAt).toBe('2026-04-20T08:00:00.000Z');
  });

  it('reports every problem at once, per field', () => {
    expect(
      fieldErrors(() =>
        validateHackathonSettings(
          {
            name: ' ',
            startDate: '2026-05-08',
            endDate: '2026-05-04',
            timeZone: 'Mars/Olympus',
            categories: '',
            voteEmoji: 'rocket',
            workEmoji: 'rocket',
            votesPerPerson: '0',
            teamSizeMin: '4',
            teamSizeMax: '2',
            proposalsCloseAt: '2026-05-01T00:00:00Z',
            votingClosesAt: '2026-04-01T00:00:00Z',
          },
          'U1',
        ),
      ),
    ).toEqual({
      name: expect.stringContaining('name'),
      endDate: 'The hackathon cannot end before it starts.',
      timeZone: expect.stringContaining('IANA'),
      categories: expect.stringContaining('at least one'),
      workEmoji: expect.stringContaining('different'),
      votesPerPerson: expect.any(String),
      teamSizeMax: 'The maximum cannot be below the minimum.',
      votingClosesAt: 'Voting cannot close before proposals close.',
    });
  });

  it('rejects impossible dates', () => {
    expect(
      fieldErrors(() => validateHackathonSettings({ ...validSettings, startDate: '2026-02-30' }, 'U1')),
    ).toHaveProperty('startDate');
  });
});

describe('hackathon rules', () => {
  it('knows IANA time zones', () => {
    expect(isTimeZone('Europe/Berlin')).toBe(true);
    expect(isTimeZone('UTC')).toBe(true);
    expect(isTimeZone('Europe/Atlantis')).toBe(false);
    expect(isTimeZone('')).toBe(false);
  });

  it('keeps proposals open until they close, and never after the hackathon ended', () => {
    const now = new Date('2026-04-20T00:00:00Z');
    expect(proposalsOpen({ status: 'active', proposalsCloseAt: null }, now)).toBe(true);
    expect(proposalsOpen({ status: 'active', proposalsCloseAt: '2026-04-21T00:00:00Z' }, now)).toBe(true);
    expect(proposalsOpen({ status: 'active', proposalsCloseAt: '2026-04-19T00:00:00Z' }, now)).toBe(false);
    expect(proposalsOpen({ status: 'ended', proposalsCloseAt: null }, now)).toBe(false);
  });

  it('files unassigned topics under Other, or the last category', () => {
    expect(fallbackCategory(['Core', 'other', 'Security'])).toBe('other');
    expect(fallbackCategory(['Core', 'Security'])).toBe('Security');
  });
});

describe('validateTopicDraft', () => {
  const categories = ['Core', 'Extensions', 'Other'];

  it('accepts a full proposal and normalises it', () => {
    expect(
      validateTopicDraft(
        {
          title: '  Replace   OpenVPN with WireGuard ',
          category: 'core',
          kind: 'hacking',
          teamSize: 'medium',
          fastTrack: true,
          description: 'Problem\r\nand motivation',
          links:
            'https://github.com/gardener/hackathon/issues/70\n\nhttps://github.com/gardener/hackathon/issues/70',
        },
        categories,
      ),
    ).toEqual({
      title: 'Replace OpenVPN with WireGuard',
      category: 'Core',
      kind: 'hacking',
      teamSize: 'medium',
      fastTrack: true,
      description: 'Problem\nand motivation',
      links: ['https://github.com/gardener/hackathon/issues/70'],
      emoji: null,
    });
  });

  it('reports empty and over-long fields, bad links and unknown categories', () => {
    expect(
      fieldErrors(() =>
        validateTopicDraft(
          {
            title: '',
            category: 'Gaming',
            kind: 'party',
            teamSize: 'huge',
            description: 'x'.repeat(3001),
            links: 'github.com/x',
          },
          categories,
        ),
      ),
    ).toEqual({
      title: 'Give the topic a title.',
      category: "Pick one of the hackathon's categories: Core, Extensions, Other.",
      kind: expect.any(String),
      teamSize: expect.any(String),
      description: 'Keep the description under 3000 characters (it has 3001).',
      links: expect.stringContaining('"github.com/x" is not a web address'),
    });
    expect(
      fieldErrors(() => validateTopicDraft({ title: 't'.repeat(151), category: 'Core' }, categories)),
    ).toEqual({
      title: 'Keep the title under 150 characters (it has 151).',
    });
    expect(
      fieldErrors(() =>
        validateTopicDraft({ title: 'x', category: 'Core', links: 'javascript:alert(1)' }, categories),
      ),
    ).toHaveProperty('links');
  });

  it('lets the proposer and organizers change a topic, nobody else', () => {
    expect(canChangeTopic({ proposerId: 'U1' }, ['U9'], 'U1')).toBe(true);
    expect(canChangeTopic({ proposerId: 'U1' }, ['U9'], 'U9')).toBe(true);
    expect(canChangeTopic({ proposerId: 'U1' }, ['U9'], 'U2')).toBe(false);
  });

  it('compares titles without case, spacing or punctuation', () => {
    expect(titleKey('Air-gapped  Clusters!')).toBe(titleKey('air gapped clusters'));
  });
});
