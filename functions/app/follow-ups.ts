import { ConflictError, NotFoundError, PermissionError } from '../domain/errors.js';
import {
  type FollowUpRound,
  type FollowUpState,
  followUpsCloseAt,
  mayFollowUp,
} from '../domain/follow-up.js';
import type { Hackathon } from '../domain/hackathon.js';
import { isWrappedUp } from '../domain/outcome.js';
import type { Topic } from '../domain/topic.js';
import { requireHackathon } from './hackathons.js';
import type { TopicDeps } from './topics.js';
import { wrappedTopics } from './wrap-up.js';

/**
 * A follow-up's answer, from its direct message: the topic is still going, merged or stopped, as whoever
 * continues it (or its team, its proposer, an organizer) says, until 90 days after the event. A repeated click
 * (Slack's retry, a double click) writes the same answer again.
 */
export async function saveFollowUp(
  deps: TopicDeps,
  request: {
    hackathonId: string;
    number: number;
    userId: string;
    round: FollowUpRound;
    state: FollowUpState;
    now: Date;
  },
): Promise<{ hackathon: Hackathon; topic: Topic }> {
  const hackathon = await requireHackathon(deps.hackathons, request.hackathonId);
  const closedAt = followUpsCloseAt(hackathon);
  if (request.now.getTime() >= Date.parse(closedAt))
    throw new ConflictError({ code: 'follow-ups-closed', hackathon: hackathon.name, closedAt });
  const topic = await deps.topics.get(hackathon.id, request.number);
  if (!topic || !isWrappedUp(topic))
    throw new NotFoundError({ code: 'no-open-topic', number: request.number });
  if (!mayFollowUp(topic, hackathon.organizers, request.userId))
    throw new PermissionError({ code: 'team-only', number: topic.number, to: 'follow-up' });
  const saved = await deps.topics.setFollowUp(topic, {
    state: request.state,
    round: request.round,
    by: request.userId,
    at: request.now.toISOString(),
  });
  return { hackathon, topic: saved };
}

/** `/htg followups`: the topics worked on in the channel's hackathon, for the "what became of it" post. */
export async function followUpTopics(deps: TopicDeps, hackathonId: string): Promise<Topic[]> {
  return wrappedTopics(await deps.topics.list(hackathonId));
}
