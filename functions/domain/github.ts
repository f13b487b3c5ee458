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
