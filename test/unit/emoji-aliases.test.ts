import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { EMOJI_ALIASES } from '../../functions/domain/emoji-aliases.generated.js';
import {
  EMOJI_ALIASES_MODULE,
  readEmojiDatasource,
  renderEmojiAliasesModule,
} from '../../lib/generate-emoji-aliases.js';

describe('the emoji alias table', () => {
  it('is what emoji-datasource gives today (else run `npm run generate:emoji-aliases`)', () => {
    const { version, entries } = readEmojiDatasource();
    expect(readFileSync(EMOJI_ALIASES_MODULE, 'utf8')).toBe(renderEmojiAliasesModule(version, entries));
  });

  it('holds only aliases, each pointing at a canonical name that is no alias itself', () => {
    const { entries } = readEmojiDatasource();
    const canonical = new Set(entries.map((entry) => entry.short_name));
    const pairs = EMOJI_ALIASES.split(',').map((pair) => pair.split('='));
    expect(pairs.length).toBeGreaterThan(50);
    for (const [alias, name] of pairs) {
      expect(canonical.has(alias ?? '')).toBe(false);
      expect(canonical.has(name ?? '')).toBe(true);
    }
    expect(pairs).toContainEqual(['thumbsup', '+1']);
    expect(pairs).toContainEqual(['raised_hand', 'hand']);
  });

  it('refuses data that gives one alias to two emoji', () => {
    expect(() =>
      renderEmojiAliasesModule('test', [
        { short_name: 'a', short_names: ['a', 'x'] },
        { short_name: 'b', short_names: ['b', 'x'] },
      ]),
    ).toThrow(/x/);
  });
});
