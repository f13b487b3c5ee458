import { followUpTopics } from '../../../app/follow-ups.js';
import { requestExport, requestWebsitePull, wrapUp } from '../../../app/wrap-up.js';
import { followUpReport } from '../../views/follow-up-messages.js';
import {
  exportingText,
  publishingText,
  wrappedUpAlreadyText,
  wrappingUpText,
} from '../../views/wrapup-messages.js';
import { ephemeral, type Subcommand, withChannelHackathon } from './subcommands.js';

const wrapup: Subcommand = {
  name: 'wrapup',
  usage: 'wrapup',
  summary: 'post the wrap-up (highlights, details, Markdown) and end the hackathon (organizers)',
  run: withChannelHackathon(async (request, { deps }, hackathon) => {
    const result = await wrapUp(deps, {
      hackathonId: hackathon.id,
      userId: request.userId,
      channelId: request.channelId,
      now: deps.clock(),
    });
    if (result.outcome === 'already-ended') return ephemeral(wrappedUpAlreadyText(hackathon));
    return ephemeral(wrappingUpText(hackathon, result.topics, result.withoutOutcome));
  }),
};

const exportCommand: Subcommand = {
  name: 'export',
  usage: 'export',
  summary: 'the wrap-up page and the topic board as Markdown files, sent to you',
  run: withChannelHackathon(async (request, { deps }, hackathon) => {
    await requestExport(deps, {
      hackathonId: hackathon.id,
      userId: request.userId,
      channelId: request.channelId,
      now: deps.clock(),
    });
    return ephemeral(exportingText(hackathon));
  }),
};

const publishCommand: Subcommand = {
  name: 'publish',
  usage: 'publish [fork account]',
  summary:
    'open or update the wrap-up pull request on the website now, through a fork in that account if given (organizers)',
  run: withChannelHackathon(async (request, { deps }, hackathon) => {
    const asked = await requestWebsitePull(deps.hackathons, {
      hackathonId: hackathon.id,
      userId: request.userId,
      channelId: request.channelId,
      now: deps.clock(),
      forkAccount: request.args,
    });
    return ephemeral(publishingText(asked));
  }),
};

const followUps: Subcommand = {
  name: 'followups',
  usage: 'followups',
  summary: 'post what became of the topics after the hackathon (still going, merged, stopped)',
  run: withChannelHackathon(async (_request, { deps }, hackathon) => {
    const topics = await followUpTopics(deps, hackathon.id);
    return { response_type: 'in_channel', ...followUpReport(hackathon, topics) };
  }),
};

export const wrapUpSubcommands: readonly Subcommand[] = [wrapup, exportCommand, publishCommand, followUps];
