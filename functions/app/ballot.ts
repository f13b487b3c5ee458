import { ConflictError, ValidationError } from '../domain/errors.js';
import type { Hackathon } from '../domain/hackathon.js';
import type { Topic } from '../domain/topic.js';
import { type VoteKind, type VoteOutcome, votingOpen } from '../domain/vote.js';
import { requireHackathon } from './hackathons.js';
import type { VoteChange } from './ports/stores.js';
import type { VoteDeps } from './votes.js';

export interface Ballot {
  hackathon: Hackathon;
  /** Topics in play, in category order, then by number. */
  topics: Topic[];
  votes: Set<number>;
  interests: Set<number>;
}

/** What the ballot form shows a person: open topics with counts, and what they already chose. */
export async function openBallot(
  deps: VoteDeps,
  hackathonId: string,
  userId: string,
  now: Date,
): Promise<Ballot> {
  const hackathon = await requireHackathon(deps.hackathons, hackathonId);
  if (!votingOpen(hackathon, now))
    throw new ConflictError({ code: 'voting-closed', hackathon: hackathon.name, unchanged: false });
  const [topics, mine] = await Promise.all([
    deps.topics.list(hackathon.id),
    deps.votes.listByVoter(hackathon.id, userId),
  ]);
  const order = (category: string) => {
    const index = hackathon.categories.indexOf(category);
    return index < 0 ? hackathon.categories.length : index;
  };
  return {
    hackathon,
    topics: topics
      .filter((topic) => topic.status !== 'withdrawn')
      .sort((a, b) => order(a.category) - order(b.category) || a.number - b.number),
    votes: new Set(mine.filter((v) => v.kind === 'vote').map((v) => v.number)),
    interests: new Set(mine.filter((v) => v.kind === 'interest').map((v) => v.number)),
  };
}

export interface BallotResult {
  added: Record<VoteKind, number>;
  removed: Record<VoteKind, number>;
  /** Changes that did not apply (a topic withdrawn meanwhile, the budget used up by a parallel reaction). */
  refused: Array<{ number: number; kind: VoteKind; outcome: VoteOutcome }>;
}

/**
 * Applies a submitted ballot as the difference to what the person has now, for the topics the form showed: the
 * same votes as reactions (one per topic and person, whichever way it was cast), within the window and the budget.
 */
export async function submitBallot(
  deps: VoteDeps,
  request: {
    hackathonId: string;
    userId: string;
    votes: number[];
    interests: number[];
    /** The topics the form showed: a vote on any other topic is left as it is. */
    shown: ReadonlySet<number>;
    now: Date;
  },
): Promise<BallotResult> {
  const hackathon = await requireHackathon(deps.hackathons, request.hackathonId);
  if (!votingOpen(hackathon, request.now))
    throw new ConflictError({ code: 'voting-closed', hackathon: hackathon.name, unchanged: true });
  const wanted = { vote: new Set(request.votes), interest: new Set(request.interests) };
  if (hackathon.votesPerPerson !== null && wanted.vote.size > hackathon.votesPerPerson) {
    throw new ValidationError({
      votes: { code: 'too-many-votes', ticked: wanted.vote.size, budget: hackathon.votesPerPerson },
    });
  }
  const mine = await deps.votes.listByVoter(hackathon.id, request.userId);
  const at = request.now.getTime() / 1000;
  const change = (number: number, kind: VoteKind): VoteChange => ({
    hackathonId: hackathon.id,
    number,
    userId: request.userId,
    kind,
    source: 'ballot',
    at,
  });
  const result: BallotResult = {
    added: { vote: 0, interest: 0 },
    removed: { vote: 0, interest: 0 },
    refused: [],
  };
  // Removals first, so that moving a vote from one topic to another stays within the budget.
  for (const vote of mine) {
    if (wanted[vote.kind].has(vote.number) || !request.shown.has(vote.number)) continue;
    const outcome = await deps.votes.remove(change(vote.number, vote.kind));
    if (outcome === 'removed') result.removed[vote.kind]++;
  }
  for (const kind of ['vote', 'interest'] as const) {
    const have = new Set(mine.filter((v) => v.kind === kind).map((v) => v.number));
    for (const number of wanted[kind]) {
      if (have.has(number) || !request.shown.has(number)) continue;
      const outcome = await deps.votes.add(
        change(number, kind),
        kind === 'vote' ? hackathon.votesPerPerson : null,
      );
      if (outcome === 'counted') result.added[kind]++;
      else if (outcome !== 'unchanged') result.refused.push({ number, kind, outcome });
    }
  }
  return result;
}
