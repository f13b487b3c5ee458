import { describe, expect, it } from 'vitest';
import {
  ConflictError,
  NotFoundError,
  PermissionError,
  ValidationError,
} from '../../functions/domain/errors.js';
import type { Problem } from '../../functions/domain/problems.js';
import { fieldErrors, friendlyText, problemText } from '../../functions/slack/messages.js';

const NAME = 'Hack <!channel> & Garden';

/** One problem of every code: the type makes this fail to compile when a code is added without a sample. */
const SAMPLES: { [C in Problem['code']]: Extract<Problem, { code: C }> } = {
  'hackathon-gone': { code: 'hackathon-gone' },
  'hackathon-ended': { code: 'hackathon-ended', hackathon: NAME, hint: true },
  'channel-has-hackathon': { code: 'channel-has-hackathon', hackathon: NAME },
  'channel-taken': { code: 'channel-taken' },
  'organizers-only': {
    code: 'organizers-only',
    hackathon: NAME,
    organizers: ['U0ORG', 'U0TWO'],
    to: 'teams',
  },
  'settings-changed-meanwhile': { code: 'settings-changed-meanwhile' },
  'teams-published-meanwhile': { code: 'teams-published-meanwhile' },
  'proposals-closed': { code: 'proposals-closed', hackathon: NAME, organizers: ['U0ORG'] },
  'voting-closed': { code: 'voting-closed', hackathon: NAME, unchanged: true },
  'voting-still-open': { code: 'voting-still-open', hackathon: NAME },
  'no-topic': { code: 'no-topic', hackathon: NAME, number: 7 },
  'no-open-topic': { code: 'no-open-topic', number: 7 },
  'topic-gone': { code: 'topic-gone', number: 7 },
  'topic-withdrawn': { code: 'topic-withdrawn', number: 7, refused: 'change' },
  'topic-changed': { code: 'topic-changed', number: 7, when: 'while-editing' },
  'outcome-saved-meanwhile': { code: 'outcome-saved-meanwhile', number: 7 },
  'proposer-only': { code: 'proposer-only', number: 7, proposerId: 'U0ANNA' },
  'team-only': { code: 'team-only', number: 7, to: 'outcome' },
  'links-full': { code: 'links-full', number: 7, max: 10 },
  'team-full': { code: 'team-full', number: 7, cap: 3 },
  'in-another-team': { code: 'in-another-team', hackathon: NAME },
  'batch-too-big': { code: 'batch-too-big', max: 50, carryingOver: true },
  'carried-already': { code: 'carried-already' },
  'carried-just-now': { code: 'carried-just-now' },
  'import-preview-expired': { code: 'import-preview-expired' },
  'stale-form': { code: 'stale-form' },
  required: { code: 'required', field: 'title' },
  'too-long': { code: 'too-long', field: 'title', max: 150, length: 151 },
  'too-many': { code: 'too-many', field: 'summaries', max: 4 },
  'not-a-link': { code: 'not-a-link', text: 'ftp://x', form: 'topic' },
  'date-time': { code: 'date-time' },
  'ends-before-start': { code: 'ends-before-start' },
  'time-zone': { code: 'time-zone' },
  'emoji-name': { code: 'emoji-name', field: 'vote' },
  'same-emoji': { code: 'same-emoji' },
  'votes-per-person': { code: 'votes-per-person' },
  'meeting-minutes': { code: 'meeting-minutes', max: 480 },
  'agenda-lead': { code: 'agenda-lead', max: 1440 },
  'agenda-moved-on': { code: 'agenda-moved-on', now: '`#3`' },
  'no-agenda': { code: 'no-agenda' },
  'team-size-min': { code: 'team-size-min' },
  'team-size-max': { code: 'team-size-max' },
  'max-below-min': { code: 'max-below-min' },
  'voting-before-proposals': { code: 'voting-before-proposals' },
  'summary-times': { code: 'summary-times' },
  'reminder-after-wrap-up': { code: 'reminder-after-wrap-up' },
  'github-repo': { code: 'github-repo', given: 'not a repo' },
  'github-login': { code: 'github-login', given: 'not--ok' },
  'github-login-taken': { code: 'github-login-taken', login: 'octocat', heldBy: 'U0ANNA' },
  'website-repo': { code: 'website-repo', given: 'documentation' },
  'website-fork': { code: 'website-fork', given: 'gardener', sameOwner: true },
  'website-folder': { code: 'website-folder' },
  'continued-or-closed': { code: 'continued-or-closed' },
  'review-before-end': { code: 'review-before-end' },
  'late-outcome-days': { code: 'late-outcome-days', max: 90 },
  'issue-taken': { code: 'issue-taken' },
  'not-linked': { code: 'not-linked', hackathon: NAME },
  'no-website': { code: 'no-website', hackathon: NAME },
  'no-review-meeting': { code: 'no-review-meeting', hackathon: NAME },
  'review-closed': { code: 'review-closed', hackathon: NAME, closedAt: '2026-12-15T13:00:00.000Z' },
  'not-wrapped-up': { code: 'not-wrapped-up', hackathon: NAME },
  'follow-ups-closed': { code: 'follow-ups-closed', hackathon: NAME, closedAt: '2027-02-26T23:00:00.000Z' },
  'pick-category': { code: 'pick-category', categories: ['Networking', 'Other'] },
  'pick-kind': { code: 'pick-kind' },
  'pick-team-size': { code: 'pick-team-size' },
  'highlight-one-line': { code: 'highlight-one-line', max: 150 },
  'outcome-empty': { code: 'outcome-empty' },
  'one-emoji': { code: 'one-emoji' },
  'too-many-votes': { code: 'too-many-votes', ticked: 5, budget: 3 },
  'attendee-lines': {
    code: 'attendee-lines',
    lines: [
      { line: 2, text: 'SAP', wrong: 'nobody' },
      { line: 4, text: '', wrong: 'several' },
      { line: 5, text: '-alice', wrong: 'github-login' },
    ],
  },
  'no-topics-found': { code: 'no-topics-found' },
  'import-too-big': { code: 'import-too-big', found: 120, max: 100 },
  'pick-a-topic': { code: 'pick-a-topic' },
  'pick-at-most': { code: 'pick-at-most', max: 50 },
  'status-word': { code: 'status-word', number: 7 },
  'dropped-needs-note': { code: 'dropped-needs-note', number: 7 },
  'full-link': { code: 'full-link', number: 7 },
  'team-withdrawn': { code: 'team-withdrawn', number: 7 },
  'on-several-teams': { code: 'on-several-teams', hackathon: 'HTG', alsoOn: 3 },
  'team-over-cap': { code: 'team-over-cap', number: 7, cap: 2, size: 3, joinedSince: 1 },
};

describe('the words for every problem', () => {
  it('gives each code a finished sentence with every value filled in', () => {
    for (const problem of Object.values(SAMPLES)) {
      const text = problemText(problem);
      expect(text, problem.code).toMatch(/^\S.*[.!]$/s);
      expect(text, problem.code).not.toMatch(/undefined|null|\[object/);
    }
  });

  it('escapes a hackathon name for mrkdwn, so a name cannot ping the channel', () => {
    for (const problem of Object.values(SAMPLES)) {
      if (!('hackathon' in problem) || problem.code === 'on-several-teams') continue;
      const text = problemText(problem);
      expect(text, problem.code).toContain('*Hack &lt;!channel&gt; &amp; Garden*');
      expect(text, problem.code).not.toContain('<!channel>');
    }
  });

  it('says the sentences people have been reading', () => {
    expect(problemText(SAMPLES['organizers-only'])).toBe(
      'Only the organizers of *Hack &lt;!channel&gt; &amp; Garden* can review and publish teams. Ask <@U0ORG>, <@U0TWO>.',
    );
    expect(problemText(SAMPLES['too-long'])).toBe('Keep the title under 150 characters (it has 151).');
    expect(problemText({ code: 'too-long', field: 'answer', max: 1000 })).toBe(
      'Keep it under 1000 characters.',
    );
    expect(problemText(SAMPLES['too-many'])).toBe('At most 4 summaries a day.');
    expect(problemText(SAMPLES['attendee-lines'])).toBe(
      'Line 2 ("SAP") names nobody: start it with an @mention. Line 4 names several people: one per line. Line 5: "-alice" is not a GitHub login (letters, digits and single hyphens, at most 39).',
    );
    expect(problemText(SAMPLES['team-over-cap'])).toBe(
      '#7 has room for 2, and 3 would be on it (1 joined it since you opened this form).',
    );
    expect(problemText({ code: 'topic-withdrawn', number: 7, refused: 'nothing' })).toBe('#7 was withdrawn.');
  });

  it('turns the errors the use-cases throw into replies, and leaves anything unexpected to the generic one', () => {
    expect(friendlyText(new NotFoundError({ code: 'no-open-topic', number: 3 }))).toBe(
      'There is no open topic #3.',
    );
    expect(friendlyText(new PermissionError(SAMPLES['team-only']))).toContain('can write its outcome');
    expect(friendlyText(new ConflictError({ code: 'stale-form' }))).toContain('out of date');
    expect(
      friendlyText(
        new ValidationError({
          status: { code: 'status-word', number: 2 },
          url: { code: 'full-link', number: 2 },
        }),
      ),
    ).toMatch(/^Say a status: .* Give a full link starting with https:\/\//);
    expect(friendlyText(new Error('boom'))).toBeUndefined();
  });

  it('puts each field problem under its input, renamed to the form’s block_id where the form says so', () => {
    const error = new ValidationError({ 2: SAMPLES['team-withdrawn'], 5: SAMPLES['team-over-cap'] });
    expect(fieldErrors(error, (field) => `team_${field}`)).toEqual({
      team_2: '#7 was withdrawn meanwhile: leave its team empty.',
      team_5: '#7 has room for 2, and 3 would be on it (1 joined it since you opened this form).',
    });
    expect(Object.keys(fieldErrors(new ValidationError({ title: SAMPLES.required })))).toEqual(['title']);
  });
});
