import type { WebClient } from '@slack/web-api';
import type { ScheduleAnnouncer } from '../../app/scheduled-jobs.js';
import { hackathonSummary, votingSummary } from '../../slack/views/board.js';
import { checkInQuestion, wrapUpReminderMessage } from '../../slack/views/schedule-messages.js';
import { postPages } from './pages.js';

/** What scheduled jobs post, in the hackathon's channel (check-ins in a thread on each team's card). */
export function createScheduleAnnouncer(client: WebClient): ScheduleAnnouncer {
  return {
    async votingSummary(hackathon, topics, now) {
      const { text, pages } = votingSummary(hackathon, topics, now);
      await postPages(client, hackathon.channelId, text, pages);
    },
    async hackathonSummary(hackathon, topics, previous, now) {
      const { text, pages } = hackathonSummary(hackathon, topics, previous, now);
      await postPages(client, hackathon.channelId, text, pages);
    },
    async checkIn(hackathon, topic) {
      const { text, blocks } = checkInQuestion(hackathon, topic);
      await client.chat.postMessage({
        channel: topic.card?.channelId ?? hackathon.channelId,
        ...(topic.card ? { thread_ts: topic.card.ts } : {}),
        text,
        blocks,
        unfurl_links: false,
      });
    },
    async wrapUpReminder(hackathon, topics, wrapUpAt) {
      const { text, pages } = wrapUpReminderMessage(hackathon, topics, wrapUpAt);
      await postPages(client, hackathon.channelId, text, pages);
    },
  };
}
