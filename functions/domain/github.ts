import type { Problem } from './problems.js';

/**
 * A hackathon linked to a GitHub repository: the repository's issues with the event's label are its topics of
 * record (the model community labels every topic issue with its event, e.g. `Q2/2026`).
 */
export interface GitHubLink {
  /** `owner/name`. */
  repo: string;
  /** The label every topic issue of this hackathon carries. */
  eventLabel: string;
  /** What a topic becomes when its issue is closed as completed: done, or withdrawn like one closed as not planned. */
  closedMeans: 'done' | 'withdrawn';
}

/** A topic's issue: its repository, number and page. */
export interface IssueLink {
  repo: string;
  number: number;
  url: string;
}

/**
 * GitHub's rules for names (github.com's sign-up and "create repository" forms): a login is letters, digits
 * and single hyphens, not starting or ending with one, at most 39 characters; a repository name is letters,
 * digits, `.`, `-` and `_`, at most 100, and neither `.` nor `..`.
 */
const OWNER = /^[A-Za-z0-9](?:[A-Za-z0-9]|-(?=[A-Za-z0-9])){0,38}$/;
const REPOSITORY = /^[A-Za-z0-9._-]{1,100}$/;
/** GitHub refuses label names over 50 characters ("name is too long (maximum is 50 characters)"). */
const LABEL_MAX = 50;

/** Whether `login` is a GitHub login as GitHub allows them. */
export function isGitHubLogin(login: string): boolean {
  return OWNER.test(login);
}

/**
 * Reads a repository as organizers paste it: `owner/name`, or its address on github.com (with or without
 * `https://`, `.git`, a trailing slash). Undefined when it names no repository.
 */
export function parseRepository(text: string): string | undefined {
  const trimmed = text
    .trim()
    .replace(/^(?:https?:\/\/)?(?:www\.)?github\.com\//i, '')
    .replace(/\/+$/, '')
    .replace(/\.git$/i, '');
  const [owner, name, ...rest] = trimmed.split('/');
  if (rest.length > 0 || !owner || !name) return undefined;
  if (!OWNER.test(owner) || !REPOSITORY.test(name) || name === '.' || name === '..') return undefined;
  return `${owner}/${name}`;
}

/** The link as the settings form gives it: all three empty is no link. */
export interface GitHubLinkInput {
  repo?: string | null;
  eventLabel?: string | null;
  closedMeans?: string | null;
}

/** Checks a link's fields; the problems by field (`githubRepo`, `githubLabel`) next to the link. */
export function validateGitHubLink(input: GitHubLinkInput): {
  link: GitHubLink | null;
  errors: Record<string, Problem>;
} {
  const repoText = input.repo?.trim() ?? '';
  const eventLabel = input.eventLabel?.replace(/\s+/g, ' ').trim() ?? '';
  const errors: Record<string, Problem> = {};
  if (!repoText) {
    if (eventLabel) errors.githubRepo = { code: 'github-repo', given: null };
    return { link: null, errors };
  }
  const repo = parseRepository(repoText);
  if (!repo) errors.githubRepo = { code: 'github-repo', given: repoText.slice(0, 60) };
  if (!eventLabel) errors.githubLabel = { code: 'required', field: 'event-label' };
  else if (eventLabel.length > LABEL_MAX)
    errors.githubLabel = {
      code: 'too-long',
      field: 'event-label',
      max: LABEL_MAX,
      length: eventLabel.length,
    };
  if (!repo || Object.keys(errors).length > 0) return { link: null, errors };
  return {
    link: { repo, eventLabel, closedMeans: input.closedMeans === 'done' ? 'done' : 'withdrawn' },
    errors,
  };
}

/** How wrap-ups and cards cite an issue: `hackathon#12` (the repository's name and the number). */
export function issueReference(issue: Pick<IssueLink, 'repo' | 'number'>): string {
  return `${issue.repo.split('/')[1] ?? issue.repo}#${issue.number}`;
}

/** A pull request that refers to a topic's issue (found on GitHub, not typed), with its state when last read. */
export interface PullRequestLink {
  /** `owner/name` of the pull request's repository. */
  repo: string;
  number: number;
  title: string;
  url: string;
  state: 'open' | 'closed' | 'merged';
}

/** At most this many pull requests are kept per topic (the card and the wrap-up show them all). */
const PULL_REQUESTS_MAX = 20;

/**
 * A topic's pull requests with `found` merged in: one per page, the newer state winning, the order of first
 * sight kept; a pull request seen before is never dropped (a reference edited away still happened).
 */
export function mergePullRequests(
  known: readonly PullRequestLink[],
  found: readonly PullRequestLink[],
): PullRequestLink[] {
  const byUrl = new Map(known.map((pull) => [pull.url.toLowerCase(), pull]));
  for (const pull of found) byUrl.set(pull.url.toLowerCase(), pull);
  return [...byUrl.values()].slice(0, PULL_REQUESTS_MAX);
}

/** Whether two lists say the same (the same pull requests, states and titles, in the same order). */
export function samePullRequests(a: readonly PullRequestLink[], b: readonly PullRequestLink[]): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}

/** `gardener/gardener#13542`, as the wrap-up pages cite pull requests. */
export function pullRequestReference(pull: Pick<PullRequestLink, 'repo' | 'number'>): string {
  return `${pull.repo}#${pull.number}`;
}

/**
 * The issues a pull request's text refers to: `#12` (in the pull request's own repository, as GitHub reads it,
 * with or without a closing keyword such as `Fixes`), `owner/name#12`, and links to
 * `https://github.com/owner/name/issues/12`. Each once, repositories as written.
 */
export function issueReferencesIn(
  text: string | null,
  ownRepo: string,
): Array<{ repo: string; number: number }> {
  const found = new Map<string, { repo: string; number: number }>();
  const add = (repo: string, number: number) => {
    if (number > 0 && number < 10_000_000) found.set(`${repo.toLowerCase()}#${number}`, { repo, number });
  };
  // Code spans and blocks are no references on GitHub either.
  const prose = (text ?? '').replace(/```[\s\S]*?```/g, ' ').replace(/`[^`\n]*`/g, ' ');
  for (const match of prose.matchAll(/https?:\/\/github\.com\/([\w.-]+\/[\w.-]+)\/issues\/(\d+)/gi))
    add(match[1] as string, Number(match[2]));
  // Not inside a word, path or anchor (`issue#8`, `page#5`): what precedes is the start or another character.
  for (const match of prose.matchAll(/(?:^|[^\w/.#-])(?:([\w.-]+\/[\w.-]+))?#(\d+)\b/g))
    add(match[1] ?? ownRepo, Number(match[2]));
  return [...found.values()];
}

/** What htg last wrote of a topic's team on its issue: the comment, the assignees it set, and a fingerprint. */
export interface IssueTeam {
  /** The results comment htg keeps on the issue (edited, never posted twice); null before it is posted. */
  commentId: number | null;
  /** The logins htg assigned (assignees people set on GitHub are left alone). */
  assigned: string[];
  /** What the comment and assignees were made from: the same again sends nothing. */
  synced: string;
}

/**
 * Code links with the pull requests found added (merged and open ones; one closed unmerged is no outcome), each
 * once: what the wrap-up's Code & Pull Requests lists.
 */
export function withFoundPullRequests(
  links: readonly string[],
  pulls: readonly PullRequestLink[] | null | undefined,
): string[] {
  const key = (url: string) => url.toLowerCase().replace(/\/+$/, '');
  const seen = new Set(links.map(key));
  const found = (pulls ?? [])
    .filter((pull) => pull.state !== 'closed' && !seen.has(key(pull.url)))
    .map((pull) => pull.url);
  return [...links, ...found];
}
