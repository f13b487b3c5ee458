import { isGitHubLogin, parseRepository } from './github.js';
import type { Problem } from './problems.js';

/**
 * The community website the wrap-up is published on, as a pull request (gardener/documentation: the page
 * `website/community/hackathons/<YYYY-MM>.md` and its row in that folder's `_index.md`).
 */
export interface WebsiteLink {
  /** `owner/name`. */
  repo: string;
  /** The folder of the wrap-up pages and of the `_index.md` with the events table, from the repository's root. */
  folder: string;
  /**
   * An organization the GitHub App is installed on, where htg forks the repository when it may not push to it
   * (the App may open pull requests there, but not write its contents); null: no fork, the push must work.
   */
  forkAccount: string | null;
  /** What the events table's Organizer column says (e.g. "SAP"); null: the organizers' companies. */
  organizer: string | null;
  /** How many days after the wrap-up outcomes may still be saved, and update the pull request. */
  lateOutcomeDays: number;
}

/** The layout of gardener/documentation. */
export const DEFAULT_WEBSITE_FOLDER = 'website/community/hackathons';
/** Outcomes are taken for two weeks after the wrap-up, unless organizers choose otherwise. */
const DEFAULT_LATE_OUTCOME_DAYS = 14;
const LATE_OUTCOME_DAYS_MAX = 90;
const ORGANIZER_MAX = 60;
const FOLDER_MAX = 200;

export interface WebsiteLinkInput {
  repo?: string | null;
  folder?: string | null;
  forkAccount?: string | null;
  organizer?: string | null;
  lateOutcomeDays?: string | number | null;
}

/** Checks the website fields; the problems by field (`websiteRepo`, `websiteFork`, …) next to the link. */
export function validateWebsiteLink(input: WebsiteLinkInput): {
  link: WebsiteLink | null;
  errors: Record<string, Problem>;
} {
  const errors: Record<string, Problem> = {};
  const repoText = input.repo?.trim() ?? '';
  const forkText = input.forkAccount?.trim().replace(/^@/, '') ?? '';
  const folderText = (input.folder?.trim() ?? '').replace(/^\/+|\/+$/g, '');
  const organizer = input.organizer?.replace(/\s+/g, ' ').trim() ?? '';
  const daysText = String(input.lateOutcomeDays ?? '').trim();
  if (!repoText) {
    if (forkText) errors.websiteRepo = { code: 'website-repo', given: null };
    return { link: null, errors };
  }
  const repo = parseRepository(repoText);
  if (!repo) errors.websiteRepo = { code: 'website-repo', given: repoText.slice(0, 60) };
  // GitHub forks a repository into another account only: its own owner already has it.
  const sameOwner = Boolean(repo && forkText.toLowerCase() === repo.split('/')[0]?.toLowerCase());
  if (forkText && (!isGitHubLogin(forkText) || sameOwner))
    errors.websiteFork = { code: 'website-fork', given: forkText.slice(0, 60), sameOwner };
  if (folderText.length > FOLDER_MAX || folderText.split('/').some((part) => part === '..' || part === '.'))
    errors.websiteFolder = { code: 'website-folder' };
  if (organizer.length > ORGANIZER_MAX)
    errors.websiteOrganizer = {
      code: 'too-long',
      field: 'organizer',
      max: ORGANIZER_MAX,
      length: organizer.length,
    };
  const days = daysText === '' ? DEFAULT_LATE_OUTCOME_DAYS : Number(daysText);
  if (!Number.isInteger(days) || days < 0 || days > LATE_OUTCOME_DAYS_MAX)
    errors.lateOutcomeDays = { code: 'late-outcome-days', max: LATE_OUTCOME_DAYS_MAX };
  if (!repo || Object.keys(errors).length > 0) return { link: null, errors };
  return {
    link: {
      repo,
      folder: folderText || DEFAULT_WEBSITE_FOLDER,
      forkAccount: forkText || null,
      organizer: organizer || null,
      lateOutcomeDays: days,
    },
    errors,
  };
}

/** The page's file name, `<YYYY-MM>.md` of the hackathon's first day, as the community names its pages. */
export function wrapUpPageName(startDate: string): string {
  return `${startDate.slice(0, 7)}.md`;
}

/**
 * Until when outcomes may still be saved after the wrap-up (ISO); null while the hackathon runs, or when it has
 * no website to update (then the wrap-up ends writing, as before).
 */
export function lateOutcomesUntil(hackathon: {
  status: string;
  endedAt?: string | null;
  website?: WebsiteLink | null;
}): string | null {
  if (hackathon.status === 'active' || !hackathon.endedAt || !hackathon.website) return null;
  const days = hackathon.website.lateOutcomeDays;
  return new Date(Date.parse(hackathon.endedAt) + days * 86_400_000).toISOString();
}

/** The wrap-up's pull request on the website, as htg last opened or updated it. */
export interface WebsitePull {
  /** The website repository it is opened on, and its number and page there. */
  repo: string;
  number: number;
  url: string;
  /** Where its commits are: the repository's own owner, or the fork's. */
  headOwner: string;
  branch: string;
  state: 'open' | 'closed' | 'merged';
  /** 0: the wrap-up's own; 1, 2, …: follow-ups with outcomes saved after an earlier one was merged. */
  round: number;
  /** A fingerprint of the files and the description it was last given (an unchanged wrap-up writes nothing). */
  sent: string;
  /** The pull requests of earlier rounds, merged. */
  earlier: Array<{ number: number; url: string }>;
}

/** Why the wrap-up's pull request could not be opened or updated, when htg last tried. */
export interface WebsiteProblem {
  failure: 'not-installed' | 'not-found' | 'refused' | 'rate-limited' | 'unavailable' | 'no-fork' | 'closed';
  /** GitHub's answer in a sentence, never with a token. */
  message: string;
  at: string;
}
