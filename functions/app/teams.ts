import { teamCap } from '../domain/assignment.js';
import { ConflictError } from '../domain/errors.js';
import type { Topic } from '../domain/topic.js';
import type { HackathonStore, JoinOutcome, LeaveOutcome, TeamStore, TopicStore } from './ports/stores.js';
import { requireOpenTopic } from './topics.js';

export interface TeamDeps {
  hackathons: HackathonStore;
  topics: TopicStore;
  teams: TeamStore;
}

interface TeamRequest {
  hackathonId: string;
  number: number;
  userId: string;
}

/**
 * Joins a topic's team. The team's cap (the topic's ideal size within the hackathon's largest team) and the
 * one-team-per-person rule hold under concurrency; joining twice changes nothing.
 */
export async function joinTopic(
  deps: TeamDeps,
  request: TeamRequest,
): Promise<{ topic: Topic; outcome: JoinOutcome }> {
  const { hackathon, topic } = await requireOpenTopic(deps, request);
  const cap = teamCap(topic, hackathon.teamSize.max);
  const outcome = await deps.teams.join(
    hackathon.id,
    topic.number,
    request.userId,
    cap,
    hackathon.onePerPerson ?? true,
  );
  if (outcome === 'team-full') throw new ConflictError({ code: 'team-full', number: topic.number, cap });
  if (outcome === 'in-another-team') {
    throw new ConflictError({ code: 'in-another-team', hackathon: hackathon.name });
  }
  return { topic, outcome };
}

/** Leaves a topic's team; leaving a team you are not in changes nothing. */
export async function leaveTopic(
  deps: TeamDeps,
  request: TeamRequest,
): Promise<{ topic: Topic; outcome: LeaveOutcome }> {
  const { hackathon, topic } = await requireOpenTopic(deps, request);
  return { topic, outcome: await deps.teams.leave(hackathon.id, topic.number, request.userId) };
}

/** `#12`, `12` → 12. */
export function topicNumber(text: string): number | null {
  const match = /^#?(\d{1,5})\b/.exec(text.trim());
  return match ? Number(match[1]) : null;
}
