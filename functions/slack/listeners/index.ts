import type { App } from '@slack/bolt';
import {
  registerAgenda,
  registerCheckIn,
  registerFollowUp,
  registerOutcome,
  registerReview,
  registerTeamActions,
  registerTopicCardActions,
} from './actions/index.js';
import { gitHubSubcommands } from './commands/github-commands.js';
import { hackathonSubcommands } from './commands/hackathon-commands.js';
import { registerHtgCommand } from './commands/index.js';
import { statusSubcommands } from './commands/status-commands.js';
import { teamSubcommands } from './commands/team-commands.js';
import { topicSubcommands } from './commands/topic-commands.js';
import { voteSubcommands } from './commands/vote-commands.js';
import { wrapUpSubcommands } from './commands/wrapup-commands.js';
import type { ListenerDependencies } from './dependencies.js';
import { registerAppHome, registerMemberJoined, registerReactionEvents } from './events/index.js';
import {
  registerAttendeeViews,
  registerBallotViews,
  registerHackathonViews,
  registerImportViews,
  registerTeamViews,
  registerTopicViews,
} from './views/index.js';

export type { ListenerDependencies } from './dependencies.js';

/**
 * Registers every listener on a Bolt app; shared by the Lambda ingress and the local Socket Mode runtime. Each
 * folder's index.ts registers the callbacks its files export (named, so tests call them directly).
 */
export function registerListeners(app: App, deps: ListenerDependencies): void {
  registerHtgCommand(app, deps, [
    ...hackathonSubcommands,
    ...topicSubcommands,
    ...voteSubcommands,
    ...gitHubSubcommands,
    ...teamSubcommands,
    ...statusSubcommands,
    ...wrapUpSubcommands,
  ]);
  registerHackathonViews(app, deps);
  registerTopicViews(app, deps);
  registerImportViews(app, deps);
  registerTopicCardActions(app, deps);
  registerReactionEvents(app, deps);
  registerBallotViews(app, deps);
  registerAttendeeViews(app, deps);
  registerTeamActions(app, deps);
  registerTeamViews(app, deps);
  registerCheckIn(app, deps);
  registerReview(app, deps);
  registerFollowUp(app, deps);
  registerAgenda(app, deps);
  registerOutcome(app, deps);
  registerAppHome(app, deps);
  registerMemberJoined(app, deps);
}
