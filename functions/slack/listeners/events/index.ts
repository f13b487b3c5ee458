import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { createBotCheck } from '../../../adapters/slack/bot-users.js';
import { createChannelMemberships } from '../../../adapters/slack/channel-memberships.js';
import { rememberHackathons } from '../../../app/votes.js';
import { HOME_ACTIONS } from '../../views/home-view.js';
import type { ListenerDependencies } from '../dependencies.js';
import { appHomeOpened, homeProposeClicked, homeVoteClicked } from './app-home.js';
import { memberJoinedChannel } from './member-joined.js';
import { reactionChanged } from './votes-by-reaction.js';

/** Reactions on topic cards: votes and interest. Its memory lives as long as the registration (the container). */
export function registerReactionEvents(app: App, deps: ListenerDependencies): void {
  const memory = { isBot: createBotCheck(), recentHackathons: rememberHackathons() };
  for (const type of ['reaction_added', 'reaction_removed'] as const) {
    app.event(type, (args) => reactionChanged(deps, memory, args));
  }
}

/** The Home tab, published each time someone opens it, and its buttons. */
export function registerAppHome(app: App, deps: ListenerDependencies): void {
  const memberships = createChannelMemberships({ now: () => deps.clock().getTime() });
  app.event('app_home_opened', (args) => appHomeOpened(deps, memberships, args));
  app.action<BlockAction<ButtonAction>>(HOME_ACTIONS.propose, (args) => homeProposeClicked(deps, args));
  app.action<BlockAction<ButtonAction>>(HOME_ACTIONS.vote, (args) => homeVoteClicked(deps, args));
}

/** htg invited into a channel: what waited for the invitation is posted. */
export function registerMemberJoined(app: App, deps: ListenerDependencies): void {
  app.event('member_joined_channel', (args) => memberJoinedChannel(deps, args));
}
