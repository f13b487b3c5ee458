import { setOwnGitHubLogin } from '../../../app/attendees.js';
import { requestGitHubSync } from '../../../app/hackathons.js';
import { gitHubLoginText, syncRequestedText } from '../../views/channel-messages.js';
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

const loginCommand: Subcommand = {
  name: 'github',
  usage: 'github <login>',
  summary: 'give your GitHub login (teams assign you on their issues); `none` forgets it',
  run: async (request, { deps }) => {
    const change = await setOwnGitHubLogin(deps.logins, { userId: request.userId, text: request.args });
    return ephemeral(gitHubLoginText(change));
  },
};

export const gitHubSubcommands: readonly Subcommand[] = [syncCommand, loginCommand];
