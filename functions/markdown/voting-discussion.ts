import type { IssueLink } from '../domain/github.js';
import type { Hackathon } from '../domain/hackathon.js';
import type { Topic } from '../domain/topic.js';

/**
 * The GitHub discussion a community votes in, in the words of its `start-voting.yml` (gardener/hackathon): an
 * opening post listing the topics, and one comment per topic carrying the hidden marker
 * `<!-- hackathon-topic-vote:N -->` (N its issue's number), which `close-voting.yml` and
 * `tools/presentation-order.sh` read too.
 */
const TOPIC_VOTE = /<!-- hackathon-topic-vote:(\d+) -->/;

/** The issue number a comment's marker names; null for a comment without one. */
export function votedIssue(body: string): number | null {
  const found = TOPIC_VOTE.exec(body)?.[1];
  return found ? Number(found) : null;
}

/** A topic's comment: the marker, then its issue as a heading link. */
export function topicVoteComment(issue: Pick<IssueLink, 'number' | 'url'>, title: string): string {
  return `<!-- hackathon-topic-vote:${issue.number} -->\n\n## [#${issue.number} - ${plain(title)}](${issue.url})`;
}

/** The marker of htg's own voting discussion: a retry finds the one it made instead of making a second. */
export function votingDiscussionMarker(hackathonId: string): string {
  return `<!-- htg:voting ${hackathonId} -->`;
}

/** The discussion's opening post, in the community's words, with htg's marker and how votes are counted. */
export function votingDiscussionBody(hackathon: Hackathon, topics: readonly Topic[]): string {
  return [
    `# 🗳️ ${plain(hackathon.name)}: topic voting`,
    '',
    "Vote for the topics you're interested in! Each topic has its own comment below.",
    '',
    '**How to participate:**',
    '- 👍 React = I want this topic to happen',
    '- 🚀 React = I want to work on this topic (to be placed in its team, give htg your GitHub login in Slack: `/htg github <login>`)',
    '',
    'Votes here and in Slack count together, once per person and topic. ⬆️ upvotes are not counted: GitHub does not say who upvoted, so they could count someone twice.',
    '',
    '## 📋 Topics',
    '',
    ...topics.map((t) => `- [#${t.issue?.number} - ${plain(t.title)}](${t.issue?.url})`),
    '',
    '---',
    '*Voting results will be posted in Slack once voting closes.*',
    '',
    '<!-- hackathon-voting-discussion-active -->',
    votingDiscussionMarker(hackathon.id),
    '',
  ].join('\n');
}

/** A title as plain text in Markdown: one line, no HTML comments that could fake a marker, no links. */
function plain(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/<!--|-->/g, '')
    .replace(/([[\]])/g, '\\$1')
    .trim();
}
