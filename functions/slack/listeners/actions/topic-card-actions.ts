import * as z from 'zod/mini';
import { openModal } from '../../../adapters/slack/replies.js';
import { joinTopic, leaveTopic } from '../../../app/teams.js';
import { topicToChange, withdrawTopic } from '../../../app/topics.js';
import { parseMetadata } from '../../forms.js';
import { prefillFromTopic, topicModal } from '../../views/topic-modal.js';
import type { ListenerDependencies } from '../dependencies.js';
import { type ButtonArgs, explainFailure } from './explain-failure.js';

const valueSchema = z.object({ h: z.string().check(z.minLength(1)), n: z.int().check(z.positive()) });

/** **Edit** on a card: opens the proposal form, prefilled with the topic. */
export async function editTopicClicked(
  deps: ListenerDependencies,
  { ack, body, action, client }: ButtonArgs,
): Promise<void> {
  await ack();
  await explainFailure(deps, client, body, async () => {
    const target = parseMetadata(valueSchema, action.value);
    if (!target) return;
    const { hackathon, topic } = await topicToChange(deps, {
      hackathonId: target.h,
      number: target.n,
      userId: body.user.id,
    });
    await openModal(client, body.trigger_id, topicModal(hackathon, prefillFromTopic(topic), topic));
  });
}

/** **Join team** on a card. The card shows the team once it is refreshed; a refusal is explained. */
export async function joinTeamClicked(
  deps: ListenerDependencies,
  { ack, body, action, client }: ButtonArgs,
): Promise<void> {
  await ack();
  await explainFailure(deps, client, body, async () => {
    const target = parseMetadata(valueSchema, action.value);
    if (!target) return;
    await joinTopic(deps, { hackathonId: target.h, number: target.n, userId: body.user.id });
  });
}

/** **Leave team** on a card. */
export async function leaveTeamClicked(
  deps: ListenerDependencies,
  { ack, body, action, client }: ButtonArgs,
): Promise<void> {
  await ack();
  await explainFailure(deps, client, body, async () => {
    const target = parseMetadata(valueSchema, action.value);
    if (!target) return;
    await leaveTopic(deps, { hackathonId: target.h, number: target.n, userId: body.user.id });
  });
}

/** **Withdraw** on a card: the topic is marked withdrawn, nothing is deleted. */
export async function withdrawTopicClicked(
  deps: ListenerDependencies,
  { ack, body, action, client }: ButtonArgs,
): Promise<void> {
  await ack();
  await explainFailure(deps, client, body, async () => {
    const target = parseMetadata(valueSchema, action.value);
    if (!target) return;
    await withdrawTopic(deps, {
      hackathonId: target.h,
      number: target.n,
      userId: body.user.id,
      now: deps.clock(),
    });
  });
}
