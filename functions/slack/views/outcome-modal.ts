import type { OutcomeDraft } from '../../app/outcomes.js';
import { CODE_LINKS_MAX, HIGHLIGHT_MAX, OUTCOME_TEXT_MAX } from '../../app/outcomes.js';
import { isSlackUserId } from '../../domain/outcome.js';
import type { Topic } from '../../domain/topic.js';
import { type KnownBlock, type ModalView, plainText, SLACK_LIMITS, section } from './blocks.js';
import { escapeMrkdwn } from './mrkdwn.js';
import { lineListInputs, TEXT_INPUT_MAX } from './text-input.js';

export const OUTCOME_CALLBACK = 'topic_outcome';
const EMOJI_MAX = 40;

const textBox = (
  blockId: string,
  label: string,
  initial: string,
  {
    multiline = true,
    max = OUTCOME_TEXT_MAX,
    hint,
  }: { multiline?: boolean; max?: number; hint?: string } = {},
): KnownBlock =>
  ({
    type: 'input',
    block_id: blockId,
    optional: true,
    label: plainText(label),
    ...(hint ? { hint: plainText(hint) } : {}),
    element: {
      type: 'plain_text_input',
      action_id: 'value',
      multiline,
      max_length: max,
      // Saved values were checked against the same limits (OUTCOME_TEXT_MAX, HIGHLIGHT_MAX), so they fit.
      ...(initial ? { initial_value: initial } : {}),
    },
  }) as KnownBlock;

/**
 * "Add outcome" on a card: the sections the community's wrap-up pages use, the highlight line and emoji for
 * the highlights list, and the contributors (the team by default; people outside Slack by name).
 */
export function outcomeModal(topic: Topic, draft: OutcomeDraft, version: string | null): ModalView {
  const slackPeople = draft.contributors.filter(isSlackUserId);
  const named = draft.contributors.filter((c) => !isSlackUserId(c));
  return {
    type: 'modal',
    callback_id: OUTCOME_CALLBACK,
    private_metadata: JSON.stringify({ h: topic.hackathonId, n: topic.number, v: version }),
    title: plainText('Outcome', SLACK_LIMITS.modalTitle),
    submit: plainText('Save'),
    close: plainText('Cancel'),
    blocks: [
      section(
        `*\`#${topic.number}\` ${escapeMrkdwn(topic.title)}*\nWhat the wrap-up says about this topic. Leave out what does not apply; the team can edit it until the wrap-up.`,
      ),
      textBox('highlight', 'Highlight (one line)', draft.highlight, {
        multiline: false,
        max: HIGHLIGHT_MAX,
        hint: 'For the highlights list, e.g. "IPv6 dual-stack shoots on OpenStack work end to end".',
      }),
      // A topic's own icon longer than the field (imported) is not offered: the wrap-up falls back to it anyway.
      textBox('emoji', 'Emoji', (draft.emoji ?? '').length <= EMOJI_MAX ? (draft.emoji ?? '') : '', {
        multiline: false,
        max: EMOJI_MAX,
        hint: 'e.g. 🌐 or :globe_with_meridians:',
      }),
      textBox('problem', 'Problem Statement', draft.problem),
      textBox('motivation', 'Motivation & Benefits', draft.motivation),
      textBox('achievements', 'Achievements', draft.achievements),
      textBox('nextSteps', 'Next Steps', draft.nextSteps),
      ...lineListInputs('code', 'Code & Pull Requests', draft.code, {
        hint: `One link per line, at most ${CODE_LINKS_MAX}.`,
      }),
      textBox('outcome', 'Outcome (dropped or merged topics)', draft.outcome, {
        hint: 'e.g. "Closed in favour of #45" or "Merged into the node-agent topic".',
      }),
      {
        type: 'input',
        block_id: 'contributors',
        optional: true,
        label: plainText('Contributors'),
        element: {
          type: 'multi_users_select',
          action_id: 'value',
          ...(slackPeople.length > 0 ? { initial_users: slackPeople } : {}),
        },
      } as KnownBlock,
      // Up to 40 contributors (CONTRIBUTORS_MAX): names of 75 characters each fit in 3,000.
      textBox('otherContributors', 'Other contributors (not in Slack)', named.join(', '), {
        multiline: false,
        max: TEXT_INPUT_MAX,
        hint: 'Names, separated by commas.',
      }),
    ],
  };
}
