import type { App, BlockAction, ButtonAction, ViewSubmitAction } from '@slack/bolt';
import { AGENDA_NEXT_ACTION, PRESENTER_CALLBACK } from '../../views/agenda-messages.js';
import { FOLLOW_UP_ACTION } from '../../views/follow-up-messages.js';
import { OUTCOME_CALLBACK } from '../../views/outcome-modal.js';
import { REVIEW_ACTION, REVIEW_CALLBACK } from '../../views/review-messages.js';
import { CHECK_IN_ACTION, CHECK_IN_CALLBACK } from '../../views/schedule-messages.js';
import { TEAM_ACTIONS } from '../../views/team-messages.js';
import { OUTCOME_ACTION, TOPIC_ACTIONS } from '../../views/topic-card.js';
import type { ListenerDependencies } from '../dependencies.js';
import { agendaNextClicked, presenterClicked, presenterSubmitted } from './agenda-actions.js';
import { checkInClicked, checkInSubmitted } from './check-in-actions.js';
import { followUpClicked } from './follow-up-actions.js';
import { outcomeClicked, outcomeSubmitted } from './outcome-actions.js';
import { reviewClicked, reviewSubmitted } from './review-actions.js';
import { teamReviewClicked } from './team-review-actions.js';
import {
  ballotClicked,
  editTopicClicked,
  joinTeamClicked,
  leaveTeamClicked,
  withdrawTopicClicked,
} from './topic-card-actions.js';

/** The mid-week check-in: the button in the thread on a team's card, and the form it opens. */
export function registerCheckIn(app: App, deps: ListenerDependencies): void {
  app.action<BlockAction<ButtonAction>>(CHECK_IN_ACTION, (args) => checkInClicked(deps, args));
  app.view<ViewSubmitAction>(CHECK_IN_CALLBACK, (args) => checkInSubmitted(deps, args));
}

/** "Add outcome" / "Edit outcome" on a card or the Home tab, and the form it opens. */
export function registerOutcome(app: App, deps: ListenerDependencies): void {
  // The card's button and the Home tab's (one per topic, `topic_outcome:<number>`).
  app.action<BlockAction<ButtonAction>>({ type: 'block_actions', action_id: OUTCOME_ACTION }, (args) =>
    outcomeClicked(deps, args),
  );
  app.view<ViewSubmitAction>(OUTCOME_CALLBACK, (args) => outcomeSubmitted(deps, args));
}

/** What becomes of a topic after the hackathon: the button on its card's thread and in the organizers' message. */
export function registerReview(app: App, deps: ListenerDependencies): void {
  app.action<BlockAction<ButtonAction>>({ type: 'block_actions', action_id: REVIEW_ACTION }, (args) =>
    reviewClicked(deps, args),
  );
  app.view<ViewSubmitAction>(REVIEW_CALLBACK, (args) => reviewSubmitted(deps, args));
}

/** The answers of a follow-up's direct message: still going, merged, stopped. */
export function registerFollowUp(app: App, deps: ListenerDependencies): void {
  app.action<BlockAction<ButtonAction>>({ type: 'block_actions', action_id: FOLLOW_UP_ACTION }, (args) =>
    followUpClicked(deps, args),
  );
}

/** **Start** / **Next** under a meeting's agenda (organizers), and **Presenter** on a team's card with its form. */
export function registerAgenda(app: App, deps: ListenerDependencies): void {
  app.action<BlockAction<ButtonAction>>(AGENDA_NEXT_ACTION, (args) => agendaNextClicked(deps, args));
  app.action<BlockAction<ButtonAction>>(TOPIC_ACTIONS.presenter, (args) => presenterClicked(deps, args));
  app.view<ViewSubmitAction>(PRESENTER_CALLBACK, (args) => presenterSubmitted(deps, args));
}

/** "Review and publish teams" in the organizer's report at voting close. */
export function registerTeamActions(app: App, deps: ListenerDependencies): void {
  app.action<BlockAction<ButtonAction>>(TEAM_ACTIONS.review, (args) => teamReviewClicked(deps, args));
}

/** The buttons on a topic card: join and leave its team, edit and withdraw it. */
export function registerTopicCardActions(app: App, deps: ListenerDependencies): void {
  app.action<BlockAction<ButtonAction>>(TOPIC_ACTIONS.edit, (args) => editTopicClicked(deps, args));
  app.action<BlockAction<ButtonAction>>(TOPIC_ACTIONS.ballot, (args) => ballotClicked(deps, args));
  app.action<BlockAction<ButtonAction>>(TOPIC_ACTIONS.join, (args) => joinTeamClicked(deps, args));
  app.action<BlockAction<ButtonAction>>(TOPIC_ACTIONS.leave, (args) => leaveTeamClicked(deps, args));
  app.action<BlockAction<ButtonAction>>(TOPIC_ACTIONS.withdraw, (args) => withdrawTopicClicked(deps, args));
}
