import { EMOJI_ALIASES } from './emoji-aliases.generated.js';

let aliases: Map<string, string> | undefined;

/** The alias table, parsed on first use (not when a Lambda loads). */
function aliasTable(): Map<string, string> {
  if (!aliases) {
    aliases = new Map();
    for (const pair of EMOJI_ALIASES.split(',')) {
      const at = pair.indexOf('=');
      aliases.set(pair.slice(0, at), pair.slice(at + 1));
    }
  }
  return aliases;
}

/**
 * An emoji name as Slack reports it in reaction events and reactions.get: without colons, lower case, without a
 * skin tone (`:+1::skin-tone-2:` is `+1`), and by the canonical short name of iamcal's emoji data
 * (`thumbsup` is `+1`, `raised_hand` is `hand`). Names the data does not know (custom emoji, canonical names)
 * come back as typed.
 */
export function canonicalEmojiName(typed: string): string {
  const name = typed.trim().replace(/^:+/, '').toLowerCase();
  // What follows the name's first colon is a skin tone (`+1::skin-tone-2`) or the closing colon.
  const bare = name.split(':')[0] ?? '';
  return aliasTable().get(bare) ?? bare;
}
