import { openModal } from '../../../adapters/slack/replies.js';
import { openBallot } from '../../../app/ballot.js';
import { joinTopic, leaveTopic } from '../../../app/teams.js';
import { topicToChange, withdrawTopic } from '../../../app/topics.js';
import { ballotModal } from '../../views/ballot-modal.js';
import { prefillFromTopic, topicModal } from '../../views/topic-modal.js';
import type { ListenerDependencies } from '../dependencies.js';
import { type ButtonArgs, onTopicButton } from './explain-failure.js';

/** **Edit** on a card: opens the proposal form, prefilled with the topic. */
export async function editTopicClicked(deps: ListenerDependencies, args: ButtonArgs): Promise<void> {
  await onTopicButton(deps, args, async (target) => {
    const { hackathon, topic } = await topicToChange(deps, target);
    await openModal(args.client, args.body.trigger_id, topicModal(hackathon, prefillFromTopic(topic), topic));
  });
}

/**
 * **Vote in private** on a card (while counts are hidden): opens the same ballot as `/htg vote`, which nobody
 * else sees, unlike a reaction. Voting closed is explained to the person who clicked.
 */
export async function ballotClicked(deps: ListenerDependencies, args: ButtonArgs): Promise<void> {
  await onTopicButton(deps, args, async (target) => {
    const ballot = await openBallot(deps, target.hackathonId, target.userId, deps.clock());
    await openModal(args.client, args.body.trigger_id, ballotModal(ballot));
  });
}

/** **Join team** on a card. The card shows the team once it is refreshed; a refusal is explained. */
export async function joinTeamClicked(deps: ListenerDependencies, args: ButtonArgs): Promise<void> {
  await onTopicButton(deps, args, async (target) => {
    await joinTopic(deps, target);
  });
}

/** **Leave team** on a card. */
export async function leaveTeamClicked(deps: ListenerDependencies, args: ButtonArgs): Promise<void> {
  await onTopicButton(deps, args, async (target) => {
    await leaveTopic(deps, target);
  });
}

/** **Withdraw** on a card: the topic is marked withdrawn, nothing is deleted. */
export async function withdrawTopicClicked(deps: ListenerDependencies, args: ButtonArgs): Promise<void> {
  await onTopicButton(deps, args, async (target) => {
    await withdrawTopic(deps, { ...target, now: deps.clock() });
  });
}
