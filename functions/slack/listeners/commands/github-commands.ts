import { setOwnGitHubLogin } from '../../../app/attendees.js';
import { requestGitHubSync, requestVotingDiscussion } from '../../../app/hackathons.js';
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

const discussionCommand: Subcommand = {
  name: 'discussion',
  usage: 'discussion [category]',
  summary:
    'open the GitHub discussion people vote in too, a comment per topic (organizers, linked hackathons)',
  run: withChannelHackathon(async (request, { deps }, hackathon) => {
    const linked = await requestVotingDiscussion(deps.hackathons, {
      hackathonId: hackathon.id,
      userId: request.userId,
      channelId: request.channelId,
      category: request.args.trim() || null,
      now: deps.clock(),
    });
    return ephemeral(
      `Opening the voting discussion in ${linked.github.repo} on GitHub: I will send you its link when every topic has its comment.`,
    );
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

export const gitHubSubcommands: readonly Subcommand[] = [syncCommand, discussionCommand, loginCommand];
