import type { WebClient } from '@slack/web-api';
import type { IssueTracker, VotingDiscussions, WebsiteRepository } from '../../app/ports/github.js';
import type { Scheduler } from '../../app/ports/scheduling.js';
import { CardActivity } from '../../app/topic-cards.js';
import type { RefresherDeps } from '../../refresher/handler.js';
import { type KnownBlock, section } from '../../slack/views/blocks.js';
import {
  gitHubSyncedText,
  inviteRequestText,
  issueNotOpenedText,
  setupAnnouncementText,
  websiteFailedText,
  websitePullText,
} from '../../slack/views/channel-messages.js';
import {
  discussionOpenedText,
  discussionProblemsText,
  noCategoryText,
  recountWaitsText,
} from '../../slack/views/discussion-messages.js';
import {
  carriedOverText,
  notPickedText,
  placedText,
  publishedText,
  rankingMessage,
  removedText,
  reviewButton,
} from '../../slack/views/team-messages.js';
import { reconcileReportText, teamProposalText } from '../../slack/views/vote-messages.js';
import type { Stores } from '../dynamodb/stores.js';
import { createBoardPublisher } from './board-publisher.js';
import { createCardPublisher } from './card-publisher.js';
import { inChannel } from './channel-refusals.js';
import { pacerOf } from './pacer.js';
import { createReactionReader } from './reactions.js';
import { createScheduleAnnouncer } from './schedule-announcer.js';
import { createPeopleDirectory, createWrapUpPublisher } from './wrap-up-publisher.js';

/** The refresher's dependencies over the stores and one Slack Web API client (Lambda, local runtime, tests). */
export function slackRefresherDeps(
  stores: Stores,
  client: WebClient,
  botUserId: string,
  scheduler: Scheduler,
  clock: () => Date = () => new Date(),
  github: {
    tracker: IssueTracker | null;
    website?: WebsiteRepository | null;
    discussions?: VotingDiscussions | null;
    warn(message: string, error?: unknown): void;
  } = {
    tracker: null,
    warn: () => {},
  },
): RefresherDeps {
  const pacer = pacerOf(client);
  /** A direct message from the app (its Messages tab); chat:write is enough for this. */
  const direct = async (userId: string, text: string, blocks?: KnownBlock[]) => {
    await client.chat.postMessage({
      channel: userId,
      text,
      ...(blocks ? { blocks } : {}),
      unfurl_links: false,
    });
  };
  return {
    ...stores,
    cards: createCardPublisher(client, pacer),
    pacingClock: pacer.clock,
    cardActivity: new CardActivity(),
    setDeadline: (until) => {
      pacer.until = until;
    },
    idleUntilHandedOnTurn: () => pacer.idleUntilHandedOnTurn(),
    board: createBoardPublisher(client),
    schedulePosts: createScheduleAnnouncer(client),
    wrapUps: createWrapUpPublisher(client),
    people: createPeopleDirectory(client),
    scheduler,
    clock,
    tracker: github.tracker,
    website: github.website ?? null,
    discussions: github.discussions ?? null,
    discussionAnnouncer: {
      opened: (hackathon, userId, discussion, added) =>
        direct(userId, discussionOpenedText(hackathon, discussion, added)),
      noCategory: (hackathon, userId, category, names) =>
        direct(userId, noCategoryText(hackathon, category, names)),
      problems: (hackathon, userId, problems) => direct(userId, discussionProblemsText(hackathon, problems)),
      recountWaits: (hackathon, userId, failure) => direct(userId, recountWaitsText(hackathon, failure)),
    },
    websiteAnnouncer: {
      async opened(hackathon, pull, to) {
        if (to.userId) return direct(to.userId, websitePullText(hackathon, pull, 'organizer'));
        if (!hackathon.wrapUp) return;
        const { channelId, ts } = hackathon.wrapUp;
        await inChannel(channelId, () =>
          client.chat.postMessage({
            channel: channelId,
            thread_ts: ts,
            text: websitePullText(hackathon, pull, 'thread'),
            unfurl_links: false,
          }),
        );
      },
      failed: (hackathon, userId, problem) => direct(userId, websiteFailedText(hackathon, problem)),
    },
    warn: github.warn,
    gitHubAnnouncer: {
      issueNotOpened: (hackathon, topic, failure) =>
        direct(topic.proposerId, issueNotOpenedText(hackathon, topic, failure)),
      synced: (hackathon, userId, report) => direct(userId, gitHubSyncedText(hackathon, report)),
      async permalink(topic) {
        if (!topic.card) return null;
        const { permalink } = await client.chat.getPermalink({
          channel: topic.card.channelId,
          message_ts: topic.card.ts,
        });
        return permalink ?? null;
      },
    },
    reactions: createReactionReader(client),
    ignoreUsers: [botUserId],
    // By direct message: the work finishes after the click (or at a scheduled close), when an ephemeral message
    // would reach the organizer only if they happened to be looking at the channel, and vanish on reload.
    notify: async (_channelId, userId, report) => {
      // What changed, then the ranking and proposed teams with the review button: each within Slack's limits.
      await direct(userId, reconcileReportText(report));
      const proposal = teamProposalText(report);
      await direct(userId, proposal, [section(proposal), reviewButton(report.hackathon.id)]);
    },
    announcer: {
      async ranking(hackathon, rows, published, existing) {
        const { text, blocks } = rankingMessage(hackathon, rows, published);
        // Slack's refusal of the channel (the app not invited) is ChannelUnavailableError: the ranking waits.
        if (existing) {
          await inChannel(existing.channelId, () =>
            client.chat.update({ channel: existing.channelId, ts: existing.ts, text, blocks }),
          );
          return existing;
        }
        const posted = await inChannel(hackathon.channelId, () =>
          client.chat.postMessage({ channel: hackathon.channelId, text, blocks }),
        );
        if (!posted.ts) throw new Error('chat.postMessage returned no ts');
        return { channelId: posted.channel ?? hackathon.channelId, ts: posted.ts };
      },
      removeRanking: async (ref) => {
        await client.chat.delete({ channel: ref.channelId, ts: ref.ts });
      },
      placed: (hackathon, userId, topic) => direct(userId, placedText(hackathon, userId, topic)),
      removed: (hackathon, userId, topic) => direct(userId, removedText(hackathon, topic)),
      notPicked: (hackathon, topic) => direct(topic.proposerId, notPickedText(hackathon, topic)),
      published: (hackathon, job, summary) => direct(job.requestedBy, publishedText(hackathon, summary)),
      carriedOver: (hackathon, topic) => direct(topic.proposerId, carriedOverText(hackathon, topic)),
      async hackathonSetUp(hackathon) {
        const posted = await inChannel(hackathon.channelId, () =>
          client.chat.postMessage({ channel: hackathon.channelId, text: setupAnnouncementText(hackathon) }),
        );
        if (!posted.ts) throw new Error('chat.postMessage returned no ts');
        return { channelId: posted.channel ?? hackathon.channelId, ts: posted.ts };
      },
      removeAnnouncement: async (ref) => {
        await client.chat.delete({ channel: ref.channelId, ts: ref.ts });
      },
      askForInvite: (hackathon, reason) => direct(hackathon.createdBy, inviteRequestText(hackathon, reason)),
    },
  };
}
