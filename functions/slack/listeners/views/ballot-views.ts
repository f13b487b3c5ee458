import * as z from 'zod/mini';
import { submitBallot } from '../../../app/ballot.js';
import { parseMetadata, viewStateSchema } from '../../forms.js';
import { ballotBlockId } from '../../views/ballot-modal.js';
import { ballotSavedNotice } from '../../views/vote-messages.js';
import type { ListenerDependencies } from '../dependencies.js';
import { answerSubmission, notice, type SubmissionArgs, staleForm } from './answer-submission.js';

const metadataSchema = z.object({ hackathonId: z.string().check(z.minLength(1)) });

/** The `/htg vote` ballot: ticked boxes become votes and interests, unticked ones are removed. */
export async function ballotSubmitted(
  deps: ListenerDependencies,
  { ack, body, view }: SubmissionArgs,
): Promise<void> {
  await answerSubmission(
    ack,
    deps.logger,
    'ballot',
    async () => {
      const metadata = parseMetadata(metadataSchema, view.private_metadata);
      const state = viewStateSchema.safeParse(view.state.values);
      if (!metadata || !state.success) throw staleForm();
      const shown = shownTopics(view.blocks);
      const ticked = { vote: [] as number[], interest: [] as number[] };
      for (const [blockId, actions] of Object.entries(state.data)) {
        const kind = blockId.split('__')[0];
        if (kind !== 'vote' && kind !== 'interest') continue;
        for (const element of Object.values(actions)) {
          for (const option of element.selected_options ?? []) ticked[kind].push(Number(option.value));
        }
      }
      const result = await submitBallot(deps, {
        hackathonId: metadata.hackathonId,
        userId: body.user.id,
        votes: ticked.vote.filter(Number.isInteger),
        interests: ticked.interest.filter(Number.isInteger),
        shown,
        now: deps.clock(),
      });
      return notice(ballotSavedNotice(result));
    },
    // The budget error belongs next to the first vote boxes.
    (field) => (field === 'votes' ? ballotBlockId('vote', 0) : field),
  );
}

/** The topic numbers offered in a ballot's checkbox groups (the view as Slack sends it back). */
function shownTopics(blocks: unknown): Set<number> {
  const shown = new Set<number>();
  for (const block of Array.isArray(blocks) ? blocks : []) {
    const options = (block as { element?: { type?: string; options?: Array<{ value?: string }> } }).element;
    if (options?.type !== 'checkboxes') continue;
    for (const option of options.options ?? []) {
      const number = Number(option.value);
      if (Number.isInteger(number)) shown.add(number);
    }
  }
  return shown;
}
