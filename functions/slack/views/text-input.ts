import type { KnownBlock } from './blocks.js';
import { plainText } from './blocks.js';
import { chunkLines } from './chunk-lines.js';

/**
 * Slack's limit on a plain-text input: `max_length` (and so any `initial_value`) at most 3,000 characters
 * (docs.slack.dev/reference/block-kit/block-elements/plain-text-input-element). An `initial_value` longer than
 * the input's `max_length` makes Slack refuse the whole view.
 */
export const TEXT_INPUT_MAX = 3000;

/** The block id of the n-th input (from 0) holding one list: `links`, `links_2`, `links_3`, … */
const partBlockId = (blockId: string, index: number) => (index === 0 ? blockId : `${blockId}_${index + 1}`);

/**
 * A multi-line input holding a list, one item per line (links). When the saved list is longer than one input can
 * hold, it is spread over as many inputs as it needs, whole lines each ("Links", "Links (continued)"), rather
 * than cut: a person editing a topic expects to find every link they saved, and `FormValues.lines` reads the
 * inputs back as one list.
 */
export function lineListInputs(
  blockId: string,
  label: string,
  items: readonly string[],
  options: { hint?: string; optional?: boolean } = {},
): KnownBlock[] {
  const parts = chunkLines(items, TEXT_INPUT_MAX);
  return (parts.length > 0 ? parts : ['']).map(
    (initial, index) =>
      ({
        type: 'input',
        block_id: partBlockId(blockId, index),
        optional: options.optional ?? true,
        label: plainText(index === 0 ? label : `${label} (continued)`),
        ...(options.hint && index === 0 ? { hint: plainText(options.hint) } : {}),
        element: {
          type: 'plain_text_input',
          action_id: 'value',
          multiline: true,
          max_length: TEXT_INPUT_MAX,
          ...(initial ? { initial_value: initial } : {}),
        },
      }) as KnownBlock,
  );
}
