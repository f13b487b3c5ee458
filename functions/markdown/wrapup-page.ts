import { OUTCOME_SECTIONS, type OutcomeSectionKey } from '../domain/outcome.js';

/**
 * The hackathon wrap-up page as the Gardener community writes it (gardener/documentation,
 * website/community/hackathons/*.md): Hugo front matter, a `# … Wrap Up` heading, metadata bullets
 * (`- 🗓️ **Date:** …`), an intro (group picture), one `## <emoji> Title` per topic with its sections, and a
 * footer. The tests read the community's real pages into it (test/helpers/wrapup-page-parser.ts) to check that
 * renderWrapUpPage writes them back.
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

export interface WrapUpHeaderEntry {
  icon: string | null;
  label: string;
  value: string;
}

export interface WrapUpTopic {
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

export interface WrapUpSection {
  /** As written: a `###` heading or a bold label ("Motivation/Benefits"). */
  heading: string;
  /** The outcome section it is, null for other headings ("Issue", "kind e2e tests without cache"). */
  key: OutcomeSectionKey | null;
  /** Verbatim Markdown, without the blank lines around it. */
  text: string;
}

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
