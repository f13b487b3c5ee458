import type { WebClient } from '@slack/web-api';
import type { Stores } from '../adapters/dynamodb/stores.js';
import { createBoardPublisher } from '../adapters/slack/board-publisher.js';
import { createCardPublisher } from '../adapters/slack/card-publisher.js';
import { createReactionReader } from '../adapters/slack/reactions.js';
import { createPeopleDirectory, createWrapUpPublisher } from '../adapters/slack/wrap-up-publisher.js';
import type { Scheduler } from '../app/schedules.js';
import type { RefresherDeps } from '../refresher/handler.js';
import { section } from './views/blocks.js';
import {
  carriedOverText,
  notPickedText,
  placedText,
  publishedText,
  rankingMessage,
  removedText,
  reviewButton,
} from './views/team-messages.js';
import { reconcileReportText, teamProposalText } from './views/vote-messages.js';

/** The refresher's dependencies over the stores and one Slack Web API client (Lambda, local runtime, tests). */
export function slackRefresherDeps(
  stores: Stores,
  client: WebClient,
  botUserId: string,
  scheduler: Scheduler,
  clock: () => Date = () => new Date(),
): RefresherDeps {
  /** A direct message from the app (its Messages tab); chat:write is enough for this. */
  const direct = async (userId: string, text: string) => {
    await client.chat.postMessage({ channel: userId, text, unfurl_links: false });
  };
  return {
    ...stores,
    cards: createCardPublisher(client),
    board: createBoardPublisher(client),
    wrapUps: createWrapUpPublisher(client),
    people: createPeopleDirectory(client),
    scheduler,
    clock,
    reactions: createReactionReader(client),
    ignoreUsers: [botUserId],
    notify: async (channelId, userId, report) => {
      // What changed, then the ranking and proposed teams with the review button: each within Slack's limits.
      await client.chat.postEphemeral({
        channel: channelId,
        user: userId,
        text: reconcileReportText(report),
      });
      const proposal = teamProposalText(report);
      await client.chat.postEphemeral({
        channel: channelId,
        user: userId,
        text: proposal,
        blocks: [section(proposal), reviewButton(report.hackathon.id)],
      });
    },
    announcer: {
      async ranking(hackathon, rows, published, existing) {
        const { text, blocks } = rankingMessage(hackathon, rows, published);
        if (existing) {
          await client.chat.update({ channel: existing.channelId, ts: existing.ts, text, blocks });
          return existing;
        }
        const posted = await client.chat.postMessage({ channel: hackathon.channelId, text, blocks });
        if (!posted.ts) throw new Error('chat.postMessage returned no ts');
        return { channelId: posted.channel ?? hackathon.channelId, ts: posted.ts };
      },
      placed: (hackathon, userId, topic) => direct(userId, placedText(hackathon, userId, topic)),
      removed: (hackathon, userId, topic) => direct(userId, removedText(hackathon, topic)),
      notPicked: (hackathon, topic) => direct(topic.proposerId, notPickedText(hackathon, topic)),
      published: async (hackathon, job, summary) => {
        await client.chat.postEphemeral({
          channel: job.channelId,
          user: job.requestedBy,
          text: publishedText(hackathon, summary),
        });
      },
      carriedOver: (hackathon, topic) => direct(topic.proposerId, carriedOverText(hackathon, topic)),
    },
  };
}
