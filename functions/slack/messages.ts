import type { Attendee } from '../domain/assignment.js';
import { ProblemError, ValidationError } from '../domain/errors.js';
import type { Hackathon } from '../domain/hackathon.js';
import type { OrganizerWork, Problem, TeamWork } from '../domain/problems.js';
import { STATUS_WORDS } from '../domain/status.js';
import type { Topic } from '../domain/topic.js';
import { importDoneText } from './views/import-modals.js';
import { boldName, escapeMrkdwn, mentions } from './views/mrkdwn.js';
import { STATUS_LABELS } from './views/topic-list-message.js';

/**
 * The words for every problem the domain, the use-cases and the stores report: one sentence (or two) per code,
 * in Slack's mrkdwn. User text in a problem (a hackathon's name, a line of a list) is escaped here. Field
 * problems appear as inline errors under a modal's input, which Slack shows as plain text; they carry no markup.
 */
export function problemText(problem: Problem): string {
  switch (problem.code) {
    case 'hackathon-gone':
      return 'This hackathon no longer exists.';
    case 'hackathon-ended':
      return problem.hint
        ? `${boldName(problem.hackathon)} has ended and is read-only now. \`/htg export\` still gives you its wrap-up and board.`
        : problem.lateUntil
          ? `${boldName(problem.hackathon)} has ended; outcomes were taken until <!date^${Math.floor(Date.parse(problem.lateUntil) / 1000)}^{date_long_pretty} {time}|${problem.lateUntil.slice(0, 10)}>, and it is read-only now.`
          : `${boldName(problem.hackathon)} has ended; it is read-only now.`;
    case 'channel-has-hackathon':
      return `This channel already runs ${boldName(problem.hackathon)}. Use \`/htg settings\` to change it.`;
    case 'channel-taken':
      return 'This channel already has an active hackathon.';
    case 'organizers-only':
      return `Only the organizers of ${boldName(problem.hackathon)} can ${ORGANIZER_WORK[problem.to]}. Ask ${mentions(problem.organizers)}.`;
    case 'settings-changed-meanwhile':
      return 'Someone else changed these settings in the meantime. Open the settings again.';
    case 'teams-published-meanwhile':
      return 'Another organizer published teams while you were reviewing them. Run `/htg teams` to review them as they are now.';
    case 'proposals-closed':
      return `Proposals for ${boldName(problem.hackathon)} are closed. An organizer can still add a topic: ${mentions(problem.organizers)}.`;
    case 'voting-closed':
      return `Voting for ${boldName(problem.hackathon)} has closed${problem.unchanged ? '; nothing was changed' : ''}.`;
    case 'agenda-moved-on':
      return problem.now
        ? `Someone moved the agenda on already: it is at ${problem.now} now. Click *Next* again to move on from there.`
        : 'Someone moved the agenda on already, and the meeting is over.';
    case 'no-agenda':
      return 'That agenda is gone (the meeting was moved or removed in the settings).';
    case 'voting-still-open':
      return `Voting for ${boldName(problem.hackathon)} is still open. Close it with \`/htg close-voting\` first; the teams follow from the final votes.`;
    case 'no-topic':
      return `There is no topic #${problem.number} in ${boldName(problem.hackathon)}.`;
    case 'no-open-topic':
      return `There is no open topic #${problem.number}.`;
    case 'topic-gone':
      return `Topic #${problem.number} does not exist.`;
    case 'topic-withdrawn':
      return `#${problem.number} was withdrawn${WITHDRAWN_REFUSES[problem.refused]}.`;
    case 'topic-changed':
      return problem.when === 'while-editing'
        ? `#${problem.number} was changed while you were editing it; nothing was saved. Open it again.`
        : `#${problem.number} was changed or withdrawn in the meantime; nothing was saved.`;
    case 'outcome-saved-meanwhile':
      return `Someone else saved the outcome of #${problem.number} while you were writing. Open it again to see theirs; nothing of yours was stored.`;
    case 'proposer-only':
      return `Only <@${problem.proposerId}>, who proposed #${problem.number}, or an organizer can change it.`;
    case 'team-only':
      return TEAM_WORK[problem.to](problem.number);
    case 'links-full':
      return `#${problem.number} has ${problem.max} links already.`;
    case 'team-full':
      return `The team of #${problem.number} is full (${problem.cap} people). Pick another topic, or ask an organizer.`;
    case 'in-another-team':
      return `You are in another team already, and in ${boldName(problem.hackathon)} everyone joins one team. Leave it first with \`/htg leave #<number>\`.`;
    case 'batch-too-big':
      return `At most ${problem.max} topics at once${problem.carryingOver ? ' when carrying them over' : ''}.`;
    case 'carried-already':
      return 'Those topics were carried over already, or are no longer offered. Nothing was added.';
    case 'carried-just-now':
      return 'Some of these topics were carried over already, just now. Nothing was added.';
    case 'import-preview-expired':
      return 'This preview has expired. Run `/htg import` again.';
    case 'stale-form':
      return 'This form is out of date. Close it and run the command again.';
    // Field problems: plain text under a modal's input.
    case 'required':
      return REQUIRED[problem.field];
    case 'too-long':
      return `Keep ${LONG_FIELD[problem.field]} under ${problem.max} characters${problem.length === undefined ? '' : ` (it has ${problem.length})`}.`;
    case 'too-many':
      return `At most ${problem.max} ${problem.field === 'summaries' ? 'summaries a day' : problem.field}.`;
    case 'not-a-link':
      return problem.form === 'topic'
        ? `"${problem.text}" is not a web address; use full links starting with https://, one per line.`
        : problem.form === 'review'
          ? `"${problem.text}" is not a web address: give the issue's or pull request's full https:// link.`
          : `"${problem.text}" is not a web address: one full https:// link per line.`;
    case 'date-time':
      return 'Pick a date and time.';
    case 'ends-before-start':
      return 'The hackathon cannot end before it starts.';
    case 'time-zone':
      return 'Use an IANA time zone name such as Europe/Berlin or America/New_York.';
    case 'emoji-name':
      return `Use an emoji name such as ${problem.field === 'vote' ? 'arrow_up or +1' : 'rocket or hand'}.`;
    case 'same-emoji':
      return 'Pick an emoji different from the vote emoji.';
    case 'meeting-minutes':
      return `Give the meeting's length in whole minutes, from 1 to ${problem.max}.`;
    case 'agenda-lead':
      return `Give whole minutes, from 0 (at the meeting's start) to ${problem.max} (a day before).`;
    case 'votes-per-person':
      return 'Leave empty for unlimited, or give a whole number of at least 1.';
    case 'team-size-min':
      return 'A team needs at least 1 person (at most 50).';
    case 'team-size-max':
      return 'Give a maximum team size from 1 to 50.';
    case 'max-below-min':
      return 'The maximum cannot be below the minimum.';
    case 'voting-before-proposals':
      return 'Voting cannot close before proposals close.';
    case 'summary-times':
      return 'Give times of day such as 09:00 or 09:00, 16:30 (24-hour), or leave empty for no summaries.';
    case 'reminder-after-wrap-up':
      return 'Remind people before the wrap-up, not after it.';
    case 'not-linked':
      return `${boldName(problem.hackathon)} is not linked to a GitHub repository: an organizer can set one in \`/htg settings\`.`;
    case 'no-review-meeting':
      return `${boldName(problem.hackathon)} has no review meeting: an organizer can set one in \`/htg settings\`.`;
    case 'review-closed':
      return `The review of ${boldName(problem.hackathon)} was recorded; answers were taken until <!date^${Math.floor(Date.parse(problem.closedAt) / 1000)}^{date_long_pretty}|${problem.closedAt.slice(0, 10)}>.`;
    case 'follow-ups-closed':
      return `What became of the topics of ${boldName(problem.hackathon)} was asked until <!date^${Math.floor(Date.parse(problem.closedAt) / 1000)}^{date_long_pretty}|${problem.closedAt.slice(0, 10)}>; answers are no longer taken. An organizer can still carry a topic over to the next hackathon.`;
    case 'no-website':
      return `${boldName(problem.hackathon)} has no website repository to publish its wrap-up on: an organizer can set one in \`/htg settings\` before the wrap-up.`;
    case 'not-wrapped-up':
      return `${boldName(problem.hackathon)} is not wrapped up yet: the wrap-up (\`/htg wrapup\`, or its scheduled time) opens the pull request on the website.`;
    case 'issue-taken':
      return 'Those GitHub issues became topics meanwhile: nothing was added twice.';
    case 'github-repo':
      return problem.given === null
        ? 'Name the GitHub repository the label is on, e.g. gardener-community/hackathon.'
        : `"${problem.given}" is not a GitHub repository: give it as owner/name, e.g. gardener-community/hackathon.`;
    case 'github-login':
      return `"${problem.given}" is not a GitHub login (letters, digits and single hyphens, at most 39): e.g. \`/htg github octocat\`.`;
    case 'continued-or-closed':
      return 'Either someone continues it, or it closes: leave "Continued by" empty to close it, or the reason empty.';
    case 'review-before-end':
      return 'The review meeting looks back on the hackathon: pick a time after its last day.';
    case 'website-repo':
      return problem.given === null
        ? 'Name the website repository the fork is of, e.g. gardener/documentation.'
        : `"${problem.given}" is not a GitHub repository: give it as owner/name, e.g. gardener/documentation.`;
    case 'website-fork':
      return problem.sameOwner
        ? `${problem.given} owns the website repository already: GitHub forks into another account. Give an organization the htg App is installed on, or leave it empty.`
        : `"${problem.given}" is not a GitHub account name (letters, digits and single hyphens, at most 39).`;
    case 'website-folder':
      return "Give the folder of the wrap-up pages from the repository's root, e.g. website/community/hackathons.";
    case 'late-outcome-days':
      return `Give a whole number of days from 0 to ${problem.max} (empty: 14).`;
    case 'github-login-taken':
      return `@${problem.login} is already <@${problem.heldBy}>'s GitHub login in htg. If it is yours, ask them to give theirs with \`/htg github\`.`;
    case 'pick-category':
      return `Pick one of the hackathon's categories: ${problem.categories.join(', ')}.`;
    case 'pick-kind':
      return 'Pick hacking topic or discussion topic.';
    case 'pick-team-size':
      return 'Pick small, medium or large.';
    case 'highlight-one-line':
      return `One line: at most ${problem.max} characters.`;
    case 'outcome-empty':
      return 'Write at least a one-line highlight, the achievements or the outcome.';
    case 'one-emoji':
      return 'One emoji, e.g. 🚀 or :rocket:.';
    case 'too-many-votes':
      return `You ticked ${problem.ticked} topics to vote for, but everyone has ${problem.budget} votes. Untick ${problem.ticked - problem.budget}.`;
    case 'attendee-lines':
      return problem.lines
        .map(({ line, text, wrong }) =>
          wrong === 'nobody'
            ? `Line ${line} ("${text}") names nobody: start it with an @mention.`
            : wrong === 'several'
              ? `Line ${line} names several people: one per line.`
              : `Line ${line}: "${text}" is not a GitHub login (letters, digits and single hyphens, at most 39).`,
        )
        .join(' ');
    case 'no-topics-found':
      return 'No topics found. Paste a list with one "- topic" bullet per topic (under "### Category" headings), or "## Title" headings.';
    case 'import-too-big':
      return `That is ${problem.found} topics; import at most ${problem.max} at once.`;
    case 'pick-a-topic':
      return 'Pick at least one topic to carry over.';
    case 'pick-at-most':
      return `Pick at most ${problem.max} topics at once.`;
    case 'status-word':
      return `Say a status: ${STATUS_WORDS}. For example \`/htg status #${problem.number} done\`.`;
    case 'dropped-needs-note':
      return `Say what became of it, e.g. \`/htg status #${problem.number} dropped closed in favour of #45\`.`;
    case 'full-link':
      return `Give a full link starting with https://, e.g. \`/htg link #${problem.number} https://github.com/…\`.`;
    case 'team-withdrawn':
      return `#${problem.number} was withdrawn meanwhile: leave its team empty.`;
    case 'on-several-teams':
      return `Someone here is also on #${problem.alsoOn}: in ${problem.hackathon} everyone is on one team (organizers can change that in /htg settings).`;
    case 'team-over-cap':
      return (
        `#${problem.number} has room for ${problem.cap}, and ${problem.size} would be on it` +
        (problem.joinedSince > 0 ? ` (${problem.joinedSince} joined it since you opened this form)` : '') +
        '.'
      );
  }
}

const ORGANIZER_WORK: Record<OrganizerWork, string> = {
  'carry-over': 'carry topics over',
  settings: 'change the settings',
  'close-voting': 'close voting',
  import: 'import topics',
  attendees: 'keep the attendee list',
  teams: 'review and publish teams',
  'wrap-up': 'wrap the hackathon up',
  sync: 'sync it with GitHub',
  publish: 'publish its wrap-up on the website',
  agenda: "move a meeting's agenda on",
  discussion: 'open the voting discussion on GitHub',
};

const TEAM_WORK: Record<TeamWork, (number: number) => string> = {
  status: (n) => `Only the team of #${n} and the organizers can change its status.`,
  links: (n) => `Only the proposer and team of #${n} and the organizers can add links to it.`,
  'check-in': (n) => `Only the team of #${n} and the organizers can answer its check-in.`,
  outcome: (n) => `Only the team of #${n}, its proposer and the organizers can write its outcome.`,
  review: (n) => `Only the team of #${n}, its proposer and the organizers can say what becomes of it.`,
  'follow-up': (n) =>
    `Only whoever continues #${n}, its team, its proposer and the organizers can say what became of it.`,
  presenter: (n) => `Only the team of #${n}, its proposer and the organizers can say who presents it.`,
};

const WITHDRAWN_REFUSES: Record<Extract<Problem, { code: 'topic-withdrawn' }>['refused'], string> = {
  change: '; it can no longer be changed',
  status: '; its status can no longer change',
  nothing: '',
};

const REQUIRED: Record<Extract<Problem, { code: 'required' }>['field'], string> = {
  name: 'Give the hackathon a name, e.g. "Hack The Garden 05/2026".',
  'start-date': 'Pick the first day of the hackathon.',
  'end-date': 'Pick the last day of the hackathon.',
  categories: 'List at least one category, one per line.',
  title: 'Give the topic a title.',
  achieved: 'Say what the team achieved so far, even if it is little.',
  'event-label': 'Give the label your topic issues carry for this event, e.g. Q2/2026.',
};

const LONG_FIELD: Record<Extract<Problem, { code: 'too-long' }>['field'], string> = {
  name: 'the name',
  location: 'the location',
  category: 'each category',
  title: 'the title',
  description: 'the description',
  answer: 'it',
  'event-label': 'the label',
  organizer: 'the organizer',
};

/** The message a person sees for a refusal; undefined for anything unexpected (shown generically). */
export function friendlyText(error: unknown): string | undefined {
  if (error instanceof ProblemError) return problemText(error.problem);
  if (error instanceof ValidationError) return Object.values(error.fields).map(problemText).join(' ');
  return undefined;
}

/** Inline errors for a modal: each field's problem under the input whose block_id `blockIdOf` gives. */
export function fieldErrors(
  error: ValidationError,
  blockIdOf: (field: string) => string = (field) => field,
): Record<string, string> {
  return Object.fromEntries(
    Object.entries(error.fields).map(([field, problem]) => [blockIdOf(field), problemText(problem)]),
  );
}

export const SOMETHING_WENT_WRONG =
  'Sorry, something went wrong on my side and nothing was changed. Please try again in a minute.';

// Replies: what htg answers the person who asked, in a form's closing notice or a message only they see. Replies
// about teams, votes, the check-in and the wrap-up are in the views' *-messages.ts modules beside their messages.

/** A form's closing notice: its title (Slack shows at most 24 characters) and what it says. */
export interface Notice {
  title: string;
  text: string;
}

/** A form whose work could not be done: why, in place of the form. */
export function notSavedNotice(text: string): Notice {
  return { title: 'Not saved', text };
}

/** A command about the channel's hackathon, used in a channel without one. */
export function noHackathonHereText(): string {
  return (
    'There is no hackathon in this channel yet. An organizer can set one up here with `/htg setup` ' +
    '(name, dates, time zone, categories and voting rules); topics, votes and teams then live in this channel. ' +
    '`/htg help` lists everything htg does.'
  );
}

/** `/htg setup` in a channel that runs a hackathon already. */
export function channelRunsHackathonText(hackathon: Pick<Hackathon, 'name'>): string {
  return `This channel already runs ${boldName(hackathon.name)}. Organizers change it with \`/htg settings\`.`;
}

/** The setup form's notice; `carryOver` topics not picked at earlier hackathons could come here. */
export function hackathonCreatedNotice(
  hackathon: Pick<Hackathon, 'name' | 'channelId'>,
  carryOver: number,
): Notice {
  return {
    title: 'Hackathon created',
    text:
      `${boldName(hackathon.name)} is set up in <#${hackathon.channelId}>.` +
      ' I am announcing it there. Next: people propose topics with `/htg propose`.' +
      ' (If I am not in the channel yet, I will tell you in a direct message how to invite me.)' +
      (carryOver > 0
        ? ` ${carryOver} ${carryOver === 1 ? 'topic was' : 'topics were'} not picked at earlier hackathons: \`/htg carry-over\` brings them here, and their proposers are told.`
        : ''),
  };
}

/** The settings form's notice. */
export function settingsSavedNotice(hackathon: Pick<Hackathon, 'name'>): Notice {
  return { title: 'Settings saved', text: `The settings of ${boldName(hackathon.name)} are saved.` };
}

/** The attendee list form's notice: how many people, from how many companies. */
export function attendeesSavedNotice(attendees: readonly Attendee[]): Notice {
  const companies = new Set(attendees.flatMap((a) => (a.company ? [a.company] : []))).size;
  const logins = attendees.filter((a) => a.githubLogin).length;
  return {
    title: 'Attendees saved',
    text:
      `${attendees.length} ${attendees.length === 1 ? 'attendee' : 'attendees'}` +
      (companies ? ` from ${companies} ${companies === 1 ? 'company' : 'companies'}` : '') +
      (logins ? `, ${logins} with a GitHub login` : '') +
      '. Team proposals at voting close use this list.',
  };
}

/** The proposal form's notice. */
export function proposedNotice(topic: Pick<Topic, 'number' | 'title'>): Notice {
  return {
    title: `Proposed #${topic.number}`,
    text: `*#${topic.number} ${escapeMrkdwn(topic.title)}* is proposed. Its card appears in the hackathon channel in a moment; people vote on it there.`,
  };
}

/** The outcome form's notice. */
export function outcomeSavedNotice(topic: Pick<Topic, 'number' | 'title'>): Notice {
  return {
    title: 'Outcome saved',
    text: `The outcome of *#${topic.number} ${escapeMrkdwn(topic.title)}* is saved; it goes into the wrap-up. The team can edit it until then.`,
  };
}

/** The import preview's notice once its topics are created. */
export function topicsImportedNotice(
  hackathon: Hackathon,
  created: readonly Topic[],
  skipped: number,
): Notice {
  return { title: 'Topics imported', text: importDoneText(hackathon, created, skipped) };
}

/** `/htg status` without a topic number. */
export function statusUsageText(): string {
  return 'Say which topic and status: `/htg status #12 done`.';
}

/** `/htg status #N …` once the status changed. */
export function statusChangedText(topic: Pick<Topic, 'number' | 'title' | 'status' | 'statusNote'>): string {
  return (
    `*#${topic.number} ${escapeMrkdwn(topic.title)}* is now ${STATUS_LABELS[topic.status]}` +
    (topic.statusNote ? `: ${escapeMrkdwn(topic.statusNote)}` : '') +
    '.'
  );
}

/** `/htg link` without a topic number. */
export function linkUsageText(): string {
  return 'Say which topic and link: `/htg link #12 https://github.com/…`.';
}

/** `/htg link #N <url>`: added, or there already. */
export function linkAddedText(topic: Pick<Topic, 'number'>, added: boolean): string {
  return added ? `Added the link to #${topic.number}.` : `#${topic.number} has that link already.`;
}
