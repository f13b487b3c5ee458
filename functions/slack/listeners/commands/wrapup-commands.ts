import { requestExport, wrapUp } from '../../../app/wrap-up.js';
import { boldName } from '../../../domain/text.js';
import { ephemeral, type Subcommand, withChannelHackathon } from './subcommands.js';

const wrapup: Subcommand = {
  name: 'wrapup',
  usage: 'wrapup',
  summary: 'post the wrap-up (highlights, details, Markdown) and end the hackathon (organizers)',
  run: withChannelHackathon(async (request, { deps }, hackathon) => {
    const result = await wrapUp(deps, {
      hackathonId: hackathon.id,
      userId: request.userId,
      channelId: request.channelId,
      now: deps.clock(),
    });
    if (result.outcome === 'already-ended')
      return ephemeral(
        `${boldName(hackathon.name)} is wrapped up already; it is read-only. \`/htg export\` gives you its Markdown files again.`,
      );
    return ephemeral(
      `Wrapping up ${boldName(hackathon.name)}: the highlights of ${result.topics} ${result.topics === 1 ? 'topic' : 'topics'} and their details follow in the channel in a moment, with the Markdown files.` +
        (result.withoutOutcome > 0
          ? ` ${result.withoutOutcome} of them had no outcome written; they appear with their status.`
          : '') +
        ' The hackathon is read-only from now on.',
    );
  }),
};

const exportCommand: Subcommand = {
  name: 'export',
  usage: 'export',
  summary: 'the wrap-up page and the topic board as Markdown files, sent to you',
  run: withChannelHackathon(async (request, { deps }, hackathon) => {
    await requestExport(deps, {
      hackathonId: hackathon.id,
      userId: request.userId,
      channelId: request.channelId,
      now: deps.clock(),
    });
    return ephemeral(
      `I am putting ${boldName(hackathon.name)} into Markdown (the wrap-up page and the topic board) and will send you the files in a direct message.`,
    );
  }),
};

export const wrapUpSubcommands: readonly Subcommand[] = [wrapup, exportCommand];
