import type { Topic } from '../domain/topic.js';

/** What htg opens an issue with for a topic proposed in Slack. */
export interface TopicIssue {
  title: string;
  body: string;
  labels: string[];
}

/**
 * The hidden line that ties an issue to the topic it was opened for. Before opening an issue htg looks for one
 * carrying it, so a retried job (GitHub answered, the answer was lost) finds the issue instead of opening a second.
 */
export function topicMarker(hackathonId: string, number: number): string {
  return `<!-- htg:topic ${hackathonId}/${number} -->`;
}

/** The topic marker an issue's body carries (`topicMarker`), if any. */
export function markerIn(body: string | null): string | undefined {
  return /<!-- htg:topic [^ ]+\/\d+ -->/.exec(body ?? '')?.[0];
}

/**
 * An issue for a topic, written as the community's Markdown template writes one (hackathon-topic.md and
 * hackathon-discussion.md: the fixed questions, the Prow commands `/area`, `/kind`, `/label`), so that it reads
 * like every other topic issue and `topicFromIssue` reads it back into the same topic. The labels htg can set
 * itself are set too: the event label, the team size, fast track, and discussion.
 */
export function issueForTopic(
  topic: Pick<
    Topic,
    | 'hackathonId'
    | 'number'
    | 'title'
    | 'description'
    | 'category'
    | 'kind'
    | 'teamSize'
    | 'fastTrack'
    | 'links'
  >,
  options: { eventLabel: string; proposerName: string; permalink: string | null },
): TopicIssue {
  const what = topic.kind === 'discussion' ? 'discussion' : 'topic';
  const area = topic.category
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  const commands = [
    area ? `/area ${area}` : null,
    topic.kind === 'discussion' ? '/kind discussion' : null,
    topic.teamSize ? `/label teamsize/${topic.teamSize}` : null,
    topic.fastTrack ? '/label fast-track' : null,
  ].filter(Boolean);
  const links = topic.links.filter((link) => !topic.description.includes(link));
  const proposed = options.permalink
    ? `_Proposed by ${options.proposerName} [in Slack](${options.permalink})._`
    : `_Proposed by ${options.proposerName} in Slack._`;
  const body = [
    topicMarker(topic.hackathonId, topic.number),
    `**How to categorize this ${what}?**`,
    commands.join('\n'),
    '',
    `**What is the ${what} about?**:`,
    topic.description || '_No description yet._',
    ...(links.length > 0 ? ['', links.map((link) => `- ${link}`).join('\n')] : []),
    '',
    proposed,
  ].join('\n');
  const labels = [
    options.eventLabel,
    ...(topic.kind === 'discussion' ? ['kind/discussion'] : []),
    ...(topic.teamSize ? [`teamsize/${topic.teamSize}`] : []),
    ...(topic.fastTrack ? ['fast-track'] : []),
  ];
  return { title: topic.title, body, labels };
}
