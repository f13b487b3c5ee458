import * as z from 'zod/mini';
import { appJoinedChannel } from '../../../app/channel-access.js';
import type { ListenerDependencies } from '../dependencies.js';

const memberJoinedSchema = z.object({
  user: z.string().check(z.minLength(1)),
  channel: z.string().check(z.regex(/^[CG][A-Z0-9]+$/)),
  inviter: z.optional(z.string()),
  event_ts: z.optional(z.string()),
});

/** What the callback reads of Bolt's `member_joined_channel` arguments; the event is checked against its schema. */
export interface MemberJoinedArgs {
  event: unknown;
  body: { event_time?: number | undefined };
  context: { botUserId?: string | undefined };
}

/**
 * `member_joined_channel` for the app's own user: someone invited htg into a channel (Bolt's ignoreSelf keeps
 * this event). When the channel runs a hackathon, what waited for the invitation (announcement, cards, board) is
 * posted off the request path: one DynamoDB read and one conditional write here, no Slack call. Other members
 * joining are not htg's concern.
 */
export async function memberJoinedChannel(
  deps: ListenerDependencies,
  { event, body, context }: MemberJoinedArgs,
): Promise<void> {
  const parsed = memberJoinedSchema.safeParse(event);
  if (!parsed.success || parsed.data.user !== context.botUserId) return;
  const { channel, inviter, event_ts } = parsed.data;
  await appJoinedChannel(deps, {
    channelId: channel,
    inviter: inviter ?? null,
    // The same in every redelivery of this event, so a redelivery finds its job recorded.
    at: Number(event_ts ?? body.event_time ?? 0),
  });
}
