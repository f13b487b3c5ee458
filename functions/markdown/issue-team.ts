import type { TopicStatus } from '../domain/topic.js';

/** The hidden line that marks the results comment htg keeps on a topic's issue (found again after a lost answer). */
export function teamMarker(hackathonId: string, number: number): string {
  return `<!-- htg:team ${hackathonId}/${number} -->`;
}

const STATUS_TEXT: Record<TopicStatus, string> = {
  proposed: '💡 Proposed',
  in_progress: '🚧 In progress',
  done: '✅ Done',
  paused: '⏸️ Paused',
  not_picked: '🙅 Not picked',
  dropped: '🛑 Dropped',
  withdrawn: '↩️ Withdrawn',
};

/** One member of the team as the comment lists them. */
export type TeamMember =
  /** Known on GitHub: mentioned and assigned (`assigned` false when GitHub would not take them). */
  | { login: string; assigned: boolean }
  /** Known by name only (no GitHub login in htg). */
  | { name: string };

export interface IssueTeamComment {
  hackathonId: string;
  hackathonName: string;
  number: number;
  issueNumber: number;
  issueUrl: string;
  title: string;
  /** Null when the topic is out of the ranking (withdrawn). */
  rank: number | null;
  votes: number;
  status: TopicStatus;
  team: readonly TeamMember[];
}

/**
 * The results comment on a topic's issue: the row of the community's ranking table (close-voting.yml in
 * gardener/hackathon writes `| Rank | Topic | Votes | Team |` with `[#N - Title](url)` and `@login` for each
 * member), the topic's status, and the members GitHub could not be told about: those without a login in htg,
 * and logins GitHub would not assign. Names typed in Slack are escaped so they neither break the table nor
 * mention anybody on GitHub.
 */
export function issueTeamComment(comment: IssueTeamComment): string {
  const team = comment.team.map((member) => ('login' in member ? `@${member.login}` : plain(member.name)));
  const noLogin = comment.team.flatMap((member) => ('name' in member ? [plain(member.name)] : []));
  const refused = comment.team.flatMap((member) =>
    'login' in member && !member.assigned ? [`@${member.login}`] : [],
  );
  const lines = [
    teamMarker(comment.hackathonId, comment.number),
    `### 🏆 ${plain(comment.hackathonName)}: voting results`,
    '',
    '| Rank | Topic | Votes | Team |',
    '|:----:|:------|:-----:|:-----|',
    `| ${comment.rank ?? '-'} | [#${comment.issueNumber} - ${plain(comment.title)}](${comment.issueUrl}) | ${comment.votes} | ${team.length > 0 ? team.join(', ') : '-'} |`,
    '',
    `**Status:** ${STATUS_TEXT[comment.status]}`,
  ];
  if (noLogin.length > 0 || refused.length > 0) {
    lines.push('', 'Not assigned here:');
    if (noLogin.length > 0)
      lines.push(
        `- ${noLogin.join(', ')}: no GitHub login known to htg (\`/htg github <login>\` in Slack adds one)`,
      );
    if (refused.length > 0)
      lines.push(
        `- ${refused.join(', ')}: GitHub assigns only people with access to this repository, at most 10 per issue`,
      );
  }
  lines.push('', '<sub>Kept up to date by htg from the hackathon in Slack.</sub>');
  return lines.join('\n');
}

/**
 * Text from Slack as plain text in a table cell: no HTML, no Markdown links or emphasis, no `|` ending the
 * cell, and no `@` mentioning someone on GitHub (a zero-width space after it).
 */
function plain(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/([\\[\]*_`|])/g, '\\$1')
    .replace(/@/g, '@\u200b');
}
