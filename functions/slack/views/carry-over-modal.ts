import type { CarryOverGroup } from '../../app/carry-over.js';
import type { Hackathon } from '../../domain/hackathon.js';
import { type ModalView, plainText, SLACK_LIMITS, section } from './blocks.js';
import { boldName } from './mrkdwn.js';

export const CARRY_OVER_CALLBACK = 'carry_over';
/** Slack's limits for select options: 75 characters of text, 150 of value, 100 options. */
const OPTION_TEXT = 75;

const carryOverValue = (hackathonId: string, number: number) => `${hackathonId}:${number}`;

/** `/htg carry-over`: not-picked topics of earlier hackathons, grouped by hackathon, the newest preselected. */
export function carryOverModal(hackathon: Hackathon, groups: readonly CarryOverGroup[]): ModalView {
  const option = (from: Hackathon, topic: CarryOverGroup['topics'][number]) => ({
    text: plainText(`#${topic.number} ${topic.title}`, OPTION_TEXT),
    value: carryOverValue(from.id, topic.number),
  });
  const newest = groups[0];
  return {
    type: 'modal',
    callback_id: CARRY_OVER_CALLBACK,
    title: plainText('Carry over topics', SLACK_LIMITS.modalTitle),
    submit: plainText('Carry over'),
    close: plainText('Cancel'),
    private_metadata: JSON.stringify({ hackathonId: hackathon.id }),
    blocks: [
      section(
        `Topics not picked at earlier hackathons can go on in ${boldName(hackathon.name)}: each becomes a new topic with its proposer, description and links, its card is posted here, and its proposer is told.`,
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
          ...(newest
            ? { initial_options: newest.topics.slice(0, 50).map((topic) => option(newest.from, topic)) }
            : {}),
        },
      },
    ],
  };
}
