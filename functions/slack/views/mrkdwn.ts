import { escapeMrkdwn } from '../../domain/text.js';

export { escapeMrkdwn };

/** User text shown as inline code: escaped, backticks removed so it cannot close the code span, shortened. */
export function inlineCode(text: string, maxLength = 40): string {
  const clean = text.replace(/`/g, "'").replace(/\s+/g, ' ').trim();
  const short = clean.length > maxLength ? `${clean.slice(0, maxLength - 1)}…` : clean;
  return `\`${escapeMrkdwn(short)}\``;
}
