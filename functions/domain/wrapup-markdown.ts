import { rankTopics } from './assignment.js';
import { groupBoard } from './board.js';
import type { Hackathon } from './hackathon.js';
import { isSlackUserId, OUTCOME_SECTIONS, type OutcomeSectionKey } from './outcome.js';
import type { Topic, TopicStatus } from './topic.js';

/**
 * The hackathon wrap-up page as the Gardener community writes it (gardener/documentation,
 * website/community/hackathons/*.md): Hugo front matter, a `# … Wrap Up` heading, metadata bullets
 * (`- 🗓️ **Date:** …`), an intro (group picture), one `## <emoji> Title` per topic with its sections, and a
 * footer.
 */
export interface WrapUpPage {
  frontMatter: { title: string; weight: number | null; rest: string[] /* other raw lines */ };
  /** The page's `# ` heading, e.g. "Hack The Garden 11/2025 Wrap Up"; null when the page has none. */
  heading: string | null;
  /** The "- 🗓️ **Date:** …" bullets under the heading, in order; `icon` is the emoji before the label. */
  header: WrapUpHeaderEntry[];
  /** Markdown between the header and the first topic (group picture, introduction), verbatim. */
  intro: string;
  topics: WrapUpTopic[];
  /** Markdown after the last topic (conclusion, rules, funding logo), verbatim. */
  outro: string;
}

interface WrapUpHeaderEntry {
  icon: string | null;
  label: string;
  value: string;
}

interface WrapUpTopic {
  /** The topic icon at the start of the heading (a character sequence or :name:). */
  emoji: string | null;
  /** As written after the icon; may contain Markdown links. */
  title: string;
  /** The Markdown after "**Tracking:**" in a "> **Tracking:** …" blockquote. */
  tracking: string | null;
  /** Text before the first section (free-form topics, tips), verbatim. */
  preamble: string;
  sections: WrapUpSection[];
  /**
   * Heading level of the topic (absent: 2): 2 (`## `, every page since 2022) or 3 (the 2021-11 page lists its
   * topics under `## Preparation`). Sections are one level below.
   */
  level?: number;
}

interface WrapUpSection {
  /** As written: a `###` heading or a bold label ("Motivation/Benefits"). */
  heading: string;
  /** The outcome section it is, null for other headings ("Issue", "kind e2e tests without cache"). */
  key: OutcomeSectionKey | null;
  /** Verbatim Markdown, without the blank lines around it. */
  text: string;
}

// ---------------------------------------------------------------------------------------------------------
// Parsing

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

// ---------------------------------------------------------------------------------------------------------
// Rendering

/**
 * Writes a page in the gardener/documentation format: front matter, `# ` heading, header bullets, intro,
 * per topic `## <emoji> Title`, its preamble, `> **Tracking:** …`, `### ` sections (the canonical heading for
 * outcome sections, others as written) with their text verbatim, then the outro.
 */
export function renderWrapUpPage(page: WrapUpPage): string {
  const blocks: string[] = [];
  const { title, weight, rest } = page.frontMatter;
  if (title !== '' || weight !== null || rest.length > 0) {
    const fields = [
      `title: ${yamlString(title)}`,
      ...(weight === null ? [] : [`weight: ${weight}`]),
      ...rest,
    ];
    blocks.push(['---', ...fields, '---'].join('\n'));
  }
  if (page.heading !== null) blocks.push(`# ${page.heading}`);
  if (page.header.length > 0)
    blocks.push(
      page.header
        .map(
          ({ icon, label, value }) => `- ${icon ? `${icon} ` : ''}**${label}:**${value ? ` ${value}` : ''}`,
        )
        .join('\n'),
    );
  if (page.intro) blocks.push(page.intro);
  for (const topic of page.topics) blocks.push(renderTopic(topic));
  if (page.outro) blocks.push(page.outro);
  return `${blocks.join('\n\n')}\n`;
}

function renderTopic(topic: WrapUpTopic): string {
  const level = topic.level ?? 2;
  const blocks = [`${'#'.repeat(level)} ${topic.emoji ? `${topic.emoji} ` : ''}${topic.title}`];
  if (topic.preamble) blocks.push(topic.preamble);
  if (topic.tracking !== null) blocks.push(`> **Tracking:** ${topic.tracking}`.trimEnd());
  for (const section of topic.sections) {
    const canonical = OUTCOME_SECTIONS.find(({ key }) => key === section.key)?.heading ?? section.heading;
    blocks.push(`${'#'.repeat(level + 1)} ${canonical}`);
    if (section.text) blocks.push(section.text);
  }
  return blocks.join('\n\n');
}

/** A front matter value: plain when YAML reads it back as the same string, else double-quoted. */
function yamlString(value: string): string {
  const plain =
    value !== '' &&
    !/^[\s\-?:,[\]{}#&*!|>'"%@`]/.test(value) &&
    !/\s$|: |\s#/.test(value) &&
    !/^(?:true|false|yes|no|on|off|null|~|-?[\d.]+(?:e[+-]?\d+)?)$/i.test(value);
  return plain ? value : JSON.stringify(value);
}

// ---------------------------------------------------------------------------------------------------------
// htg's own data

const WRAP_UP_STATUSES: ReadonlySet<TopicStatus> = new Set(['done', 'in_progress', 'paused', 'dropped']);

/**
 * The wrap-up page of a hackathon run in htg, in the layout of the community's pages since 2025-11:
 * - front matter with the hackathon's name, weight -YYYYMM of its start (as the pages order themselves) unless
 *   given, and `outline: 2`; `# <name> Wrap Up`; the header bullets 🗓️ Date ("23.11.2026 – 27.11.2026"),
 *   📍 Location, 👤 Organizer (names through `names`), 📘 Topics (`[hackathon#41](…)` for a GitHub discussion);
 * - topics: every one not withdrawn that has an outcome, a team, or a status that says work happened (done, in
 *   progress, paused, dropped), most votes first; a discussion titled "Discussion: …" like on the 2023-11 page;
 * - per topic: `> **Tracking:** [repo#N](…)` for its first issue link like the 2026-03 page, then the outcome's
 *   sections that have text, code links as a `* [owner/repo#N](…)` list (the tracking issue not repeated),
 *   and `### Contributors`, one `- Name` each. A topic without a saved outcome shows what htg knows, like the
 *   outcome form's first draft (the check-in's achievements, its pull request and issue links, its team); a
 *   dropped one without outcome text gets its status note as the Outcome, `#N` resolved to the topic's title.
 */
export function wrapUpPageFromHackathon(
  rawHackathon: Pick<Hackathon, 'name' | 'startDate' | 'endDate' | 'location' | 'organizers'>,
  rawTopics: readonly Topic[],
  rawNames: ReadonlyMap<string, string>,
  options: { weight?: number; topicsLink?: string } = {},
): WrapUpPage {
  const { hackathon, topics, names } = safeInput(rawHackathon, rawTopics, rawNames);
  const nameOf = (person: string) => (isSlackUserId(person) ? (names.get(person) ?? person) : person);
  const header: WrapUpHeaderEntry[] = [
    { icon: '🗓️', label: 'Date', value: dateRange(hackathon.startDate, hackathon.endDate) },
  ];
  if (hackathon.location) header.push({ icon: '📍', label: 'Location', value: hackathon.location });
  if (hackathon.organizers.length > 0)
    header.push({ icon: '👤', label: 'Organizer', value: hackathon.organizers.map(nameOf).join(', ') });
  if (options.topicsLink)
    header.push({ icon: '📘', label: 'Topics', value: referenceLink(options.topicsLink) });

  const byNumber = new Map(topics.map((topic) => [topic.number, topic]));
  const shown = rankTopics(topics)
    .map(({ topic }) => topic)
    .filter(
      (topic) => topic.outcome || (topic.members ?? []).length > 0 || WRAP_UP_STATUSES.has(topic.status),
    );
  return {
    frontMatter: {
      // Front matter is YAML, not Markdown: only HTML is neutralised there.
      title: markdownBlock(rawHackathon.name),
      weight: options.weight ?? defaultWeight(hackathon.startDate),
      rest: ['outline: 2'],
    },
    heading: `${hackathon.name} Wrap Up`,
    header,
    intro: '',
    topics: shown.map((topic) => wrapUpTopic(topic, byNumber, nameOf)),
    outro: '',
  };
}

function wrapUpTopic(
  topic: Topic,
  byNumber: ReadonlyMap<number, Topic>,
  nameOf: (person: string) => string,
): WrapUpTopic {
  const outcome = topic.outcome ?? null;
  const trackingUrl = topic.links.find((url) => issueRef(url) !== null) ?? null;
  const codeLinks = outcome
    ? outcome.code
    : topic.links.filter((url) => /github\.com\/.+\/(pull|issues)\/\d+/.test(url));
  const texts: Record<OutcomeSectionKey, string> = {
    problem: outcome?.problem ?? '',
    motivation: outcome?.motivation ?? '',
    achievements: outcome ? outcome.achievements : (topic.checkIn?.achieved ?? ''),
    nextSteps: outcome?.nextSteps ?? '',
    code: codeLinks
      .filter((url) => url !== trackingUrl)
      .map((entry) => `* ${codeLink(entry)}`)
      .join('\n'),
    outcome:
      outcome?.outcome.trim() ||
      (topic.status === 'dropped' && topic.statusNote ? noteSentence(topic.statusNote, byNumber) : ''),
  };
  const sections: WrapUpSection[] = OUTCOME_SECTIONS.flatMap(({ key, heading }) => {
    const text = texts[key].trim();
    return text ? [{ heading, key, text }] : [];
  });
  const people = outcome && outcome.contributors.length > 0 ? outcome.contributors : (topic.members ?? []);
  if (people.length > 0)
    sections.push({
      heading: 'Contributors',
      key: null,
      text: people.map((p) => `- ${nameOf(p)}`).join('\n'),
    });
  const title =
    topic.kind === 'discussion' && !/^discussion\b/i.test(topic.title)
      ? `Discussion: ${topic.title}`
      : topic.title;
  return {
    emoji: outcome?.emoji ?? topic.emoji ?? null,
    title,
    tracking: trackingUrl ? referenceLink(trackingUrl) : null,
    preamble: '',
    sections,
    level: 2,
  };
}

/**
 * "closed in favour of #2" → "Closed in favour of [Title – hackathon#46](…)." like the 2026-03 page: the
 * topic's title, linked to its issue when it has one.
 */
function noteSentence(note: string, byNumber: ReadonlyMap<number, Topic>): string {
  const text = resolveNumbers(note.trim(), byNumber, (other) => {
    const url = other.links.find((link) => issueRef(link) !== null);
    return url ? `[${other.title} – ${issueRef(url)}](${url})` : `"${other.title}"`;
  });
  const sentence = text.charAt(0).toUpperCase() + text.slice(1);
  return /[.!?]$/.test(sentence) ? sentence : `${sentence}.`;
}

/** `#N` references to this hackathon's topics, written by `format` (htg's numbers mean nothing on a page). */
function resolveNumbers(
  text: string,
  byNumber: ReadonlyMap<number, Topic>,
  format: (topic: Topic) => string,
): string {
  return text.replace(/#(\d+)\b/g, (match, number: string) => {
    const other = byNumber.get(Number(number));
    return other && other.status !== 'withdrawn' ? format(other) : match;
  });
}

/** "04.05.2026 – 08.05.2026", as the pages write dates. */
function dateRange(start: string, end: string): string {
  const day = (date: string) => date.split('-').reverse().join('.');
  return start === end ? day(start) : `${day(start)} – ${day(end)}`;
}

/** -YYYYMM of the start, which orders the pages newest first like the community's. */
function defaultWeight(startDate: string): number | null {
  const match = /^(\d{4})-(\d{2})/.exec(startDate);
  return match ? -Number(`${match[1]}${match[2]}`) : null;
}

/** "hackathon#8" for an issue link (`…/hackathon/issues/8`, GitLab's `…/-/issues/8`); null for others. */
function issueRef(url: string): string | null {
  const match = /^https?:\/\/[^/]+\/(?:[^/?#]+\/)*?([^/?#]+)\/(?:-\/)?issues\/(\d+)\/?(?:[?#].*)?$/.exec(url);
  return match ? `${match[1]}#${match[2]}` : null;
}

/** `[hackathon#41](…)` for GitHub issues and discussions, as the 2026 pages link them; other links bare. */
function referenceLink(url: string): string {
  const discussion = /^https?:\/\/github\.com\/[^/]+\/([^/]+)\/discussions\/(\d+)\/?$/.exec(url);
  const ref = issueRef(url) ?? (discussion ? `${discussion[1]}#${discussion[2]}` : null);
  return ref ? `[${ref}](${url})` : url;
}

/** A code link as the pages since 2025-11 write it: `[gardener/gardener#13542](…)`, `[owner/repo:branch](…)` */
function codeLink(entry: string): string {
  if (!/^https?:\/\/\S+$/.test(entry)) return entry;
  const github =
    /^https?:\/\/github\.com\/([^/]+)\/([^/]+)(?:\/(pull|issues|tree|commit)\/([^?#]+?))?\/?(?:[?#].*)?$/.exec(
      entry,
    );
  const [, owner, repo, kind, rest] = github ?? [];
  let label = entry.replace(/^https?:\/\//, '').replace(/\/$/, '');
  if (owner && repo && kind && rest) {
    if (kind === 'tree') label = `${owner}/${repo}:${rest}`;
    else if (kind === 'commit') label = `${owner}/${repo}@${rest.slice(0, 7)}`;
    else if (/^\d+$/.test(rest)) label = `${owner}/${repo}#${rest}`;
  }
  return `[${label}](${entry})`;
}

// ---------------------------------------------------------------------------------------------------------
// The topic board

const BOARD_MARK: Partial<Record<TopicStatus, string>> = {
  in_progress: '🚧',
  done: '✅',
  paused: '⏸️',
  not_picked: '🙅‍♂️',
};

/**
 * The topic board in the layout of the community's HackMD board (Hack The Garden 11/2023): the voting groups
 * with status markers, votes, team members by name and links, then every proposal by category. A dropped
 * topic is struck through with its note, as on the living board in Slack.
 */
export function boardMarkdown(
  rawHackathon: Pick<Hackathon, 'name' | 'categories'>,
  rawTopics: readonly Topic[],
  rawNames: ReadonlyMap<string, string>,
): string {
  const { hackathon, topics, names } = safeInput(rawHackathon, rawTopics, rawNames);
  const groups = groupBoard(topics);
  const byNumber = new Map(topics.map((topic) => [topic.number, topic]));
  const entry = (topic: Topic): string => {
    const votes = `(${votesText(topic.voteCount)})`;
    const note = topic.statusNote
      ? `: ${resolveNumbers(oneLine(topic.statusNote), byNumber, (other) => `"${other.title}"`)}`
      : '';
    const mark = BOARD_MARK[topic.status];
    const line =
      topic.status === 'dropped'
        ? `- ~~${topic.title}~~ ${votes} · dropped${note}`
        : `- ${mark ? `${mark} ` : ''}${topic.title} ${votes}`;
    const nested = [...(topic.members ?? []).map((id) => names.get(id) ?? id), ...topic.links].map(
      (item) => `    - ${item}`,
    );
    return [line, ...nested].join('\n');
  };
  const blocks = [`# ${hackathon.name} - Topics`, '## Votings', 'See all proposals [here](#all-proposals).'];
  const group = (heading: string, list: Topic[]) => {
    if (list.length > 0) blocks.push(`### ${heading}`, list.map(entry).join('\n'));
  };
  group('Discussion Topics (probably no hacking)', groups.discussion);
  group('Initial Assignment / First Topics', groups.teams);
  group('Fast Track', groups.fastTrack);
  group('More Topics To Pick Up', groups.more);

  blocks.push('## All Proposals');
  const live = topics.filter((topic) => topic.status !== 'withdrawn').sort((a, b) => a.number - b.number);
  const categories = [...hackathon.categories];
  for (const topic of live) if (!categories.includes(topic.category)) categories.push(topic.category);
  for (const category of categories) {
    const list = live.filter((topic) => topic.category === category);
    if (list.length > 0)
      blocks.push(`### ${category}`, list.map((t) => `- ${t.title} (${votesText(t.voteCount)})`).join('\n'));
  }
  return `${blocks.join('\n\n')}\n`;
}

function votesText(votes: number): string {
  return votes === 0 ? 'not voted' : `${votes} ${votes === 1 ? 'vote' : 'votes'}`;
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/**
 * What people typed, made safe to put into a Markdown page: no HTML (`<` and `>` become entities) and no
 * `javascript:` links anywhere; in one-line text (titles, names, notes) Markdown's link and emphasis characters
 * are escaped too, outside code spans, so a title stays a title. Multi-line outcome text keeps its Markdown.
 */
function markdownInline(text: string): string {
  return outsideCode(text, (part) => markdownBlockPart(part).replace(/([\\[\]*_])/g, '\\$1'));
}

function markdownBlock(text: string): string {
  return outsideCode(text, markdownBlockPart);
}

function markdownBlockPart(text: string): string {
  return text
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\]\(\s*(javascript|data|vbscript):/gi, '](#');
}

/** Applies `transform` to the parts of `text` outside backtick code spans. */
function outsideCode(text: string, transform: (part: string) => string): string {
  return text
    .split(/(`+[^`]*`+)/)
    .map((part, i) => (i % 2 === 1 ? part : transform(part)))
    .join('');
}

function safeInput<H extends { name: string; location?: string | null; categories?: string[] }>(
  hackathon: H,
  topics: readonly Topic[],
  names: ReadonlyMap<string, string>,
): { hackathon: H; topics: Topic[]; names: Map<string, string> } {
  const outcome = (o: NonNullable<Topic['outcome']>) => ({
    ...o,
    problem: markdownBlock(o.problem),
    motivation: markdownBlock(o.motivation),
    achievements: markdownBlock(o.achievements),
    nextSteps: markdownBlock(o.nextSteps),
    outcome: markdownBlock(o.outcome),
    highlight: markdownInline(o.highlight),
    emoji: o.emoji ? markdownInline(o.emoji) : null,
    contributors: o.contributors.map((c) => (isSlackUserId(c) ? c : markdownInline(c))),
  });
  return {
    hackathon: {
      ...hackathon,
      name: markdownInline(hackathon.name),
      ...(hackathon.location ? { location: markdownInline(hackathon.location) } : {}),
      ...(hackathon.categories ? { categories: hackathon.categories.map(markdownInline) } : {}),
    },
    topics: topics.map((topic) => ({
      ...topic,
      title: markdownInline(topic.title),
      category: markdownInline(topic.category),
      emoji: topic.emoji ? markdownInline(topic.emoji) : null,
      statusNote: topic.statusNote ? markdownInline(topic.statusNote) : (topic.statusNote ?? null),
      outcome: topic.outcome ? outcome(topic.outcome) : (topic.outcome ?? null),
    })),
    names: new Map([...names].map(([id, name]) => [id, markdownInline(name)])),
  };
}
