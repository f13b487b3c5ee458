import { openModal } from '../../../adapters/slack/replies.js';
import { openBallot } from '../../../app/ballot.js';
import { closeVoting } from '../../../app/close-voting.js';
import { myVotes } from '../../../app/votes.js';
import { ballotModal } from '../../views/ballot-modal.js';
import { myVotesMessage, votingClosingText } from '../../views/vote-messages.js';
import { ephemeral, type Subcommand, withChannelHackathon } from './subcommands.js';

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
    await openModal(client, request.triggerId, ballotModal(ballot));
    return null;
  }),
};

const closeVotingCommand: Subcommand = {
  name: 'close-voting',
  usage: 'close-voting',
  summary: "close voting now and re-read every card's reactions, reporting what was missed (organizers)",
  run: withChannelHackathon(async (request, { deps }, hackathon) => {
    const { hackathon: closed, cards } = await closeVoting(deps, {
      hackathonId: hackathon.id,
      userId: request.userId,
      channelId: request.channelId,
      now: deps.clock(),
    });
    return ephemeral(votingClosingText(closed, cards));
  }),
};

export const voteSubcommands: readonly Subcommand[] = [vote, myVotesCommand, closeVotingCommand];
