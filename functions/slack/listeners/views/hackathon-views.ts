import type { ViewOutput } from '@slack/bolt';
import * as z from 'zod/mini';
import { carryOverCandidates } from '../../../app/carry-over.js';
import { changeSettings, setupHackathon } from '../../../app/hackathons.js';
import type { HackathonSettingsInput } from '../../../domain/hackathon.js';
import { fieldOf, MEETING_KINDS } from '../../../domain/meetings.js';
import { FormValues, parseMetadata, viewStateSchema } from '../../forms.js';
import { hackathonCreatedNotice, settingsSavedNotice } from '../../messages.js';
import type { ListenerDependencies } from '../dependencies.js';
import { answerSubmission, notice, type SubmissionArgs, staleForm } from './answer-submission.js';

const metadataSchema = z.object({
  channelId: z.string().check(z.regex(/^[CGD][A-Z0-9]+$/)),
  hackathonId: z.optional(z.string()),
  updatedAt: z.optional(z.string()),
});

function settingsInput(values: FormValues): HackathonSettingsInput {
  return {
    name: values.text('name'),
    startDate: values.text('startDate'),
    endDate: values.text('endDate'),
    timeZone: values.text('timeZone'),
    location: values.text('location'),
    organizers: values.users('organizers'),
    categories: values.text('categories'),
    voteEmoji: values.text('voteEmoji'),
    workEmoji: values.text('workEmoji'),
    votesPerPerson: values.text('votesPerPerson'),
    teamSizeMin: values.text('teamSizeMin'),
    teamSizeMax: values.text('teamSizeMax'),
    onePerPerson: values.checked('onePerPerson'),
    hideResults: values.checked('hideResults'),
    proposalsCloseAt: values.instant('proposalsCloseAt'),
    votingClosesAt: values.instant('votingClosesAt'),
    summaryTimes: values.text('summaryTimes') ?? '',
    checkInAt: values.instant('checkInAt'),
    wrapUpReminderAt: values.instant('wrapUpReminderAt'),
    wrapUpAt: values.instant('wrapUpAt'),
    reviewMeetingAt: values.instant('reviewMeetingAt'),
    githubRepo: values.text('githubRepo'),
    githubLabel: values.text('githubLabel'),
    githubClosedMeans: values.text('githubClosedMeans'),
    websiteRepo: values.text('websiteRepo'),
    websiteFork: values.text('websiteFork'),
    websiteFolder: values.text('websiteFolder'),
    websiteOrganizer: values.text('websiteOrganizer'),
    lateOutcomeDays: values.text('lateOutcomeDays'),
    meetings: Object.fromEntries(
      MEETING_KINDS.map((kind) => [
        kind,
        { at: values.instant(`${fieldOf(kind)}At`), minutes: values.text(`${fieldOf(kind)}Minutes`) },
      ]),
    ),
    agendaLead: values.text('agendaLead'),
  };
}

/** The setup form also reads which workspace htg is installed in. */
export interface SetupArgs extends SubmissionArgs {
  view: SubmissionArgs['view'] & Pick<ViewOutput, 'app_installed_team_id'>;
  context: { teamId?: string | undefined };
}

/** The `/htg setup` form: creates the channel's hackathon; its creator becomes an organizer. */
export async function setupSubmitted(
  deps: ListenerDependencies,
  { ack, body, view, context }: SetupArgs,
): Promise<void> {
  await answerSubmission(ack, deps.logger, 'hackathon setup', async () => {
    const metadata = parseMetadata(metadataSchema, view.private_metadata);
    const state = viewStateSchema.safeParse(view.state.values);
    // The hackathon belongs to the workspace htg is installed in. A modal submitted from a Slack Connect channel
    // names the submitter's own workspace in `team` and the installation's in `view.app_installed_team_id`
    // (bolt-js #1614); an org-wide install sends `team: null` (Bolt's App.js buildSource reads them the same
    // way into context.teamId).
    const installation = view.app_installed_team_id || context.teamId;
    if (!metadata || !state.success || !installation) throw staleForm();
    const hackathon = await setupHackathon(deps.hackathons, {
      teamId: installation,
      channelId: metadata.channelId,
      userId: body.user.id,
      input: settingsInput(new FormValues(state.data)),
      now: deps.clock(),
      newId: deps.newId,
    });
    // The announcement in the channel is posted off the request path, by the refresher, when it sees the new
    // hackathon: a slow Slack cannot make this answer late (and Slack retry it, posting it twice).

    // Topics not picked last time can go on here: say so while the organizer is setting up.
    const carryOver = await carryOverCandidates(deps, { hackathonId: hackathon.id, userId: body.user.id })
      .then(({ groups }) => groups.reduce((sum, group) => sum + group.topics.length, 0))
      .catch((error: unknown) => {
        deps.logger.warn('Could not look for topics to carry over', error);
        return 0;
      });
    return notice(hackathonCreatedNotice(hackathon, carryOver));
  });
}

/** The `/htg settings` form: changes the hackathon, unless someone else changed it since the form opened. */
export async function settingsSubmitted(
  deps: ListenerDependencies,
  { ack, body, view }: SubmissionArgs,
): Promise<void> {
  await answerSubmission(ack, deps.logger, 'hackathon settings', async () => {
    const metadata = parseMetadata(metadataSchema, view.private_metadata);
    const state = viewStateSchema.safeParse(view.state.values);
    if (!metadata?.hackathonId || !metadata.updatedAt || !state.success) throw staleForm();
    const hackathon = await changeSettings(deps.hackathons, {
      hackathonId: metadata.hackathonId,
      userId: body.user.id,
      input: settingsInput(new FormValues(state.data)),
      expectedUpdatedAt: metadata.updatedAt,
      now: deps.clock(),
    });
    return notice(settingsSavedNotice(hackathon));
  });
}
