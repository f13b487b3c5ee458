import { requestGitHubSync } from '../../../app/hackathons.js';
import { syncRequestedText } from '../../views/channel-messages.js';
import { ephemeral, type Subcommand, withChannelHackathon } from './subcommands.js';

const syncCommand: Subcommand = {
  name: 'sync',
  usage: 'sync',
  summary: "bring the topics in line with the linked GitHub repository's issues now (organizers)",
  run: withChannelHackathon(async (request, { deps }, hackathon) => {
    const linked = await requestGitHubSync(deps.hackathons, {
      hackathonId: hackathon.id,
      userId: request.userId,
      channelId: request.channelId,
      now: deps.clock(),
    });
    return ephemeral(syncRequestedText(linked));
  }),
};

export const gitHubSubcommands: readonly Subcommand[] = [syncCommand];
