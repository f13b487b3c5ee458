import * as z from 'zod/mini';
import { openModal } from '../../../adapters/slack/replies.js';
import { answerCheckIn, checkInToAnswer } from '../../../app/status.js';
import { FormValues, parseMetadata, viewStateSchema } from '../../forms.js';
import { checkInModal, checkInSavedNotice } from '../../views/schedule-messages.js';
import type { ListenerDependencies } from '../dependencies.js';
import { answerSubmission, notice, type SubmissionArgs, staleForm } from '../views/answer-submission.js';
import { type ButtonArgs, onTopicButton } from './explain-failure.js';

const targetSchema = z.object({ h: z.string().check(z.minLength(1)), n: z.int().check(z.positive()) });

/** **Answer the check-in** in the thread on a team's card: opens the check-in form. */
export async function checkInClicked(deps: ListenerDependencies, args: ButtonArgs): Promise<void> {
  await onTopicButton(deps, args, async (target) => {
    const topic = await checkInToAnswer(deps, target);
    await openModal(args.client, args.body.trigger_id, checkInModal(topic));
  });
}

/** The check-in form: stores the team's answer on its topic. */
export async function checkInSubmitted(
  deps: ListenerDependencies,
  { ack, body, view }: SubmissionArgs,
): Promise<void> {
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
    return notice(checkInSavedNotice(topic));
  });
}
