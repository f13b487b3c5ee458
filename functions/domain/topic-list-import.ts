import type { TopicKind } from './topic.js';

/** A topic found in a pasted Markdown topic list. */
export interface ImportedTopic {
  title: string;
  /** The heading it was listed under; null when the list has no categories. */
  category: string | null;
  /** Nested detail lines or the section's text, de-indented. */
  description: string;
  links: string[];
  emoji: string | null;
  kind: TopicKind;
  fastTrack: boolean;
}

const HEADING = /^(#{1,6})\s+(.*?)\s*#*\s*$/;
const BULLET = /^([-*+])\s+(.*)$/;
const LEADING_EMOJI =
  /^((?:\p{Extended_Pictographic}|\p{Regional_Indicator})(?:\uFE0F|\u200D\p{Extended_Pictographic}|\p{Emoji_Modifier})*\uFE0F?)\s*/u;
const MARKDOWN_LINK = /\[([^\]]*)\]\(([^)\s]+)\)/g;
const BARE_URL = /\bhttps?:\/\/[^\s<>()[\]`"']+/g;
const ISSUE_SUFFIX = /\s*\(\[#\d+\]\(([^)\s]+)\)\)\s*$/;

/**
 * Reads the topic lists communities keep today:
 * - a board like the HackMD seed board: under "All Proposals" (or the whole text when there is no such
 *   section), top-level bullets are topics, `###` headings their categories, nested bullets their details;
 * - a wrap-up style list: each `## <emoji> Title ([#N](issue link))` heading is a topic.
 * Links in titles and details are collected; `[text](url)` in a title becomes its text.
 */
export function parseTopicList(markdown: string): ImportedTopic[] {
  const lines = region(stripFrontMatter(markdown.replace(/\r\n?/g, '\n')).split('\n'));
  const headingMode = lines.some((line) => /^##\s/.test(line));
  return headingMode ? parseHeadingTopics(lines) : parseBulletTopics(lines);
}

function stripFrontMatter(text: string): string {
  return text.startsWith('---\n') ? text.replace(/^---\n[\s\S]*?\n---\n/, '') : text;
}

/** The lines of the "All Proposals" section when there is one, else all lines. */
function region(lines: string[]): string[] {
  const start = lines.findIndex((line) => /^#{1,6}\s+all proposals\b/i.test(line));
  if (start < 0) return lines;
  const level = HEADING.exec(lines[start] ?? '')?.[1]?.length ?? 2;
  const rest = lines.slice(start + 1);
  const end = rest.findIndex((line) => {
    const heading = HEADING.exec(line);
    return heading !== null && (heading[1]?.length ?? 0) <= level;
  });
  return end < 0 ? rest : rest.slice(0, end);
}

function parseHeadingTopics(lines: string[]): ImportedTopic[] {
  const topics: ImportedTopic[] = [];
  let current: { heading: string; body: string[] } | undefined;
  const flush = () => {
    if (current) topics.push(topicFrom(current.heading, null, current.body));
    current = undefined;
  };
  for (const line of lines) {
    const heading = HEADING.exec(line);
    if (heading && (heading[1]?.length ?? 0) <= 2) {
      flush();
      if (heading[1] === '##') current = { heading: heading[2] ?? '', body: [] };
    } else if (current && !/^\s*(<[^>]+>\s*)+$/.test(line) && !/^\s*!\[[^\]]*\]\([^)]*\)\s*$/.test(line)) {
      current.body.push(line);
    }
  }
  flush();
  return topics.filter((topic) => topic.title !== '');
}

function parseBulletTopics(lines: string[]): ImportedTopic[] {
  const topics: ImportedTopic[] = [];
  let category: string | null = null;
  let current: { title: string; category: string | null; body: string[] } | undefined;
  let inFence = false;
  const flush = () => {
    if (current) topics.push(topicFrom(current.title, current.category, current.body));
    current = undefined;
  };
  for (const raw of lines) {
    const line = raw.replace(/\t/g, '    ');
    if (/^\s*(```|~~~)/.test(line)) inFence = !inFence;
    const indented = /^\s/.test(line);
    const heading = !inFence && !indented ? HEADING.exec(line) : null;
    if (heading) {
      flush();
      category = cleanCategory(heading[2] ?? '');
      continue;
    }
    const bullet = !inFence && !indented ? BULLET.exec(line) : null;
    if (bullet) {
      flush();
      current = { title: bullet[2] ?? '', category, body: [] };
    } else if (current && (indented || inFence || line.trim() === '')) {
      current.body.push(line);
    } else if (line.trim() !== '' && category !== null) {
      // A line under a category heading that is not a bullet is a topic written without the dash.
      flush();
      current = { title: line.trim(), category, body: [] };
    }
  }
  flush();
  return topics.filter((topic) => topic.title !== '');
}

function topicFrom(rawTitle: string, category: string | null, body: string[]): ImportedTopic {
  const links: string[] = [];
  let title = rawTitle.trim();
  const issue = ISSUE_SUFFIX.exec(title);
  if (issue?.[1]) {
    links.push(issue[1]);
    title = title.slice(0, issue.index);
  }
  const emoji = LEADING_EMOJI.exec(title)?.[1] ?? null;
  if (emoji) title = title.slice(emoji.length).trim();
  title = title.replace(MARKDOWN_LINK, (_match, text: string, url: string) => {
    links.push(url);
    return text;
  });
  for (const url of title.match(BARE_URL) ?? []) links.push(trimUrl(url));
  title = title.replace(/\s+/g, ' ').trim();

  const description = dedent(body);
  for (const match of description.matchAll(MARKDOWN_LINK)) if (match[2]) links.push(match[2]);
  for (const url of description.replace(MARKDOWN_LINK, ' ').match(BARE_URL) ?? []) links.push(trimUrl(url));

  const context = `${title} ${category ?? ''}`;
  return {
    title,
    category,
    description,
    links: [...new Set(links.filter((url) => /^https?:\/\//.test(url)))],
    emoji,
    kind: /\bdiscussion\b/i.test(context) ? 'discussion' : 'hacking',
    fastTrack: /fast[\s-]?track/i.test(context),
  };
}

function cleanCategory(heading: string): string | null {
  const name = heading.replace(LEADING_EMOJI, '').replace(/\s+/g, ' ').trim();
  return name === '' ? null : name;
}

function dedent(lines: string[]): string {
  const trimmed = [...lines];
  while (trimmed.length > 0 && trimmed[0]?.trim() === '') trimmed.shift();
  while (trimmed.length > 0 && trimmed[trimmed.length - 1]?.trim() === '') trimmed.pop();
  const indents = trimmed
    .filter((line) => line.trim() !== '')
    .map((line) => /^\s*/.exec(line)?.[0].length ?? 0);
  const cut = indents.length > 0 ? Math.min(...indents) : 0;
  return trimmed
    .map((line) => line.slice(Math.min(cut, /^\s*/.exec(line)?.[0].length ?? 0)).trimEnd())
    .join('\n');
}

function trimUrl(url: string): string {
  return url.replace(/[.,;:!?]+$/, '');
}
