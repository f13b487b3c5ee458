import type { Hackathon } from '../../domain/hackathon.js';
import { isSlackUserId, OUTCOME_SECTIONS } from '../../domain/outcome.js';
import { escapeMrkdwn } from '../../domain/text.js';
import type { Topic } from '../../domain/topic.js';
import { type KnownBlock, SLACK_LIMITS, section } from './blocks.js';
import { chunkLines } from './chunk-lines.js';
import { slackLink } from './mrkdwn.js';
import { STATUS_LABELS } from './topic-list-message.js';

const emojiOf = (topic: Topic) => topic.outcome?.emoji ?? topic.emoji ?? '🔹';
const person = (entry: string) => (isSlackUserId(entry) ? `<@${entry}>` : escapeMrkdwn(entry));

/**
 * The wrap-up's highlights message, like the community's highlights post: a numbered list, one line per topic
 * with its emoji, title and one-line highlight (or what is known: the outcome, the status).
 */
export function highlightsMessage(
  hackathon: Hackathon,
  topics: readonly Topic[],
): { text: string; blocks: KnownBlock[] } {
  const text = `Highlights of ${hackathon.name}`;
  const lines = topics.map((topic, index) => {
    const summary =
      topic.outcome?.highlight ||
      topic.outcome?.outcome ||
      (topic.status === 'dropped' && topic.statusNote
        ? `dropped: ${topic.statusNote}`
        : STATUS_LABELS[topic.status]);
    return `${index + 1}. ${escapeMrkdwn(emojiOf(topic))} *${escapeMrkdwn(topic.title)}*: ${escapeMrkdwn(summary)}`;
  });
  const intro = `🎉 *Highlights of ${escapeMrkdwn(hackathon.name)}*\n${topics.length} ${topics.length === 1 ? 'topic' : 'topics'}; the details of each are in the thread, with the wrap-up page and the topic board as Markdown.`;
  const blocks = [
    section(intro),
    ...chunkLines(lines.length ? lines : ['No topic was worked on.']).map((c) => section(c)),
  ];
  return { text, blocks: blocks.slice(0, SLACK_LIMITS.blocksPerMessage) };
}

/** One topic's details in the wrap-up thread, like the wrap-up pages: its sections, code and contributors. */
export function topicReplyMessage(topic: Topic): { text: string; blocks: KnownBlock[] } {
  const outcome = topic.outcome;
  const title = `${escapeMrkdwn(emojiOf(topic))} *#${topic.number} ${escapeMrkdwn(topic.title)}* · ${STATUS_LABELS[topic.status]}`;
  const lines: string[] = [title];
  if (!outcome) {
    lines.push(
      topic.status === 'dropped' && topic.statusNote
        ? `*Outcome:* ${escapeMrkdwn(topic.statusNote)}`
        : '_No outcome was written._',
    );
    if (topic.links.length) lines.push(...topic.links.map((url) => `🔗 ${slackLink(url)}`));
    if (topic.members?.length) lines.push(`*Team:* ${topic.members.map(person).join(', ')}`);
  } else {
    for (const { key, heading } of OUTCOME_SECTIONS) {
      if (key === 'code') {
        if (outcome.code.length)
          lines.push(`*${heading}*`, ...outcome.code.map((url) => `• ${slackLink(url)}`));
        continue;
      }
      const body = outcome[key].trim();
      if (body) lines.push(`*${heading}*`, ...escapeMrkdwn(body).split('\n'));
    }
    const contributors = outcome.contributors.length ? outcome.contributors : (topic.members ?? []);
    if (contributors.length) lines.push(`*Contributors:* ${contributors.map(person).join(', ')}`);
  }
  const blocks = chunkLines(lines)
    .map((chunk) => section(chunk))
    .slice(0, SLACK_LIMITS.blocksPerMessage);
  return { text: `#${topic.number} ${topic.title}`, blocks };
}
