import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { openBallot } from '../../../app/ballot.js';
import { requireHackathon } from '../../../app/hackathons.js';
import { homeFor } from '../../../app/home.js';
import { assertMayPropose } from '../../../app/topics.js';
import { ballotModal } from '../../views/ballot-modal.js';
import { HOME_ACTIONS, homeView } from '../../views/home-view.js';
import { topicModal } from '../../views/topic-modal.js';
import { explainFailure } from '../actions/explain-failure.js';
import type { ListenerDependencies } from '../index.js';

/**
 * The Home tab, published each time someone opens it, and its buttons. Which channels the person is in comes
 * from users.conversations (channels:read, groups:read); if Slack will not say, every active hackathon of the
 * workspace is shown.
 */
export function registerAppHome(app: App, deps: ListenerDependencies): void {
  app.event('app_home_opened', async ({ event, body, client }) => {
    if (event.tab !== 'home') return;
    const teamId = (body as { team_id?: string }).team_id ?? '';
    const channels = await client.users
      .conversations({
        user: event.user,
        types: 'public_channel,private_channel',
        exclude_archived: true,
        limit: 1000,
      })
      .then((answer) => new Set((answer.channels ?? []).flatMap((c) => (c.id ? [c.id] : []))))
      .catch((error: unknown) => {
        deps.logger.warn('users.conversations failed; the Home tab shows every active hackathon', error);
        return null;
      });
    const now = deps.clock();
    const entries = await homeFor(deps, { teamId, userId: event.user, channels, now });
    await client.views.publish({ user_id: event.user, view: homeView(entries, now) });
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
