import type { WebClient } from '@slack/web-api';
import type { ScheduleAnnouncer } from '../../app/ports/slack.js';
import type { Hackathon } from '../../domain/hackathon.js';
import type { Topic } from '../../domain/topic.js';
import { agendaMessage, agendaReminderText } from '../../slack/views/agenda-messages.js';
import { type KnownBlock, section } from '../../slack/views/blocks.js';
import { hackathonSummary, votingSummary } from '../../slack/views/board.js';
import { followUpMessage } from '../../slack/views/follow-up-messages.js';
import {
  reviewAgendaMessage,
  reviewQuestion,
  reviewRecordMessage,
} from '../../slack/views/review-messages.js';
import { checkInQuestion, wrapUpReminderMessage } from '../../slack/views/schedule-messages.js';
import { inChannel, slackError } from './channel-refusals.js';
import { postPages } from './pages.js';

/**
 * What scheduled jobs post, in the hackathon's channel (check-ins in a thread on each team's card), each page
 * once. Slack's refusal of the channel (the app not invited) is ChannelUnavailableError.
 */
export function createScheduleAnnouncer(client: WebClient): ScheduleAnnouncer {
  /** A question to a team, in a thread on its card (in the channel if it has none); returns the reply's ts. */
  const inCardThread = async (
    hackathon: Hackathon,
    topic: Topic,
    { text, blocks }: { text: string; blocks: KnownBlock[] },
  ): Promise<string> => {
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
  };
  return {
    async votingSummary(hackathon, topics, now, parts) {
      const { text, pages } = votingSummary(hackathon, topics, now);
      await inChannel(hackathon.channelId, () => postPages(client, hackathon.channelId, text, pages, parts));
    },
    async hackathonSummary(hackathon, topics, previous, now, parts) {
      const { text, pages } = hackathonSummary(hackathon, topics, previous, now);
      await inChannel(hackathon.channelId, () => postPages(client, hackathon.channelId, text, pages, parts));
    },
    checkIn: (hackathon, topic) => inCardThread(hackathon, topic, checkInQuestion(hackathon, topic)),
    reviewAsk: (hackathon, topic) => inCardThread(hackathon, topic, reviewQuestion(hackathon, topic)),
    async reviewAgenda(hackathon, topics, parts) {
      const { text, pages } = reviewAgendaMessage(hackathon, topics);
      await inChannel(hackathon.channelId, () => postPages(client, hackathon.channelId, text, pages, parts));
    },
    async agenda(hackathon, post, parts) {
      const { text, pages } = agendaMessage(hackathon, { ...post, channelId: hackathon.channelId, ts: '' });
      const ref = await inChannel(hackathon.channelId, () =>
        postPages(client, hackathon.channelId, text, pages, parts),
      );
      // Pinned for the day (unpinned at its end); a pin Slack refuses is no reason to post the agenda again.
      if (!parts.ts('pinned')) {
        await client.pins.add({ channel: ref.channelId, timestamp: ref.ts }).catch((error: unknown) => {
          if (slackError(error) !== 'already_pinned') throw error;
        });
        await parts.record('pinned', ref.ts);
      }
      return { channelId: ref.channelId, ts: ref.ts };
    },
    async unpinAgenda(ref) {
      await client.pins.remove({ channel: ref.channelId, timestamp: ref.ts }).catch((error: unknown) => {
        const code = slackError(error);
        if (code !== 'not_pinned' && code !== 'message_not_found' && code !== 'channel_not_found')
          throw error;
      });
    },
    agendaReminder: (hackathon, kind, topic, slot) =>
      inCardThread(hackathon, topic, {
        text: agendaReminderText(hackathon, kind, slot, true),
        blocks: [section(agendaReminderText(hackathon, kind, slot, true))],
      }),
    // A direct message: the organizer acts on it after the meeting, in the app's Messages tab.
    async reviewRecord(userId, hackathon, topics, parts) {
      const { text, pages } = reviewRecordMessage(hackathon, topics);
      await postPages(client, userId, text, pages, parts);
    },
    // A direct message per person and topic: the answer's click updates it (chat.update needs its ts).
    async followUp(userId, hackathon, topic, round) {
      const posted = await client.chat.postMessage({
        channel: userId,
        ...followUpMessage(hackathon, topic, round),
        unfurl_links: false,
      });
      if (!posted.ts) throw new Error('chat.postMessage returned no ts');
      return posted.ts;
    },
    async wrapUpReminder(hackathon, topics, wrapUpAt, parts) {
      const { text, pages } = wrapUpReminderMessage(hackathon, topics, wrapUpAt);
      await inChannel(hackathon.channelId, () => postPages(client, hackathon.channelId, text, pages, parts));
    },
  };
}
