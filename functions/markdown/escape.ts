import { isSlackUserId } from '../domain/outcome.js';
import type { Topic } from '../domain/topic.js';

/**
 * What people typed, made safe to put into a Markdown page: no HTML (`<` and `>` become entities) and no
 * `javascript:` links anywhere; in one-line text (titles, names, notes) Markdown's link and emphasis characters
 * are escaped too, outside code spans, so a title stays a title. Multi-line outcome text keeps its Markdown.
 */
function markdownInline(text: string): string {
  return outsideCode(text, (part) => markdownBlockPart(part).replace(/([\\[\]*_])/g, '\\$1'));
}

/** Multi-line text made safe for a page: HTML and script links neutralised, its Markdown kept. */
export function markdownBlock(text: string): string {
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

/**
 * The hackathon, its topics and people's names with everything people typed escaped (one-line fields with
 * markdownInline, outcome sections with markdownBlock), so the page and board writers can put them in as they are.
 */
export function safeInput<H extends { name: string; location?: string | null; categories?: string[] }>(
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
