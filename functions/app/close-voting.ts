import type { AssignmentProposal } from '../domain/assignment.js';
import type { Hackathon } from '../domain/hackathon.js';
import type { CardRef, Topic } from '../domain/topic.js';
import { reactionKind, type VoteKind } from '../domain/vote.js';
import { isOutOfTime, resumingFrom } from './deadline.js';
import { type DiscussionProblems, type GitHubVoteDeps, readDiscussionVotes } from './github-votes.js';
import { requireActive, requireHackathon, requireOrganizer } from './hackathons.js';
import type { ReconcileJob, ReconcileProgress } from './ports/jobs.js';
import type { ReactionReader } from './ports/slack.js';
import type { HackathonStore, TopicStore, VoteStore } from './ports/stores.js';
import { proposalFor } from './team-review.js';

/**
 * `/htg close-voting`: voting closes now (unless it closed already), and a job re-reads every card's reactions
 * off the request path. Running it again after voting closed re-reads the reactions again.
 */
export async function closeVoting(
  deps: { hackathons: HackathonStore; topics: TopicStore },
  request: { hackathonId: string; userId: string; channelId: string; now: Date },
): Promise<{ hackathon: Hackathon; cards: number }> {
  const hackathon = await requireHackathon(deps.hackathons, request.hackathonId);
  requireOrganizer(hackathon, request.userId, 'close-voting');
  requireActive(hackathon);
  const now = request.now.toISOString();
  const closed = await deps.hackathons.closeVoting(hackathon.id, now);
  await deps.hackathons.addJob({
    hackathonId: hackathon.id,
    kind: 'reconcile-reactions',
    requestedBy: request.userId,
    channelId: request.channelId,
    requestedAt: now,
  });
  const topics = await deps.topics.list(hackathon.id);
  return {
    hackathon: closed,
    cards: topics.filter((topic) => topic.card && topic.status !== 'withdrawn').length,
  };
}

export interface ReconcileChange {
  number: number;
  userId: string;
  kind: VoteKind;
}

export interface ReconcileReport {
  hackathon: Hackathon;
  cards: number;
  /** Reactions on the cards that had not been counted (missed while htg was down), now counted. */
  added: ReconcileChange[];
  /** Counted reaction votes whose reaction is gone from the card (a missed removal), now removed. */
  removed: ReconcileChange[];
  /** Reactions that could not be counted: the person's votes were used up. */
  overBudget: ReconcileChange[];
  /** Cards whose reactions could not be read. */
  unreadable: number[];
  /** With a voting discussion on GitHub: what does not add up there (hand edits, upvotes not counted). */
  discussion: DiscussionProblems | null;
  /** The ranking and proposed teams from the repaired counts (for organizers to review). */
  proposal: AssignmentProposal;
}

export interface ReconcileDeps extends Pick<GitHubVoteDeps, 'discussions' | 'logins'> {
  hackathons: HackathonStore;
  topics: TopicStore;
  votes: VoteStore;
  reactions: ReactionReader;
  /** Reactions by these users (the app itself) are not votes. */
  ignoreUsers: readonly string[];
}

/**
 * Compares every card's reactions in Slack, and the voting discussion's on GitHub when there is one, with the
 * votes counted, and repairs the difference as of the job's time: a vote either venue holds is counted (once per
 * person, topic and kind, within one budget), a reaction or GitHub vote that neither venue holds any more is
 * removed. Ballot votes have no reaction and are never touched. The discussion is read whole first: when GitHub
 * cannot be read, the recount throws (GitHubError) before anything changed, and nothing closes on half the votes.
 */
export async function reconcileReactions(deps: ReconcileDeps, job: ReconcileJob): Promise<ReconcileReport> {
  const hackathon = await requireHackathon(deps.hackathons, job.hackathonId);
  const at = Date.parse(job.requestedAt) / 1000;
  const all = await deps.topics.list(hackathon.id);
  const topics = all.filter((t): t is Topic & { card: CardRef } => !!t.card && t.status !== 'withdrawn');
  const github = await readDiscussionVotes(deps, hackathon, all);
  const progress = job.progress;
  const report: Omit<ReconcileReport, 'proposal'> = {
    hackathon,
    cards: topics.length,
    added: [...(progress?.added ?? [])],
    removed: [...(progress?.removed ?? [])],
    overBudget: [...(progress?.overBudget ?? [])],
    unreadable: [...(progress?.unreadable ?? [])],
    discussion: github?.problems ?? null,
  };
  const done = new Set(progress?.done ?? []);
  for (const topic of topics) {
    if (done.has(topic.number)) continue;
    let reactions: Array<{ name: string; users: string[] }>;
    try {
      reactions = await deps.reactions.reactionsOn(topic.card);
    } catch (error) {
      // reactions.get is Tier 3 (50 a minute): a recount of more cards goes on in the next invocation, from here.
      if (isOutOfTime(error)) {
        const { hackathon: _, cards: __, discussion: ___, ...changes } = report;
        throw resumingFrom(error, { progress: { done: [...done], ...changes } satisfies ReconcileProgress });
      }
      report.unreadable.push(topic.number);
      done.add(topic.number);
      continue;
    }
    const present: Record<VoteKind, Set<string>> = { vote: new Set(), interest: new Set() };
    for (const reaction of reactions) {
      const kind = reactionKind(hackathon, reaction.name);
      if (!kind) continue;
      for (const user of reaction.users) if (!deps.ignoreUsers.includes(user)) present[kind].add(user);
    }
    const onGitHub = github?.present.get(topic.number) ?? {
      vote: new Set<string>(),
      interest: new Set<string>(),
    };
    const counted = await deps.votes.listByTopic(hackathon.id, topic.number);
    for (const kind of ['vote', 'interest'] as const) {
      const countedUsers = new Set(counted.filter((v) => v.kind === kind).map((v) => v.userId));
      // Slack's reactions first, then GitHub's: someone who voted in both is one vote, cast by reaction.
      const wanted: Array<[string, 'reaction' | 'github']> = [
        ...[...present[kind]].map((userId) => [userId, 'reaction'] as [string, 'reaction']),
        ...[...onGitHub[kind]]
          .filter((userId) => !present[kind].has(userId))
          .map((userId) => [userId, 'github'] as [string, 'github']),
      ];
      for (const [userId, source] of wanted) {
        if (countedUsers.has(userId)) continue;
        const change = { hackathonId: hackathon.id, number: topic.number, userId, kind, source, at };
        const outcome = await deps.votes.add(change, kind === 'vote' ? hackathon.votesPerPerson : null);
        if (outcome === 'counted') report.added.push({ number: topic.number, userId, kind });
        else if (outcome === 'over-budget') report.overBudget.push({ number: topic.number, userId, kind });
      }
      for (const vote of counted) {
        if (vote.kind !== kind || vote.source === 'ballot') continue;
        if (present[kind].has(vote.userId) || onGitHub[kind].has(vote.userId)) continue;
        const outcome = await deps.votes.remove({ ...vote, at });
        if (outcome === 'removed') report.removed.push({ number: topic.number, userId: vote.userId, kind });
      }
    }
    done.add(topic.number);
  }
  return { ...report, proposal: proposalFor(hackathon, await deps.topics.list(hackathon.id)) };
}
