/**
 * Escapes text for Slack's mrkdwn, the markup every message htg sends is written in: `&`, `<` and `>` are its
 * only control characters, and escaping them stops user text from pinging (`<!channel>`, `<@U…>`) or forging
 * links. Domain and use-case messages that quote user text (a hackathon's name) use it too.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** A hackathon's name in bold, escaped, for messages. */
export function boldName(name: string): string {
  return `*${escapeMrkdwn(name)}*`;
}

/** Slack mentions of users, comma separated. */
export function mentions(userIds: readonly string[]): string {
  return userIds.map((id) => `<@${id}>`).join(', ');
}
