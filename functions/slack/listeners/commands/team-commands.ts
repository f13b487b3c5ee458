import { openModal } from '../../../adapters/slack/replies.js';
import { carryOverCandidates } from '../../../app/carry-over.js';
import { openTeamReview } from '../../../app/team-review.js';
import { joinTopic, leaveTopic, topicNumber } from '../../../app/teams.js';
import { carryOverModal } from '../../views/carry-over-modal.js';
import {
  joinedText,
  leftText,
  nothingToCarryOverText,
  topicNumberNeededText,
} from '../../views/team-messages.js';
import { teamReviewModal } from '../../views/team-review-modal.js';
import { ephemeral, type Subcommand, withChannelHackathon } from './subcommands.js';

const join: Subcommand = {
  name: 'join',
  usage: 'join #N',
  summary: "join a topic's team",
  run: withChannelHackathon(async (request, { deps }, hackathon) => {
    const number = topicNumber(request.args);
    if (number === null) return ephemeral(topicNumberNeededText('join'));
    const { topic, outcome } = await joinTopic(deps, {
      hackathonId: hackathon.id,
      number,
      userId: request.userId,
    });
    return ephemeral(joinedText(topic, outcome));
  }),
};

const leave: Subcommand = {
  name: 'leave',
  usage: 'leave #N',
  summary: "leave a topic's team",
  run: withChannelHackathon(async (request, { deps }, hackathon) => {
    const number = topicNumber(request.args);
    if (number === null) return ephemeral(topicNumberNeededText('leave'));
    const { topic, outcome } = await leaveTopic(deps, {
      hackathonId: hackathon.id,
      number,
      userId: request.userId,
    });
    return ephemeral(leftText(topic, outcome));
  }),
};

const teams: Subcommand = {
  name: 'teams',
  usage: 'teams',
  summary: 'review the proposed teams, move people and publish them (organizers, after voting closes)',
  run: withChannelHackathon(async (request, { deps, client }, hackathon) => {
    const review = await openTeamReview(deps, {
      hackathonId: hackathon.id,
      userId: request.userId,
      now: deps.clock(),
    });
    await openModal(client, request.triggerId, teamReviewModal(review));
    return null;
  }),
};

const carryOver: Subcommand = {
  name: 'carry-over',
  usage: 'carry-over',
  summary: 'bring topics not picked at earlier hackathons into this one (organizers)',
  run: withChannelHackathon(async (request, { deps, client }, hackathon) => {
    const { groups } = await carryOverCandidates(deps, { hackathonId: hackathon.id, userId: request.userId });
    if (groups.length === 0) return ephemeral(nothingToCarryOverText());
    await openModal(client, request.triggerId, carryOverModal(hackathon, groups));
    return null;
  }),
};

export const teamSubcommands: readonly Subcommand[] = [join, leave, teams, carryOver];
