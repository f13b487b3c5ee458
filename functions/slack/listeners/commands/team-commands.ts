import { joinTopic, leaveTopic, topicNumber } from '../../../app/teams.js';
import { escapeMrkdwn } from '../../../domain/text.js';
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

export const teamSubcommands: readonly Subcommand[] = [join, leave];
