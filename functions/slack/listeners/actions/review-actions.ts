import * as z from 'zod/mini';
import { openModal } from '../../../adapters/slack/replies.js';
import { reviewToEdit, saveReview } from '../../../app/review.js';
import { FormValues, parseMetadata, viewStateSchema } from '../../forms.js';
import { reviewModal, reviewSavedNotice } from '../../views/review-messages.js';
import type { ListenerDependencies } from '../dependencies.js';
import { answerSubmission, notice, type SubmissionArgs, staleForm } from '../views/answer-submission.js';
import { type ButtonArgs, onTopicButton } from './explain-failure.js';

const targetSchema = z.object({ h: z.string().check(z.minLength(1)), n: z.int().check(z.positive()) });

/** **Answer for the review** on a card's thread, or **Record** in the organizers' message after the meeting. */
export async function reviewClicked(deps: ListenerDependencies, args: ButtonArgs): Promise<void> {
  await onTopicButton(deps, args, async (target) => {
    const { topic, draft } = await reviewToEdit(deps, { ...target, now: deps.clock() });
    await openModal(args.client, args.body.trigger_id, reviewModal(topic, draft));
  });
}

/** The review form: what becomes of the topic after the hackathon. */
export async function reviewSubmitted(
  deps: ListenerDependencies,
  { ack, body, view }: SubmissionArgs,
): Promise<void> {
  await answerSubmission(ack, deps.logger, 'review', async () => {
    const target = parseMetadata(targetSchema, view.private_metadata);
    const state = viewStateSchema.safeParse(view.state.values);
    if (!target || !state.success) throw staleForm();
    const values = new FormValues(state.data);
    const topic = await saveReview(deps, {
      hackathonId: target.h,
      number: target.n,
      userId: body.user.id,
      now: deps.clock(),
      input: {
        presenter: values.user('presenter'),
        continuedBy: values.users('continuedBy'),
        tracking: values.text('tracking'),
        closedBecause: values.text('closedBecause'),
      },
    });
    return notice(reviewSavedNotice(topic));
  });
}
