import type { Hackathon } from '../../domain/hackathon.js';
import { KIND_LABELS, TEAM_SIZE_LABELS, type Topic, type TopicStatus } from '../../domain/topic.js';
import { resultsHidden } from '../../domain/vote.js';
import { context, type KnownBlock, section } from './blocks.js';
import { chunkLines } from './chunk-lines.js';
import type { EphemeralMessage } from './help-message.js';
import { escapeMrkdwn } from './mrkdwn.js';
import { firstPage } from './paginate.js';

export const STATUS_LABELS: Record<TopicStatus, string> = {
  proposed: 'proposed',
  in_progress: '🚧 in progress',
  done: '✅ done',
  paused: '⏸️ paused',
  not_picked: '🙅 not picked',
  dropped: 'dropped',
  withdrawn: 'withdrawn',
};

/** `/htg list`: every topic in play, most votes first (by number, without counts, while they are hidden), visible only to the caller. */
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
  const hidden = resultsHidden(hackathon);
  const order = hidden ? 'by number (vote counts stay hidden until voting closes)' : 'most votes first';
  const summary = `*${name}* · ${topics.length} ${topics.length === 1 ? 'topic' : 'topics'}${withdrawn ? ` (${withdrawn} withdrawn)` : ''}, ${order}`;
  const lines = topics.map((topic) =>
    [
      `\`#${topic.number}\` *${escapeMrkdwn(topic.title)}*`,
      hidden ? null : `:${hackathon.voteEmoji}: ${topic.voteCount}`,
      escapeMrkdwn(topic.category),
      KIND_LABELS[topic.kind],
      topic.teamSize ? `👥 ${TEAM_SIZE_LABELS[topic.teamSize]}` : null,
      STATUS_LABELS[topic.status],
    ]
      .filter(Boolean)
      .join(' · '),
  );
  // One ephemeral answer: as much as one message holds (50 blocks, 10,000 characters), then how much is left.
  const blocks: KnownBlock[] = firstPage(
    chunkLines(lines).map(section),
    () =>
      context(
        '…and more; the list is longer than one message can hold. The board pinned in the channel has every topic.',
      ),
    [section(summary)],
  );
  return { response_type: 'ephemeral', text: `${summary}\n${lines.slice(0, 20).join('\n')}`, blocks };
}
