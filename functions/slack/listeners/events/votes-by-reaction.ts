import * as z from 'zod/mini';
import type { BotCheck, UserInfoClient } from '../../../adapters/slack/bot-users.js';
import { type ReplyClient, tellEphemeral } from '../../../adapters/slack/replies.js';
import { applyReaction, type RecentHackathons } from '../../../app/votes.js';
import { eventTime } from '../../../domain/vote.js';
import { overBudgetText, votingClosedText } from '../../views/vote-messages.js';
import type { ListenerDependencies } from '../dependencies.js';

const reactionEventSchema = z.object({
  type: z.enum(['reaction_added', 'reaction_removed']),
  user: z.string().check(z.minLength(1)),
  reaction: z.string().check(z.minLength(1)),
  item: z.object({ type: z.string(), channel: z.optional(z.string()), ts: z.optional(z.string()) }),
  item_user: z.optional(z.string()),
  event_ts: z.string(),
});

/**
 * What the reaction listener keeps between events, for the life of the warm container: who is a bot (asked of
 * Slack once per person) and the hackathons read lately. Created once per registration.
 */
export interface ReactionMemory {
  isBot: BotCheck;
  recentHackathons: RecentHackathons;
}

/** What the reaction callback reads of Bolt's arguments; the event is checked against its schema. */
export interface ReactionArgs {
  event: unknown;
  context: { botUserId?: string | undefined };
  client: UserInfoClient & Pick<ReplyClient, 'chat'>;
}

/**
 * `reaction_added` / `reaction_removed` on a topic card: a vote or "I'd work on it", or taking it back. Someone
 * whose reaction does not count (voting closed, votes used up) is told once, in a message only they see.
 */
export async function reactionChanged(
  deps: ListenerDependencies,
  memory: ReactionMemory,
  { event, context, client }: ReactionArgs,
): Promise<void> {
  const parsed = reactionEventSchema.safeParse(event);
  if (!parsed.success) return;
  const { type, user, reaction, item, item_user, event_ts } = parsed.data;
  // Cheap filters first: only reactions on messages htg itself posted can be on a card.
  if (item.type !== 'message' || !item.channel || !item.ts) return;
  if (item_user !== undefined && item_user !== context.botUserId) return;
  const result = await applyReaction(
    { ...deps, recentHackathons: memory.recentHackathons },
    {
      // This app's own reactions are dropped by Bolt's ignoreSelf; other bots' reactions are not votes either.
      // Slack is asked (once per person per container) while the card and the hackathon are read.
      byBot: memory.isBot(client, user),
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
    await tellEphemeral(client, item.channel, user, text).catch((error: unknown) =>
      deps.logger.warn('Could not tell someone why their reaction did not count', error),
    );
  }
}
