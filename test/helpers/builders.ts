import { randomUUID } from 'node:crypto';
import { DEFAULT_CATEGORIES, type Hackathon } from '../../functions/domain/hackathon.js';
import type { Outcome } from '../../functions/domain/outcome.js';
import type { TopicDraft } from '../../functions/domain/topic.js';

/** A valid hackathon; override what a test cares about. */
export function aHackathon(overrides: Partial<Hackathon> = {}): Hackathon {
  const now = '2026-04-01T09:00:00.000Z';
  return {
    id: randomUUID(),
    teamId: 'T0001',
    channelId: `C${randomUUID().replace(/-/g, '').slice(0, 10).toUpperCase()}`,
    name: 'Hack The Garden 05/2026',
    startDate: '2026-05-04',
    endDate: '2026-05-08',
    timeZone: 'Europe/Berlin',
    location: 'Schelklingen',
    organizers: ['U0ORGANIZER'],
    categories: [...DEFAULT_CATEGORIES],
    voteEmoji: 'arrow_up',
    workEmoji: 'rocket',
    votesPerPerson: null,
    teamSize: { min: 1, max: 5 },
    proposalsCloseAt: null,
    votingClosesAt: null,
    status: 'active',
    createdAt: now,
    createdBy: 'U0ORGANIZER',
    updatedAt: now,
    ...overrides,
  };
}

/** A valid topic draft. */
export function aTopicDraft(overrides: Partial<TopicDraft> = {}): TopicDraft {
  return {
    title: 'Replace OpenVPN with WireGuard',
    category: 'Networking',
    kind: 'hacking',
    teamSize: 'medium',
    fastTrack: false,
    description: 'OpenVPN is slow to reconnect.',
    links: ['https://github.com/gardener/hackathon/issues/70'],
    emoji: null,
    ...overrides,
  };
}

/** An empty outcome (every section blank); give the fields a test cares about. */
export function anOutcome(fields: Partial<Outcome> = {}): Outcome {
  return {
    problem: '',
    motivation: '',
    achievements: '',
    nextSteps: '',
    code: [],
    outcome: '',
    contributors: [],
    highlight: '',
    emoji: null,
    updatedBy: 'U0ALICE',
    updatedAt: '2026-11-27T14:00:00.000Z',
    ...fields,
  };
}
