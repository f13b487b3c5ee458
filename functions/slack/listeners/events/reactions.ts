import type { App } from '@slack/bolt';
import * as z from 'zod/mini';
import { applyReaction, rememberHackathons } from '../../../app/votes.js';
import { eventTime } from '../../../domain/vote.js';
import { createBotCheck } from '../../bot-users.js';
import { overBudgetText, votingClosedText } from '../../views/vote-messages.js';
import type { ListenerDependencies } from '../dependencies.js';

const reactionEventSchema = z.object({
  user: z.string().check(z.minLength(1)),
  reaction: z.string().check(z.minLength(1)),
  item: z.object({ type: z.string(), channel: z.optional(z.string()), ts: z.optional(z.string()) }),
  item_user: z.optional(z.string()),
  event_ts: z.string(),
});

/** Reactions on topic cards: votes and interest. */
export function registerReactionEvents(app: App, deps: ListenerDependencies): void {
  const isBot = createBotCheck();
  const recentHackathons = rememberHackathons();
  for (const type of ['reaction_added', 'reaction_removed'] as const) {
    app.event(type, async ({ event, context, client }) => {
      const parsed = reactionEventSchema.safeParse(event);
      if (!parsed.success) return;
      const { user, reaction, item, item_user, event_ts } = parsed.data;
      // Cheap filters first: only reactions on messages htg itself posted can be on a card.
      if (item.type !== 'message' || !item.channel || !item.ts) return;
      if (item_user !== undefined && item_user !== context.botUserId) return;
      const result = await applyReaction(
        { ...deps, recentHackathons },
        {
          // This app's own reactions are dropped by Bolt's ignoreSelf; other bots' reactions are not votes either.
          // Slack is asked (once per person per container) while the card and the hackathon are read.
          byBot: isBot(client, user),
          card: { channelId: item.channel, ts: item.ts },
          userId: user,
          reaction,
          added: type === 'reaction_added',
          at: eventTime(event_ts),
          now: deps.clock(),
        },
      );
      const text =
        result.kind === 'voting-closed' && result.tell
          ? votingClosedText(result.hackathon, result.number)
          : result.kind === 'over-budget' && result.tell
            ? overBudgetText(result.hackathon, result.number, result.holding)
            : undefined;
      if (text) {
        await client.chat
          .postEphemeral({ channel: item.channel, user, text })
          .catch((error: unknown) =>
            deps.logger.warn('Could not tell someone why their reaction did not count', error),
          );
      }
    });
  }
}
