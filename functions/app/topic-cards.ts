import type { Hackathon } from '../domain/hackathon.js';
import type { CardRef, Topic } from '../domain/topic.js';
import { type ChannelWaitDeps, isChannelUnavailable, waitForInvitation } from './channel-access.js';
import { isOutOfTime } from './deadline.js';
import type { PacingClock } from './ports/clock.js';
import type { CardPublisher } from './ports/slack.js';
import type { HackathonStore, TopicStore } from './ports/stores.js';

/** How long a hackathon's counts must stay still before its cards stop being busy. */
export const QUIET_MS = 3_000;

/**
 * When the counts on each hackathon's cards last moved, as this process saw them (one per process, kept across
 * invocations): a voting meeting keeps them moving; the cards' final counts come once they stop.
 */
export class CardActivity {
  private readonly seen = new Map<string, { counts: string; at: number }>();

  /** Notes the topics' counts at `now`; whether they moved within the last QUIET_MS (first sight: moved). */
  busy(hackathonId: string, topics: readonly Topic[], now: number): boolean {
    const counts = topics.map((t) => `${t.number}:${t.voteCount}:${t.interestCount}`).join(',');
    const last = this.seen.get(hackathonId);
    if (last?.counts === counts) return now - last.at < QUIET_MS;
    this.seen.set(hackathonId, { counts, at: now });
    return true;
  }
}

/** What cards need; a channel that refuses them (the app not invited) makes them wait (`ChannelWaitDeps`). */
export interface CardDeps extends ChannelWaitDeps {
  hackathons: HackathonStore;
  topics: TopicStore;
  cards: CardPublisher;
  /** The clock Slack calls are paced on (when a card was sent). */
  pacingClock: PacingClock;
  /** Whether each hackathon's cards are still changing (one per process). */
  cardActivity: CardActivity;
}

/**
 * Updates a topic's card unless it already shows the topic, and remembers what it sent; returns the card's
 * fingerprint. 'waiting' when Slack refuses the channel (the app was removed from it): the card is updated once
 * the app is invited again.
 */
async function updateCard(deps: CardDeps, hackathon: Hackathon, topic: Topic): Promise<string | 'waiting'> {
  const fingerprint = deps.cards.fingerprint(hackathon, topic);
  // The card as last sent shows the topic as it is now: nothing to send.
  if (topic.cardSent?.fingerprint === fingerprint) return fingerprint;
  try {
    await deps.cards.update(hackathon, topic);
  } catch (error) {
    if (!isChannelUnavailable(error)) throw error;
    await waitForInvitation(deps, hackathon, error);
    return 'waiting';
  }
  await deps.topics.recordCardSent(topic, { fingerprint, at: deps.pacingClock.now() });
  return fingerprint;
}

/**
 * Brings a topic's card in line with the topic as it is now (read again, not taken from the change that
 * triggered this): posts it if it has none yet, else updates it. Running it twice does no harm, and a card
 * posted but not recorded (the record failed, or another run recorded its own first) is deleted again.
 */
export async function syncTopicCard(deps: CardDeps, hackathonId: string, number: number): Promise<void> {
  const [hackathon, topic] = await Promise.all([
    deps.hackathons.get(hackathonId),
    deps.topics.get(hackathonId, number),
  ]);
  if (!hackathon || !topic) return;
  if (topic.card) {
    await updateCard(deps, hackathon, topic);
    return;
  }
  const fingerprint = deps.cards.fingerprint(hackathon, topic);
  let card: CardRef;
  try {
    card = await deps.cards.post(hackathon, topic);
  } catch (error) {
    // The app is not in the channel (or it is archived): not worth a retry. The card is posted when the app
    // is invited (`bringWaitingPosts`).
    if (!isChannelUnavailable(error)) throw error;
    await waitForInvitation(deps, hackathon, error);
    return;
  }
  let attached: Topic;
  try {
    attached = await deps.topics.attachCard(topic, card, { fingerprint, at: deps.pacingClock.now() });
  } catch (error) {
    // The failure may be a lost answer to a write that was applied: look before taking the message back.
    const recorded = await deps.topics.get(hackathonId, number).then(
      (now) => now?.card ?? null,
      () => undefined,
    );
    if (sameCard(recorded, card)) return;
    // Not recorded: delete it, or the retry of this change would leave a second card in the channel. (When
    // the topic cannot be read either, it stays, and the retry posts a second card, the one that counts.)
    if (recorded !== undefined) await deps.cards.remove(card).catch(() => undefined);
    throw error;
  }
  // Another run posted and recorded the topic's card first: this one is a duplicate.
  if (!sameCard(attached.card, card)) await deps.cards.remove(card).catch(() => undefined);
}

const sameCard = (a: CardRef | null | undefined, b: CardRef) =>
  a?.channelId === b.channelId && a?.ts === b.ts;

/** A card sent within this long is watched by `refreshCards` even when its topic was not asked about. */
const WATCH_SENT_WITHIN_MS = 120_000;

/**
 * Brings the cards of a hackathon's changed topics up to date within Slack's `chat.update` limit, for a slice
 * of time (`until`): stale cards go oldest-sent first, each rendered when its turn comes (not before the wait),
 * and a card whose content did not change is not sent again. Besides the `numbers` asked for, cards this process
 * sent before are watched too, so that a card changing again during a busy voting meeting is not left behind
 * until the next batch. Returns the topics still stale when the slice ended (for a continuation), or none.
 */
export async function refreshCards(
  deps: CardDeps,
  hackathonId: string,
  numbers: readonly number[],
  until: number,
): Promise<number[]> {
  const asked = new Set(numbers);
  /** What this call sent to each card: never the same content twice, whatever the store says. */
  const sentNow = new Map<number, string>();
  for (;;) {
    const [hackathon, topics] = await Promise.all([
      deps.hackathons.get(hackathonId),
      deps.topics.list(hackathonId),
    ]);
    if (!hackathon) return [];
    const watchedSince = deps.pacingClock.now() - WATCH_SENT_WITHIN_MS;
    const stale = topics
      .filter(
        (topic): topic is Topic & { card: CardRef } =>
          Boolean(topic.card) &&
          (asked.has(topic.number) || (topic.cardSent?.at ?? -1) > watchedSince) &&
          !isCurrentCard(deps, hackathon, topic, sentNow.get(topic.number)),
      )
      .sort((a, b) => (a.cardSent?.at ?? -1) - (b.cardSent?.at ?? -1) || a.number - b.number);
    const busy = deps.cardActivity.busy(hackathonId, topics, deps.pacingClock.now());
    const [next] = stale;
    if (!next) return [];
    try {
      await deps.cards.turn(next.card, until, busy);
      // Rendered after the wait: the card shows the votes as they are when it goes.
      const [now, fresh] = await Promise.all([
        deps.hackathons.get(hackathonId),
        deps.topics.get(hackathonId, next.number),
      ]);
      asked.add(next.number);
      if (!now || !fresh?.card) continue;
      // A channel that refuses the update refuses every card: they wait for the app to be invited again.
      const sent = await updateCard(deps, now, fresh);
      if (sent === 'waiting') return [];
      sentNow.set(next.number, sent);
    } catch (error) {
      // Slack's limit (or a 429's Retry-After) reaches past this slice: the next invocation goes on.
      if (isOutOfTime(error)) return stale.map((topic) => topic.number);
      throw error;
    }
  }
}

/** Whether the card shows the topic as it is: as last recorded, or as this run sent it (`sentNow`). */
function isCurrentCard(
  deps: CardDeps,
  hackathon: Hackathon,
  topic: Topic,
  sentNow: string | undefined,
): boolean {
  const fingerprint = deps.cards.fingerprint(hackathon, topic);
  return topic.cardSent?.fingerprint === fingerprint || sentNow === fingerprint;
}
