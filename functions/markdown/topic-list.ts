import type { Heading, ListItem, Nodes, Paragraph, PhrasingContent, RootContent } from 'mdast';
import type { TopicKind } from '../domain/topic.js';

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

const LEADING_EMOJI =
  /^((?:\p{Extended_Pictographic}|\p{Regional_Indicator})(?:\uFE0F|\u200D\p{Extended_Pictographic}|\p{Emoji_Modifier})*\uFE0F?)\s*/u;
const BARE_URL = /\bhttps?:\/\/[^\s<>()[\]`"']+/g;

/**
 * Reads the topic lists communities keep today, as the Markdown they are (CommonMark, through mdast):
 * - a board like the HackMD seed board: under "All Proposals" (or the whole text when there is no such
 *   section), the items of top-level lists are topics, headings their categories, what is nested in an item
 *   its details; under a category, lines that are not list items are topics written without the dash;
 * - a wrap-up style list: each `## <emoji> Title ([#N](issue link))` heading is a topic.
 * Links in titles and details are collected (bare URLs too, not those in code); `[text](url)` in a title
 * becomes its text.
 */
export async function parseTopicList(markdown: string): Promise<ImportedTopic[]> {
  // Loaded on the import's path only: the ingress starts without a Markdown parser (lib/bundling.ts).
  const { fromMarkdown } = await import('mdast-util-from-markdown');
  const source = stripFrontMatter(markdown.replace(/\r\n?/g, '\n'));
  const tree = fromMarkdown(source);
  const doc = new Source(source, definitions(tree));
  const nodes = region(tree.children, doc);
  const headingMode = nodes.some((node) => node.type === 'heading' && node.depth === 2);
  const topics = headingMode ? headingTopics(nodes, doc) : listTopics(nodes, doc);
  return topics.filter((topic) => topic.title !== '');
}

/** CommonMark would read a page's front matter as a rule and a heading (a topic): it is cut first. */
function stripFrontMatter(text: string): string {
  return text.startsWith('---\n') ? text.replace(/^---\n[\s\S]*?\n---\n/, '') : text;
}

/** The pasted text and its link definitions, which titles and details are read against. */
class Source {
  readonly lines: string[];

  constructor(
    readonly text: string,
    readonly definitions: ReadonlyMap<string, string>,
  ) {
    this.lines = text.split('\n');
  }

  /** A node as it was typed. */
  slice(node: Nodes): string {
    return this.text.slice(node.position?.start.offset ?? 0, node.position?.end.offset ?? 0);
  }
}

/** `[id]: url` definitions, which `[text][id]` links point to (the first one counts, as in CommonMark). */
function definitions(node: Nodes, found = new Map<string, string>()): Map<string, string> {
  if (node.type === 'definition' && !found.has(node.identifier)) found.set(node.identifier, node.url);
  if ('children' in node) for (const child of node.children) definitions(child, found);
  return found;
}

/** The blocks of the "All Proposals" section when there is one (a board's voting part is not the list), else all. */
function region(nodes: RootContent[], doc: Source): RootContent[] {
  const start = nodes.findIndex(
    (node) => node.type === 'heading' && /^all proposals\b/i.test(inlineText(node.children, doc, [])),
  );
  const heading = nodes[start];
  if (heading?.type !== 'heading') return nodes;
  const rest = nodes.slice(start + 1);
  const end = rest.findIndex((node) => node.type === 'heading' && node.depth <= heading.depth);
  return end < 0 ? rest : rest.slice(0, end);
}

/** Each `## ` heading is a topic, the blocks under it (without pictures and HTML) its description. */
function headingTopics(nodes: RootContent[], doc: Source): ImportedTopic[] {
  const topics: ImportedTopic[] = [];
  let current: { heading: Heading; body: RootContent[] } | undefined;
  const flush = () => {
    if (current) topics.push(topicFrom(doc, current.heading.children, null, current.body));
    current = undefined;
  };
  for (const node of nodes) {
    if (node.type === 'heading' && node.depth <= 2) {
      flush();
      if (node.depth === 2) current = { heading: node, body: [] };
    } else if (current && !isDecoration(node)) {
      current.body.push(node);
    }
  }
  flush();
  return topics;
}

/** HTML, rules and paragraphs of nothing but pictures: a page's decoration, not a topic's text. */
function isDecoration(node: RootContent): boolean {
  if (node.type === 'html' || node.type === 'thematicBreak') return true;
  return (
    node.type === 'paragraph' &&
    node.children.every(
      (child) =>
        child.type === 'image' ||
        child.type === 'imageReference' ||
        child.type === 'html' ||
        (child.type === 'text' && child.value.trim() === ''),
    )
  );
}

/** List items are topics and headings their categories; lines under a category outside a list are topics too. */
function listTopics(nodes: RootContent[], doc: Source): ImportedTopic[] {
  const found: Array<{ title: PhrasingContent[]; category: string | null; body: Nodes[] }> = [];
  let category: string | null = null;
  /** The last topic since the heading: a code block or quote right under it belongs to its details. */
  let current: { body: Nodes[] } | undefined;
  const add = (title: PhrasingContent[], body: Nodes[]) => {
    current = { body };
    found.push({ title, category, body });
  };
  for (const node of nodes) {
    if (node.type === 'heading') {
      category = categoryName(node, doc);
      current = undefined;
    } else if (node.type === 'list') {
      for (const item of node.children) {
        const { title, body } = itemParts(item);
        add(title, body);
      }
    } else if (node.type === 'paragraph') {
      if (category === null) continue; // prose before the first category
      for (const line of phrasingLines(node.children)) add(line, []);
    } else if (current && (node.type === 'code' || node.type === 'blockquote' || node.type === 'table')) {
      current.body.push(node);
    }
  }
  return found.map((topic) => topicFrom(doc, topic.title, topic.category, topic.body));
}

/** A list item's first line is its title; the rest of its first paragraph and what is nested are its details. */
function itemParts(item: ListItem): { title: PhrasingContent[]; body: Nodes[] } {
  const [first, ...nested] = item.children;
  if (first?.type !== 'paragraph' || !first.position) return { title: [], body: item.children };
  const [title = [], ...more] = phrasingLines(first.children);
  if (more.length === 0) return { title, body: nested };
  // The title's line ends where its last node does (a link or code span may run over a line break).
  const titleEnd = Math.max(first.position.start.line, ...title.map((node) => node.position?.end.line ?? 0));
  const rest: Paragraph = {
    type: 'paragraph',
    children: more.flat(),
    position: { start: { line: titleEnd + 1, column: 1 }, end: first.position.end },
  };
  return { title, body: [rest, ...nested] };
}

function categoryName(heading: Heading, doc: Source): string | null {
  const name = inlineText(heading.children, doc, []).replace(LEADING_EMOJI, '').replace(/\s+/g, ' ').trim();
  return name === '' ? null : name;
}

/** Inline content cut at its line breaks: under a category, each line outside a list is its own topic. */
function phrasingLines(nodes: PhrasingContent[]): PhrasingContent[][] {
  const lines: PhrasingContent[][] = [[]];
  for (const node of nodes) {
    if (node.type === 'break') {
      lines.push([]);
    } else if (node.type === 'text' && node.value.includes('\n')) {
      const [head = '', ...tail] = node.value.split('\n');
      lines[lines.length - 1]?.push({ type: 'text', value: head });
      for (const value of tail) lines.push([{ type: 'text', value }]);
    } else {
      lines[lines.length - 1]?.push(node);
    }
  }
  return lines;
}

function topicFrom(
  doc: Source,
  rawTitle: PhrasingContent[],
  category: string | null,
  body: Nodes[],
): ImportedTopic {
  const links: string[] = [];
  const { rest, issue } = withoutIssueSuffix(rawTitle, doc);
  if (issue) links.push(issue);
  let title = inlineText(rest, doc, links).replace(/\s+/g, ' ').trim();
  const emoji = LEADING_EMOJI.exec(title)?.[1] ?? null;
  if (emoji) title = title.slice(emoji.length).trim();

  const description = blockText(body, doc);
  for (const node of body) linksIn(node, doc, links);

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

/** A title ending in `([#12](issue link))`, as the wrap-up pages write them: the link, and the title without it. */
function withoutIssueSuffix(
  nodes: PhrasingContent[],
  doc: Source,
): { rest: PhrasingContent[]; issue: string | null } {
  const [open, link, close] = nodes.slice(-3);
  if (
    open?.type === 'text' &&
    open.value.endsWith('(') &&
    link?.type === 'link' &&
    /^#\d+$/.test(inlineText(link.children, doc, [])) &&
    close?.type === 'text' &&
    /^\)\s*$/.test(close.value)
  ) {
    return {
      rest: [...nodes.slice(0, -3), { type: 'text', value: open.value.slice(0, -1) }],
      issue: link.url,
    };
  }
  return { rest: nodes, issue: null };
}

/**
 * Inline Markdown as a title reads: a link's text instead of the link (its target added to `links`), code
 * spans, emphasis and inline HTML as typed, a picture's alt text. Bare URLs in the text (not in a link's text,
 * which only names its target) are added to `links`.
 */
function inlineText(nodes: readonly PhrasingContent[], doc: Source, links: string[]): string {
  return nodes
    .map((node): string => {
      switch (node.type) {
        case 'text':
          for (const url of node.value.match(BARE_URL) ?? []) links.push(trimUrl(url));
          return node.value;
        case 'link':
          links.push(node.url);
          return inlineText(node.children, doc, []);
        case 'linkReference': {
          const url = doc.definitions.get(node.identifier);
          if (url) links.push(url);
          return inlineText(node.children, doc, []);
        }
        case 'emphasis':
        case 'strong': {
          // The markers as typed (`*`, `__`) around the inner text, whose links are read like any other.
          const from = node.children[0]?.position?.start.offset;
          const to = node.children.at(-1)?.position?.end.offset;
          if (from === undefined || to === undefined) return doc.slice(node);
          const open = doc.text.slice(node.position?.start.offset, from);
          const close = doc.text.slice(to, node.position?.end.offset);
          return `${open}${inlineText(node.children, doc, links)}${close}`;
        }
        case 'break':
          return ' ';
        case 'image':
        case 'imageReference':
          return node.alt ?? '';
        default:
          return doc.slice(node);
      }
    })
    .join('');
}

/** Link targets in a description, in document order: links, reference links and bare URLs, not code. */
function linksIn(node: Nodes, doc: Source, links: string[]): void {
  if (node.type === 'link') links.push(node.url);
  else if (node.type === 'linkReference') {
    const url = doc.definitions.get(node.identifier);
    if (url) links.push(url);
  } else if (node.type === 'text') {
    for (const url of node.value.match(BARE_URL) ?? []) links.push(trimUrl(url));
  } else if ('children' in node) {
    for (const child of node.children) linksIn(child, doc, links);
  }
}

/**
 * Blocks as they were typed, de-indented: whole source lines from the first block to the last (tabs as four
 * spaces), so nested bullets keep their indentation relative to each other. Lines of blocks left out in
 * between (pictures, HTML) become one blank line.
 */
function blockText(blocks: readonly Nodes[], doc: Source): string {
  const lines: string[] = [];
  let previousEnd: number | undefined;
  for (const block of blocks) {
    const start = block.position?.start.line;
    const end = block.position?.end.line;
    if (start === undefined || end === undefined) continue;
    if (previousEnd !== undefined) {
      const gap = doc.lines.slice(previousEnd, start - 1);
      lines.push(...(gap.every((line) => line.trim() === '') ? gap : ['']));
    }
    lines.push(...doc.lines.slice(start - 1, end));
    previousEnd = end;
  }
  return dedent(lines.map((line) => line.replace(/\t/g, '    ')));
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
