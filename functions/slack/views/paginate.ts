import type { KnownBlock } from './blocks.js';

/**
 * How much block text htg puts in one message. Slack refuses a message whose blocks carry more than about 12,000
 * characters of text in all (`msg_blocks_too_long`; the limit is undocumented, slackapi/bolt-js #2509 and #2867
 * report refusals from about 11,300 counted characters, "12,000 text characters with a buffer for block
 * containers"), whatever each block's own limit; 10,000 leaves that buffer.
 */
export const MESSAGE_TEXT_BUDGET = 10_000;
/** Slack's limit of blocks in one message (docs.slack.dev/reference/block-kit/blocks). */
const MESSAGE_BLOCKS_MAX = 50;

/** The characters of text a block carries: every `text` string in it (section text and fields, context, buttons…). */
export function blockText(value: unknown): number {
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + blockText(item), 0);
  if (!value || typeof value !== 'object') return 0;
  let sum = 0;
  for (const [key, inner] of Object.entries(value)) {
    if (key === 'text' && typeof inner === 'string') sum += inner.length;
    else sum += blockText(inner);
  }
  return sum;
}

export interface PageOptions {
  /** Blocks the first page starts with (a header, facts). */
  lead?: readonly KnownBlock[];
  /** The first block of every later page, e.g. "Board, continued (2/3)". */
  continued?: (page: number, total: number) => KnownBlock;
  /** The last block of the first page when more follow, e.g. "Continued in the thread (2 more messages)". */
  more?: (following: number) => KnownBlock;
  maxBlocks?: number;
  maxText?: number;
}

/**
 * Spreads blocks over messages that each keep Slack's limits: at most 50 blocks and at most 10,000 characters of
 * block text. The first page starts with `lead` and, when more follow, ends with `more`; every later page starts
 * with `continued`. Blocks keep their order and none is dropped; a block too big for a page alone (a builder's
 * bug: sections carry at most 3,000) gets a page of its own.
 */
export function paginate(body: readonly KnownBlock[], options: PageOptions = {}): KnownBlock[][] {
  const { lead = [], maxBlocks = MESSAGE_BLOCKS_MAX, maxText = MESSAGE_TEXT_BUDGET } = options;
  const all = [...lead, ...body];
  if (all.length <= maxBlocks && blockText(all) <= maxText) return [all];

  // Room for the page's own line (pointer or "continued"), measured at its longest.
  const frame = Math.max(
    options.continued ? blockText(options.continued(999, 999)) : 0,
    options.more ? blockText(options.more(999)) : 0,
  );
  const pages: KnownBlock[][] = [];
  let page: KnownBlock[] = [...lead];
  let text = blockText(lead);
  for (const block of body) {
    const size = blockText(block);
    const full = page.length + 2 > maxBlocks || text + size + frame > maxText;
    if (full && page.length > (pages.length === 0 ? lead.length : 0)) {
      pages.push(page);
      page = [];
      text = 0;
    }
    page.push(block);
    text += size;
  }
  pages.push(page);
  if (pages.length === 1) return pages;
  const total = pages.length;
  return pages.map((blocks, index) => {
    if (index === 0) return options.more ? [...blocks, options.more(total - 1)] : blocks;
    return options.continued ? [options.continued(index + 1, total), ...blocks] : blocks;
  });
}

/**
 * One message's worth of blocks, for a message that cannot continue (an ephemeral answer, a message updated in
 * place): as many blocks as fit, then `overflow(left)` saying how many were left out and where they are.
 */
export function firstPage(
  body: readonly KnownBlock[],
  overflow: (left: number) => KnownBlock,
  lead: readonly KnownBlock[] = [],
): KnownBlock[] {
  const pages = paginate(body, { lead, more: () => overflow(999) });
  if (pages.length === 1) return pages[0] ?? [];
  const shown = (pages[0] ?? []).slice(0, -1);
  return [...shown, overflow(lead.length + body.length - shown.length)];
}
