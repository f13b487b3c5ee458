import { addTopicLink, changeStatus } from '../../../app/status.js';
import { topicNumber } from '../../../app/teams.js';
import { escapeMrkdwn } from '../../../domain/text.js';
import { STATUS_LABELS } from '../../views/topic-list-message.js';
import { ephemeral, type Subcommand, withChannelHackathon } from './subcommands.js';

/** Splits "#12 rest of the text" into the topic number and the rest. */
function numberAndRest(args: string): { number: number | null; rest: string } {
  const number = topicNumber(args);
  return { number, rest: args.trim().replace(/^#?\d+\s*/, '') };
}

const status: Subcommand = {
  name: 'status',
  usage: 'status #N done|in-progress|paused|not-picked|dropped <note>',
  summary: "change a topic's status (its team and organizers)",
  run: withChannelHackathon(async (request, { deps }, hackathon) => {
    const { number, rest } = numberAndRest(request.args);
    if (number === null) return ephemeral('Say which topic and status: `/htg status #12 done`.');
    const topic = await changeStatus(deps, {
      hackathonId: hackathon.id,
      number,
      userId: request.userId,
      text: rest,
      now: deps.clock(),
    });
    return ephemeral(
      `*#${topic.number} ${escapeMrkdwn(topic.title)}* is now ${STATUS_LABELS[topic.status]}` +
        (topic.statusNote ? `: ${escapeMrkdwn(topic.statusNote)}` : '') +
        '.',
    );
  }),
};

const link: Subcommand = {
  name: 'link',
  usage: 'link #N <url>',
  summary: 'add a PR, issue or document to a topic',
  run: withChannelHackathon(async (request, { deps }, hackathon) => {
    const { number, rest } = numberAndRest(request.args);
    if (number === null) return ephemeral('Say which topic and link: `/htg link #12 https://github.com/…`.');
    const { topic, added } = await addTopicLink(deps, {
      hackathonId: hackathon.id,
      number,
      userId: request.userId,
      url: rest,
    });
    return ephemeral(
      added ? `Added the link to #${topic.number}.` : `#${topic.number} has that link already.`,
    );
  }),
};

export const statusSubcommands: readonly Subcommand[] = [status, link];
