import type { App, BlockAction, ButtonAction, ViewSubmitAction } from '@slack/bolt';
import * as z from 'zod/mini';
import { answerCheckIn, checkInToAnswer } from '../../../app/status.js';
import { escapeMrkdwn } from '../../../domain/text.js';
import { FormValues, parseMetadata, viewStateSchema } from '../../forms.js';
import { CHECK_IN_ACTION, CHECK_IN_CALLBACK, checkInModal } from '../../views/schedule-messages.js';
import type { ListenerDependencies } from '../dependencies.js';
import { answerSubmission, notice, staleForm } from '../views/submission.js';
import { explainFailure } from './explain-failure.js';

const targetSchema = z.object({ h: z.string().check(z.minLength(1)), n: z.int().check(z.positive()) });

/** The mid-week check-in: the button in the thread on a team's card, and the form it opens. */
export function registerCheckIn(app: App, deps: ListenerDependencies): void {
  app.action<BlockAction<ButtonAction>>(CHECK_IN_ACTION, async ({ ack, body, action, client }) => {
    await ack();
    await explainFailure(deps, client, body, async () => {
      const target = parseMetadata(targetSchema, action.value);
      if (!target) return;
      const topic = await checkInToAnswer(deps, {
        hackathonId: target.h,
        number: target.n,
        userId: body.user.id,
      });
      await client.views.open({ trigger_id: body.trigger_id, view: checkInModal(topic) });
    });
  });

  app.view<ViewSubmitAction>(CHECK_IN_CALLBACK, async ({ ack, body, view }) => {
    await answerSubmission(ack, deps.logger, 'check-in', async () => {
      const target = parseMetadata(targetSchema, view.private_metadata);
      const state = viewStateSchema.safeParse(view.state.values);
      if (!target || !state.success) throw staleForm();
      const values = new FormValues(state.data);
      const topic = await answerCheckIn(deps, {
        hackathonId: target.h,
        number: target.n,
        userId: body.user.id,
        achieved: values.text('achieved'),
        blockers: values.text('blockers'),
        now: deps.clock(),
      });
      return notice(
        'Check-in saved',
        `Thanks! The check-in of *#${topic.number} ${escapeMrkdwn(topic.title)}* now shows on its card and on the board.`,
      );
    });
  });
}
