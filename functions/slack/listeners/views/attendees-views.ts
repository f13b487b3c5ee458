import * as z from 'zod/mini';
import { setAttendees } from '../../../app/attendees.js';
import { FormValues, parseMetadata, viewStateSchema } from '../../forms.js';
import { attendeesSavedNotice } from '../../messages.js';
import type { ListenerDependencies } from '../dependencies.js';
import { answerSubmission, notice, type SubmissionArgs, staleForm } from './answer-submission.js';

const metadataSchema = z.object({ hackathonId: z.string().check(z.minLength(1)) });

/** The attendee list form: one line per person, an @mention and optionally their company. */
export async function attendeesSubmitted(
  deps: ListenerDependencies,
  { ack, body, view }: SubmissionArgs,
): Promise<void> {
  await answerSubmission(ack, deps.logger, 'attendees', async () => {
    const metadata = parseMetadata(metadataSchema, view.private_metadata);
    const state = viewStateSchema.safeParse(view.state.values);
    if (!metadata || !state.success) throw staleForm();
    const attendees = await setAttendees(deps.hackathons, {
      hackathonId: metadata.hackathonId,
      userId: body.user.id,
      lines: new FormValues(state.data).richTextLines('attendees'),
    });
    return notice(attendeesSavedNotice(attendees));
  });
}
