/**
 * Emoji names as Slack reports them. Slack names a reaction by the emoji's canonical short name in reaction
 * events and in reactions.get, whatever name the person typed or the reaction was added with: 👍 arrives as
 * `+1` (never `thumbsup`), ✋ as `hand`, a skin tone as a suffix (`+1::skin-tone-2`, a separate entry in
 * reactions.get). The names are iamcal's emoji data, the npm package `emoji-datasource` (see
 * functions/local/dev/slack-reference/SOURCES.md); the stand-in reads it directly, not htg's generated table, so that
 * a stale table in htg shows.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { SlackRule } from './types.js';

let canonical: Map<string, string> | undefined;

function canonicalNames(): Map<string, string> {
  if (!canonical) {
    const file = createRequire(import.meta.url).resolve('emoji-datasource/emoji.json');
    const entries = JSON.parse(readFileSync(file, 'utf8')) as Array<{
      short_name: string;
      short_names: string[];
    }>;
    canonical = new Map(
      entries.flatMap((entry) => entry.short_names.map((name) => [name, entry.short_name])),
    );
  }
  return canonical;
}

/**
 * The name Slack reports a reaction by when a person reacts with `typed` (`thumbsup` → `+1`,
 * `:raised_hand::skin-tone-3:` → `hand::skin-tone-3`); custom emoji as they are.
 */
export function slackReactionName(typed: string): string {
  const [name = '', tone] = typed.replace(/^:|:$/g, '').split('::');
  const reported = canonicalNames().get(name) ?? name;
  return tone ? `${reported}::${tone}` : reported;
}

type ReactionsAnswer = {
  message?: { reactions?: Array<{ name?: string; users?: string[]; count?: number }> };
};

/**
 * A reactions.get answer as Slack gives it: names canonical, one entry per name. A test may describe the card's
 * reactions with the names people typed (`thumbsup`); Slack would have merged them into `+1`.
 */
export function asSlackReportsReactions(answer: Record<string, unknown>): Record<string, unknown> {
  const reactions = (answer as ReactionsAnswer).message?.reactions;
  if (!Array.isArray(reactions)) return answer;
  const merged = new Map<string, { name: string; users: string[]; count: number }>();
  for (const reaction of reactions) {
    const name = slackReactionName(reaction.name ?? '');
    const entry = merged.get(name) ?? { ...reaction, name, users: [], count: 0 };
    for (const user of reaction.users ?? []) if (!entry.users.includes(user)) entry.users.push(user);
    entry.count = entry.users.length;
    merged.set(name, entry);
  }
  const message = (answer as ReactionsAnswer).message;
  return { ...answer, message: { ...message, reactions: [...merged.values()] } };
}

/**
 * reactions.add and reactions.remove take the bare name: Slack accepts an alias there (its own reactions.add
 * example adds `thumbsup`) and reports it by the canonical name afterwards, but a name with colons, spaces or
 * capitals is no emoji name and is answered `invalid_name` (an error both methods list in the Web API OpenAPI
 * description). Custom emoji the stand-in cannot know pass.
 */
export const emojiNames: SlackRule = (call) => {
  if (call.method !== 'reactions.add' && call.method !== 'reactions.remove') return undefined;
  const name = call.args.name;
  if (typeof name === 'string' && /^[a-z0-9_+'-]+(::skin-tone-[2-6])?$/.test(name)) return undefined;
  return { error: 'invalid_name' };
};
