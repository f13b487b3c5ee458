import { defaultPresenter } from '../domain/agenda.js';
import { ConflictError, PermissionError } from '../domain/errors.js';
import type { Hackathon } from '../domain/hackathon.js';
import type { AgendaPost, MeetingKind } from '../domain/meetings.js';
import { mayReportOn, type Topic } from '../domain/topic.js';
import { requireHackathon, requireOrganizer } from './hackathons.js';
import type { HackathonStore } from './ports/stores.js';
import { requireOpenTopic, type TopicDeps } from './topics.js';

/**
 * An organizer's click on an agenda's **Start** / **Next**: the meeting moves on from the slot the button was
 * drawn at (`from`) to the next. Two organizers clicking at once, or one clicking twice, move it once: the
 * second click was drawn at a slot the agenda has left, and is told where it is now.
 */
export async function moveAgenda(
  deps: { hackathons: HackathonStore },
  request: { hackathonId: string; kind: MeetingKind; userId: string; from: number },
): Promise<{ hackathon: Hackathon; post: AgendaPost }> {
  const hackathon = await requireHackathon(deps.hackathons, request.hackathonId);
  requireOrganizer(hackathon, request.userId, 'agenda');
  const posted = hackathon.agendas?.[request.kind];
  if (!posted) throw new ConflictError({ code: 'no-agenda' });
  const moved =
    request.from < posted.agenda.slots.length
      ? await deps.hackathons.advanceAgenda(hackathon.id, request.kind, request.from)
      : null;
  if (!moved) {
    const current = (await requireHackathon(deps.hackathons, hackathon.id)).agendas?.[request.kind];
    const slot = current ? current.agenda.slots[current.current] : undefined;
    throw new ConflictError({ code: 'agenda-moved-on', now: slot ? `\`#${slot.number}\`` : null });
  }
  return { hackathon, post: moved };
}

/**
 * The topic whose presenter the person may choose (its team, its proposer, organizers), while the hackathon is
 * active, with who presents it now: the one chosen, else the default the agenda takes (`defaultPresenter`).
 */
export async function presenterToEdit(
  deps: TopicDeps,
  request: { hackathonId: string; number: number; userId: string },
): Promise<{ topic: Topic; presenter: string | null }> {
  const { hackathon, topic } = await requireOpenTopic(deps, request);
  if (!mayReportOn(topic, hackathon.organizers, request.userId, { proposer: true }))
    throw new PermissionError({ code: 'team-only', number: topic.number, to: 'presenter' });
  return { topic, presenter: topic.presenter ?? defaultPresenter(topic) };
}

/** Saves who presents the topic at the mid-week update and the final presentations (a Slack user, or the default). */
export async function savePresenter(
  deps: TopicDeps,
  request: { hackathonId: string; number: number; userId: string; presenter: string | null },
): Promise<Topic> {
  const { topic } = await presenterToEdit(deps, request);
  const chosen =
    request.presenter && request.presenter !== defaultPresenter(topic) ? request.presenter : null;
  return deps.topics.setPresenter(topic, chosen);
}
