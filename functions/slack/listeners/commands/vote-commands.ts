import { openBallot } from '../../../app/ballot.js';
import { myVotes } from '../../../app/votes.js';
import { ballotModal } from '../../views/ballot-modal.js';
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

const vote: Subcommand = {
  name: 'vote',
  usage: 'vote',
  summary: 'a ballot with every open topic: tick what you vote for and would work on',
  run: withChannelHackathon(async (request, { deps, client }, hackathon) => {
    const ballot = await openBallot(deps, hackathon.id, request.userId, deps.clock());
    await client.views.open({ trigger_id: request.triggerId, view: ballotModal(ballot) });
    return null;
  }),
};

export const voteSubcommands: readonly Subcommand[] = [vote, myVotesCommand];
