import * as z from 'zod/mini';
import { openModal } from '../../../adapters/slack/replies.js';
import { outcomeToEdit, saveOutcome } from '../../../app/outcomes.js';
import { FormValues, parseMetadata, viewStateSchema } from '../../forms.js';
import { outcomeSavedNotice } from '../../messages.js';
import { outcomeModal } from '../../views/outcome-modal.js';
import type { ListenerDependencies } from '../dependencies.js';
import { answerSubmission, notice, type SubmissionArgs, staleForm } from '../views/answer-submission.js';
import { type ButtonArgs, onTopicButton } from './explain-failure.js';

const targetSchema = z.object({ h: z.string().check(z.minLength(1)), n: z.int().check(z.positive()) });
const metadataSchema = z.extend(targetSchema, { v: z.nullable(z.string()) });

/** **Add outcome** / **Edit outcome** on a card or the Home tab: opens the outcome form, prefilled. */
export async function outcomeClicked(deps: ListenerDependencies, args: ButtonArgs): Promise<void> {
  await onTopicButton(deps, args, async (target) => {
    const { topic, draft, version } = await outcomeToEdit(deps, { ...target, now: deps.clock() });
    await openModal(args.client, args.body.trigger_id, outcomeModal(topic, draft, version));
  });
}

/** The outcome form: saves the topic's outcome for the wrap-up. */
export async function outcomeSubmitted(
  deps: ListenerDependencies,
  { ack, body, view }: SubmissionArgs,
): Promise<void> {
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
    return notice(outcomeSavedNotice(topic));
  });
}
