import type { App, ViewSubmitAction } from '@slack/bolt';
import * as z from 'zod/mini';
import { confirmImport, previewImport } from '../../../app/topic-import.js';
import { FormValues, parseMetadata, viewStateSchema } from '../../forms.js';
import {
  IMPORT_CALLBACKS,
  IMPORT_PARTS,
  importDoneText,
  importPreviewModal,
} from '../../views/import-modals.js';
import type { ListenerDependencies } from '../dependencies.js';
import { answerSubmission, notice, staleForm } from './submission.js';

const pasteMetadata = z.object({ hackathonId: z.string().check(z.minLength(1)) });
const confirmMetadata = z.object({
  hackathonId: z.string().check(z.minLength(1)),
  draftId: z.string().check(z.minLength(1)),
});

/** `/htg import`: the pasted list becomes a preview; confirming the preview creates the topics. */
export function registerImportViews(app: App, deps: ListenerDependencies): void {
  app.view<ViewSubmitAction>(IMPORT_CALLBACKS.paste, async ({ ack, body, view }) => {
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
  });

  app.view<ViewSubmitAction>(IMPORT_CALLBACKS.confirm, async ({ ack, body, view }) => {
    await answerSubmission(ack, deps.logger, 'import', async () => {
      const metadata = parseMetadata(confirmMetadata, view.private_metadata);
      if (!metadata) throw staleForm();
      const result = await confirmImport(deps, { ...metadata, userId: body.user.id, now: deps.clock() });
      return notice(
        'Topics imported',
        importDoneText(result.hackathon, result.created, result.skipped.length),
      );
    });
  });
}
