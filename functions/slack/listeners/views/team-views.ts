import type { App, ViewSubmitAction } from '@slack/bolt';
import * as z from 'zod/mini';
import { carryOver } from '../../../app/carry-over.js';
import { publishTeams } from '../../../app/team-review.js';
import type { ReviewedTeam } from '../../../domain/team-plan.js';
import { FormValues, parseMetadata, viewStateSchema } from '../../forms.js';
import { CARRY_OVER_CALLBACK } from '../../views/carry-over-modal.js';
import { TEAM_REVIEW_CALLBACK } from '../../views/team-review-modal.js';
import type { ListenerDependencies } from '../dependencies.js';
import { answerSubmission, notice, staleForm } from './submission.js';

const reviewMetadata = z.object({ h: z.string().check(z.minLength(1)), v: z.int().check(z.nonnegative()) });
const carryMetadata = z.object({ hackathonId: z.string().check(z.minLength(1)) });
const TEAM_BLOCK = /^team_(\d{1,5})$/;

/** The team review (publish) and carry-over forms. */
export function registerTeamViews(app: App, deps: ListenerDependencies): void {
  app.view<ViewSubmitAction>(TEAM_REVIEW_CALLBACK, async ({ ack, body, view }) => {
    await answerSubmission(ack, deps.logger, 'team review', async () => {
      const metadata = parseMetadata(reviewMetadata, view.private_metadata);
      const state = viewStateSchema.safeParse(view.state.values);
      if (!metadata || !state.success) throw staleForm();
      const values = new FormValues(state.data);
      // Who each team showed when the form was opened is in the view itself, as Slack sends it back.
      const reviewed: ReviewedTeam[] = view.blocks.flatMap((block) => {
        const match = TEAM_BLOCK.exec(block.block_id ?? '');
        if (!match) return [];
        const element = (block as { element?: { initial_users?: unknown } }).element;
        const shown = Array.isArray(element?.initial_users) ? element.initial_users.map(String) : [];
        return [{ number: Number(match[1]), shown, chosen: values.users(block.block_id as string) }];
      });
      const summary = await publishTeams(deps, {
        hackathonId: metadata.h,
        userId: body.user.id,
        expectedVersion: metadata.v,
        reviewed,
        now: deps.clock(),
      });
      return notice(
        'Publishing teams',
        `${summary.teams} ${summary.teams === 1 ? 'team' : 'teams'} with ${summary.people} ${summary.people === 1 ? 'person' : 'people'}` +
          (summary.notPicked.length
            ? `; not picked: ${summary.notPicked.map((n) => `#${n}`).join(', ')}`
            : '') +
          '. The cards and the ranking message follow in a moment, and everyone placed or moved is told.',
      );
    });
  });

  app.view<ViewSubmitAction>(CARRY_OVER_CALLBACK, async ({ ack, body, view }) => {
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
      return notice(
        'Topics carried over',
        `Carried over ${carried.length} ${carried.length === 1 ? 'topic' : 'topics'} as ${carried.map((t) => `#${t.number}`).join(', ')}. Their cards are posted here and their proposers told.`,
      );
    });
  });
}
