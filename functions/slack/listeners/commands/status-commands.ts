import { addTopicLink, changeStatus } from '../../../app/status.js';
import { topicNumber } from '../../../app/teams.js';
import { linkAddedText, linkUsageText, statusChangedText, statusUsageText } from '../../messages.js';
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
    if (number === null) return ephemeral(statusUsageText());
    const topic = await changeStatus(deps, {
      hackathonId: hackathon.id,
      number,
      userId: request.userId,
      text: rest,
      now: deps.clock(),
    });
    return ephemeral(statusChangedText(topic));
  }),
};

const link: Subcommand = {
  name: 'link',
  usage: 'link #N <url>',
  summary: 'add a PR, issue or document to a topic',
  run: withChannelHackathon(async (request, { deps }, hackathon) => {
    const { number, rest } = numberAndRest(request.args);
    if (number === null) return ephemeral(linkUsageText());
    const { topic, added } = await addTopicLink(deps, {
      hackathonId: hackathon.id,
      number,
      userId: request.userId,
      url: rest,
    });
    return ephemeral(linkAddedText(topic, added));
  }),
};

export const statusSubcommands: readonly Subcommand[] = [status, link];
