import * as z from 'zod/mini';
import { confirmImport, previewImport } from '../../../app/topic-import.js';
import { FormValues, parseMetadata, viewStateSchema } from '../../forms.js';
import { topicsImportedNotice } from '../../messages.js';
import { IMPORT_PARTS, importPreviewModal } from '../../views/import-modals.js';
import type { ListenerDependencies } from '../dependencies.js';
import { answerSubmission, notice, type SubmissionArgs, staleForm } from './answer-submission.js';

const pasteMetadata = z.object({ hackathonId: z.string().check(z.minLength(1)) });
const confirmMetadata = z.object({
  hackathonId: z.string().check(z.minLength(1)),
  draftId: z.string().check(z.minLength(1)),
});

/** `/htg import`'s paste form: the pasted list becomes a preview, in place of the form. */
export async function importPasted(
  deps: ListenerDependencies,
  { ack, body, view }: SubmissionArgs,
): Promise<void> {
  await answerSubmission(ack, deps.logger, 'import preview', async () => {
    const metadata = parseMetadata(pasteMetadata, view.private_metadata);
    const state = viewStateSchema.safeParse(view.state.values);
    if (!metadata || !state.success) throw staleForm();
    const values = new FormValues(state.data);
    const markdown = IMPORT_PARTS.map((part) => values.text(part) ?? '').join('\n');
    const preview = await previewImport(deps, {
      hackathonId: metadata.hackathonId,
      userId: body.user.id,
      markdown,
    });
    return { response_action: 'update', view: importPreviewModal(preview) };
  });
}

/** **Import** on the preview: creates the previewed topics at once. */
export async function importConfirmed(
  deps: ListenerDependencies,
  { ack, body, view }: SubmissionArgs,
): Promise<void> {
  await answerSubmission(ack, deps.logger, 'import', async () => {
    const metadata = parseMetadata(confirmMetadata, view.private_metadata);
    if (!metadata) throw staleForm();
    const result = await confirmImport(deps, { ...metadata, userId: body.user.id, now: deps.clock() });
    return notice(topicsImportedNotice(result.hackathon, result.created, result.skipped.length));
  });
}
