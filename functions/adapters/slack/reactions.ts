import type { WebClient } from '@slack/web-api';
import type { ReactionReader } from '../../app/ports/slack.js';

/** Reads a message's reactions with reactions.get (every user, not the first few). */
export function createReactionReader(client: WebClient): ReactionReader {
  return {
    async reactionsOn(card) {
      const response = await client.reactions.get({
        channel: card.channelId,
        timestamp: card.ts,
        full: true,
      });
      const message = (response as { message?: { reactions?: Array<{ name?: string; users?: string[] }> } })
        .message;
      return (message?.reactions ?? []).map((reaction) => ({
        name: reaction.name ?? '',
        users: reaction.users ?? [],
      }));
    },
  };
}
