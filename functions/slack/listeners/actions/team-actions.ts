import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { openTeamReview } from '../../../app/team-review.js';
import { TEAM_ACTIONS } from '../../views/team-messages.js';
import { teamReviewModal } from '../../views/team-review-modal.js';
import type { ListenerDependencies } from '../dependencies.js';
import { explainFailure } from './explain-failure.js';

/** "Review and publish teams" in the organizer's report at voting close. */
export function registerTeamActions(app: App, deps: ListenerDependencies): void {
  app.action<BlockAction<ButtonAction>>(TEAM_ACTIONS.review, async ({ ack, body, action, client }) => {
    await ack();
    await explainFailure(deps, client, body, async () => {
      if (!action.value) return;
      const review = await openTeamReview(deps, {
        hackathonId: action.value,
        userId: body.user.id,
        now: deps.clock(),
      });
      await client.views.open({ trigger_id: body.trigger_id, view: teamReviewModal(review) });
    });
  });
}
