import type { App } from '@slack/bolt';
import { registerCheckIn } from './actions/check-in-actions.js';
import { registerOutcome } from './actions/outcome-actions.js';
import { registerTeamActions } from './actions/team-actions.js';
import { registerTopicCardActions } from './actions/topic-card-actions.js';
import { hackathonSubcommands } from './commands/hackathon-commands.js';
import { registerHtgCommand } from './commands/htg-command.js';
import { statusSubcommands } from './commands/status-commands.js';
import { teamSubcommands } from './commands/team-commands.js';
import { topicSubcommands } from './commands/topic-commands.js';
import { voteSubcommands } from './commands/vote-commands.js';
import { wrapUpSubcommands } from './commands/wrapup-commands.js';
import type { ListenerDependencies } from './dependencies.js';
import { registerAppHome } from './events/app-home.js';
import { registerMemberJoined } from './events/member-joined.js';
import { registerReactionEvents } from './events/reactions.js';
import { registerAttendeeViews } from './views/attendees-views.js';
import { registerBallotViews } from './views/ballot-views.js';
import { registerHackathonViews } from './views/hackathon-views.js';
import { registerImportViews } from './views/import-views.js';
import { registerTeamViews } from './views/team-views.js';
import { registerTopicViews } from './views/topic-views.js';

export type { ListenerDependencies } from './dependencies.js';

/** Registers every listener on a Bolt app; shared by the Lambda ingress and the local Socket Mode runtime. */
export function registerListeners(app: App, deps: ListenerDependencies): void {
  registerHtgCommand(app, deps, [
    ...hackathonSubcommands,
    ...topicSubcommands,
    ...voteSubcommands,
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
  registerOutcome(app, deps);
  registerAppHome(app, deps);
  registerMemberJoined(app, deps);
}
