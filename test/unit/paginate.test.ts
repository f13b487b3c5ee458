import { describe, expect, it } from 'vitest';
import { blockKitLimits } from '../../functions/local/dev/slack-rules/blocks.js';
import { type KnownBlock, section, sections } from '../../functions/slack/views/blocks.js';
import { chunkLines } from '../../functions/slack/views/chunk-lines.js';
import { clip, splitText } from '../../functions/slack/views/clip.js';
import { blockText, firstPage, paginate } from '../../functions/slack/views/paginate.js';

const TOKENS = [
  '<https://github.com/gardener/gardener/pull/1234|github.com/gardener/gardener/pull/1234>',
  '<@U0123ABCD>',
  '<#C0123ABCD|hackathon>',
  ':white_check_mark:',
  '&amp;',
  '👍🏽',
  '🇩🇪',
  '𝒳',
];

/** Each token survives whole in one of the pieces, or is absent from all (clipped away). */
function expectTokensWhole(pieces: string[], source: string) {
  for (const piece of pieces) {
    expect(piece).not.toMatch(/[\uD800-\uDBFF]$/); // no lone high surrogate at the end
    expect(piece).not.toMatch(/^[\uDC00-\uDFFF]/); // nor a lone low one at the start
    const opens = (piece.match(/</g) ?? []).length;
    expect((piece.match(/>/g) ?? []).length).toBe(opens);
  }
  for (const token of TOKENS) {
    const inSource = source.split(token).length - 1;
    const inPieces = pieces.reduce((sum, piece) => sum + piece.split(token).length - 1, 0);
    expect(inPieces).toBeLessThanOrEqual(inSource);
  }
}

describe('clip', () => {
  it('leaves short text alone and ends shortened text with an ellipsis within max', () => {
    expect(clip('short', 10)).toBe('short');
    expect(clip('a'.repeat(20), 10)).toBe(`${'a'.repeat(9)}…`);
  });

  it('never cuts a link, mention, channel, emoji code, entity or a character drawn from several code units', () => {
    for (const token of TOKENS) {
      const text = `${'x'.repeat(20)} ${token} tail`;
      for (let max = 18; max < text.length; max++) {
        const clipped = clip(text, max);
        expect(clipped.length).toBeLessThanOrEqual(max);
        expect(clipped.endsWith('…')).toBe(true);
        const kept = clipped.slice(0, -1);
        // The token is either whole or not there at all.
        expect(
          kept.includes(token) || !kept.includes(token.slice(0, 1) === '<' ? '<' : token.slice(0, 2)),
        ).toBe(true);
        expectTokensWhole([kept], text);
      }
    }
  });
});

describe('splitText', () => {
  it('keeps all the text, in pieces within max, breaking at line breaks first', () => {
    const text = ['first line here', 'second line is longer', 'third'].join('\n');
    expect(splitText(text, 25)).toEqual(['first line here', 'second line is longer', 'third']);
  });

  it('splits one huge paragraph at spaces, never inside a token, losing nothing but the breaks', () => {
    const words = Array.from({ length: 600 }, (_, i) => TOKENS[i % TOKENS.length] ?? 'word');
    const text = words.join(' ');
    const pieces = splitText(text, 3000);
    expect(pieces.length).toBeGreaterThan(1);
    for (const piece of pieces) expect(piece.length).toBeLessThanOrEqual(3000);
    expect(pieces.join(' ')).toBe(text);
    expectTokensWhole(pieces, text);
  });

  it('splits text without spaces between characters, keeping surrogate pairs whole', () => {
    const text = '𝒳'.repeat(100);
    const pieces = splitText(text, 15);
    for (const piece of pieces) expect(piece.length).toBeLessThanOrEqual(15);
    expect(pieces.join('')).toBe(text);
    expectTokensWhole(pieces, text);
  });

  it('puts a token at the cut into the next piece', () => {
    const link = TOKENS[0] as string;
    const text = `${'a'.repeat(90)}${link}`;
    expect(splitText(text, 100)).toEqual(['a'.repeat(90), link]);
  });
});

describe('chunkLines', () => {
  it('splits a line longer than a section instead of cutting it', () => {
    const long = `${'word '.repeat(1000)}end`;
    const chunks = chunkLines(['before', long, 'after']);
    expect(chunks.every((chunk) => chunk.length <= 3000)).toBe(true);
    expect(chunks.join(' ').replace(/\n/g, ' ').replace(/\s+/g, ' ')).toBe(
      `before ${long.replace(/\s+/g, ' ')} after`,
    );
  });
});

describe('paginate', () => {
  const small = (i: number) => section(`entry ${i}`);
  const continued = (page: number, total: number) => section(`continued (${page}/${total})`);
  const more = (n: number) => section(`${n} more`);

  it('keeps a message that fits as one page', () => {
    const body = Array.from({ length: 10 }, (_, i) => small(i));
    expect(paginate(body, { continued, more })).toEqual([body]);
  });

  it('splits many small blocks at 50 blocks a page, keeping order and every block', () => {
    const body = Array.from({ length: 120 }, (_, i) => small(i));
    const pages = paginate(body, { lead: [section('lead')], continued, more });
    for (const page of pages) expect(page.length).toBeLessThanOrEqual(50);
    expect(pages[0]?.[0]).toEqual(section('lead'));
    expect(pages[0]?.at(-1)).toEqual(more(pages.length - 1));
    expect(pages[1]?.[0]).toEqual(continued(2, pages.length));
    const bodyBack = pages.flatMap((page, i) => (i === 0 ? page.slice(1, -1) : page.slice(1)));
    expect(bodyBack).toEqual(body);
  });

  it('splits on the text budget: four full sections do not share a page', () => {
    const body: KnownBlock[] = sections(`${'x'.repeat(2999)}\n`.repeat(8));
    expect(body).toHaveLength(8);
    const pages = paginate(body, { continued, more });
    expect(pages.length).toBe(3);
    for (const page of pages) expect(blockText(page)).toBeLessThanOrEqual(10_000);
    // The stand-in (as strict as Slack) accepts every page.
    for (const page of pages)
      expect(
        blockKitLimits({ method: 'chat.postMessage', args: { blocks: JSON.stringify(page) } }, {} as never),
      ).toBeUndefined();
  });

  it('firstPage keeps one message and says how many blocks were left out', () => {
    const body = Array.from({ length: 80 }, (_, i) => small(i));
    const page = firstPage(body, (left) => section(`${left} left out`));
    expect(page).toHaveLength(50);
    expect(page.at(-1)).toEqual(section('31 left out'));
  });
});

describe('the stand-in refuses what Slack refuses', () => {
  const post = (blocks: unknown[], method = 'chat.postMessage') =>
    blockKitLimits({ method, args: { blocks: JSON.stringify(blocks) } }, {} as never);

  it('more than 12,000 characters of block text in all: msg_blocks_too_long', () => {
    expect(post(sections(`${'x'.repeat(2999)}\n`.repeat(5)))?.error).toBe('msg_blocks_too_long');
  });

  it('a section over 3,000, more than 50 blocks, a duplicated action_id or block_id: invalid_blocks', () => {
    expect(post([{ type: 'section', text: { type: 'mrkdwn', text: 'x'.repeat(3001) } }])?.error).toBe(
      'invalid_blocks',
    );
    expect(post(Array.from({ length: 51 }, () => section('x')))?.error).toBe('invalid_blocks');
    const button = { type: 'button', action_id: 'same', text: { type: 'plain_text', text: 'Go' } };
    const refusal = post([{ type: 'actions', elements: [button, button] }]);
    expect(refusal?.error).toBe('invalid_blocks');
    expect(JSON.stringify(refusal?.detail)).toContain('action_id');
    expect(
      post([
        { ...section('a'), block_id: 'b' },
        { ...section('b'), block_id: 'b' },
      ])?.error,
    ).toBe('invalid_blocks');
  });

  it('a modal input whose initial_value is longer than its max_length: invalid_arguments', () => {
    const view = {
      type: 'modal',
      title: { type: 'plain_text', text: 'Edit' },
      blocks: [
        {
          type: 'input',
          label: { type: 'plain_text', text: 'Links' },
          element: {
            type: 'plain_text_input',
            action_id: 'value',
            max_length: 3000,
            initial_value: 'x'.repeat(3001),
          },
        },
      ],
    };
    const refusal = blockKitLimits(
      { method: 'views.open', args: { view: JSON.stringify(view) } },
      {} as never,
    );
    expect(refusal?.error).toBe('invalid_arguments');
    expect(JSON.stringify(refusal?.detail)).toContain('initial_value');
  });
});
