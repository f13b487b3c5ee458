import type { App, BlockAction, ButtonAction, ViewSubmitAction } from '@slack/bolt';
import * as z from 'zod/mini';
import { outcomeToEdit, saveOutcome } from '../../../app/outcomes.js';
import { escapeMrkdwn } from '../../../domain/text.js';
import { FormValues, parseMetadata, viewStateSchema } from '../../forms.js';
import { OUTCOME_CALLBACK, outcomeModal } from '../../views/outcome-modal.js';
import { OUTCOME_ACTION } from '../../views/topic-card.js';
import type { ListenerDependencies } from '../dependencies.js';
import { answerSubmission, notice, staleForm } from '../views/submission.js';
import { explainFailure } from './explain-failure.js';

const targetSchema = z.object({ h: z.string().check(z.minLength(1)), n: z.int().check(z.positive()) });
const metadataSchema = z.extend(targetSchema, { v: z.nullable(z.string()) });

/** "Add outcome" / "Edit outcome" on a card or the Home tab, and the form it opens. */
export function registerOutcome(app: App, deps: ListenerDependencies): void {
  // The card's button and the Home tab's (one per topic, `topic_outcome:<number>`).
  app.action<BlockAction<ButtonAction>>(
    { type: 'block_actions', action_id: OUTCOME_ACTION },
    async ({ ack, body, action, client }) => {
      await ack();
      await explainFailure(deps, client, body, async () => {
        const target = parseMetadata(targetSchema, action.value);
        if (!target) return;
        const { topic, draft, version } = await outcomeToEdit(deps, {
          hackathonId: target.h,
          number: target.n,
          userId: body.user.id,
        });
        await client.views.open({ trigger_id: body.trigger_id, view: outcomeModal(topic, draft, version) });
      });
    },
  );

  app.view<ViewSubmitAction>(OUTCOME_CALLBACK, async ({ ack, body, view }) => {
    await answerSubmission(ack, deps.logger, 'outcome', async () => {
      const metadata = parseMetadata(metadataSchema, view.private_metadata);
      const state = viewStateSchema.safeParse(view.state.values);
      if (!metadata || !state.success) throw staleForm();
      const values = new FormValues(state.data);
      const text = (id: string) => values.text(id) ?? '';
      const topic = await saveOutcome(deps, {
        hackathonId: metadata.h,
        number: metadata.n,
        userId: body.user.id,
        expectedUpdatedAt: metadata.v,
        now: deps.clock(),
        input: {
          highlight: text('highlight'),
          emoji: values.text('emoji'),
          problem: text('problem'),
          motivation: text('motivation'),
          achievements: text('achievements'),
          nextSteps: text('nextSteps'),
          code: (values.lines('code') ?? '').split(/\s+/),
          outcome: text('outcome'),
          contributors: [
            ...values.users('contributors'),
            ...text('otherContributors')
              .split(',')
              .map((name) => name.trim()),
          ],
        },
      });
      return notice(
        'Outcome saved',
        `The outcome of *#${topic.number} ${escapeMrkdwn(topic.title)}* is saved; it goes into the wrap-up. The team can edit it until then.`,
      );
    });
  });
}
