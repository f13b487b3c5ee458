/**
 * The parts of a long post already in Slack, by name (a summary's pages `page#0`, `page#1`, …; a check-in's
 * `check-in#<topic>`; a wrap-up reply's `reply#<topic>#<i>`), each recorded as soon as it is posted, so that a
 * retried or continued job posts only what is missing.
 */
export interface PostedParts {
  /** The ts of the part's message, if it was posted. */
  ts(part: string): string | undefined;
  record(part: string, ts: string): Promise<void>;
}

/** Where the parts of each of a hackathon's long posts (a scheduled execution, the wrap-up) are recorded. */
export interface PostedPartsStore {
  /** The parts a post made so far (part name → the message's ts). */
  postedParts(hackathonId: string, post: string): Promise<Record<string, string>>;
  /** Records that a part of a post went out. */
  recordPart(hackathonId: string, post: string, part: string, ts: string): Promise<void>;
}
