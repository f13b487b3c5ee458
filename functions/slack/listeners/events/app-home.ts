import type { WebClient } from '@slack/web-api';
import type { ChannelMemberships } from '../../../adapters/slack/channel-memberships.js';
import { openModal, publishHome } from '../../../adapters/slack/replies.js';
import { openBallot } from '../../../app/ballot.js';
import { requireHackathon } from '../../../app/hackathons.js';
import { homeFor } from '../../../app/home.js';
import { assertMayPropose } from '../../../app/topics.js';
import { isSlackUserId } from '../../../domain/outcome.js';
import { ballotModal } from '../../views/ballot-modal.js';
import { homeView } from '../../views/home-view.js';
import { topicModal } from '../../views/topic-modal.js';
import { type ButtonArgs, explainFailure } from '../actions/explain-failure.js';
import type { ListenerDependencies } from '../dependencies.js';

/** What the Home tab's callback reads of Bolt's `app_home_opened` arguments. */
export interface HomeOpenedArgs {
  event: { tab?: string | undefined; user: string };
  body: { team_id?: string | undefined };
  context: { teamId?: string | undefined };
  /** Bolt's per-request client: it reads the person's channels and publishes the tab. */
  client: WebClient;
}

/**
 * The Home tab, published each time someone opens it. Which channels the person is in comes from
 * users.conversations (channels:read, groups:read; Tier 2), every page, remembered per person for a few minutes
 * in this container (`memberships`, created once per registration). If Slack will not say, the Home tab shows
 * only what the person may see anyway (hackathons in public channels, and those they organise or are on a team
 * of): never a private channel's hackathon to someone not known to be in it.
 */
export async function appHomeOpened(
  deps: ListenerDependencies,
  memberships: ChannelMemberships,
  { event, body, context, client }: HomeOpenedArgs,
): Promise<void> {
  // A user id as Slack writes it: `U…`, or `W…` on Enterprise Grid; anything else gets no Slack call.
  if (event.tab !== 'home' || !isSlackUserId(event.user)) return;
  // The workspace htg is installed in: Bolt reads it from the event's `authorizations[0].team_id` (App.js
  // buildSource); the envelope's `team_id` would name a shared channel's originating workspace instead
  // (bolt-js #687).
  const teamId = context.teamId ?? body.team_id ?? '';
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
  await publishHome(client, event.user, homeView(entries, now)).catch((error: unknown) =>
    deps.logger.warn('views.publish of the Home tab failed', error),
  );
}

/** **Propose a topic** on the Home tab: opens the proposal form for that hackathon. */
export async function homeProposeClicked(
  deps: ListenerDependencies,
  { ack, body, action, client }: ButtonArgs,
): Promise<void> {
  await ack();
  await explainFailure(deps, client, body, async () => {
    const hackathon = await requireHackathon(deps.hackathons, action.value ?? '');
    assertMayPropose(hackathon, body.user.id, deps.clock());
    await openModal(client, body.trigger_id, topicModal(hackathon, {}));
  });
}

/** **Vote** on the Home tab: opens that hackathon's ballot. */
export async function homeVoteClicked(
  deps: ListenerDependencies,
  { ack, body, action, client }: ButtonArgs,
): Promise<void> {
  await ack();
  await explainFailure(deps, client, body, async () => {
    const ballot = await openBallot(deps, action.value ?? '', body.user.id, deps.clock());
    await openModal(client, body.trigger_id, ballotModal(ballot));
  });
}
