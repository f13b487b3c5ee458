import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import * as z from 'zod/mini';
import { joinTopic, leaveTopic } from '../../../app/teams.js';
import { topicToChange, withdrawTopic } from '../../../app/topics.js';
import { parseMetadata } from '../../forms.js';
import { TOPIC_ACTIONS } from '../../views/topic-card.js';
import { prefillFromTopic, topicModal } from '../../views/topic-modal.js';
import type { ListenerDependencies } from '../dependencies.js';
import { explainFailure } from './explain-failure.js';

const valueSchema = z.object({ h: z.string().check(z.minLength(1)), n: z.int().check(z.positive()) });

/** The buttons on a topic card: join and leave its team, edit and withdraw it. */
export function registerTopicCardActions(app: App, deps: ListenerDependencies): void {
  app.action<BlockAction<ButtonAction>>(TOPIC_ACTIONS.edit, async ({ ack, body, action, client }) => {
    await ack();
    await explainFailure(deps, client, body, async () => {
      const target = parseMetadata(valueSchema, action.value);
      if (!target) return;
      const { hackathon, topic } = await topicToChange(deps, {
        hackathonId: target.h,
        number: target.n,
        userId: body.user.id,
      });
      await client.views.open({
        trigger_id: body.trigger_id,
        view: topicModal(hackathon, prefillFromTopic(topic), topic),
      });
    });
  });

  for (const [actionId, run] of [
    [TOPIC_ACTIONS.join, joinTopic],
    [TOPIC_ACTIONS.leave, leaveTopic],
  ] as const) {
    app.action<BlockAction<ButtonAction>>(actionId, async ({ ack, body, action, client }) => {
      await ack();
      await explainFailure(deps, client, body, async () => {
        const target = parseMetadata(valueSchema, action.value);
        if (!target) return;
        await run(deps, { hackathonId: target.h, number: target.n, userId: body.user.id });
      });
    });
  }

  app.action<BlockAction<ButtonAction>>(TOPIC_ACTIONS.withdraw, async ({ ack, body, action, client }) => {
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
  });
}
