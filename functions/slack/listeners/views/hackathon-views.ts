import type { App, ViewSubmitAction } from '@slack/bolt';
import * as z from 'zod/mini';
import { carryOverCandidates } from '../../../app/carry-over.js';
import { changeSettings, setupHackathon } from '../../../app/hackathons.js';
import type { HackathonSettingsInput } from '../../../domain/hackathon.js';
import { boldName } from '../../../domain/text.js';
import { FormValues, parseMetadata, viewStateSchema } from '../../forms.js';
import { HACKATHON_CALLBACKS } from '../../views/hackathon-modal.js';
import type { ListenerDependencies } from '../dependencies.js';
import { answerSubmission, notice, staleForm } from './submission.js';

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
    proposalsCloseAt: values.instant('proposalsCloseAt'),
    votingClosesAt: values.instant('votingClosesAt'),
    summaryTimes: values.text('summaryTimes') ?? '',
    checkInAt: values.instant('checkInAt'),
    wrapUpReminderAt: values.instant('wrapUpReminderAt'),
    wrapUpAt: values.instant('wrapUpAt'),
  };
}

/** Submissions of the `/htg setup` and `/htg settings` modals. */
export function registerHackathonViews(app: App, deps: ListenerDependencies): void {
  app.view<ViewSubmitAction>(HACKATHON_CALLBACKS.setup, async ({ ack, body, view, context }) => {
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
      const name = boldName(hackathon.name);
      // The announcement in the channel is posted off the request path, by the refresher, when it sees the new
      // hackathon: a slow Slack cannot make this answer late (and Slack retry it, posting it twice).

      // Topics not picked last time can go on here: say so while the organizer is setting up.
      const carryOver = await carryOverCandidates(deps, { hackathonId: hackathon.id, userId: body.user.id })
        .then(({ groups }) => groups.reduce((sum, group) => sum + group.topics.length, 0))
        .catch((error: unknown) => {
          deps.logger.warn('Could not look for topics to carry over', error);
          return 0;
        });
      return notice(
        'Hackathon created',
        `${name} is set up in <#${hackathon.channelId}>.` +
          ' I am announcing it there. Next: people propose topics with `/htg propose`.' +
          ' (If I am not in the channel yet, I will tell you in a direct message how to invite me.)' +
          (carryOver > 0
            ? ` ${carryOver} ${carryOver === 1 ? 'topic was' : 'topics were'} not picked at earlier hackathons: \`/htg carry-over\` brings them here, and their proposers are told.`
            : ''),
      );
    });
  });

  app.view<ViewSubmitAction>(HACKATHON_CALLBACKS.settings, async ({ ack, body, view }) => {
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
      return notice('Settings saved', `The settings of ${boldName(hackathon.name)} are saved.`);
    });
  });
}
