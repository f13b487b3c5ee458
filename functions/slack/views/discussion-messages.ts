import type { DiscussionProblems } from '../../app/github-votes.js';
import type { DiscussionRef, GitHubFailure } from '../../app/ports/github.js';
import type { Hackathon } from '../../domain/hackathon.js';
import { boldName, escapeMrkdwn, labelledLink } from './mrkdwn.js';

const numbers = (list: readonly number[]) => list.map((n) => `\`#${n}\``).join(', ');

/** To the organizer who asked: the voting discussion is open (or was already), with how many comments were added. */
export function discussionOpenedText(hackathon: Hackathon, discussion: DiscussionRef, added: number): string {
  return (
    `🗳️ The voting discussion of ${boldName(hackathon.name)} is ${labelledLink(discussion.url, `open on GitHub (#${discussion.number})`)}: ` +
    `${added === 0 ? 'every topic had its comment already' : `${added} topic ${added === 1 ? 'comment' : 'comments'} added`}. ` +
    '👍 on a topic\'s comment counts as a vote and 🚀 as "I\'d work on it", together with the votes in Slack: once per person and topic, within one budget. ⬆️ upvotes are not counted (GitHub does not say who upvoted).'
  );
}

/** To the organizer who asked: the category is not one of the repository's. */
export function noCategoryText(hackathon: Hackathon, category: string, names: readonly string[]): string {
  return names.length === 0
    ? `The repository of ${boldName(hackathon.name)} has no discussion categories: switch Discussions on in its settings, then run \`/htg discussion\` again.`
    : `The repository of ${boldName(hackathon.name)} has no discussion category "${escapeMrkdwn(category)}". Its categories: ${names.map((n) => `"${escapeMrkdwn(n)}"`).join(', ')}. Run \`/htg discussion <category>\`.`;
}

/** To each organizer: the discussion was edited by hand, and what htg did not guess. */
export function discussionProblemsText(hackathon: Hackathon, problems: DiscussionProblems): string {
  const url = hackathon.votingDiscussion?.url;
  const lines = [
    `⚠️ The voting discussion of ${boldName(hackathon.name)}${url ? ` (${labelledLink(url, 'on GitHub')})` : ''} was changed by hand:`,
    problems.missing.length > 0
      ? `• No comment carries the vote marker of ${numbers(problems.missing)} (removed, or the comment deleted): reactions there are not counted. htg adds a new comment for each; people who voted on the old one vote again there.`
      : null,
    problems.unknown.length > 0
      ? `• Comments mark issues that are no topic here: ${problems.unknown.map((n) => `#${n}`).join(', ')}. Their reactions are not counted.`
      : null,
    problems.duplicates.length > 0
      ? `• ${numbers(problems.duplicates)} ${problems.duplicates.length === 1 ? 'has' : 'have'} more than one comment: their reactions are counted together, each person once. Delete the extra comment to avoid confusion.`
      : null,
  ];
  return lines.filter(Boolean).join('\n');
}

/** To the organizer who closed voting: the discussion could not be read, so the ranking waits. */
export function recountWaitsText(hackathon: Hackathon, failure: GitHubFailure): string {
  const why =
    failure === 'rate-limited'
      ? 'GitHub is limiting htg for now'
      : failure === 'unavailable'
        ? 'GitHub is not answering'
        : 'GitHub refused (check that the App may read Discussions)';
  return (
    `⏳ Voting for ${boldName(hackathon.name)} is closed, but its votes on GitHub could not be read (${why}). ` +
    'The ranking waits: it is posted once both venues are counted, at the next GitHub sync (within six hours), or run `/htg close-voting` again.'
  );
}
