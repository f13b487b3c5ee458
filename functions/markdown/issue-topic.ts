import type { TeamSize, TopicKind } from '../domain/topic.js';

/** A GitHub issue as the REST API and the `issues` webhooks describe it: the fields a topic is read from. */
export interface GitHubIssue {
  number: number;
  title: string;
  body?: string | null;
  html_url: string;
  /** The REST API gives label objects; a label may also be given as its name. */
  labels?: ReadonlyArray<string | { name?: string | null }>;
  /** Present on pull requests, which GitHub lists among the issues. */
  pull_request?: unknown;
}

/** A topic as its issue proposes it, before it is matched to a hackathon's categories. */
export interface IssueTopic {
  title: string;
  /** The body without the template's scaffolding (comments, Prow commands, its fixed questions). */
  description: string;
  /** `/area` identifiers and `area/*` labels, in the order given: the candidates for the topic's category. */
  areas: string[];
  kind: TopicKind;
  teamSize: TeamSize | null;
  fastTrack: boolean;
  /** Web addresses in the body (the issue form's "Resources & References" among them), each once. */
  links: string[];
  /** The issue form's "Estimated Difficulty", as chosen; null for the Markdown templates. */
  difficulty: string | null;
  issue: { number: number; url: string };
}

const HTML_COMMENT = /<!--[\s\S]*?(?:-->|$)/g;
/** A Prow command on its own line, as the community's Markdown templates write them (`/area networking`). */
const COMMAND = /^[ \t]*\/(area|kind|label)[ \t]+(\S+)[ \t]*$/gm;
/** The Markdown templates' fixed questions (hackathon-topic.md, hackathon-discussion.md). */
const TEMPLATE_QUESTION =
  /^\*\*(?:How to categorize this (?:topic|discussion)\?|What is the (?:topic|discussion) about\?)\*\*:?[ \t]*/gm;
/** How GitHub renders an issue form's fields in the issue body: a `###` heading per field. */
const FORM_FIELD = /^###[ \t]+(.+?)[ \t]*$/gm;
const NO_RESPONSE = '_No response_';
/** What htg adds to the issues it opens (functions/markdown/issue-body.ts): who proposed it in Slack, and an empty description. */
const HTG_LINES = /^_(?:Proposed by .*|No description yet\.)_$/gm;
const URL = /\bhttps?:\/\/[^\s<>()[\]`"']+/g;
const TEAM_SIZES: readonly TeamSize[] = ['small', 'medium', 'large'];

/**
 * Reads a topic from an issue of the hackathon's repository written from one of the community's templates
 * (the Markdown topic and discussion templates with their Prow commands, or the issue form), or from none.
 * Labels count as much as commands: Prow turns `/label teamsize/small` into the label once it has seen it.
 * Returns null for a pull request and for an issue without the event's label (`Q4/2026`): neither is a topic.
 */
export function topicFromIssue(issue: GitHubIssue, eventLabel: string): IssueTopic | null {
  if (issue.pull_request !== undefined && issue.pull_request !== null) return null;
  const labels = (issue.labels ?? [])
    .map((label) => (typeof label === 'string' ? label : (label.name ?? '')).trim())
    .filter(Boolean);
  const lower = labels.map((label) => label.toLowerCase());
  if (!lower.includes(eventLabel.trim().toLowerCase())) return null;

  const body = (issue.body ?? '').replace(/\r\n?/g, '\n').replace(HTML_COMMENT, '');
  const form = formFields(body);
  const commands = [...body.matchAll(COMMAND)].map(([, name, value]) => ({
    name: name as string,
    value: (value as string).toLowerCase(),
  }));
  const given = (value: string) => value !== 'todo' && !value.endsWith('/todo');
  const commandLabels = commands.filter((c) => c.name === 'label' && given(c.value)).map((c) => c.value);
  const allLabels = [...lower, ...commandLabels];

  const areas = unique([
    ...commands.filter((c) => c.name === 'area' && given(c.value)).map((c) => c.value),
    ...lower.filter((label) => label.startsWith('area/')).map((label) => label.slice('area/'.length)),
  ]);
  const discussion =
    allLabels.includes('kind/discussion') ||
    commands.some((c) => c.name === 'kind' && c.value === 'discussion');
  const labelledSize = TEAM_SIZES.find((size) => allLabels.includes(`teamsize/${size}`)) ?? null;

  const description = form
    ? [form.get('description'), form.get('resources & references')].filter(Boolean).join('\n\n')
    : tidy(body.replace(COMMAND, '').replace(TEMPLATE_QUESTION, '').replace(HTG_LINES, ''));
  return {
    title: issue.title.replace(/\s+/g, ' ').trim(),
    description,
    areas,
    kind: discussion ? 'discussion' : 'hacking',
    teamSize: labelledSize ?? teamSizeOf(form?.get('ideal team size')),
    fastTrack: allLabels.includes('fast-track'),
    // A sentence's full stop after an address is not part of it.
    links: unique((description.match(URL) ?? []).map((url) => url.replace(/[.,;:!?]+$/, ''))),
    difficulty: form?.get('estimated difficulty') || null,
    issue: { number: issue.number, url: issue.html_url },
  };
}

/** The fields of an issue-form body by lower-cased label; undefined when the body is not an issue form's. */
function formFields(body: string): Map<string, string> | undefined {
  const headings = [...body.matchAll(FORM_FIELD)];
  if (!headings.some(([, label]) => label?.toLowerCase() === 'description')) return undefined;
  const fields = new Map<string, string>();
  headings.forEach((heading, index) => {
    const start = (heading.index ?? 0) + heading[0].length;
    const end = headings[index + 1]?.index ?? body.length;
    const value = tidy(body.slice(start, end));
    fields.set((heading[1] as string).toLowerCase(), value === NO_RESPONSE ? '' : value);
  });
  return fields;
}

/**
 * The issue form's "Ideal Team Size", free text such as "2-4", "3" or "4+": the middle of the numbers given,
 * on htg's scale (small is 1–2 people, medium 3, large 4 or more). Null when it names no number.
 */
function teamSizeOf(text: string | undefined): TeamSize | null {
  const numbers = (text?.match(/\d+/g) ?? []).map(Number).filter((n) => n > 0 && n < 100);
  if (numbers.length === 0) return null;
  const middle = Math.round((Math.min(...numbers) + Math.max(...numbers)) / 2);
  return middle <= 2 ? 'small' : middle === 3 ? 'medium' : 'large';
}

/** Trailing spaces and runs of blank lines gone, the whole trimmed. */
function tidy(text: string): string {
  return text
    .split('\n')
    .map((line) => line.trimEnd())
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}
