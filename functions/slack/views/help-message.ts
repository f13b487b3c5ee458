import type { types } from '@slack/bolt';

type KnownBlock = types.KnownBlock;

import { escapeMrkdwn, inlineCode } from './mrkdwn.js';

interface CommandHelp {
  usage: string;
  summary: string;
}

export interface HelpMessageInput {
  command: string;
  commands: readonly CommandHelp[];
  /** The subcommand the user typed that htg does not know. */
  unknown?: string | undefined;
  /** A known subcommand close to the unknown one. */
  suggestion?: string | undefined;
}

/**
 * A slash command's answer: only the person sees it, or (`in_channel`, for a post asked for on purpose such as
 * `/htg followups`) everyone in the channel; Slack posts either from the command's response, app invited or not.
 */
export interface EphemeralMessage {
  response_type: 'ephemeral' | 'in_channel';
  text: string;
  blocks: KnownBlock[];
}

/** Usage for `/htg help`, and the answer to a subcommand htg does not know. */
export function helpMessage({ command, commands, unknown, suggestion }: HelpMessageInput): EphemeralMessage {
  const hint =
    unknown === undefined
      ? undefined
      : `I don't know ${inlineCode(`${command} ${unknown}`)}.` +
        (suggestion ? ` Did you mean ${inlineCode(`${command} ${suggestion}`)}?` : '') +
        ' Here is what I can do:';
  const intro = '*htg* runs your hackathon in Slack: topics, votes, teams, status and the wrap-up.';
  const lines = commands.map(({ usage, summary }) => `• \`${command} ${usage}\` – ${escapeMrkdwn(summary)}`);

  const blocks: KnownBlock[] = [];
  if (hint) blocks.push({ type: 'section', text: { type: 'mrkdwn', text: hint } });
  blocks.push(
    { type: 'section', text: { type: 'mrkdwn', text: intro } },
    { type: 'section', text: { type: 'mrkdwn', text: lines.join('\n') } },
    {
      type: 'context',
      elements: [{ type: 'mrkdwn', text: 'Only you can see this message.' }],
    },
  );
  const text = [hint ?? intro, ...lines].join('\n');
  return { response_type: 'ephemeral', text, blocks };
}
