/**
 * What went wrong, as data: a code and what a message about it needs. The domain, the use-cases and the stores
 * throw these (inside the errors of `errors.ts`); the words a person reads are written at the edge, in
 * `functions/slack/messages.ts`, which has one sentence per code. Names of hackathons and topics here are the
 * user's raw text: whoever writes the message escapes them for its markup.
 */
export type Problem =
  // The hackathon
  | { code: 'hackathon-gone' }
  /** `hint`: say that `/htg export` still gives the wrap-up (refusals of settings and organizer work). */
  | { code: 'hackathon-ended'; hackathon: string; hint: boolean; lateUntil?: string }
  | { code: 'channel-has-hackathon'; hackathon: string }
  /** Two setups raced for one channel; the other won. */
  | { code: 'channel-taken' }
  | { code: 'organizers-only'; hackathon: string; organizers: readonly string[]; to: OrganizerWork }
  | { code: 'settings-changed-meanwhile' }
  | { code: 'teams-published-meanwhile' }
  | { code: 'proposals-closed'; hackathon: string; organizers: readonly string[] }
  /** `unchanged`: the person's change was refused, so say nothing was changed. */
  | { code: 'voting-closed'; hackathon: string; unchanged: boolean }
  | { code: 'voting-still-open'; hackathon: string }
  | { code: 'not-linked'; hackathon: string }
  /** `/htg publish` without a website repository in the settings, or before the wrap-up. */
  | { code: 'no-website'; hackathon: string }
  | { code: 'not-wrapped-up'; hackathon: string }
  /** Review answers without a review meeting in the settings, or after the answers closed (ISO). */
  | { code: 'no-review-meeting'; hackathon: string }
  | { code: 'review-closed'; hackathon: string; closedAt: string }
  /** A click on an agenda's **Next** that another click beat (`now`: the slot it is at), or on a gone agenda. */
  | { code: 'agenda-moved-on'; now: string | null }
  | { code: 'no-agenda' }
  /** A follow-up answered after answers closed (ISO). */
  | { code: 'follow-ups-closed'; hackathon: string; closedAt: string }
  // Topics
  | { code: 'no-topic'; hackathon: string; number: number }
  | { code: 'no-open-topic'; number: number }
  | { code: 'topic-gone'; number: number }
  /** `refused`: what can no longer be done with it; `nothing` just says it was withdrawn. */
  | { code: 'topic-withdrawn'; number: number; refused: 'change' | 'status' | 'nothing' }
  /** `while-editing`: the person had the topic open in a form; `meanwhile`: a store's guard saw the change. */
  | { code: 'topic-changed'; number: number; when: 'while-editing' | 'meanwhile' }
  | { code: 'outcome-saved-meanwhile'; number: number }
  | { code: 'proposer-only'; number: number; proposerId: string }
  | { code: 'team-only'; number: number; to: TeamWork }
  | { code: 'links-full'; number: number; max: number }
  | { code: 'team-full'; number: number; cap: number }
  | { code: 'in-another-team'; hackathon: string }
  | { code: 'batch-too-big'; max: number; carryingOver: boolean }
  | { code: 'carried-already' }
  | { code: 'carried-just-now' }
  /** Topics made from issues raced with others made from the same issues. */
  | { code: 'issue-taken' }
  | { code: 'import-preview-expired' }
  | { code: 'stale-form' }
  // Fields of a form or a command (inside a ValidationError, per field)
  | { code: 'required'; field: RequiredField }
  | { code: 'too-long'; field: LongField; max: number; length?: number }
  | { code: 'too-many'; field: CountedField; max: number }
  | { code: 'not-a-link'; text: string; form: 'topic' | 'outcome' | 'review' }
  | { code: 'continued-or-closed' }
  | { code: 'review-before-end' }
  | { code: 'date-time' }
  | { code: 'ends-before-start' }
  | { code: 'time-zone' }
  | { code: 'emoji-name'; field: 'vote' | 'work' }
  | { code: 'same-emoji' }
  | { code: 'votes-per-person' }
  /** A meeting's length: whole minutes, at most `max`. */
  | { code: 'meeting-minutes'; max: number }
  /** How long before a meeting its agenda is posted: whole minutes, at most `max`. */
  | { code: 'agenda-lead'; max: number }
  | { code: 'team-size-min' }
  | { code: 'team-size-max' }
  | { code: 'max-below-min' }
  | { code: 'voting-before-proposals' }
  | { code: 'summary-times' }
  | { code: 'reminder-after-wrap-up' }
  /** `given`: what was typed, null when only the label was given. */
  | { code: 'github-repo'; given: string | null }
  | { code: 'github-login'; given: string }
  | { code: 'github-login-taken'; login: string; heldBy: string }
  /** `given`: what was typed, null when only a fork account was given. */
  | { code: 'website-repo'; given: string | null }
  /** `sameOwner`: the account owns the website repository (GitHub forks into another account only). */
  | { code: 'website-fork'; given: string; sameOwner: boolean }
  | { code: 'website-folder' }
  | { code: 'late-outcome-days'; max: number }
  | { code: 'pick-category'; categories: readonly string[] }
  | { code: 'pick-kind' }
  | { code: 'pick-team-size' }
  | { code: 'highlight-one-line'; max: number }
  | { code: 'outcome-empty' }
  | { code: 'one-emoji' }
  | { code: 'too-many-votes'; ticked: number; budget: number }
  | { code: 'attendee-lines'; lines: readonly AttendeeLineProblem[] }
  | { code: 'no-topics-found' }
  | { code: 'import-too-big'; found: number; max: number }
  | { code: 'pick-a-topic' }
  | { code: 'pick-at-most'; max: number }
  | { code: 'status-word'; number: number }
  | { code: 'dropped-needs-note'; number: number }
  | { code: 'full-link'; number: number }
  | { code: 'team-withdrawn'; number: number }
  | { code: 'on-several-teams'; hackathon: string; alsoOn: number }
  | { code: 'team-over-cap'; number: number; cap: number; size: number; joinedSince: number };

/** What only organizers may do, as refused to someone else. */
export type OrganizerWork =
  | 'carry-over'
  | 'settings'
  | 'close-voting'
  | 'import'
  | 'attendees'
  | 'teams'
  | 'wrap-up'
  | 'sync'
  | 'publish'
  | 'agenda'
  | 'discussion';

/** What only a topic's team (and organizers, and for some its proposer) may do. */
export type TeamWork = 'status' | 'links' | 'check-in' | 'outcome' | 'review' | 'follow-up' | 'presenter';

type RequiredField = 'name' | 'start-date' | 'end-date' | 'categories' | 'title' | 'achieved' | 'event-label';
type LongField =
  | 'name'
  | 'location'
  | 'category'
  | 'title'
  | 'description'
  | 'answer'
  | 'event-label'
  | 'organizer';
type CountedField = 'categories' | 'links' | 'contributors' | 'summaries' | 'people';

/**
 * A line of the attendee list that cannot be read: it names nobody or several people, or what follows
 * `github:` is no GitHub login (`text` is then that login).
 */
export interface AttendeeLineProblem {
  line: number;
  text: string;
  wrong: 'nobody' | 'several' | 'github-login';
}
