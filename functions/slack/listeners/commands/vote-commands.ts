import { myVotes } from '../../../app/votes.js';
import { myVotesMessage } from '../../views/vote-messages.js';
import { type Subcommand, withChannelHackathon } from './subcommands.js';

const myVotesCommand: Subcommand = {
  name: 'my-votes',
  usage: 'my-votes',
  summary: 'where your votes and interests are (only you see it)',
  run: withChannelHackathon(async (request, { deps }, hackathon) => {
    const mine = await myVotes(deps, hackathon.id, request.userId);
    return myVotesMessage(mine.hackathon, mine.votes, mine.interests);
  }),
};

export const voteSubcommands: readonly Subcommand[] = [myVotesCommand];
