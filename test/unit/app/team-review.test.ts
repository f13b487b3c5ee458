import { beforeEach, describe, expect, it } from 'vitest';
import type { PublishTeamsJob } from '../../../functions/app/ports/jobs.js';
import {
  applyTeams,
  openTeamReview,
  publishTeams,
  refreshRanking,
} from '../../../functions/app/team-review.js';
import { joinTopic } from '../../../functions/app/teams.js';
import { ConflictError, PermissionError, ValidationError } from '../../../functions/domain/errors.js';
import type { Hackathon } from '../../../functions/domain/hackathon.js';
import type { ReviewedTeam } from '../../../functions/domain/team-plan.js';
import { givenHackathon, givenTopics } from '../../helpers/fakes/given.js';
import { recordingTeamAnnouncer } from '../../helpers/fakes/slack.js';
import { type InMemoryStores, inMemoryStores } from '../../helpers/fakes/stores.js';

const ORGANIZER = 'U0ORGANIZER';
const NOW = new Date('2026-04-04T09:00:00.000Z');

let stores: InMemoryStores;
let hackathon: Hackathon;
let slack: ReturnType<typeof recordingTeamAnnouncer>;

beforeEach(async () => {
  stores = inMemoryStores();
  hackathon = await givenHackathon(stores, {
    votingClosesAt: '2026-04-03T18:00:00.000Z',
    teamSize: { min: 1, max: 3 },
  });
  await givenTopics(stores, hackathon, [
    { teamSize: 'medium', proposerId: 'U0PAULA' },
    { teamSize: 'small', proposerId: 'U0PETER' },
    { teamSize: 'large', proposerId: 'U0PIA' },
    { kind: 'discussion', teamSize: null },
  ]);
  slack = recordingTeamAnnouncer();
});

let minute = 0;
/** The organizer submits the review form opened at `expectedVersion`, a minute after the last submission. */
const publish = (reviewed: ReviewedTeam[], expectedVersion = 0, userId = ORGANIZER) =>
  publishTeams(stores, {
    hackathonId: hackathon.id,
    userId,
    expectedVersion,
    reviewed,
    now: new Date(NOW.getTime() + ++minute * 60_000),
  });
const team = (number: number, chosen: string[], shown: string[] = []): ReviewedTeam => ({
  number,
  shown,
  chosen,
});
const publishedJob = (version: number) =>
  stores.stored
    .jobs(hackathon.id)
    .find(
      (job): job is PublishTeamsJob => job.kind === 'publish-teams' && job.version === version,
    ) as PublishTeamsJob;
const apply = (version: number) =>
  applyTeams({ ...stores, announcer: slack.announcer, clock: () => NOW }, publishedJob(version));
const teams = async () =>
  (await stores.topics.list(hackathon.id)).map(
    (t) => `#${t.number} ${t.status} [${(t.members ?? []).join(' ')}]`,
  );
const nothingRecorded = async () => {
  expect((await stores.hackathons.get(hackathon.id))?.teamsVersion).toBeUndefined();
  expect(stores.stored.jobs(hackathon.id)).toEqual([]);
};

describe('opening the team review', () => {
  it('proposes teams from interests, keeping people already on a team', async () => {
    const interest = (number: number, userId: string) =>
      stores.votes.add(
        { hackathonId: hackathon.id, number, userId, kind: 'interest', source: 'reaction', at: 1 },
        null,
      );
    await interest(1, 'U0ANNA');
    await interest(2, 'U0ANNA');
    await interest(2, 'U0BOB');
    await stores.teams.join(hackathon.id, 3, 'U0CARL', 3, true);
    await interest(1, 'U0CARL');

    const review = await openTeamReview(stores, { hackathonId: hackathon.id, userId: ORGANIZER, now: NOW });
    expect(review.version).toBe(0);
    expect(review.proposal.ranking.map((row) => [row.number, row.team])).toEqual([
      [1, ['U0ANNA']],
      [2, ['U0BOB']],
      [3, ['U0CARL']],
      [4, []],
    ]);
    expect(review.interested.get(2)).toEqual(['U0ANNA', 'U0BOB']);
  });
});

describe('publishing reviewed teams', () => {
  it('records the publication with its membership changes, and moves the teams version', async () => {
    const summary = await publish([team(1, ['U0ANNA', 'U0BOB']), team(2, ['U0CARL']), team(3, [])]);
    expect(summary).toEqual({ teams: 2, people: 3, notPicked: [3] });
    expect((await stores.hackathons.get(hackathon.id))?.teamsVersion).toBe(1);
    expect(stores.stored.jobs(hackathon.id)).toEqual([
      {
        kind: 'publish-teams',
        hackathonId: hackathon.id,
        requestedBy: ORGANIZER,
        channelId: hackathon.channelId,
        requestedAt: expect.any(String),
        version: 1,
        topics: [1, 2, 3],
        changes: [
          { number: 1, add: ['U0ANNA', 'U0BOB'], remove: [] },
          { number: 2, add: ['U0CARL'], remove: [] },
        ],
      },
    ]);
    // The job carries it out; nobody is on a team yet, and nobody was told.
    expect(await teams()).toEqual(['#1 proposed []', '#2 proposed []', '#3 proposed []', '#4 proposed []']);
    expect(slack.said).toEqual([]);
  });

  it('is for organizers, once voting has closed', async () => {
    await expect(publish([team(1, ['U0ANNA'])], 0, 'U0ANNA')).rejects.toBeInstanceOf(PermissionError);
    const open = await givenHackathon(stores, { votingClosesAt: null });
    await expect(
      publishTeams(stores, {
        hackathonId: open.id,
        userId: ORGANIZER,
        expectedVersion: 0,
        reviewed: [],
        now: NOW,
      }),
    ).rejects.toBeInstanceOf(ConflictError);
    await nothingRecorded();
  });

  it('refuses a team over its cap inline, counting people who joined since the form was opened', async () => {
    await stores.teams.join(hackathon.id, 2, 'U0DORA', 2, true);
    const refusal = publish([team(2, ['U0CARL', 'U0FRED'])]);
    await expect(refusal).rejects.toBeInstanceOf(ValidationError);
    await expect(refusal).rejects.toMatchObject({
      fields: {
        2: { code: 'team-over-cap', number: 2, cap: 2, size: 3, joinedSince: 1 },
      },
    });
    await nothingRecorded();
  });

  it('refuses someone on two teams under the one-team rule, and a team for a withdrawn topic', async () => {
    const withdrawn = await stores.topics.get(hackathon.id, 3);
    if (withdrawn) await stores.topics.withdraw(withdrawn, 'U0PIA', NOW.toISOString());
    const refusal = publish([team(1, ['U0ANNA']), team(2, ['U0ANNA']), team(3, ['U0BOB'])]);
    await expect(refusal).rejects.toMatchObject({
      fields: {
        2: { code: 'on-several-teams', alsoOn: 1 },
        3: { code: 'team-withdrawn', number: 3 },
      },
    });
    await nothingRecorded();
  });

  it('publishes once when two organizers submit forms opened at the same version', async () => {
    await publish([team(1, ['U0ANNA'])]);
    await expect(publish([team(1, ['U0BOB'])])).rejects.toBeInstanceOf(ConflictError);
    expect(
      stores.stored.jobs(hackathon.id).map((job) => job.kind === 'publish-teams' && job.changes),
    ).toEqual([[{ number: 1, add: ['U0ANNA'], remove: [] }]]);
    expect((await stores.hackathons.get(hackathon.id))?.teamsVersion).toBe(1);
  });
});

describe('carrying a publication out', () => {
  it('puts people on teams, sets statuses, posts the ranking and tells everyone concerned once', async () => {
    await publish([team(1, ['U0ANNA', 'U0BOB']), team(2, ['U0CARL']), team(3, [])]);
    expect(await apply(1)).toBe('applied');

    expect(await teams()).toEqual([
      '#1 in_progress [U0ANNA U0BOB]',
      '#2 in_progress [U0CARL]',
      '#3 not_picked []',
      '#4 proposed []',
    ]);
    expect(stores.stored.statusChanges(hackathon.id)).toEqual([
      expect.objectContaining({ number: 1, from: 'proposed', to: 'in_progress', by: ORGANIZER }),
      expect.objectContaining({ number: 2, from: 'proposed', to: 'in_progress', by: ORGANIZER }),
      expect.objectContaining({ number: 3, from: 'proposed', to: 'not_picked', by: ORGANIZER }),
    ]);
    expect(slack.said).toEqual([
      'DM U0ANNA: you are on #1',
      'DM U0BOB: you are on #1',
      'DM U0CARL: you are on #2',
      'DM U0PIA: #3 was not picked',
      `${hackathon.channelId}: ranking posted with teams 1.#1:0v[U0ANNA U0BOB] 1.#2:0v[U0CARL] 1.#3:0v[] 1.#4:0v[]`,
      'DM U0ORGANIZER: published v1, 2 teams, 3 people, not picked [3]',
    ]);
    const ranking = (await stores.hackathons.get(hackathon.id))?.rankingMessage;
    expect(ranking?.channelId).toBe(hackathon.channelId);

    // A retried or duplicated job converges and tells nobody twice; the ranking message is updated in place.
    slack.said.length = 0;
    expect(await apply(1)).toBe('applied');
    expect(await teams()).toContain('#1 in_progress [U0ANNA U0BOB]');
    expect(slack.said).toEqual([
      `${hackathon.channelId}: ranking updated with teams 1.#1:0v[U0ANNA U0BOB] 1.#2:0v[U0CARL] 1.#3:0v[] 1.#4:0v[]`,
    ]);
    expect((await stores.hackathons.get(hackathon.id))?.rankingMessage).toEqual(ranking);
    expect(stores.stored.statusChanges(hackathon.id)).toHaveLength(3);
    expect(stores.stored.personTeams(hackathon.id, 'U0ANNA')).toBe(1);
  });

  it('keeps one ranking message when another run remembered its own first, brought up to date', async () => {
    // The recount read the hackathon before anything was posted; meanwhile a publication of teams posted its
    // ranking (with the teams) and remembered it first.
    const stale = (await stores.hackathons.get(hackathon.id)) as Hackathon;
    await publish([team(1, ['U0ANNA'])]);
    const theirs = { channelId: hackathon.channelId, ts: '1714000000.000900' };
    await stores.hackathons.setRankingMessage(hackathon.id, theirs);

    await refreshRanking({ ...stores, announcer: slack.announcer, clock: () => NOW }, stale, false);

    expect(slack.said).toEqual([
      expect.stringMatching(new RegExp(`^${hackathon.channelId}: ranking posted `)),
      expect.stringMatching(new RegExp(`^${hackathon.channelId}: ranking \\S+ deleted$`)),
      // Still with the teams: the recount's copy did not know of them, the hackathon does.
      expect.stringMatching(new RegExp(`^${hackathon.channelId}: ranking updated with teams `)),
    ]);
    expect(slack.said[1]).not.toContain(theirs.ts);
    expect((await stores.hackathons.get(hackathon.id))?.rankingMessage).toEqual(theirs);
  });

  it('moves people a later review moved, and keeps people who joined by themselves meanwhile', async () => {
    await publish([team(1, ['U0ANNA', 'U0BOB']), team(2, ['U0CARL']), team(3, [])]);
    await apply(1);
    // Dora joins the not-picked #3 while the organizer reviews again.
    await joinTopic(stores, { hackathonId: hackathon.id, number: 3, userId: 'U0DORA' });
    await publish(
      [team(1, ['U0ANNA'], ['U0ANNA', 'U0BOB']), team(2, ['U0CARL', 'U0BOB'], ['U0CARL']), team(3, [])],
      1,
    );
    slack.said.length = 0;

    expect(await apply(2)).toBe('applied');
    expect(await teams()).toEqual([
      '#1 in_progress [U0ANNA]',
      '#2 in_progress [U0BOB U0CARL]',
      '#3 in_progress [U0DORA]',
      '#4 proposed []',
    ]);
    expect(slack.said.filter((line) => line.startsWith('DM'))).toEqual([
      'DM U0BOB: you are off #1',
      'DM U0BOB: you are on #2',
      'DM U0ORGANIZER: published v2, 3 teams, 4 people, not picked []',
    ]);
    expect(stores.stored.personTeams(hackathon.id, 'U0BOB')).toBe(1);
  });

  it('skips a publication overtaken by a newer one, changing nothing and telling nobody', async () => {
    await publish([team(1, ['U0ANNA'])]);
    await publish([team(1, ['U0BOB'])], 1);

    expect(await apply(1)).toBe('superseded');
    expect(await teams()).toContain('#1 proposed []');
    expect(slack.said).toEqual([]);
    expect(stores.stored.notices(hackathon.id)).toEqual([]);

    expect(await apply(2)).toBe('applied');
    expect(await teams()).toContain('#1 in_progress [U0BOB]');
    expect(slack.said).toContain('DM U0BOB: you are on #1');
    expect(slack.said.join('\n')).not.toContain('U0ANNA');
  });

  it('when the channel refuses the ranking, still tells people, and asks the creator once to invite the app', async () => {
    slack.refuse('not-in-channel');
    await publish([team(1, ['U0ANNA'])]);
    await apply(1);
    await apply(1);
    expect(slack.said).toEqual([
      'DM U0ANNA: you are on #1',
      `DM ${hackathon.createdBy}: invite the app into ${hackathon.channelId} (not-in-channel)`,
      'DM U0ORGANIZER: published v1, 1 teams, 1 people, not picked []',
    ]);
    const after = await stores.hackathons.get(hackathon.id);
    expect(after?.waitingForChannel).toEqual({ since: NOW.toISOString(), reason: 'not-in-channel' });
    expect(after?.rankingMessage ?? null).toBeNull();
  });
});
