import { clip } from './blocks.js';

/**
 * Escapes text for Slack's mrkdwn, the markup every message htg sends is written in: `&`, `<` and `>` are its
 * only control characters, and escaping them stops user text from pinging (`<!channel>`, `<@U…>`) or forging
 * links.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A hackathon's name in bold, escaped, for messages. */
export function boldName(name: string): string {
  return `*${escapeMrkdwn(name)}*`;
}

/** Slack mentions of users, comma separated (someone known only on GitHub by their login, `person`). */
export function mentions(userIds: readonly string[]): string {
  return userIds.map(person).join(', ');
}

/**
 * One person: a Slack mention, or for someone known only on GitHub (a `github:<login>` id, from a vote in the
 * voting discussion) their login linked to their GitHub page: `<@github:…>` would be no mention at all.
 */
export function person(id: string): string {
  const login = /^github:(.+)$/.exec(id)?.[1];
  return login ? labelledLink(`https://github.com/${login}`, `@${login}`) : `<@${id}>`;
}

/** User text shown as inline code: escaped, backticks removed so it cannot close the code span, shortened. */
export function inlineCode(text: string, maxLength = 40): string {
  const clean = text.replace(/`/g, "'").replace(/\s+/g, ' ').trim();
  const short = clean.length > maxLength ? `${clean.slice(0, maxLength - 1)}…` : clean;
  return `\`${escapeMrkdwn(short)}\``;
}

/** `<url|label>` with a short label; `|` and `>` in the URL are percent-encoded so they cannot break the link. */
export function slackLink(url: string, labelMax = 80): string {
  let label = url;
  try {
    const parsed = new URL(url);
    label = `${parsed.hostname.replace(/^www\./, '')}${parsed.pathname === '/' ? '' : parsed.pathname}`;
  } catch {
    // validated on input; keep the raw text
  }
  return labelledLink(url, clip(label, labelMax));
}

/** `<url|label>` with the label escaped and the URL's `|`, `<` and `>` percent-encoded. */
export function labelledLink(url: string, label: string): string {
  const safe = url.replace(/\|/g, '%7C').replace(/>/g, '%3E').replace(/</g, '%3C');
  return `<${safe}|${escapeMrkdwn(label)}>`;
}
