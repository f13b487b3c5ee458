import type { Refusal, SlackRule } from './types.js';

/**
 * Block Kit's limits, as Slack enforces them on messages and views. Sources (each limit below names its own):
 * - docs.slack.dev/reference/block-kit/blocks (50 blocks in a message, 100 in a modal or Home tab) and each
 *   block's page (section, header, context, actions, input, image, markdown);
 * - docs.slack.dev/reference/block-kit/block-elements and its pages (button, select menus, plain-text input…);
 * - docs.slack.dev/reference/block-kit/composition-objects (text, option, confirmation dialog);
 * - docs.slack.dev/reference/views (title, submit, close 24; private_metadata 3,000; callback_id 255);
 * - docs.slack.dev/reference/methods/chat.postMessage (`msg_too_long`: text truncated beyond 40,000 characters;
 *   `invalid_blocks`; `msg_blocks_too_long`);
 * - the cumulative limit on block text, which Slack does not document: slackapi/bolt-js #2509 (refused at about
 *   13,200 characters in all) and #2867 (refused at 11,341 counted text characters; a maintainer: "12,000 text
 *   characters with a buffer for block containers"). We count every `text` string and 20 characters per block
 *   for its container, and refuse more than 12,000: at least as strict as the refusals reported.
 * Slack answers chat.* with `invalid_blocks` and views.* with `invalid_arguments`, both with
 * `response_metadata.messages` like "[ERROR] must be less than 3001 characters [json-pointer:/blocks/0/text/text]".
 */

const MESSAGE_METHODS = new Set([
  'chat.postMessage',
  'chat.update',
  'chat.postEphemeral',
  'chat.scheduleMessage',
]);
const VIEW_METHODS = new Set(['views.open', 'views.update', 'views.push', 'views.publish']);

const MESSAGE_TEXT_MAX = 40_000;
const MESSAGE_BLOCKS_MAX = 50;
const VIEW_BLOCKS_MAX = 100;
const BLOCKS_TEXT_MAX = 12_000;
const BLOCK_CONTAINER_ALLOWANCE = 20;

type Json = Record<string, unknown>;

class Problems {
  readonly list: string[] = [];
  add(pointer: string, message: string) {
    this.list.push(`${message} [json-pointer:${pointer}]`);
  }
  /** A string no longer than `max` (and, for text, at least one character). */
  length(pointer: string, value: unknown, max: number, min = 0) {
    if (value === undefined) return;
    if (typeof value !== 'string') return this.add(pointer, 'must be a string');
    if (value.length > max) this.add(pointer, `must be less than ${max + 1} characters (is ${value.length})`);
    if (value.length < min) this.add(pointer, `must be more than ${min - 1} characters`);
  }
  count(pointer: string, value: unknown, max: number, min = 0) {
    if (value === undefined) return;
    if (!Array.isArray(value)) return this.add(pointer, 'must be an array');
    if (value.length > max) this.add(pointer, `must provide no more than ${max} items (has ${value.length})`);
    if (value.length < min) this.add(pointer, `must provide at least ${min} items`);
  }
}

const asObject = (value: unknown): Json | undefined =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined;

/** A text object: plain_text or mrkdwn, 1 to `max` characters (composition-objects: text object, 3,000). */
function textObject(p: Problems, pointer: string, value: unknown, max: number, plainOnly = false) {
  if (value === undefined) return;
  const text = asObject(value);
  if (!text) return p.add(pointer, 'must be a text object');
  if (text.type !== 'plain_text' && (plainOnly || text.type !== 'mrkdwn'))
    p.add(`${pointer}/type`, plainOnly ? 'must be plain_text' : 'must be plain_text or mrkdwn');
  p.length(`${pointer}/text`, text.text, max, 1);
}

/** An option object: text 75, value 150 (docs.slack.dev composition-objects/option-object), description 75. */
function option(p: Problems, pointer: string, value: unknown) {
  const item = asObject(value);
  if (!item) return p.add(pointer, 'must be an option object');
  textObject(p, `${pointer}/text`, item.text, 75);
  p.length(`${pointer}/value`, item.value, 150, 1);
  textObject(p, `${pointer}/description`, item.description, 75);
  p.length(`${pointer}/url`, item.url, 3000);
}

/** A confirmation dialog: title 100, text 300, confirm and deny 30 (composition-objects/confirmation-dialog). */
function confirm(p: Problems, pointer: string, value: unknown) {
  const dialog = asObject(value);
  if (!dialog) return;
  textObject(p, `${pointer}/title`, dialog.title, 100, true);
  textObject(p, `${pointer}/text`, dialog.text, 300);
  textObject(p, `${pointer}/confirm`, dialog.confirm, 30, true);
  textObject(p, `${pointer}/deny`, dialog.deny, 30, true);
}

/** An interactive element: action_id 255 (block-elements), and each type's own limits. */
function element(p: Problems, pointer: string, value: unknown) {
  const item = asObject(value);
  if (!item) return p.add(pointer, 'must be an element object');
  p.length(`${pointer}/action_id`, item.action_id, 255, 1);
  textObject(p, `${pointer}/placeholder`, item.placeholder, 150, true);
  confirm(p, `${pointer}/confirm`, item.confirm);
  const options = (max: number, min = 0) => {
    p.count(`${pointer}/options`, item.options, max, min);
    if (Array.isArray(item.options))
      for (const [i, o] of item.options.entries()) option(p, `${pointer}/options/${i}`, o);
    if (item.initial_option) option(p, `${pointer}/initial_option`, item.initial_option);
  };
  switch (item.type) {
    case 'button': // button element: text 75, value 2,000, url 3,000, accessibility_label 75
      textObject(p, `${pointer}/text`, item.text, 75, true);
      p.length(`${pointer}/value`, item.value, 2000);
      p.length(`${pointer}/url`, item.url, 3000);
      p.length(`${pointer}/accessibility_label`, item.accessibility_label, 75);
      break;
    case 'static_select':
    case 'multi_static_select': // select menus: options and option_groups at most 100 each
      options(100);
      p.count(`${pointer}/option_groups`, item.option_groups, 100);
      break;
    case 'radio_buttons':
    case 'checkboxes': // radio buttons and checkboxes: at most 10 options
      options(10, 1);
      break;
    case 'overflow': // overflow menu: 2 to 5 options
      options(5, 1);
      break;
    case 'plain_text_input': {
      // plain-text input: max_length and min_length at most 3,000; an initial value longer than max_length is
      // refused (Slack: "initial_value must be shorter than max_length").
      const max = typeof item.max_length === 'number' ? item.max_length : 3000;
      if (typeof item.max_length === 'number' && (item.max_length > 3000 || item.max_length < 1))
        p.add(`${pointer}/max_length`, 'must be between 1 and 3000');
      if (typeof item.min_length === 'number' && item.min_length > 3000)
        p.add(`${pointer}/min_length`, 'must be no more than 3000');
      if (typeof item.initial_value === 'string' && item.initial_value.length > max)
        p.add(
          `${pointer}/initial_value`,
          `must be no longer than max_length ${max} (is ${item.initial_value.length})`,
        );
      break;
    }
    default:
      break;
  }
}

/** Elements of one block: action ids unique within it (block-elements: "unique among all other action_ids in the containing block"). */
function uniqueActionIds(p: Problems, pointer: string, elements: Array<{ at: string; value: unknown }>) {
  const seen = new Set<string>();
  for (const { at, value } of elements) {
    const id = asObject(value)?.action_id;
    if (typeof id !== 'string') continue;
    if (seen.has(id)) p.add(`${at}/action_id`, `action_id "${id}" is already used in block ${pointer}`);
    seen.add(id);
  }
}

function block(p: Problems, pointer: string, value: unknown, blockIds: Set<string>) {
  const item = asObject(value);
  if (!item) return p.add(pointer, 'must be a block object');
  // block_id: 255 characters, unique within a message or view (blocks: "block_id should be unique for each message").
  p.length(`${pointer}/block_id`, item.block_id, 255, 1);
  if (typeof item.block_id === 'string') {
    if (blockIds.has(item.block_id))
      p.add(`${pointer}/block_id`, `block_id "${item.block_id}" is already used`);
    blockIds.add(item.block_id);
  }
  switch (item.type) {
    case 'section': // section block: text 3,000; at most 10 fields of 2,000 each; text or fields required
      textObject(p, `${pointer}/text`, item.text, 3000);
      p.count(`${pointer}/fields`, item.fields, 10);
      if (Array.isArray(item.fields))
        for (const [i, f] of item.fields.entries()) textObject(p, `${pointer}/fields/${i}`, f, 2000);
      if (item.text === undefined && item.fields === undefined) p.add(pointer, 'must provide text or fields');
      if (item.accessory) element(p, `${pointer}/accessory`, item.accessory);
      break;
    case 'header': // header block: plain_text, 150
      textObject(p, `${pointer}/text`, item.text, 150, true);
      break;
    case 'context': // context block: 1 to 10 elements (text objects or images)
      p.count(`${pointer}/elements`, item.elements, 10, 1);
      if (Array.isArray(item.elements))
        item.elements.forEach((e, i) => {
          const at = `${pointer}/elements/${i}`;
          if (asObject(e)?.type === 'image') p.length(`${at}/alt_text`, asObject(e)?.alt_text, 2000);
          else textObject(p, at, e, 3000);
        });
      break;
    case 'actions': // actions block: 1 to 25 elements, action ids unique in it
      p.count(`${pointer}/elements`, item.elements, 25, 1);
      if (Array.isArray(item.elements)) {
        for (const [i, e] of item.elements.entries()) element(p, `${pointer}/elements/${i}`, e);
        uniqueActionIds(
          p,
          pointer,
          item.elements.map((e, i) => ({ at: `${pointer}/elements/${i}`, value: e })),
        );
      }
      break;
    case 'input': // input block: label 2,000, hint 2,000, one element
      textObject(p, `${pointer}/label`, item.label, 2000, true);
      textObject(p, `${pointer}/hint`, item.hint, 2000, true);
      if (!item.element) p.add(`${pointer}/element`, 'is required');
      else element(p, `${pointer}/element`, item.element);
      break;
    case 'image': // image block: image_url 3,000, alt_text 2,000, title 2,000
      p.length(`${pointer}/image_url`, item.image_url, 3000);
      p.length(`${pointer}/alt_text`, item.alt_text, 2000, 1);
      textObject(p, `${pointer}/title`, item.title, 2000, true);
      break;
    case 'markdown': // markdown block: text 12,000
      p.length(`${pointer}/text`, item.text, 12_000, 1);
      break;
    case 'divider':
    case 'rich_text':
    case 'file':
    case 'video':
    case 'table':
      break;
    default:
      p.add(`${pointer}/type`, `unknown block type ${JSON.stringify(item.type)}`);
  }
}

function checkBlocks(p: Problems, pointer: string, blocks: unknown, max: number) {
  if (!Array.isArray(blocks)) return p.add(pointer, 'must be an array');
  p.count(pointer, blocks, max);
  const blockIds = new Set<string>();
  for (const [i, b] of blocks.entries()) block(p, `${pointer}/${i}`, b, blockIds);
}

/** Every `text` string in the blocks, as the cumulative limit counts them, plus each block's container allowance. */
function countedBlockText(blocks: unknown[]): number {
  const walk = (value: unknown): number => {
    if (Array.isArray(value)) return value.reduce((sum: number, v) => sum + walk(v), 0);
    const item = asObject(value);
    if (!item) return 0;
    let sum = 0;
    for (const [key, inner] of Object.entries(item))
      sum += key === 'text' && typeof inner === 'string' ? inner.length : walk(inner);
    return sum;
  };
  return walk(blocks) + BLOCK_CONTAINER_ALLOWANCE * blocks.length;
}

const parse = (value: unknown): unknown => {
  if (typeof value !== 'string') return value;
  try {
    return JSON.parse(value);
  } catch {
    return Symbol.for('invalid-json');
  }
};

const refuse = (error: string, messages: string[]): Refusal => ({
  error,
  detail: {
    ...(error === 'invalid_blocks' ? { errors: messages } : {}),
    response_metadata: { messages: messages.map((m) => `[ERROR] ${m}`) },
  },
});

/** Block Kit limits on messages (chat.*) and views (views.*), with Slack's error codes. */
export const blockKitLimits: SlackRule = (call) => {
  if (MESSAGE_METHODS.has(call.method)) {
    const { text } = call.args;
    if (typeof text === 'string' && text.length > MESSAGE_TEXT_MAX)
      return refuse('msg_too_long', [
        `text must be less than ${MESSAGE_TEXT_MAX + 1} characters (is ${text.length})`,
      ]);
    if (call.args.blocks === undefined) return undefined;
    const blocks = parse(call.args.blocks);
    if (typeof blocks === 'symbol') return refuse('invalid_blocks_format', ['blocks are not valid JSON']);
    const p = new Problems();
    checkBlocks(p, '/blocks', blocks, MESSAGE_BLOCKS_MAX);
    if (p.list.length > 0) return refuse('invalid_blocks', p.list);
    const counted = countedBlockText(blocks as unknown[]);
    if (counted > BLOCKS_TEXT_MAX)
      return refuse('msg_blocks_too_long', [
        `blocks carry ${counted} characters of text (with ${BLOCK_CONTAINER_ALLOWANCE} a block); at most ${BLOCKS_TEXT_MAX} [json-pointer:/blocks]`,
      ]);
    return undefined;
  }
  if (VIEW_METHODS.has(call.method)) {
    const view = asObject(parse(call.args.view));
    if (!view) return refuse('invalid_arguments', ['view must be an object [json-pointer:/view]']);
    const p = new Problems();
    if (view.type !== 'modal' && view.type !== 'home') p.add('/view/type', 'must be modal or home');
    if (view.type === 'modal') textObject(p, '/view/title', view.title, 24, true);
    textObject(p, '/view/submit', view.submit, 24, true);
    textObject(p, '/view/close', view.close, 24, true);
    p.length('/view/private_metadata', view.private_metadata, 3000);
    p.length('/view/callback_id', view.callback_id, 255);
    p.length('/view/external_id', view.external_id, 255);
    checkBlocks(p, '/view/blocks', view.blocks, VIEW_BLOCKS_MAX);
    if (p.list.length > 0) return refuse('invalid_arguments', p.list);
  }
  return undefined;
};
