import type { CarryOverGroup } from '../../app/carry-over.js';
import { followUpHistory } from '../../domain/follow-up.js';
import type { Hackathon } from '../../domain/hackathon.js';
import { type ModalView, plainText, SLACK_LIMITS, section } from './blocks.js';
import { historyWords } from './follow-up-messages.js';
import { boldName } from './mrkdwn.js';

export const CARRY_OVER_CALLBACK = 'carry_over';
/** Slack's limits for select options: 75 characters of text, 150 of value, 100 options. */
const OPTION_TEXT = 75;

const carryOverValue = (hackathonId: string, number: number) => `${hackathonId}:${number}`;

/** `/htg carry-over`: not-picked topics of earlier hackathons, grouped by hackathon, the newest preselected. */
export function carryOverModal(hackathon: Hackathon, groups: readonly CarryOverGroup[]): ModalView {
  const option = (from: Hackathon, topic: CarryOverGroup['topics'][number]) => {
    const history = topic.status === 'not_picked' ? [] : followUpHistory(topic);
    return {
      text: plainText(`#${topic.number} ${topic.title}`, OPTION_TEXT),
      value: carryOverValue(from.id, topic.number),
      // A topic still going after its hackathon shows what its follow-ups said (Slack: 75 characters).
      ...(history.length > 0 ? { description: plainText(historyWords(history), OPTION_TEXT) } : {}),
    };
  };
  const newest = groups[0];
  // Not-picked topics are what carrying over is for; one still going is a choice to make.
  const preselected = newest
    ? newest.topics
        .filter((topic) => topic.status === 'not_picked')
        .slice(0, 50)
        .map((topic) => option(newest.from, topic))
    : [];
  return {
    type: 'modal',
    callback_id: CARRY_OVER_CALLBACK,
    title: plainText('Carry over topics', SLACK_LIMITS.modalTitle),
    submit: plainText('Carry over'),
    close: plainText('Cancel'),
    private_metadata: JSON.stringify({ hackathonId: hackathon.id }),
    blocks: [
      section(
        `Topics not picked at earlier hackathons, and topics still going after them, can go on in ${boldName(hackathon.name)}: each becomes a new topic with its proposer, description and links, its card is posted here, and its proposer is told.`,
      ),
      {
        type: 'input',
        block_id: 'topics',
        label: plainText('Topics to carry over'),
        element: {
          type: 'multi_static_select',
          action_id: 'value',
          placeholder: plainText('Pick topics'),
          option_groups: groups.map((group) => ({
            label: plainText(group.from.name, OPTION_TEXT),
            options: group.topics.map((topic) => option(group.from, topic)),
          })),
          ...(preselected.length > 0 ? { initial_options: preselected } : {}),
        },
      },
    ],
  };
}
