import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { createChannelMemberships } from '../../../adapters/slack/channel-memberships.js';
import { openBallot } from '../../../app/ballot.js';
import { requireHackathon } from '../../../app/hackathons.js';
import { homeFor } from '../../../app/home.js';
import { assertMayPropose } from '../../../app/topics.js';
import { isSlackUserId } from '../../../domain/outcome.js';
import { ballotModal } from '../../views/ballot-modal.js';
import { HOME_ACTIONS, homeView } from '../../views/home-view.js';
import { topicModal } from '../../views/topic-modal.js';
import { explainFailure } from '../actions/explain-failure.js';
import type { ListenerDependencies } from '../dependencies.js';

/**
 * The Home tab, published each time someone opens it, and its buttons. Which channels the person is in comes
 * from users.conversations (channels:read, groups:read; Tier 2), every page, remembered per person for a few
 * minutes in this container. If Slack will not say, the Home tab shows only what the person may see anyway
 * (hackathons in public channels, and those they organise or are on a team of): never a private channel's
 * hackathon to someone not known to be in it.
 */
export function registerAppHome(app: App, deps: ListenerDependencies): void {
  const memberships = createChannelMemberships({ now: () => deps.clock().getTime() });
  app.event('app_home_opened', async ({ event, body, context, client }) => {
    // A user id as Slack writes it: `U…`, or `W…` on Enterprise Grid; anything else gets no Slack call.
    if (event.tab !== 'home' || !isSlackUserId(event.user)) return;
    // The workspace htg is installed in: Bolt reads it from the event's `authorizations[0].team_id` (App.js
    // buildSource); the envelope's `team_id` would name a shared channel's originating workspace instead
    // (bolt-js #687).
    const teamId = context.teamId ?? (body as { team_id?: string }).team_id ?? '';
    const channels = await memberships.channelsOf(client, event.user).catch((error: unknown) => {
      deps.logger.warn(
        'users.conversations failed; the Home tab shows only public channels’ hackathons and the person’s own',
        error,
      );
      return null;
    });
    const now = deps.clock();
    const entries = await homeFor(deps, { teamId, userId: event.user, channels, now });
    // A Home tab that cannot be published now is published on the next open: no error, or Slack redelivers.
    await client.views
      .publish({ user_id: event.user, view: homeView(entries, now) })
      .catch((error: unknown) => deps.logger.warn('views.publish of the Home tab failed', error));
  });

  app.action<BlockAction<ButtonAction>>(HOME_ACTIONS.propose, async ({ ack, body, action, client }) => {
    await ack();
    await explainFailure(deps, client, body, async () => {
      const hackathon = await requireHackathon(deps.hackathons, action.value ?? '');
      assertMayPropose(hackathon, body.user.id, deps.clock());
      await client.views.open({ trigger_id: body.trigger_id, view: topicModal(hackathon, {}) });
    });
  });

  app.action<BlockAction<ButtonAction>>(HOME_ACTIONS.vote, async ({ ack, body, action, client }) => {
    await ack();
    await explainFailure(deps, client, body, async () => {
      const ballot = await openBallot(deps, action.value ?? '', body.user.id, deps.clock());
      await client.views.open({ trigger_id: body.trigger_id, view: ballotModal(ballot) });
    });
  });
}
