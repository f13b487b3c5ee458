import type { Hackathon } from '../domain/hackathon.js';
import { isSlackUserId } from '../domain/outcome.js';
import type { Topic } from '../domain/topic.js';
import { type VoteKind, votingOpen } from '../domain/vote.js';
import {
  topicVoteComment,
  votedIssue,
  votingDiscussionBody,
  votingDiscussionMarker,
} from '../markdown/voting-discussion.js';
import { requireHackathon } from './hackathons.js';
import type { DiscussionRef, GitHubFailure, ReactionContent, VotingDiscussions } from './ports/github.js';
import type { VotingDiscussionJob } from './ports/jobs.js';
import type { HackathonStore, LoginStore, TopicStore, VoteStore } from './ports/stores.js';

/**
 * Votes in the GitHub discussion the community votes in (their `start-voting.yml`): one comment per topic,
 * marked `<!-- hackathon-topic-vote:N -->` with N its issue's number. GitHub says who reacted but not who upvoted
 * (the GraphQL schema's `Votable` has `upvoteCount` only), so htg counts 👍 reactions as votes and 🚀 as "I'd
 * work on it", each person once per topic and kind with their Slack votes (one vote record, whichever venue),
 * within one budget; upvotes are reported to organizers, never counted.
 */
export interface GitHubVoteDeps {
  hackathons: HackathonStore;
  topics: TopicStore;
  votes: VoteStore;
  logins: LoginStore;
  /** Null when no GitHub App is configured. */
  discussions: VotingDiscussions | null;
  discussionAnnouncer: DiscussionAnnouncer;
}

/** What organizers are told about the voting discussion, by direct message. */
interface DiscussionAnnouncer {
  opened(hackathon: Hackathon, userId: string, discussion: DiscussionRef, added: number): Promise<void>;
  /** A category that is not the repository's: the names there are. */
  noCategory(hackathon: Hackathon, userId: string, category: string, names: string[]): Promise<void>;
  problems(hackathon: Hackathon, userId: string, problems: DiscussionProblems): Promise<void>;
  /** The recount at the close could not read the discussion: the ranking waits for GitHub. */
  recountWaits(hackathon: Hackathon, userId: string, failure: GitHubFailure): Promise<void>;
}

/** A discussion edited by hand, as htg finds it: reported to organizers, never guessed at. */
export interface DiscussionProblems {
  /** Topics (by number) with an issue but no comment carrying their marker: removed, or the comment deleted. */
  missing: number[];
  /** Issue numbers in markers that are no topic of the hackathon. */
  unknown: number[];
  /** Topics with more than one comment (their reactions are counted together, each person once). */
  duplicates: number[];
  /** Upvotes on topics' comments: GitHub does not say who upvoted, so they are not counted. */
  upvotes: Array<{ number: number; count: number }>;
}

/** Who is there on GitHub, per topic number and kind, which issues have their comment, what does not add up. */
export interface DiscussionPresence {
  present: Map<number, Record<VoteKind, Set<string>>>;
  marked: Set<number>;
  problems: DiscussionProblems;
}

const KINDS: Partial<Record<ReactionContent, VoteKind>> = { THUMBS_UP: 'vote', ROCKET: 'interest' };

/**
 * `/htg discussion [category]`: the voting discussion of a linked hackathon, made once (found again by its
 * marker after a lost answer), then one comment per topic with an issue, each once (a topic proposed later gets
 * its comment when this runs again, as the scheduled sync does). The organizer is told its address.
 */
export async function openVotingDiscussion(
  deps: GitHubVoteDeps,
  job: VotingDiscussionJob,
  /** The issue numbers whose comment is there, when the caller just read the discussion (not read again). */
  known?: ReadonlySet<number>,
): Promise<void> {
  const hackathon = await requireHackathon(deps.hackathons, job.hackathonId);
  const repo = hackathon.github?.repo;
  if (!repo || !deps.discussions) return;
  let discussion: DiscussionRef | null =
    hackathon.votingDiscussion ??
    (await deps.discussions.findDiscussion(repo, votingDiscussionMarker(hackathon.id)));
  const topics = (await deps.topics.list(hackathon.id)).filter((t) => votable(t, repo));
  if (!discussion) {
    const categories = await deps.discussions.categories(repo);
    const wanted = (job.category ?? 'General').toLowerCase();
    const category = categories.find((c) => c.name.toLowerCase() === wanted);
    if (!category) {
      await deps.discussionAnnouncer.noCategory(
        hackathon,
        job.requestedBy,
        job.category ?? 'General',
        categories.map((c) => c.name),
      );
      return;
    }
    discussion = await deps.discussions.createDiscussion(repo, {
      categoryId: category.id,
      title: `🗳️ ${hackathon.name}: topic voting`,
      body: votingDiscussionBody(hackathon, topics),
    });
  }
  if (!hackathon.votingDiscussion)
    await deps.hackathons.setVotingDiscussion(hackathon.id, {
      repo,
      id: discussion.id,
      number: discussion.number,
      url: discussion.url,
      posted: [],
    });
  const marked =
    known ??
    new Set(
      ((await deps.discussions.readDiscussion(repo, discussion.number))?.comments ?? []).flatMap((c) => {
        const issue = votedIssue(c.body);
        return issue === null ? [] : [issue];
      }),
    );
  const posted = new Set(hackathon.votingDiscussion?.posted ?? []);
  let added = 0;
  for (const topic of topics) {
    const issue = topic.issue as NonNullable<Topic['issue']>;
    if (marked.has(issue.number)) continue;
    await deps.discussions.addComment(repo, discussion.id, topicVoteComment(issue, topic.title));
    posted.add(issue.number);
    added++;
  }
  if (added > 0)
    await deps.hackathons.setVotingDiscussion(hackathon.id, {
      repo,
      id: discussion.id,
      number: discussion.number,
      url: discussion.url,
      posted: [...posted].sort((a, b) => a - b),
    });
  // Told by direct message: only a person (the sync's own run names nobody).
  if (isSlackUserId(job.requestedBy))
    await deps.discussionAnnouncer.opened(hackathon, job.requestedBy, discussion, added);
}

/**
 * Everyone's 👍 and 🚀 on the discussion's topic comments, by topic and kind, as Slack user ids where the person
 * is known (their `/htg github` login, or the attendee list's), else `github:<login>`. Null when the hackathon
 * has no voting discussion. Throws GitHubError when GitHub cannot be read whole (never half the votes).
 */
export async function readDiscussionVotes(
  deps: Pick<GitHubVoteDeps, 'discussions' | 'logins'>,
  hackathon: Hackathon,
  topics: readonly Topic[],
): Promise<DiscussionPresence | null> {
  const ref = hackathon.votingDiscussion;
  if (!ref || !deps.discussions) return null;
  const read = await deps.discussions.readDiscussion(ref.repo, ref.number);
  const byIssue = new Map(
    topics.filter((t) => votable(t, ref.repo)).map((t) => [t.issue?.number as number, t]),
  );
  const present = new Map<number, Record<VoteKind, Set<string>>>();
  const seen = new Map<number, number>();
  const marked = new Set<number>();
  const problems: DiscussionProblems = { missing: [], unknown: [], duplicates: [], upvotes: [] };
  const people = await personResolver(deps.logins, hackathon);
  for (const comment of read?.comments ?? []) {
    const issueNumber = votedIssue(comment.body);
    if (issueNumber === null) continue;
    marked.add(issueNumber);
    const topic = byIssue.get(issueNumber);
    if (!topic) {
      problems.unknown.push(issueNumber);
      continue;
    }
    seen.set(topic.number, (seen.get(topic.number) ?? 0) + 1);
    const sets = present.get(topic.number) ?? { vote: new Set<string>(), interest: new Set<string>() };
    for (const reaction of comment.reactions) {
      const kind = KINDS[reaction.content];
      if (kind && reaction.login) sets[kind].add(await people(reaction.login));
    }
    present.set(topic.number, sets);
    if (comment.upvoteCount > 0) problems.upvotes.push({ number: topic.number, count: comment.upvoteCount });
  }
  // Only a comment htg put up can have gone missing: a topic proposed since simply has none yet.
  const posted = new Set(ref.posted ?? []);
  for (const topic of byIssue.values()) {
    const times = seen.get(topic.number) ?? 0;
    if (times === 0 && posted.has(topic.issue?.number as number)) problems.missing.push(topic.number);
    if (times > 1) problems.duplicates.push(topic.number);
  }
  for (const list of [problems.missing, problems.unknown, problems.duplicates]) list.sort((a, b) => a - b);
  problems.upvotes.sort((a, b) => a.number - b.number);
  return { present, marked, problems };
}

/** What counting the discussion changed. */
export interface DiscussionCount {
  added: Array<{ number: number; userId: string; kind: VoteKind }>;
  removed: Array<{ number: number; userId: string; kind: VoteKind }>;
  overBudget: Array<{ number: number; userId: string; kind: VoteKind }>;
  problems: DiscussionProblems;
  /** The issue numbers whose comment is there (so adding the missing ones needs no second read). */
  marked: Set<number>;
}

/**
 * While voting is open (the scheduled sync and `/htg sync`): the discussion's votes counted as of `at`, a
 * reaction htg had not counted added (within the person's budget across both venues), a GitHub vote whose
 * reaction is gone removed. Votes cast in Slack are never removed here: at the close, the recount reads both
 * venues and keeps whatever either still holds. Hand edits are reported to the organizers, once each.
 */
export async function countDiscussionVotes(
  deps: GitHubVoteDeps,
  hackathonId: string,
  at: Date,
): Promise<DiscussionCount | null> {
  const hackathon = await requireHackathon(deps.hackathons, hackathonId);
  if (!votingOpen(hackathon, at)) return null;
  const topics = await deps.topics.list(hackathon.id);
  const presence = await readDiscussionVotes(deps, hackathon, topics);
  if (!presence) return null;
  const count: DiscussionCount = {
    added: [],
    removed: [],
    overBudget: [],
    problems: presence.problems,
    marked: presence.marked,
  };
  const seconds = at.getTime() / 1000;
  for (const topic of topics) {
    if (topic.status === 'withdrawn' || (!presence.present.has(topic.number) && !topic.issue)) continue;
    const present = presence.present.get(topic.number) ?? { vote: new Set(), interest: new Set() };
    const counted = await deps.votes.listByTopic(hackathon.id, topic.number);
    for (const kind of ['vote', 'interest'] as const) {
      const have = new Set(counted.filter((v) => v.kind === kind).map((v) => v.userId));
      for (const userId of present[kind]) {
        if (have.has(userId)) continue;
        const change = {
          hackathonId: hackathon.id,
          number: topic.number,
          userId,
          kind,
          source: 'github' as const,
          at: seconds,
        };
        const outcome = await deps.votes.add(change, kind === 'vote' ? hackathon.votesPerPerson : null);
        if (outcome === 'counted') count.added.push({ number: topic.number, userId, kind });
        else if (outcome === 'over-budget') count.overBudget.push({ number: topic.number, userId, kind });
      }
      for (const vote of counted) {
        if (vote.kind !== kind || vote.source !== 'github' || present[kind].has(vote.userId)) continue;
        if ((await deps.votes.remove({ ...vote, at: seconds })) === 'removed')
          count.removed.push({ number: topic.number, userId: vote.userId, kind });
      }
    }
  }
  await reportProblems(deps, hackathon, presence.problems);
  return count;
}

/** Tells each organizer about hand edits of the discussion, once per distinct set of them. */
export async function reportProblems(
  deps: Pick<GitHubVoteDeps, 'votes' | 'discussionAnnouncer'>,
  hackathon: Hackathon,
  problems: DiscussionProblems,
): Promise<void> {
  const { missing, unknown, duplicates } = problems;
  if (missing.length + unknown.length + duplicates.length === 0) return;
  const fingerprint = `discussion:${missing.join(',')}|${unknown.join(',')}|${duplicates.join(',')}`;
  for (const organizer of hackathon.organizers)
    if (await deps.votes.firstNotice(hackathon.id, organizer, fingerprint))
      await deps.discussionAnnouncer.problems(hackathon, organizer, problems);
}

/** A topic that has (or gets) a comment in the discussion: not withdrawn, with an issue in the repository. */
function votable(topic: Topic, repo: string): boolean {
  return topic.status !== 'withdrawn' && topic.issue?.repo.toLowerCase() === repo.toLowerCase();
}

/** GitHub logins as Slack people: their `/htg github` login, else the attendee list's, else `github:<login>`. */
async function personResolver(
  logins: LoginStore,
  hackathon: Hackathon,
): Promise<(login: string) => Promise<string>> {
  const attendees = new Map(
    (hackathon.attendees ?? []).flatMap((a) =>
      a.githubLogin ? [[a.githubLogin.toLowerCase(), a.userId]] : [],
    ),
  );
  const known = new Map<string, string>();
  return async (login) => {
    const key = login.toLowerCase();
    const cached = known.get(key);
    if (cached) return cached;
    const userId = (await logins.userWithLogin(key)) ?? attendees.get(key) ?? `github:${key}`;
    known.set(key, userId);
    return userId;
  };
}
