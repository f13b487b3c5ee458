import type { App, ViewSubmitAction } from '@slack/bolt';
import * as z from 'zod/mini';
import { submitBallot } from '../../../app/ballot.js';
import { ValidationError } from '../../../domain/errors.js';
import { parseMetadata, viewStateSchema } from '../../forms.js';
import { BALLOT_CALLBACK, ballotBlockId } from '../../views/ballot-modal.js';
import type { ListenerDependencies } from '../dependencies.js';
import { answerSubmission, notice, staleForm } from './submission.js';

const metadataSchema = z.object({ hackathonId: z.string().check(z.minLength(1)) });
const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** The `/htg vote` ballot: ticked boxes become votes and interests, unticked ones are removed. */
export function registerBallotViews(app: App, deps: ListenerDependencies): void {
  app.view<ViewSubmitAction>(BALLOT_CALLBACK, async ({ ack, body, view }) => {
    await answerSubmission(ack, deps.logger, 'ballot', async () => {
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
      try {
        const result = await submitBallot(deps, {
          hackathonId: metadata.hackathonId,
          userId: body.user.id,
          votes: ticked.vote.filter(Number.isInteger),
          interests: ticked.interest.filter(Number.isInteger),
          shown,
          now: deps.clock(),
        });
        const changes = [
          result.added.vote && `+${plural(result.added.vote, 'vote', 'votes')}`,
          result.removed.vote && `−${plural(result.removed.vote, 'vote', 'votes')}`,
          result.added.interest && `+${result.added.interest} "I'd work on it"`,
          result.removed.interest && `−${result.removed.interest} "I'd work on it"`,
        ].filter(Boolean);
        const refused = result.refused.map((r) => `#${r.number}`).join(', ');
        return notice(
          'Votes saved',
          (changes.length ? `Saved: ${changes.join(', ')}.` : 'Nothing changed.') +
            (refused ? ` Not counted (withdrawn meanwhile, or your votes were used up): ${refused}.` : ''),
        );
      } catch (error) {
        // The budget error belongs next to the first vote boxes.
        if (error instanceof ValidationError && error.fields.votes) {
          throw new ValidationError({ [ballotBlockId('vote', 0)]: error.fields.votes });
        }
        throw error;
      }
    });
  });
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
