/**
 * Escapes user text for Slack mrkdwn: `&`, `<` and `>` are the only control characters, and escaping them
 * stops user text from pinging (`<!channel>`, `<@U…>`) or forging links.
 */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** User text shown as inline code: escaped, backticks removed so it cannot close the code span, shortened. */
export function inlineCode(text: string, maxLength = 40): string {
  const clean = text.replace(/`/g, "'").replace(/\s+/g, ' ').trim();
  const short = clean.length > maxLength ? `${clean.slice(0, maxLength - 1)}…` : clean;
  return `\`${escapeMrkdwn(short)}\``;
}
