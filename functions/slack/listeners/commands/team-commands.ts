import { carryOverCandidates } from '../../../app/carry-over.js';
import { openTeamReview } from '../../../app/team-review.js';
import { joinTopic, leaveTopic, topicNumber } from '../../../app/teams.js';
import { escapeMrkdwn } from '../../../domain/text.js';
import { carryOverModal } from '../../views/carry-over-modal.js';
import { teamReviewModal } from '../../views/team-review-modal.js';
import { ephemeral, type Subcommand, withChannelHackathon } from './subcommands.js';

const needsNumber = (command: string) => ephemeral(`Say which topic: \`/htg ${command} #12\`.`);

const join: Subcommand = {
  name: 'join',
  usage: 'join #N',
  summary: "join a topic's team",
  run: withChannelHackathon(async (request, { deps }, hackathon) => {
    const number = topicNumber(request.args);
    if (number === null) return needsNumber('join');
    const { topic, outcome } = await joinTopic(deps, {
      hackathonId: hackathon.id,
      number,
      userId: request.userId,
    });
    return ephemeral(
      outcome === 'already-member'
        ? `You are in the team of #${topic.number} already.`
        : `You joined the team of *#${topic.number} ${escapeMrkdwn(topic.title)}*.`,
    );
  }),
};

const leave: Subcommand = {
  name: 'leave',
  usage: 'leave #N',
  summary: "leave a topic's team",
  run: withChannelHackathon(async (request, { deps }, hackathon) => {
    const number = topicNumber(request.args);
    if (number === null) return needsNumber('leave');
    const { topic, outcome } = await leaveTopic(deps, {
      hackathonId: hackathon.id,
      number,
      userId: request.userId,
    });
    return ephemeral(
      outcome === 'not-member'
        ? `You are not in the team of #${topic.number}.`
        : `You left the team of *#${topic.number} ${escapeMrkdwn(topic.title)}*.`,
    );
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
    await client.views.open({ trigger_id: request.triggerId, view: teamReviewModal(review) });
    return null;
  }),
};

const carryOver: Subcommand = {
  name: 'carry-over',
  usage: 'carry-over',
  summary: 'bring topics not picked at earlier hackathons into this one (organizers)',
  run: withChannelHackathon(async (request, { deps, client }, hackathon) => {
    const { groups } = await carryOverCandidates(deps, { hackathonId: hackathon.id, userId: request.userId });
    if (groups.length === 0)
      return ephemeral(
        'No earlier hackathon in this workspace has topics that were not picked (and not carried over already).',
      );
    await client.views.open({ trigger_id: request.triggerId, view: carryOverModal(hackathon, groups) });
    return null;
  }),
};

export const teamSubcommands: readonly Subcommand[] = [join, leave, teams, carryOver];
