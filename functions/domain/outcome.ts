/**
 * What a team leaves behind: the sections the community's wrap-up pages use (gardener/documentation,
 * website/community/hackathons/*.md), a one-line highlight with an emoji for the highlights list, and who
 * contributed.
 */
export interface Outcome {
  /** ### Problem Statement */
  problem: string;
  /** ### Motivation & Benefits (also written "Motivation/Benefits") */
  motivation: string;
  /** ### Achievements */
  achievements: string;
  /** ### Next Steps */
  nextSteps: string;
  /** ### Code & Pull Requests (also "Code"): links, one per entry */
  code: string[];
  /** ### Outcome: for topics that were dropped, merged into another, or ended otherwise */
  outcome: string;
  /** Slack user ids (U…/W…) or plain names, in order */
  contributors: string[];
  /** One line for the highlights list */
  highlight: string;
  /** The topic's emoji in the highlights list and the page heading (a character or :name:) */
  emoji: string | null;
  updatedBy: string;
  updatedAt: string;
}

/** The wrap-up sections in the order the pages use, with their canonical headings. */
export const OUTCOME_SECTIONS = [
  { key: 'problem', heading: 'Problem Statement' },
  { key: 'motivation', heading: 'Motivation & Benefits' },
  { key: 'achievements', heading: 'Achievements' },
  { key: 'nextSteps', heading: 'Next Steps' },
  { key: 'code', heading: 'Code & Pull Requests' },
  { key: 'outcome', heading: 'Outcome' },
] as const;

export type OutcomeSectionKey = (typeof OUTCOME_SECTIONS)[number]['key'];

/** Whether a contributor entry is a Slack user id rather than a plain name. */
export const isSlackUserId = (value: string) => /^[UW][A-Z0-9]{2,}$/.test(value);

/** Statuses that say work happened on a topic during the hackathon. */
const WORKED_ON: ReadonlySet<string> = new Set(['done', 'in_progress', 'paused', 'dropped']);

/**
 * Whether the wrap-up is about a topic: what a team worked on or wrote an outcome for. A withdrawn topic never
 * is, whatever it still holds: it was taken out of this hackathon (a reviewer of the community's 2026-03 page
 * had to spot such a topic in it, gardener/documentation#960).
 */
export function isWrappedUp(topic: {
  status: string;
  outcome?: unknown;
  members?: readonly string[] | undefined;
}): boolean {
  if (topic.status === 'withdrawn') return false;
  return Boolean(topic.outcome) || (topic.members ?? []).length > 0 || WORKED_ON.has(topic.status);
}
