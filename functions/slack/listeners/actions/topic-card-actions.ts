import type { App, BlockAction, ButtonAction } from '@slack/bolt';
import { z } from 'zod';
import { joinTopic, leaveTopic } from '../../../app/teams.js';
import { topicToChange, withdrawTopic } from '../../../app/topics.js';
import { friendlyText, SOMETHING_WENT_WRONG } from '../../errors.js';
import { parseMetadata } from '../../forms.js';
import { TOPIC_ACTIONS } from '../../views/topic-card.js';
import { prefillFromTopic, topicModal } from '../../views/topic-modal.js';
import type { ListenerDependencies } from '../index.js';

const valueSchema = z.object({ h: z.string().min(1), n: z.number().int().positive() });

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

/** Runs a button's work; if it cannot be done, tells the person who clicked (only them) why. */
async function explainFailure(
  deps: ListenerDependencies,
  client: Parameters<Parameters<App['action']>[1]>[0]['client'],
  body: BlockAction,
  work: () => Promise<void>,
): Promise<void> {
  try {
    await work();
  } catch (error) {
    const friendly = friendlyText(error);
    if (!friendly) deps.logger.error('Card action failed', error);
    const channel = body.channel?.id ?? body.container?.channel_id;
    if (channel) {
      await client.chat
        .postEphemeral({ channel, user: body.user.id, text: friendly ?? SOMETHING_WENT_WRONG })
        .catch((postError: unknown) => deps.logger.warn('Could not explain a failed card action', postError));
    }
  }
}
