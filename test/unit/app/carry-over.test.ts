import { beforeEach, describe, expect, it } from 'vitest';
import { announceCarriedOver, carryOver, carryOverCandidates } from '../../../functions/app/carry-over.js';
import type { CarryOverJob } from '../../../functions/app/ports/jobs.js';
import { ConflictError, PermissionError, ValidationError } from '../../../functions/domain/errors.js';
import type { Hackathon } from '../../../functions/domain/hackathon.js';
import type { TopicStatus } from '../../../functions/domain/topic.js';
import { carryOverModal } from '../../../functions/slack/views/carry-over-modal.js';
import { aTopicDraft } from '../../helpers/builders.js';
import { givenHackathon } from '../../helpers/fakes/given.js';
import { recordingCarryOverAnnouncer } from '../../helpers/fakes/slack.js';
import { type InMemoryStores, inMemoryStores } from '../../helpers/fakes/stores.js';

const ORGANIZER = 'U0ORGANIZER';
const NOW = new Date('2026-04-02T09:00:00.000Z');

let stores: InMemoryStores;
let spring: Hackathon;
let autumn: Hackathon;
let current: Hackathon;

/** An earlier hackathon's topics, each with the status it ended with. */
const topicsOf = async (
  hackathon: Hackathon,
  topics: Array<{
    title: string;
    status: Exclude<TopicStatus, 'withdrawn'>;
    category?: string;
    proposerId?: string;
  }>,
) => {
  const created = await stores.topics.createMany(
    hackathon.id,
    topics.map(({ title, category, proposerId }) => ({
      ...aTopicDraft({ title, ...(category ? { category } : {}) }),
      proposerId: proposerId ?? 'U0PAULA',
    })),
    'U0PAULA',
    hackathon.createdAt,
  );
  for (const [i, topic] of created.entries()) {
    const status = topics[i]?.status ?? 'proposed';
    if (status !== 'proposed')
      await stores.topics.setStatus(topic, status, null, ORGANIZER, hackathon.createdAt);
  }
};

beforeEach(async () => {
  stores = inMemoryStores();
  autumn = await givenHackathon(stores, { name: 'Autumn 2025', createdAt: '2025-10-01T09:00:00.000Z' });
  spring = await givenHackathon(stores, { name: 'Spring 2026', createdAt: '2026-01-10T09:00:00.000Z' });
  current = await givenHackathon(stores, { name: 'May 2026', categories: ['Core', 'Networking', 'Other'] });
  const otherWorkspace = await givenHackathon(stores, {
    teamId: 'T0PARTNER',
    createdAt: '2026-02-01T09:00:00.000Z',
  });
  const later = await givenHackathon(stores, { createdAt: '2026-06-01T09:00:00.000Z' });

  await topicsOf(autumn, [{ title: 'Etcd backups', status: 'not_picked', proposerId: 'U0PETER' }]);
  await topicsOf(spring, [
    { title: 'Gardenlinux on ARM', status: 'not_picked', category: 'Networking' },
    { title: 'Dashboard dark mode', status: 'in_progress' },
    { title: 'Replace OpenVPN with WireGuard', status: 'not_picked' },
    { title: 'Legacy cleanup', status: 'not_picked', category: 'Legacy', proposerId: 'U0PIA' },
  ]);
  await topicsOf(otherWorkspace, [{ title: 'Partner secret', status: 'not_picked' }]);
  await topicsOf(later, [{ title: 'From the future', status: 'not_picked' }]);
  // Already here, under a title spelled differently.
  await stores.topics.create(
    current.id,
    aTopicDraft({ title: 'replace OpenVPN with WireGuard!' }),
    'U0X',
    NOW.toISOString(),
  );
});

const carry = (picks: Array<{ hackathonId: string; number: number }>, userId = ORGANIZER) =>
  carryOver(stores, { hackathonId: current.id, userId, picks, now: NOW });
const titlesHere = async () => (await stores.topics.list(current.id)).map((t) => `#${t.number} ${t.title}`);

describe('topics to carry over', () => {
  it('offers topics not picked at the workspace’s earlier hackathons, newest first, without those present here', async () => {
    const { groups } = await carryOverCandidates(stores, { hackathonId: current.id, userId: ORGANIZER });
    expect(
      groups.map(({ from, topics }) => [from.name, topics.map((t) => `#${t.number} ${t.title}`)]),
    ).toEqual([
      ['Spring 2026', ['#1 Gardenlinux on ARM', '#4 Legacy cleanup']],
      ['Autumn 2025', ['#1 Etcd backups']],
    ]);
  });

  it('is for organizers', async () => {
    await expect(
      carryOverCandidates(stores, { hackathonId: current.id, userId: 'U0PAULA' }),
    ).rejects.toBeInstanceOf(PermissionError);
  });
});

describe('carrying topics over', () => {
  it('makes each a topic here with its proposer, text and links, remembering where it came from', async () => {
    const { carried } = await carry([
      { hackathonId: spring.id, number: 1 },
      { hackathonId: spring.id, number: 4 },
    ]);
    expect(carried.map((t) => [t.number, t.title, t.category, t.proposerId, t.status])).toEqual([
      [2, 'Gardenlinux on ARM', 'Networking', 'U0PAULA', 'proposed'],
      // Its category is not one of this hackathon's.
      [3, 'Legacy cleanup', 'Other', 'U0PIA', 'proposed'],
    ]);
    const stored = await stores.topics.get(current.id, 2);
    expect(stored).toMatchObject({
      links: aTopicDraft().links,
      description: aTopicDraft().description,
      carriedFrom: { hackathonId: spring.id, hackathonName: 'Spring 2026', number: 1 },
    });
    expect(stores.stored.jobs(current.id)).toEqual([
      {
        kind: 'carry-over',
        hackathonId: current.id,
        requestedBy: ORGANIZER,
        channelId: current.channelId,
        requestedAt: NOW.toISOString(),
        carried: [
          {
            number: 2,
            proposerId: 'U0PAULA',
            from: { hackathonId: spring.id, hackathonName: 'Spring 2026', number: 1 },
          },
          {
            number: 3,
            proposerId: 'U0PIA',
            from: { hackathonId: spring.id, hackathonName: 'Spring 2026', number: 4 },
          },
        ],
      },
    ]);
    // Not offered any more.
    const { groups } = await carryOverCandidates(stores, { hackathonId: current.id, userId: ORGANIZER });
    expect(groups.map(({ from }) => from.name)).toEqual(['Autumn 2025']);
  });

  it('carries a topic once: a second carry-over of it is refused and adds nothing', async () => {
    await carry([{ hackathonId: spring.id, number: 1 }]);
    await expect(carry([{ hackathonId: spring.id, number: 1 }])).rejects.toBeInstanceOf(ConflictError);
    expect(await titlesHere()).toEqual(['#1 replace OpenVPN with WireGuard!', '#2 Gardenlinux on ARM']);
  });

  it('carries a topic once when two organizers submit at the same moment', async () => {
    const both = await Promise.allSettled([
      carry([{ hackathonId: spring.id, number: 1 }]),
      carry([
        { hackathonId: spring.id, number: 1 },
        { hackathonId: autumn.id, number: 1 },
      ]),
    ]);
    expect(both.map((result) => result.status)).toEqual(['fulfilled', 'rejected']);
    expect(both[1]).toMatchObject({ reason: expect.any(ConflictError) });
    // The refused batch was all or nothing: Autumn's topic, free to go, did not go either.
    const here = (await stores.topics.list(current.id)).filter((t) => t.carriedFrom);
    expect(here.map((t) => t.title)).toEqual(['Gardenlinux on ARM']);
    expect(stores.stored.jobs(current.id)).toHaveLength(1);
  });

  it('refuses an empty pick and topics not offered (another workspace’s, a picked one)', async () => {
    await expect(carry([])).rejects.toBeInstanceOf(ValidationError);
    await expect(carry([{ hackathonId: spring.id, number: 2 }])).rejects.toBeInstanceOf(ConflictError);
    const [partner] = await stores.hackathons.listByTeam('T0PARTNER');
    await expect(carry([{ hackathonId: partner?.id ?? '', number: 1 }])).rejects.toBeInstanceOf(
      ConflictError,
    );
    expect(await titlesHere()).toEqual(['#1 replace OpenVPN with WireGuard!']);
  });
});

describe('telling proposers about their carried-over topics', () => {
  it('tells each proposer once where their topic went', async () => {
    await carry([
      { hackathonId: spring.id, number: 1 },
      { hackathonId: autumn.id, number: 1 },
    ]);
    const [job] = stores.stored.jobs(current.id) as CarryOverJob[];
    const slack = recordingCarryOverAnnouncer();
    const deps = { ...stores, announcer: slack.announcer };
    await announceCarriedOver(deps, job as CarryOverJob);
    await announceCarriedOver(deps, job as CarryOverJob);
    expect(slack.said).toEqual([
      'DM U0PAULA: #1 of Spring 2026 is #2 of May 2026',
      'DM U0PETER: #1 of Autumn 2025 is #3 of May 2026',
    ]);
  });
});

describe('topics still going after their hackathon', () => {
  it('are offered with their follow-up history (not preselected) and carried over keeping it', async () => {
    const dashboard = (await stores.topics.list(spring.id)).find((t) => t.title === 'Dashboard dark mode');
    if (!dashboard) throw new Error('no dashboard topic');
    await stores.topics.setFollowUp(dashboard, {
      state: 'going',
      round: 2,
      by: 'U0ANNA',
      at: '2026-02-01T09:00:00.000Z',
    });
    const { groups } = await carryOverCandidates(stores, { hackathonId: current.id, userId: ORGANIZER });
    expect(groups[0]?.topics.map((t) => `#${t.number} ${t.title}`)).toEqual([
      '#1 Gardenlinux on ARM',
      '#2 Dashboard dark mode',
      '#4 Legacy cleanup',
    ]);
    const modal = JSON.stringify(carryOverModal(current, groups));
    expect(modal).toContain('"description":{"type":"plain_text","text":"still going at 2 weeks"');
    const preselected = (
      carryOverModal(current, groups).blocks[1] as { element: { initial_options: unknown[] } }
    ).element.initial_options;
    expect(JSON.stringify(preselected)).not.toContain('Dashboard dark mode');

    const { carried } = await carry([{ hackathonId: spring.id, number: dashboard.number }]);
    expect(carried[0]?.carriedFrom).toEqual({
      hackathonId: spring.id,
      hackathonName: 'Spring 2026',
      number: 2,
      history: [{ state: 'going', round: 2, by: 'U0ANNA', at: '2026-02-01T09:00:00.000Z' }],
    });
  });

  it('are no longer offered once said to be merged or stopped', async () => {
    const dashboard = (await stores.topics.list(spring.id)).find((t) => t.title === 'Dashboard dark mode');
    if (!dashboard) throw new Error('no dashboard topic');
    const going = { state: 'going', round: 2, by: 'U0ANNA', at: '2026-02-01T09:00:00.000Z' } as const;
    await stores.topics.setFollowUp(dashboard, going);
    await stores.topics.setFollowUp(dashboard, {
      ...going,
      state: 'merged',
      round: 6,
      at: '2026-03-01T09:00:00.000Z',
    });
    const { groups } = await carryOverCandidates(stores, { hackathonId: current.id, userId: ORGANIZER });
    expect(groups[0]?.topics.map((t) => t.title)).not.toContain('Dashboard dark mode');
  });
});
