import type { ViewResponseAction } from '@slack/bolt';
import { beforeEach, describe, expect, it } from 'vitest';
import { openTeamReview } from '../../../functions/app/team-review.js';
import type { Hackathon } from '../../../functions/domain/hackathon.js';
import type { SubmissionArgs } from '../../../functions/slack/listeners/views/answer-submission.js';
import { teamReviewSubmitted } from '../../../functions/slack/listeners/views/team-views.js';
import { proposalSubmitted } from '../../../functions/slack/listeners/views/topic-views.js';
import { teamReviewModal } from '../../../functions/slack/views/team-review-modal.js';
import { givenHackathon, givenTopics } from '../../helpers/fakes/given.js';
import { type InMemoryStores, inMemoryStores } from '../../helpers/fakes/stores.js';
import { listenerDeps, recordingAck } from './listener-fakes.js';

const NOW = new Date('2026-04-04T09:00:00.000Z');
const ORGANIZER = 'U0ORGANIZER';

let stores: InMemoryStores;

beforeEach(() => {
  stores = inMemoryStores();
});

/** A text input's state as Slack sends it back (its action_id is `value`, as htg's forms name it). */
const typed = (value: string) => ({ value: { type: 'plain_text_input', value } });
/** A select's or radio button's state: the picked option. */
const picked = (value: string) => ({
  value: {
    type: 'static_select',
    selected_option: { text: { type: 'plain_text' as const, text: value }, value },
  },
});

describe('proposalSubmitted', () => {
  let hackathon: Hackathon;
  beforeEach(async () => {
    hackathon = await givenHackathon(stores);
  });

  /** The proposal form as submitted, with `title` typed into it. */
  const proposalForm = (title: string): SubmissionArgs['view'] => ({
    private_metadata: JSON.stringify({ hackathonId: hackathon.id }),
    blocks: [],
    state: {
      values: {
        title: typed(title),
        category: picked('Networking'),
        kind: picked('hacking'),
      },
    },
  });

  it('answers an empty title with an inline error under the title and stores nothing', async () => {
    const { deps, problems } = listenerDeps(stores, NOW);
    const { ack, calls } = recordingAck<ViewResponseAction>();

    await proposalSubmitted(deps, { ack, body: { user: { id: 'U0ANNA' } }, view: proposalForm('   ') });

    expect(calls).toEqual([{ response_action: 'errors', errors: { title: 'Give the topic a title.' } }]);
    expect(await stores.topics.list(hackathon.id)).toEqual([]);
    expect(problems).toEqual([]);
  });

  it('stores a good proposal and replaces the form with a notice naming its number', async () => {
    const { deps } = listenerDeps(stores, NOW);
    const { ack, calls } = recordingAck<ViewResponseAction>();

    await proposalSubmitted(deps, {
      ack,
      body: { user: { id: 'U0ANNA' } },
      view: proposalForm('Better logs'),
    });

    expect(calls).toEqual([
      {
        response_action: 'update',
        view: expect.objectContaining({ title: expect.objectContaining({ text: 'Proposed #1' }) }),
      },
    ]);
    expect((await stores.topics.list(hackathon.id)).map((topic) => topic.title)).toEqual(['Better logs']);
  });
});

describe('teamReviewSubmitted', () => {
  it('keys an over-full team’s error by its block in the form (team_<n>) and publishes nothing', async () => {
    const hackathon = await givenHackathon(stores, {
      votingClosesAt: '2026-04-03T18:00:00.000Z',
      teamSize: { min: 1, max: 3 },
    });
    await givenTopics(stores, hackathon, [{ teamSize: 'medium' }, { teamSize: 'small' }]);
    const { deps, problems } = listenerDeps(stores, NOW);
    // The form as htg opened it; Slack sends its blocks back with what the organizer picked.
    const form = teamReviewModal(
      await openTeamReview(deps, { hackathonId: hackathon.id, userId: ORGANIZER, now: NOW }),
    );
    const { ack, calls } = recordingAck<ViewResponseAction>();

    await teamReviewSubmitted(deps, {
      ack,
      body: { user: { id: ORGANIZER } },
      view: {
        private_metadata: form.private_metadata ?? '',
        blocks: form.blocks,
        state: {
          values: {
            team_2: {
              members: { type: 'multi_users_select', selected_users: ['U0ANNA', 'U0BOB', 'U0CARL'] },
            },
          },
        },
      },
    });

    // A small topic takes two.
    expect(calls).toEqual([
      { response_action: 'errors', errors: { team_2: '#2 has room for 2, and 3 would be on it.' } },
    ]);
    expect((await stores.hackathons.get(hackathon.id))?.teamsVersion).toBeUndefined();
    expect(problems).toEqual([]);
  });
});
