import type { ReplyClient } from '../../../adapters/slack/replies.js';
import type { Hackathon } from '../../../domain/hackathon.js';
import { noHackathonHereText } from '../../messages.js';
import type { EphemeralMessage } from '../../views/help-message.js';
import type { ListenerDependencies } from '../dependencies.js';

/** What a subcommand gets: who asked, where, and the text after the subcommand's name. */
export interface SubcommandRequest {
  args: string;
  userId: string;
  channelId: string;
  triggerId: string;
}

export interface SubcommandTools {
  deps: ListenerDependencies;
  client: ReplyClient;
}

/**
 * One `/htg <name>` subcommand. It answers with an ephemeral message, or with null when it opened a modal
 * (the slash command is then acknowledged without a message).
 */
export interface Subcommand {
  name: string;
  usage: string;
  summary: string;
  run(request: SubcommandRequest, tools: SubcommandTools): Promise<EphemeralMessage | null>;
}

/** Splits `/htg` text into a lower-cased subcommand name and the rest; empty text means `help`. */
export function parseCommandText(text: string): { name: string; args: string } {
  const trimmed = text.trim();
  if (trimmed === '') return { name: 'help', args: '' };
  const match = /^(\S+)\s*([\s\S]*)$/.exec(trimmed);
  return { name: (match?.[1] ?? '').toLowerCase(), args: (match?.[2] ?? '').trim() };
}

/** The known name closest to `input` (at most two edits away), for "did you mean". */
export function closestName(input: string, names: readonly string[]): string | undefined {
  let best: { name: string; distance: number } | undefined;
  for (const name of names) {
    const distance = editDistance(input, name);
    if (distance <= 2 && (!best || distance < best.distance)) best = { name, distance };
  }
  return best?.name;
}

function editDistance(a: string, b: string): number {
  if (Math.abs(a.length - b.length) > 2) return 3;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

/** An ephemeral answer made of one text. */
export function ephemeral(text: string): EphemeralMessage {
  return { response_type: 'ephemeral', text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}

/** The answer to a command used in a channel without a hackathon. */
const NO_HACKATHON = ephemeral(noHackathonHereText());

/**
 * A subcommand's `run` for commands about the channel's hackathon: it finds the hackathon, or answers with how
 * to set one up.
 */
export function withChannelHackathon(
  run: (
    request: SubcommandRequest,
    tools: SubcommandTools,
    hackathon: Hackathon,
  ) => Promise<EphemeralMessage | null>,
): Subcommand['run'] {
  return async (request, tools) => {
    const hackathon = await tools.deps.hackathons.findActiveByChannel(request.channelId);
    return hackathon ? run(request, tools, hackathon) : NO_HACKATHON;
  };
}
