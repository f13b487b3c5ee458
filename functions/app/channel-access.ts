import type { ChannelRefusal, Hackathon } from '../domain/hackathon.js';
import { isSlackUserId } from '../domain/outcome.js';
import type { CardRef } from '../domain/topic.js';
import type { Job } from './ports/jobs.js';
import type { ChannelAnnouncer } from './ports/slack.js';
import type { HackathonStore, VoteStore } from './ports/stores.js';

/**
 * Slack refused a post (or update) in a hackathon's channel for a reason retrying will not change: the app is
 * not a member (`not_in_channel`), the channel is private to it or gone (`channel_not_found`), or archived.
 * Thrown by the Slack adapters; the use-cases wait for an invitation instead of failing.
 */
export class ChannelUnavailableError extends Error {
  readonly code = 'channel-unavailable';
  constructor(
    readonly channelId: string,
    readonly reason: ChannelRefusal,
  ) {
    super(`Slack refuses posts in ${channelId} (${reason})`);
    this.name = 'ChannelUnavailableError';
  }
}

export const isChannelUnavailable = (error: unknown): error is ChannelUnavailableError =>
  error instanceof ChannelUnavailableError;

/** The notice (once per hackathon) asking its creator to invite the app into the channel. */
const INVITE_NOTICE = 'invite-app';

export interface ChannelWaitDeps {
  hackathons: HackathonStore;
  votes: VoteStore;
  announcer: Pick<ChannelAnnouncer, 'askForInvite'>;
  clock: () => Date;
}

/**
 * Slack refused a post in the hackathon's channel (`error`): what was to be posted waits for the app to be
 * invited (the cards, board and announcement are posted then), and the hackathon's creator is asked once, by
 * direct message, to invite it. Nothing is retried meanwhile.
 */
export async function waitForInvitation(
  deps: ChannelWaitDeps,
  hackathon: Hackathon,
  error: ChannelUnavailableError,
): Promise<void> {
  if (!hackathon.waitingForChannel)
    await deps.hackathons.setWaitingForChannel(hackathon.id, {
      since: deps.clock().toISOString(),
      reason: error.reason,
    });
  if (await deps.votes.firstNotice(hackathon.id, hackathon.createdBy, INVITE_NOTICE))
    await deps.announcer.askForInvite(hackathon, error.reason);
}

export interface AnnounceDeps extends ChannelWaitDeps {
  announcer: ChannelAnnouncer;
}

/**
 * Announces a new hackathon in its channel, once: the message is remembered on the hackathon (a conditional
 * write), and one posted by a second run that lost the race is deleted again. When Slack refuses the channel,
 * the announcement waits for the app to be invited (`waitForInvitation`).
 */
export async function announceHackathon(deps: AnnounceDeps, hackathonId: string): Promise<void> {
  const hackathon = await deps.hackathons.get(hackathonId);
  if (!hackathon || hackathon.announcement || hackathon.status !== 'active') return;
  let posted: CardRef;
  try {
    posted = await deps.announcer.hackathonSetUp(hackathon);
  } catch (error) {
    if (!isChannelUnavailable(error)) throw error;
    await waitForInvitation(deps, hackathon, error);
    return;
  }
  const kept = await deps.hackathons.setAnnouncement(hackathon.id, posted);
  if (kept.ts !== posted.ts) await deps.announcer.removeAnnouncement(posted).catch(() => undefined);
}

/** The app was invited into a channel (Slack's `member_joined_channel` for the app's own user). */
export interface AppJoinedRequest {
  channelId: string;
  /** Who invited it (absent when it joined otherwise). */
  inviter: string | null;
  /** The event's time (Slack's event_ts, in seconds): the same in every redelivery of the event. */
  at: number;
}

/**
 * The app joined a channel: if the channel runs a hackathon (or one that ended while its wrap-up waited for the
 * app), a job brings everything that waited (the announcement, the cards, the board, the ranking, the wrap-up)
 * into the channel, off the request path. One job per event: a redelivered event finds it recorded. Returns
 * whether there was a hackathon.
 */
export async function appJoinedChannel(
  deps: { hackathons: Pick<HackathonStore, 'findActiveByChannel' | 'addJob'> },
  request: AppJoinedRequest,
): Promise<boolean> {
  const hackathon = await deps.hackathons.findActiveByChannel(request.channelId);
  if (!hackathon || (hackathon.status !== 'active' && !hackathon.waitingForChannel)) return false;
  await deps.hackathons.addJob({
    kind: 'app-joined',
    hackathonId: hackathon.id,
    channelId: request.channelId,
    // Whoever is told what came of it: the inviter when the event names one (a user id), else the creator.
    requestedBy: request.inviter && isSlackUserId(request.inviter) ? request.inviter : hackathon.createdBy,
    requestedAt: new Date(Math.round(request.at * 1000)).toISOString(),
  });
  return true;
}

/** Jobs the app-joined job hands on (the cards and board go the way every card refresh goes). */
export interface AppJoinedJobDeps extends AnnounceDeps {
  topics: { list(hackathonId: string): Promise<ReadonlyArray<{ number: number; card: CardRef | null }>> };
  /** Posts the ranking message (voting closed while the app was not in the channel). */
  postRanking(hackathon: Hackathon): Promise<void>;
}

/**
 * The app-joined job: nothing waits any more; the announcement is posted (once), every topic without a card and
 * the board are handed to the card refresh (`refresh-cards` job, recorded once per joining), which posts each
 * card once, and a ranking that could not be posted when voting closed is posted. A hackathon that ended while
 * waiting gets its wrap-up job again, which posts what is missing. Running it again does no harm.
 */
export async function bringWaitingPosts(
  deps: AppJoinedJobDeps,
  job: Extract<Job, { kind: 'app-joined' }>,
): Promise<void> {
  const hackathon = await deps.hackathons.get(job.hackathonId);
  if (!hackathon) return;
  if (hackathon.waitingForChannel) await deps.hackathons.setWaitingForChannel(hackathon.id, null);
  const base = {
    hackathonId: hackathon.id,
    channelId: job.channelId,
    requestedBy: job.requestedBy,
    requestedAt: job.requestedAt,
  };
  if (hackathon.status === 'ended') {
    if (!hackathon.wrapUp?.files)
      await deps.hackathons.addJob({
        ...base,
        kind: 'wrap-up',
        requestedBy: hackathon.organizers[0] ?? hackathon.createdBy,
      });
    return;
  }
  if (hackathon.status !== 'active') return;
  await announceHackathon(deps, hackathon.id);
  const topics = await deps.topics.list(hackathon.id);
  await deps.hackathons.addJob({
    ...base,
    kind: 'refresh-cards',
    // One card refresh per joining: a retried job records the same one again, which is kept once.
    id: 'app-joined',
    numbers: topics.filter((topic) => !topic.card).map((topic) => topic.number),
  });
  const closed =
    hackathon.votingClosesAt !== null && Date.parse(hackathon.votingClosesAt) <= deps.clock().getTime();
  if (closed && !hackathon.rankingMessage) await deps.postRanking(hackathon);
}
