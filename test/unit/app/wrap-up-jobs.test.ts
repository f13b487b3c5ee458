import { beforeEach, describe, expect, it } from 'vitest';
import type { WrapUpJob } from '../../../functions/app/ports/jobs.js';
import { wrapUp } from '../../../functions/app/wrap-up.js';
import { postWrapUp, type WrapUpJobDeps } from '../../../functions/app/wrap-up-jobs.js';
import { PermissionError } from '../../../functions/domain/errors.js';
import type { Hackathon } from '../../../functions/domain/hackathon.js';
import { anOutcome } from '../../helpers/builders.js';
import { givenHackathon, givenTopics } from '../../helpers/fakes/given.js';
import {
  peopleNamed,
  recordingChannelAnnouncer,
  recordingWrapUpPublisher,
} from '../../helpers/fakes/slack.js';
import { type InMemoryStores, inMemoryStores, notImplemented } from '../../helpers/fakes/stores.js';

const ORGANIZER = 'U0ORGANIZER';
const WRAP_UP = new Date('2026-05-08T15:00:00.000Z');
const FILES = 'files hack-the-garden-05-2026-wrap-up.md, hack-the-garden-05-2026-topics.md';

let stores: InMemoryStores;
let hackathon: Hackathon;
let channel: ReturnType<typeof recordingChannelAnnouncer>;

beforeEach(async () => {
  stores = inMemoryStores();
  hackathon = await givenHackathon(stores);
  const topics = await givenTopics(stores, hackathon, [{}, {}, {}, {}]);
  const vote = (number: number, userId: string) =>
    stores.votes.add(
      { hackathonId: hackathon.id, number, userId, kind: 'vote', source: 'reaction', at: 1 },
      null,
    );
  for (const userId of ['U0A', 'U0B', 'U0C']) await vote(1, userId);
  await vote(4, 'U0A');
  await vote(4, 'U0B');
  await vote(2, 'U0A');
  const [first, second, , fourth] = topics;
  await stores.teams.join(hackathon.id, 1, 'U0ANNA', 3, true);
  await stores.teams.join(hackathon.id, 2, 'U0BOB', 3, true);
  await stores.teams.join(hackathon.id, 4, 'U0DORA', 3, true);
  if (first) {
    await stores.topics.setStatus(first, 'done', null, 'U0ANNA', '2026-05-07T09:00:00.000Z');
    await stores.topics.setOutcome(first, anOutcome({ highlight: 'Shipped' }), null);
  }
  if (second) await stores.topics.setStatus(second, 'in_progress', null, 'U0BOB', '2026-05-05T09:00:00.000Z');
  if (fourth) await stores.topics.setStatus(fourth, 'paused', null, 'U0DORA', '2026-05-06T09:00:00.000Z');
  // #3 nobody worked on: not in the wrap-up.
  channel = recordingChannelAnnouncer();
});

const endNow = () =>
  wrapUp(stores, { hackathonId: hackathon.id, userId: ORGANIZER, channelId: 'D0ORG', now: WRAP_UP });
const wrapUpJob = () => stores.stored.jobs(hackathon.id).find((job) => job.kind === 'wrap-up') as WrapUpJob;
const depsWith = (slack: ReturnType<typeof recordingWrapUpPublisher>): WrapUpJobDeps => ({
  ...stores,
  wrapUps: slack.wrapUps,
  people: peopleNamed({ U0ANNA: 'Anna' }),
  archive: { export: notImplemented('archive.export') },
  announcer: channel.announcer,
  clock: () => WRAP_UP,
});

describe('wrapping up', () => {
  it('ends the hackathon and records the wrap-up job, once', async () => {
    expect(await endNow()).toMatchObject({ outcome: 'ended', topics: 3, withoutOutcome: 2 });
    expect(await stores.hackathons.get(hackathon.id)).toMatchObject({
      status: 'ended',
      endedAt: WRAP_UP.toISOString(),
    });
    expect(stores.stored.jobs(hackathon.id)).toEqual([
      {
        kind: 'wrap-up',
        hackathonId: hackathon.id,
        requestedBy: ORGANIZER,
        channelId: 'D0ORG',
        requestedAt: WRAP_UP.toISOString(),
      },
    ]);
    expect(await endNow()).toMatchObject({ outcome: 'already-ended' });
    expect(stores.stored.jobs(hackathon.id)).toHaveLength(1);
    // The channel may start its next hackathon.
    expect((await stores.hackathons.findActiveByChannel(hackathon.channelId))?.status).toBe('ended');
  });

  it('is for organizers, unless the schedule does it', async () => {
    await expect(
      wrapUp(stores, { hackathonId: hackathon.id, userId: 'U0ANNA', channelId: 'C0', now: WRAP_UP }),
    ).rejects.toBeInstanceOf(PermissionError);
    expect((await stores.hackathons.get(hackathon.id))?.status).toBe('active');
    await wrapUp(stores, {
      hackathonId: hackathon.id,
      userId: ORGANIZER,
      channelId: 'C0',
      now: WRAP_UP,
      scheduled: true,
    });
    expect((await stores.hackathons.get(hackathon.id))?.status).toBe('ended');
  });
});

describe('the wrap-up job', () => {
  it('posts the highlights, a reply per topic most votes first, the files, then tells the organizer', async () => {
    await endNow();
    const slack = recordingWrapUpPublisher();
    await postWrapUp(depsWith(slack), wrapUpJob());

    const wrapped = (await stores.hackathons.get(hackathon.id))?.wrapUp;
    const thread = `${hackathon.channelId} thread ${wrapped?.ts}`;
    expect(slack.said).toEqual([
      `${hackathon.channelId}: highlights 1/1: #1 #4 #2`,
      `${thread}: #1 Topic 1 1/1`,
      `${thread}: #4 Topic 4 1/1`,
      `${thread}: #2 Topic 2 1/1`,
      `${thread}: ${FILES}`,
      expect.stringMatching(
        /^DM U0ORGANIZER: .*is wrapped up: the highlights and 3 topics are in the channel/,
      ),
    ]);
    expect(wrapped).toMatchObject({ channelId: hackathon.channelId, files: true });
    expect(Object.keys(wrapped?.replies ?? {}).sort()).toEqual(['1', '2', '4']);
  });

  it('after failing halfway through a reply, posts only the pages missing, each once, and tells the organizer once', async () => {
    await endNow();
    // Highlights on two pages; #2's details on two replies.
    const slack = recordingWrapUpPublisher({
      highlightPages: 2,
      replyPages: (topic) => (topic.number === 2 ? 2 : 1),
    });
    const deps = depsWith(slack);
    slack.failAfter(5);
    await expect(postWrapUp(deps, wrapUpJob())).rejects.toThrow('Slack answered 500');
    const halfway = (await stores.hackathons.get(hackathon.id))?.wrapUp;
    expect(halfway).toMatchObject({ files: false });
    expect(Object.keys(halfway?.replies ?? {}).sort()).toEqual(['1', '4']);
    expect(slack.said).toHaveLength(5);

    // The retry (the stream redelivers the job) picks up at #2's second page.
    await postWrapUp(deps, wrapUpJob());
    const thread = `${hackathon.channelId} thread ${halfway?.ts}`;
    expect(slack.said).toEqual([
      `${hackathon.channelId}: highlights 1/2: #1 #4 #2`,
      `${thread}: highlights 2/2: #1 #4 #2`,
      `${thread}: #1 Topic 1 1/1`,
      `${thread}: #4 Topic 4 1/1`,
      `${thread}: #2 Topic 2 1/2`,
      `${thread}: #2 Topic 2 2/2`,
      `${thread}: ${FILES}`,
      expect.stringMatching(/^DM U0ORGANIZER: /),
    ]);
    // #2 is remembered by its first reply, posted by the run that failed.
    const posted = await stores.runs.postedParts(hackathon.id, 'wrap-up');
    expect((await stores.hackathons.get(hackathon.id))?.wrapUp?.replies['2']).toBe(posted['reply#2#0']);
    expect(Object.keys(posted).sort()).toEqual([
      'highlights#page#0',
      'highlights#page#1',
      'reply#1#0',
      'reply#2#0',
      'reply#2#1',
      'reply#4#0',
    ]);

    // A third run finds everything posted: nothing more, nobody told again.
    await postWrapUp(deps, wrapUpJob());
    expect(slack.said).toHaveLength(8);
  });

  it('after failing inside the highlights, continues them in their thread instead of posting them again', async () => {
    await endNow();
    const slack = recordingWrapUpPublisher({ highlightPages: 2 });
    slack.failAfter(1);
    await expect(postWrapUp(depsWith(slack), wrapUpJob())).rejects.toThrow();
    expect((await stores.hackathons.get(hackathon.id))?.wrapUp ?? null).toBeNull();

    await postWrapUp(depsWith(slack), wrapUpJob());
    const ts = (await stores.hackathons.get(hackathon.id))?.wrapUp?.ts;
    expect(slack.said.slice(0, 2)).toEqual([
      `${hackathon.channelId}: highlights 1/2: #1 #4 #2`,
      `${hackathon.channelId} thread ${ts}: highlights 2/2: #1 #4 #2`,
    ]);
    expect(slack.said.filter((line) => line.includes(': highlights '))).toHaveLength(2);
  });

  it('waits for an invitation when the channel refuses it, asking the creator once', async () => {
    await endNow();
    const slack = recordingWrapUpPublisher();
    slack.refuse('not-in-channel');
    await postWrapUp(depsWith(slack), wrapUpJob());
    await postWrapUp(depsWith(slack), wrapUpJob());
    expect(slack.said).toEqual([]);
    expect(channel.said).toEqual([
      `DM ${hackathon.createdBy}: invite the app into ${hackathon.channelId} (not-in-channel)`,
    ]);
    expect((await stores.hackathons.get(hackathon.id))?.waitingForChannel).toEqual({
      since: WRAP_UP.toISOString(),
      reason: 'not-in-channel',
    });
  });
});
