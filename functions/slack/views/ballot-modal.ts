import type { Ballot } from '../../app/ballot.js';
import type { Topic } from '../../domain/topic.js';
import { resultsHidden } from '../../domain/vote.js';
import {
  clip,
  context,
  type KnownBlock,
  type ModalView,
  plainText,
  SLACK_LIMITS,
  section,
} from './blocks.js';
import { boldName } from './mrkdwn.js';

export const BALLOT_CALLBACK = 'ballot';
/** Slack allows at most 10 options in one checkbox group. */
const PER_GROUP = 10;

/** Block ids of a ballot's checkbox groups: `vote__<n>` and `interest__<n>`. */
export const ballotBlockId = (kind: 'vote' | 'interest', group: number) => `${kind}__${group}`;

/**
 * `/htg vote`: every open topic by category, with counts (none while they are hidden), to tick for a vote and for
 * "I'd work on it". The person's own choices and what is left of their budget always show.
 */
export function ballotModal(ballot: Ballot): ModalView {
  const { hackathon } = ballot;
  const hidden = resultsHidden(hackathon);
  const used = ballot.votes.size;
  const budget =
    hackathon.votesPerPerson === null
      ? 'You may vote for as many topics as you like.'
      : `You have ${hackathon.votesPerPerson} votes${used > 0 ? ` and have given ${used}` : ''}.`;
  const blocks: KnownBlock[] = [
    section(
      `Tick the topics of ${boldName(hackathon.name)} you vote for, and those you would work on. ${budget} ` +
        'This is the same as reacting on the cards: a topic never counts you twice.' +
        (hidden ? ' Counts stay hidden until voting closes, and nobody else sees this form.' : ''),
    ),
  ];
  const byCategory = new Map<string, Topic[]>();
  for (const topic of ballot.topics)
    byCategory.set(topic.category, [...(byCategory.get(topic.category) ?? []), topic]);
  let group = 0;
  let truncated = false;
  for (const [category, topics] of byCategory) {
    for (let start = 0; start < topics.length; start += PER_GROUP) {
      if (blocks.length + 3 > SLACK_LIMITS.blocksPerModal - 1) {
        truncated = true;
        break;
      }
      const slice = topics.slice(start, start + PER_GROUP);
      const options = slice.map((topic) => ({
        value: String(topic.number),
        text: plainText(`#${topic.number} ${topic.title}`, 75),
        ...(hidden
          ? {}
          : {
              description: plainText(
                `:${hackathon.voteEmoji}: ${topic.voteCount}  :${hackathon.workEmoji}: ${topic.interestCount}`,
                75,
              ),
            }),
      }));
      const label = `${clip(category, 60)}${topics.length > PER_GROUP ? ` (${start / PER_GROUP + 1})` : ''}`;
      for (const kind of ['vote', 'interest'] as const) {
        const chosen = kind === 'vote' ? ballot.votes : ballot.interests;
        const initial = options.filter((option) => chosen.has(Number(option.value)));
        blocks.push({
          type: 'input',
          block_id: ballotBlockId(kind, group),
          optional: true,
          label: plainText(
            `${label}: ${kind === 'vote' ? `vote :${hackathon.voteEmoji}:` : `I'd work on it :${hackathon.workEmoji}:`}`,
          ),
          element: {
            type: 'checkboxes',
            action_id: 'value',
            options,
            ...(initial.length ? { initial_options: initial } : {}),
          },
        } as KnownBlock);
      }
      group++;
    }
  }
  if (ballot.topics.length === 0) blocks.push(section('There are no topics to vote on yet.'));
  if (truncated)
    blocks.push(
      context(
        'More topics than one form can hold: vote on the remaining ones with reactions on their cards.',
      ),
    );
  return {
    type: 'modal',
    callback_id: BALLOT_CALLBACK,
    private_metadata: JSON.stringify({ hackathonId: hackathon.id }),
    title: plainText('Vote', 24),
    ...(ballot.topics.length ? { submit: plainText('Save my votes') } : {}),
    close: plainText('Cancel'),
    blocks,
  };
}
