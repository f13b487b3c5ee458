import type { OutcomeSectionKey } from '../../functions/domain/outcome.js';
import type { WrapUpHeaderEntry, WrapUpPage, WrapUpTopic } from '../../functions/markdown/wrapup-page.js';

// Reads the community's real wrap-up pages (test/fixtures/hackathons) into htg's WrapUpPage, so the tests can
// check that renderWrapUpPage writes what the community writes: parsing, writing and parsing again keeps every
// title, section and link. htg itself never reads a wrap-up page, so the parser lives with the tests.

const ATX_HEADING = /^(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$/;
const FENCE = /^ {0,3}(`{3,}|~{3,})/;
/** A header bullet: optional icon, bold label (its colon inside or outside the bold), value. */
const HEADER_BULLET =
  /^[-*+][ \t]+(?:([^*\s][^*]*?)[ \t]+)?\*\*([^*]+?)(?::\*\*|\*\*:)(?:[ \t]+(.*?))?[ \t]*$/;
/** A section as a bold label starting a line: `**Problem Statement:** text` or `**Code**: text`. */
const BOLD_LABEL = /^\*\*([^*\n]{1,60}?)(?::\*\*|\*\*:)(?:[ \t]+(.*))?$/;
const TRACKING = /^>[ \t]*\*\*Tracking:\*\*[ \t]*(.*?)[ \t]*$/;
const LEADING_EMOJI =
  /^((?:\p{Extended_Pictographic}|\p{Regional_Indicator}{2})(?:\uFE0F|\uFE0E|\u20E3|\p{Emoji_Modifier})*(?:\u200D\p{Extended_Pictographic}(?:\uFE0F|\uFE0E|\p{Emoji_Modifier})*)*|:[a-z0-9_+-]+:)[ \t]+(?=\S)/u;
/** Page parts that are not topics: their text belongs to the intro (before the topics) or outro (after). */
const PAGE_PART =
  /^(?:preparation|introduction|intro|overview|agenda|conclusions?|summary|outlook|closing(?: words)?|wrap[- ]?up|acknowledge?ments?|thanks)$/i;
/** Lines that decorate the end of a page: thematic breaks, `<hr />`, pictures on their own line. */
const DECORATION = /^(?:[ \t]*|-{3,}|\*{3,}|_{3,}|<hr\s*\/?>|!\[[^\]]*\]\([^)]*\)|<img\b[^>]*>)[ \t]*$/i;

/** The outcome section a heading or label names, in any of the spellings the pages use; null for others. */
export function sectionKey(heading: string): OutcomeSectionKey | null {
  const normal = heading
    .toLowerCase()
    .replace(/\s*(?:\/|&|\band\b)\s*/g, ' & ')
    .replace(/\s+/g, ' ')
    .trim();
  return SECTION_ALIASES[normal] ?? null;
}

const SECTION_ALIASES: Record<string, OutcomeSectionKey> = {
  'problem statement': 'problem',
  problem: 'problem',
  'motivation & benefits': 'motivation',
  motivation: 'motivation',
  benefits: 'motivation',
  achievements: 'achievements',
  achievement: 'achievements',
  'next steps': 'nextSteps',
  'next step': 'nextSteps',
  'code & pull requests': 'code',
  'code & prs': 'code',
  code: 'code',
  'pull requests': 'code',
  outcome: 'outcome',
  outcomes: 'outcome',
};

interface Line {
  text: string;
  /** Inside a fenced code block (fence lines included): never a heading, label or decoration. */
  code: boolean;
}

/** Reads a wrap-up page in any of the layouts the community used from 2021 to 2026. */
export function parseWrapUpPage(markdown: string): WrapUpPage {
  const all = markdown.replace(/\r\n?/g, '\n').split('\n');
  const { frontMatter, next } = readFrontMatter(all);
  const lines = markLines(all.slice(next));
  let index = skipBlank(lines, 0);

  let heading: string | null = null;
  const h1 = headingOf(lines[index]);
  if (h1?.level === 1) {
    heading = h1.text;
    index = skipBlank(lines, index + 1);
  }
  const header: WrapUpHeaderEntry[] = [];
  for (let bullet = lineAt(lines, index); bullet !== null; bullet = lineAt(lines, index)) {
    const match = HEADER_BULLET.exec(bullet);
    if (!match) break;
    header.push({ icon: match[1] ?? null, label: (match[2] ?? '').trim(), value: match[3] ?? '' });
    index++;
  }
  if (header.length === 0 && heading === null) index = 0;

  const body = lines.slice(index);
  const { intro, topics, outro } = splitBody(body);
  return {
    frontMatter,
    heading,
    header,
    intro: joinText(intro),
    topics: topics.map(({ level, lines: topicLines }) => parseTopic(topicLines, level)),
    outro: joinText(outro),
  };
}

function readFrontMatter(lines: string[]): { frontMatter: WrapUpPage['frontMatter']; next: number } {
  const frontMatter: WrapUpPage['frontMatter'] = { title: '', weight: null, rest: [] };
  if (lines[0] !== '---') return { frontMatter, next: 0 };
  const end = lines.indexOf('---', 1);
  if (end < 0) return { frontMatter, next: 0 };
  for (const line of lines.slice(1, end)) {
    const title = /^title:[ \t]*(.*?)[ \t]*$/.exec(line);
    const weight = /^weight:[ \t]*(-?\d+(?:\.\d+)?)[ \t]*$/.exec(line);
    if (title) frontMatter.title = unquoteYaml(title[1] ?? '');
    else if (weight) frontMatter.weight = Number(weight[1]);
    else frontMatter.rest.push(line);
  }
  return { frontMatter, next: end + 1 };
}

function unquoteYaml(value: string): string {
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) {
    try {
      return JSON.parse(value) as string;
    } catch {
      return value.slice(1, -1);
    }
  }
  if (value.length >= 2 && value.startsWith("'") && value.endsWith("'"))
    return value.slice(1, -1).replace(/''/g, "'");
  return value;
}

function markLines(texts: string[]): Line[] {
  let fence: string | null = null;
  return texts.map((text) => {
    const marker = FENCE.exec(text)?.[1];
    if (fence === null) {
      if (marker) fence = marker;
      return { text, code: marker !== undefined };
    }
    if (marker && marker[0] === fence[0] && marker.length >= fence.length && text.trim() === marker)
      fence = null;
    return { text, code: true };
  });
}

function lineAt(lines: Line[], index: number): string | null {
  const line = lines[index];
  return line && !line.code ? line.text : null;
}

function skipBlank(lines: Line[], index: number): number {
  let i = index;
  while (i < lines.length && lines[i]?.text.trim() === '') i++;
  return i;
}

function headingOf(line: Line | undefined): { level: number; text: string } | null {
  if (!line || line.code) return null;
  const match = ATX_HEADING.exec(line.text);
  return match ? { level: match[1]?.length ?? 0, text: match[2] ?? '' } : null;
}

/**
 * Splits the page body into intro, topics and outro. Topics are `## ` headings, except page parts such as
 * "Preparation" or "Conclusion": before the first topic they are intro (their `### ` headings being the
 * topics, as on the 2021-11 page), after it they start the outro. Pictures and rules closing the last topic
 * (the funding logo, `<hr />`) belong to the outro.
 */
function splitBody(body: Line[]): {
  intro: Line[];
  topics: Array<{ level: number; lines: Line[] }>;
  outro: Line[];
} {
  const starts = body.flatMap((line, index) => (headingOf(line)?.level === 2 ? [index] : []));
  const intro = body.slice(0, starts[0] ?? body.length);
  const topics: Array<{ level: number; lines: Line[] }> = [];
  let outro: Line[] = [];
  for (const [n, start] of starts.entries()) {
    const block = body.slice(start, starts[n + 1] ?? body.length);
    const title = stripEmoji(headingOf(block[0])?.text ?? '').title;
    if (!PAGE_PART.test(title)) {
      topics.push({ level: 2, lines: block });
      continue;
    }
    if (topics.length > 0) {
      outro = body.slice(start);
      break;
    }
    const inner = block.flatMap((line, index) => (headingOf(line)?.level === 3 ? [index] : []));
    intro.push(...block.slice(0, inner[0] ?? block.length));
    for (const [m, at] of inner.entries())
      topics.push({ level: 3, lines: block.slice(at, inner[m + 1] ?? block.length) });
  }
  const last = topics[topics.length - 1];
  if (last) {
    let cut = last.lines.length;
    while (cut > 1 && isDecoration(last.lines, cut - 1)) cut--;
    while (cut < last.lines.length && last.lines[cut]?.text.trim() === '') cut++;
    outro = [...last.lines.slice(cut), ...outro];
    last.lines = last.lines.slice(0, cut);
  }
  return { intro, topics, outro };
}

function isDecoration(lines: Line[], index: number): boolean {
  const line = lines[index];
  if (!line || line.code || !DECORATION.test(line.text)) return false;
  // "text\n---" is a heading underline, not a rule.
  if (/^-{3,}[ \t]*$/.test(line.text) && (lines[index - 1]?.text.trim() ?? '') !== '') return false;
  return true;
}

function stripEmoji(text: string): { emoji: string | null; title: string } {
  const match = LEADING_EMOJI.exec(text);
  return match
    ? { emoji: match[1] ?? null, title: text.slice(match[0].length).trim() }
    : { emoji: null, title: text.trim() };
}

function parseTopic(lines: Line[], level: number): WrapUpTopic {
  const { emoji, title } = stripEmoji(headingOf(lines[0])?.text ?? '');
  const preamble: string[] = [];
  const sections: Array<{ heading: string; key: OutcomeSectionKey | null; lines: string[] }> = [];
  let tracking: string | null = null;
  /** The current section began with a bold label: the next bold label starts a section whatever it names. */
  let labels = false;
  for (const line of lines.slice(1)) {
    const current = sections[sections.length - 1];
    const heading = headingOf(line);
    if (heading?.level === level + 1) {
      sections.push({ heading: heading.text, key: sectionKey(heading.text), lines: [] });
      labels = false;
      continue;
    }
    const label = line.code ? null : BOLD_LABEL.exec(line.text);
    if (label && (labels || sectionKey(label[1] ?? '') !== null)) {
      const name = (label[1] ?? '').trim();
      const rest = (label[2] ?? '').trim();
      sections.push({ heading: name, key: sectionKey(name), lines: rest ? [rest] : [] });
      labels = true;
      continue;
    }
    const track: RegExpExecArray | null =
      !current && tracking === null && !line.code ? TRACKING.exec(line.text) : null;
    if (track) {
      tracking = track[1] ?? '';
      continue;
    }
    (current?.lines ?? preamble).push(line.text);
  }
  return {
    emoji,
    title,
    tracking,
    preamble: joinText(preamble),
    sections: sections.map(({ heading, key, lines: text }) => ({ heading, key, text: joinText(text) })),
    level,
  };
}

/** Lines joined, without the blank lines before and after (indentation and inner blank lines kept). */
function joinText(lines: ReadonlyArray<string | Line>): string {
  const texts = lines.map((line) => (typeof line === 'string' ? line : line.text));
  let start = 0;
  let end = texts.length;
  while (start < end && texts[start]?.trim() === '') start++;
  while (end > start && texts[end - 1]?.trim() === '') end--;
  return texts.slice(start, end).join('\n');
}
