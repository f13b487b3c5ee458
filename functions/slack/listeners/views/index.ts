import type { App, ViewSubmitAction } from '@slack/bolt';
import { ATTENDEES_CALLBACK } from '../../views/attendees-modal.js';
import { BALLOT_CALLBACK } from '../../views/ballot-modal.js';
import { CARRY_OVER_CALLBACK } from '../../views/carry-over-modal.js';
import { HACKATHON_CALLBACKS } from '../../views/hackathon-modal.js';
import { IMPORT_CALLBACKS } from '../../views/import-modals.js';
import { TEAM_REVIEW_CALLBACK } from '../../views/team-review-modal.js';
import { TOPIC_CALLBACKS } from '../../views/topic-modal.js';
import type { ListenerDependencies } from '../dependencies.js';
import { attendeesSubmitted } from './attendees-views.js';
import { ballotSubmitted } from './ballot-views.js';
import { settingsSubmitted, setupSubmitted } from './hackathon-views.js';
import { importConfirmed, importPasted } from './import-views.js';
import { carryOverSubmitted, teamReviewSubmitted } from './team-views.js';
import { proposalSubmitted, topicEditSubmitted } from './topic-views.js';

/** Submissions of the `/htg setup` and `/htg settings` modals. */
export function registerHackathonViews(app: App, deps: ListenerDependencies): void {
  app.view<ViewSubmitAction>(HACKATHON_CALLBACKS.setup, (args) => setupSubmitted(deps, args));
  app.view<ViewSubmitAction>(HACKATHON_CALLBACKS.settings, (args) => settingsSubmitted(deps, args));
}

/** Submissions of the proposal form: a new topic, or an edit. */
export function registerTopicViews(app: App, deps: ListenerDependencies): void {
  app.view<ViewSubmitAction>(TOPIC_CALLBACKS.propose, (args) => proposalSubmitted(deps, args));
  app.view<ViewSubmitAction>(TOPIC_CALLBACKS.edit, (args) => topicEditSubmitted(deps, args));
}

/** `/htg import`: the pasted list becomes a preview; confirming the preview creates the topics. */
export function registerImportViews(app: App, deps: ListenerDependencies): void {
  app.view<ViewSubmitAction>(IMPORT_CALLBACKS.paste, (args) => importPasted(deps, args));
  app.view<ViewSubmitAction>(IMPORT_CALLBACKS.confirm, (args) => importConfirmed(deps, args));
}

/** The `/htg vote` ballot. */
export function registerBallotViews(app: App, deps: ListenerDependencies): void {
  app.view<ViewSubmitAction>(BALLOT_CALLBACK, (args) => ballotSubmitted(deps, args));
}

/** The attendee list form. */
export function registerAttendeeViews(app: App, deps: ListenerDependencies): void {
  app.view<ViewSubmitAction>(ATTENDEES_CALLBACK, (args) => attendeesSubmitted(deps, args));
}

/** The team review (publish) and carry-over forms. */
export function registerTeamViews(app: App, deps: ListenerDependencies): void {
  app.view<ViewSubmitAction>(TEAM_REVIEW_CALLBACK, (args) => teamReviewSubmitted(deps, args));
  app.view<ViewSubmitAction>(CARRY_OVER_CALLBACK, (args) => carryOverSubmitted(deps, args));
}
