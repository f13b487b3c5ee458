import type { WebClient } from '@slack/web-api';
import type { ScheduleAnnouncer } from '../../app/ports/slack.js';
import { hackathonSummary, votingSummary } from '../../slack/views/board.js';
import { checkInQuestion, wrapUpReminderMessage } from '../../slack/views/schedule-messages.js';
import { inChannel } from './channel-refusals.js';
import { postPages } from './pages.js';

/**
 * What scheduled jobs post, in the hackathon's channel (check-ins in a thread on each team's card), each page
 * once. Slack's refusal of the channel (the app not invited) is ChannelUnavailableError.
 */
export function createScheduleAnnouncer(client: WebClient): ScheduleAnnouncer {
  return {
    async votingSummary(hackathon, topics, now, parts) {
      const { text, pages } = votingSummary(hackathon, topics, now);
      await inChannel(hackathon.channelId, () => postPages(client, hackathon.channelId, text, pages, parts));
    },
    async hackathonSummary(hackathon, topics, previous, now, parts) {
      const { text, pages } = hackathonSummary(hackathon, topics, previous, now);
      await inChannel(hackathon.channelId, () => postPages(client, hackathon.channelId, text, pages, parts));
    },
    async checkIn(hackathon, topic) {
      const { text, blocks } = checkInQuestion(hackathon, topic);
      const channel = topic.card?.channelId ?? hackathon.channelId;
      const posted = await inChannel(channel, () =>
        client.chat.postMessage({
          channel,
          ...(topic.card ? { thread_ts: topic.card.ts } : {}),
          text,
          blocks,
          unfurl_links: false,
        }),
      );
      if (!posted.ts) throw new Error('chat.postMessage returned no ts');
      return posted.ts;
    },
    async wrapUpReminder(hackathon, topics, wrapUpAt, parts) {
      const { text, pages } = wrapUpReminderMessage(hackathon, topics, wrapUpAt);
      await inChannel(hackathon.channelId, () => postPages(client, hackathon.channelId, text, pages, parts));
    },
  };
}
