import { openModal } from '../../../adapters/slack/replies.js';
import { joinTopic, leaveTopic } from '../../../app/teams.js';
import { topicToChange, withdrawTopic } from '../../../app/topics.js';
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
