import { type Attendee, parseAttendees } from '../domain/assignment.js';
import { ValidationError } from '../domain/errors.js';
import { requireActive, requireHackathon, requireOrganizer } from './hackathons.js';
import type { HackathonStore } from './ports/stores.js';

/** Organizers replace the attendee list (who takes part, and their company, for mixing teams). */
export async function setAttendees(
  hackathons: HackathonStore,
  request: {
    hackathonId: string;
    userId: string;
    lines: ReadonlyArray<{ users: string[]; text: string }>;
  },
): Promise<Attendee[]> {
  const hackathon = await requireHackathon(hackathons, request.hackathonId);
  requireOrganizer(hackathon, request.userId, 'attendees');
  requireActive(hackathon);
  const { attendees, problems } = parseAttendees(request.lines);
  if (problems.length > 0)
    throw new ValidationError({ attendees: { code: 'attendee-lines', lines: problems } });
  await hackathons.setAttendees(hackathon.id, attendees);
  return attendees;
}
