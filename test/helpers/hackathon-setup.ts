import { randomUUID } from 'node:crypto';
import { TEST_BOT_USER_ID } from '../../functions/local/dev/signed-request.js';
import type { ReactionTarget, SlackSim } from '../../functions/local/dev/slack-sim.js';
import type { IngressHarness } from './ingress-harness.js';

/** A channel id no other test uses. */
export const newChannel = () => `C${randomUUID().replace(/-/g, '').slice(0, 9).toUpperCase()}`;

/**
 * Invites the bot to a fresh channel (unless `invite` is false: then it is not a member, and Slack refuses its
 * posts there), runs `/htg setup` there as `organizer` and submits the form (a valid hackathon, with `answers`
 * on top), then proposes one topic per title in category Core. Returns the channel and the setup's reply.
 */
export async function setUpHackathon(
  slack: SlackSim,
  organizer: string,
  {
    answers = {},
    topics = [],
    invite = true,
  }: { answers?: Record<string, unknown>; topics?: readonly string[]; invite?: boolean } = {},
) {
  const channel = newChannel();
  if (invite) await slack.inviteBot(channel);
  await slack.command(organizer, channel, 'setup');
  const { reply } = await slack.submit(organizer, slack.lastOpenedView(), {
    name: 'Hack The Garden 11/2026',
    startDate: '2026-11-23',
    endDate: '2026-11-27',
    timeZone: 'Europe/Berlin',
    ...answers,
  });
  for (const title of topics) {
    await slack.command(organizer, channel, 'propose');
    await slack.submit(organizer, slack.lastOpenedView(), { title, category: 'Core' });
  }
  return { channel, reply };
}

/**
 * `setUpHackathon` with one topic per title, then the card refresher run so every topic has its card:
 * the channel, the hackathon's id and the cards in topic order, as reactions target them.
 */
export async function hackathonWithCards(
  harness: IngressHarness,
  slack: SlackSim,
  organizer: string,
  titles: readonly string[],
  answers: Record<string, unknown> = {},
): Promise<{ channel: string; hackathonId: string; cards: ReactionTarget[] }> {
  const { channel } = await setUpHackathon(slack, organizer, { answers, topics: titles });
  await harness.refresh();
  const hackathonId = String((await harness.hackathonIn(channel))?.id);
  const topics = (await harness.entities('topic'))
    .filter((t) => t.hackathonId === hackathonId)
    .sort((a, b) => Number(a.number) - Number(b.number));
  const cards = topics.map((t) => {
    const card = t.card as { channelId: string; ts: string };
    return { channel: card.channelId, ts: card.ts, itemUser: TEST_BOT_USER_ID };
  });
  return { channel, hackathonId, cards };
}

/** What topic #n's card in `channel` last showed: its latest post or update there (not in a thread). */
export const lastCardMessage = (harness: IngressHarness, channel: string, n: number) =>
  harness.slack.calls
    .filter(
      (c) =>
        ['chat.postMessage', 'chat.update'].includes(c.method) &&
        c.args.channel === channel &&
        !c.args.thread_ts &&
        String(c.args.text).startsWith(`#${n} `),
    )
    .at(-1);
