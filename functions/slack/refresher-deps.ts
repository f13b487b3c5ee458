import type { WebClient } from '@slack/web-api';
import type { Stores } from '../adapters/dynamodb/stores.js';
import { createCardPublisher } from '../adapters/slack/card-publisher.js';
import { createReactionReader } from '../adapters/slack/reactions.js';
import type { RefresherDeps } from '../refresher/handler.js';
import { reconcileReportText, teamProposalText } from './views/vote-messages.js';

/** The refresher's dependencies over the stores and one Slack Web API client (Lambda, local runtime, tests). */
export function slackRefresherDeps(stores: Stores, client: WebClient, botUserId: string): RefresherDeps {
  return {
    ...stores,
    cards: createCardPublisher(client),
    reactions: createReactionReader(client),
    ignoreUsers: [botUserId],
    notify: async (channelId, userId, report) => {
      // What changed, then the ranking and proposed teams: two messages, each within Slack's text limits.
      for (const text of [reconcileReportText(report), teamProposalText(report)]) {
        await client.chat.postEphemeral({ channel: channelId, user: userId, text });
      }
    },
  };
}
