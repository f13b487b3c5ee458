import { type Attendee, parseAttendees } from '../domain/assignment.js';
import { ConflictError, ValidationError } from '../domain/errors.js';
import { isGitHubLogin } from '../domain/github.js';
import { requireActive, requireHackathon, requireOrganizer } from './hackathons.js';
import type { HackathonStore, LoginStore } from './ports/stores.js';

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

/** What `/htg github` did: the person's login now, and before. */
export interface LoginChange {
  login: string | null;
  previous: string | null;
  /** False when the text asked nothing (`/htg github` alone shows the login). */
  changed: boolean;
}

/**
 * `/htg github <login>`: a person gives their own GitHub login (`alice`, `@alice` or their github.com page),
 * or forgets it (`none`). It lives with the person, across hackathons: teams they join in a linked hackathon
 * assign them on the issue, and issues they open are theirs. A login someone else gave is refused.
 */
export async function setOwnGitHubLogin(
  logins: LoginStore,
  request: { userId: string; text: string },
): Promise<LoginChange> {
  const text = request.text.trim();
  if (!text) {
    const [login = null] = (await logins.loginsOf([request.userId])).values();
    return { login, previous: login, changed: false };
  }
  const login = /^(none|-|remove|forget)$/i.test(text)
    ? null
    : text
        .replace(/^(?:https?:\/\/)?(?:www\.)?github\.com\//i, '')
        .replace(/^@/, '')
        .replace(/\/+$/, '');
  if (login !== null && !isGitHubLogin(login))
    throw new ValidationError({ login: { code: 'github-login', given: text.slice(0, 60) } });
  const { previous, heldBy } = await logins.setLogin(request.userId, login);
  if (heldBy && login) throw new ConflictError({ code: 'github-login-taken', login, heldBy });
  return { login, previous, changed: true };
}
