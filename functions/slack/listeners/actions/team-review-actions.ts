import { openModal } from '../../../adapters/slack/replies.js';
import { openTeamReview } from '../../../app/team-review.js';
import { teamReviewModal } from '../../views/team-review-modal.js';
import type { ListenerDependencies } from '../dependencies.js';
import { type ButtonArgs, explainFailure } from './explain-failure.js';

/** **Review and publish teams** in the organizer's report at voting close: opens the team review form. */
export async function teamReviewClicked(
  deps: ListenerDependencies,
  { ack, body, action, client }: ButtonArgs,
): Promise<void> {
  await ack();
  await explainFailure(deps, client, body, async () => {
    if (!action.value) return;
    const review = await openTeamReview(deps, {
      hackathonId: action.value,
      userId: body.user.id,
      now: deps.clock(),
    });
    await openModal(client, body.trigger_id, teamReviewModal(review));
  });
}
