import type { Hackathon } from '../../domain/hackathon.js';
import { KIND_LABELS, TEAM_SIZE_LABELS, type Topic, type TopicStatus } from '../../domain/topic.js';
import { context, type KnownBlock, SLACK_LIMITS, section } from './blocks.js';
import { chunkLines } from './chunk-lines.js';
import type { EphemeralMessage } from './help-message.js';
import { escapeMrkdwn } from './mrkdwn.js';

export const STATUS_LABELS: Record<TopicStatus, string> = {
  proposed: 'proposed',
  in_progress: '🚧 in progress',
  done: '✅ done',
  paused: '⏸️ paused',
  not_picked: '🙅 not picked',
  dropped: 'dropped',
  withdrawn: 'withdrawn',
};

/** `/htg list`: every topic in play, most votes first, visible only to the caller. */
export function topicListMessage(
  hackathon: Hackathon,
  topics: readonly Topic[],
  withdrawn: number,
): EphemeralMessage {
  const name = escapeMrkdwn(hackathon.name);
  if (topics.length === 0) {
    const text = `*${name}* has no topics yet. Propose one with \`/htg propose\`.`;
    return { response_type: 'ephemeral', text, blocks: [section(text)] };
  }
  const summary = `*${name}* · ${topics.length} ${topics.length === 1 ? 'topic' : 'topics'}${withdrawn ? ` (${withdrawn} withdrawn)` : ''}, most votes first`;
  const lines = topics.map((topic) =>
    [
      `\`#${topic.number}\` *${escapeMrkdwn(topic.title)}*`,
      `:${hackathon.voteEmoji}: ${topic.voteCount}`,
      escapeMrkdwn(topic.category),
      KIND_LABELS[topic.kind],
      topic.teamSize ? `👥 ${TEAM_SIZE_LABELS[topic.teamSize]}` : null,
      STATUS_LABELS[topic.status],
    ]
      .filter(Boolean)
      .join(' · '),
  );
  const chunks = chunkLines(lines);
  const room = SLACK_LIMITS.blocksPerMessage - 2;
  const blocks: KnownBlock[] = [section(summary), ...chunks.slice(0, room).map(section)];
  if (chunks.length > room) blocks.push(context(`…and more; the list is longer than one message can hold.`));
  return { response_type: 'ephemeral', text: `${summary}\n${lines.slice(0, 20).join('\n')}`, blocks };
}
