/**
 * A linked hackathon's teams on GitHub: once teams are published, each topic's issue is assigned to its team's
 * members who have a GitHub login and carries one results comment (its row of the community's ranking table, its
 * status, and whoever could not be assigned), and both follow joins, leaves and status changes. Run in the
 * refresher, off the request path.
 */
import { rankTopics } from '../domain/assignment.js';
import type { IssueTeam } from '../domain/github.js';
import type { Hackathon } from '../domain/hackathon.js';
import type { Topic } from '../domain/topic.js';
import { issueTeamComment, type TeamMember, teamMarker } from '../markdown/issue-team.js';
import { type GitHubSyncDeps, linkedHackathon } from './github-sync.js';
import { GitHubError, type IssueTracker } from './ports/github.js';

/**
 * Brings the team on each topic's issue up to date (only topic `number`, when given): nothing before teams are
 * published, nothing for a topic whose team, rank, votes and status are as last written. Returns the topics
 * whose issue was written.
 */
export async function pushTeamsToIssues(
  deps: GitHubSyncDeps,
  hackathonId: string,
  number?: number,
): Promise<number[]> {
  const linked = await linkedHackathon(deps, hackathonId);
  if (!linked || (linked.hackathon.teamsVersion ?? 0) === 0) return [];
  const { hackathon, tracker } = linked;
  const topics = await deps.topics.list(hackathon.id);
  const ranks = new Map(rankTopics(topics).map(({ rank, topic }) => [topic.number, rank]));
  const targets = topics.filter(
    (topic) =>
      topic.issue &&
      (number === undefined || topic.number === number) &&
      // A topic withdrawn before teams were published never had a team on GitHub.
      (topic.status !== 'withdrawn' || topic.issueTeam),
  );
  const people = [...new Set(targets.flatMap((topic) => topic.members ?? []))];
  const names = await deps.people.names(people);
  // A login people gave themselves (`/htg github`) wins over the attendee list's.
  const loginOf = new Map([
    ...(hackathon.attendees ?? []).flatMap((a) =>
      a.githubLogin ? [[a.userId, a.githubLogin] as const] : [],
    ),
    ...(people.length > 0 ? await deps.logins.loginsOf(people) : []),
  ]);
  const written: number[] = [];
  for (const topic of targets) {
    try {
      if (await pushTeam(deps, tracker, hackathon, topic, ranks.get(topic.number) ?? null, names, loginOf))
        written.push(topic.number);
    } catch (error) {
      if (!(error instanceof GitHubError)) throw error;
      // Left as it was: the next change, or the next sync, compares again and writes it then.
      deps.warn(`Could not write the team of #${topic.number} on its issue (${error.failure})`, error);
      if (error.failure === 'rate-limited' || error.failure === 'unavailable') break;
    }
  }
  return written;
}

async function pushTeam(
  deps: GitHubSyncDeps,
  tracker: IssueTracker,
  hackathon: Hackathon,
  topic: Topic,
  rank: number | null,
  names: ReadonlyMap<string, string>,
  loginOf: ReadonlyMap<string, string>,
): Promise<boolean> {
  const issue = topic.issue;
  if (!issue) return false;
  // In a steady order (the store keeps a set): the comment and its fingerprint do not move by themselves.
  const members = topic.status === 'withdrawn' ? [] : [...(topic.members ?? [])].sort();
  const wanted = [...new Set(members.flatMap((userId) => loginOf.get(userId) ?? []))];
  const synced = JSON.stringify([
    members.map((userId) => loginOf.get(userId) ?? names.get(userId) ?? userId),
    rank,
    topic.voteCount,
    topic.status,
    topic.title,
    issue.url,
  ]);
  const previous = topic.issueTeam ?? null;
  if (previous?.synced === synced) return false;

  const lower = (login: string) => login.toLowerCase();
  const wantedSet = new Set(wanted.map(lower));
  const assignees = await tracker.changeAssignees(issue.repo, issue.number, {
    add: wanted,
    remove: (previous?.assigned ?? []).filter((login) => !wantedSet.has(lower(login))),
  });
  const taken = new Set(assignees.map(lower));
  const team: TeamMember[] = members.map((userId) => {
    const login = loginOf.get(userId);
    return login ? { login, assigned: taken.has(lower(login)) } : { name: names.get(userId) ?? userId };
  });
  const body = issueTeamComment({
    hackathonId: hackathon.id,
    hackathonName: hackathon.name,
    number: topic.number,
    issueNumber: issue.number,
    issueUrl: issue.url,
    title: topic.title,
    rank,
    votes: topic.voteCount,
    status: topic.status,
    team,
  });

  let commentId =
    previous?.commentId ??
    (await tracker.findComments(issue.repo, issue.number, teamMarker(hackathon.id, topic.number)))[0] ??
    null;
  let posted = false;
  if (commentId !== null) {
    const updated = await tracker.updateComment(issue.repo, commentId, body).then(
      () => true,
      (error: unknown) => {
        // Someone deleted the comment on GitHub: a new one is posted.
        if (error instanceof GitHubError && error.failure === 'not-found') return false;
        throw error;
      },
    );
    if (!updated) commentId = null;
  }
  if (commentId === null) {
    commentId = await tracker.addComment(issue.repo, issue.number, body);
    posted = true;
  }
  const next: IssueTeam = { commentId, assigned: wanted.filter((login) => taken.has(lower(login))), synced };
  const other = await deps.issueLinks.recordIssueTeam(topic, previous, next);
  if (other && posted && other.commentId !== null && other.commentId !== commentId) {
    // Another run posted the results comment at the same time and recorded it first: this one is a second copy.
    await tracker.deleteComment(issue.repo, commentId);
  }
  return true;
}
