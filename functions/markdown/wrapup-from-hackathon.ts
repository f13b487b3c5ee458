import { rankTopics } from '../domain/assignment.js';
import { withFoundPullRequests } from '../domain/github.js';
import type { Hackathon } from '../domain/hackathon.js';
import { isSlackUserId, isWrappedUp, OUTCOME_SECTIONS, type OutcomeSectionKey } from '../domain/outcome.js';
import type { Topic, TopicStatus } from '../domain/topic.js';
import { markdownBlock, safeInput } from './escape.js';
import { resolveNumbers } from './topic-references.js';
import type { WrapUpHeaderEntry, WrapUpPage, WrapUpSection, WrapUpTopic } from './wrapup-page.js';

/** What the page says of a topic whose team wrote no outcome (the community's reviewers ask for no blank topics). */
const STATUS_SENTENCES: Partial<Record<TopicStatus, string>> = {
  done: 'Done at the wrap-up; the team has not written up its outcome.',
  in_progress: 'Still in progress at the wrap-up; the team has not written up its outcome.',
  paused: 'Paused at the wrap-up; the team has not written up its outcome.',
  dropped: 'Dropped during the hackathon.',
};

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
  // The issue is cited once, on the Tracking line, not in the heading too (gardener/documentation#969).
  const cited = rawTopics.map((topic) => {
    const tracking = trackingUrlOf(topic);
    return tracking ? { ...topic, title: withoutIssueLink(topic.title, tracking) } : topic;
  });
  const { hackathon, topics, names } = safeInput(rawHackathon, cited, rawNames);
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
    .filter(isWrappedUp);
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
  const trackingUrl = trackingUrlOf(topic);
  // Pull requests found referring to the topic's issue are listed too, after what the team wrote.
  const codeLinks = withFoundPullRequests(
    outcome ? outcome.code : topic.links.filter((url) => /github\.com\/.+\/(pull|issues)\/\d+/.test(url)),
    topic.pullRequests,
  );
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
      (topic.status === 'dropped' && topic.statusNote ? noteSentence(topic.statusNote, byNumber) : '') ||
      (outcome ? '' : (STATUS_SENTENCES[topic.status] ?? '')),
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

/** The issue a topic's page section cites: its own, or the first issue among its links. */
function trackingUrlOf(topic: Topic): string | null {
  return topic.issue?.url ?? topic.links.find((url) => issueRef(url) !== null) ?? null;
}

/**
 * A title without its issue: " ([#52](…/issues/52))", " ([hackathon#52](…))", " (#52)" or a bare link to it at
 * the end, as topic lists and imported titles carry it; the text of a link around words is kept.
 */
function withoutIssueLink(title: string, issueUrl: string): string {
  const number = /\/issues\/(\d+)/.exec(issueUrl)?.[1];
  if (!number) return title;
  const url = issueUrl.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const reference = `(?:[\\w.-]+\\/)?[\\w.-]*#${number}`;
  const cleaned = title
    .replace(new RegExp(`\\s*\\(\\s*\\[${reference}\\]\\(${url}\\/?\\)\\s*\\)`, 'g'), '')
    .replace(new RegExp(`\\s*\\(\\s*${reference}\\s*\\)$`), '')
    .replace(new RegExp(`\\s*\\[${reference}\\]\\(${url}\\/?\\)$`), '')
    .replace(new RegExp(`\\[([^\\]]+)\\]\\(${url}\\/?\\)`, 'g'), '$1')
    .trim();
  return cleaned || title;
}

/** "04.05.2026 – 08.05.2026", as the pages (and the events table) write dates. */
export function dateRange(start: string, end: string): string {
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
