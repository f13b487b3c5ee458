import * as z from 'zod/mini';
import { carryOver } from '../../../app/carry-over.js';
import { publishTeams } from '../../../app/team-review.js';
import type { ReviewedTeam } from '../../../domain/team-plan.js';
import { FormValues, parseMetadata, viewStateSchema } from '../../forms.js';
import { carriedOverNotice, publishingTeamsNotice } from '../../views/team-messages.js';
import { teamBlockId, teamNumberOf } from '../../views/team-review-modal.js';
import type { ListenerDependencies } from '../dependencies.js';
import { answerSubmission, notice, type SubmissionArgs, staleForm } from './answer-submission.js';

const reviewMetadata = z.object({ h: z.string().check(z.minLength(1)), v: z.int().check(z.nonnegative()) });
const carryMetadata = z.object({ hackathonId: z.string().check(z.minLength(1)) });

/** The team review form's **Publish**: the teams as the organizer left them are published. */
export async function teamReviewSubmitted(
  deps: ListenerDependencies,
  { ack, body, view }: SubmissionArgs,
): Promise<void> {
  await answerSubmission(
    ack,
    deps.logger,
    'team review',
    async () => {
      const metadata = parseMetadata(reviewMetadata, view.private_metadata);
      const state = viewStateSchema.safeParse(view.state.values);
      if (!metadata || !state.success) throw staleForm();
      const values = new FormValues(state.data);
      // Who each team showed when the form was opened is in the view itself, as Slack sends it back.
      const reviewed: ReviewedTeam[] = view.blocks.flatMap((block) => {
        const number = teamNumberOf(block.block_id);
        if (number === null) return [];
        const element = (block as { element?: { initial_users?: unknown } }).element;
        const shown = Array.isArray(element?.initial_users) ? element.initial_users.map(String) : [];
        return [{ number, shown, chosen: values.users(block.block_id as string) }];
      });
      const summary = await publishTeams(deps, {
        hackathonId: metadata.h,
        userId: body.user.id,
        expectedVersion: metadata.v,
        reviewed,
        now: deps.clock(),
      });
      return notice(publishingTeamsNotice(summary));
    },
    // Inline errors name the topic; the form's inputs are its team blocks.
    (field) => teamBlockId(Number(field)),
  );
}

/** The carry-over form: the picked topics of earlier hackathons become topics here. */
export async function carryOverSubmitted(
  deps: ListenerDependencies,
  { ack, body, view }: SubmissionArgs,
): Promise<void> {
  await answerSubmission(ack, deps.logger, 'carry-over', async () => {
    const metadata = parseMetadata(carryMetadata, view.private_metadata);
    const state = viewStateSchema.safeParse(view.state.values);
    if (!metadata || !state.success) throw staleForm();
    const picks = new FormValues(state.data).options('topics').flatMap((value) => {
      const match = /^(.+):(\d{1,5})$/.exec(value);
      return match ? [{ hackathonId: match[1] as string, number: Number(match[2]) }] : [];
    });
    const { carried } = await carryOver(deps, {
      hackathonId: metadata.hackathonId,
      userId: body.user.id,
      picks,
      now: deps.clock(),
    });
    return notice(carriedOverNotice(carried));
  });
}
