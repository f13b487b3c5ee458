import type { App, ViewSubmitAction } from '@slack/bolt';
import * as z from 'zod/mini';
import { setAttendees } from '../../../app/attendees.js';
import { FormValues, parseMetadata, viewStateSchema } from '../../forms.js';
import { ATTENDEES_CALLBACK } from '../../views/attendees-modal.js';
import type { ListenerDependencies } from '../dependencies.js';
import { answerSubmission, notice, staleForm } from './submission.js';

const metadataSchema = z.object({ hackathonId: z.string().check(z.minLength(1)) });

/** The attendee list form. */
export function registerAttendeeViews(app: App, deps: ListenerDependencies): void {
  app.view<ViewSubmitAction>(ATTENDEES_CALLBACK, async ({ ack, body, view }) => {
    await answerSubmission(ack, deps.logger, 'attendees', async () => {
      const metadata = parseMetadata(metadataSchema, view.private_metadata);
      const state = viewStateSchema.safeParse(view.state.values);
      if (!metadata || !state.success) throw staleForm();
      const attendees = await setAttendees(deps.hackathons, {
        hackathonId: metadata.hackathonId,
        userId: body.user.id,
        lines: new FormValues(state.data).richTextLines('attendees'),
        now: deps.clock(),
      });
      const companies = new Set(attendees.flatMap((a) => (a.company ? [a.company] : []))).size;
      return notice(
        'Attendees saved',
        `${attendees.length} ${attendees.length === 1 ? 'attendee' : 'attendees'}` +
          (companies ? ` from ${companies} ${companies === 1 ? 'company' : 'companies'}` : '') +
          '. Team proposals at voting close use this list.',
      );
    });
  });
}
