import type { WebClient } from '@slack/web-api';
import type { PostedParts } from '../../app/ports/posted-parts.js';
import type { PeopleDirectory, WrapUpPublisher } from '../../app/ports/slack.js';
import type { KnownBlock } from '../../slack/views/blocks.js';
import {
  filesComment,
  highlightsMessage,
  replacedReplyMessage,
  topicReplyMessage,
  wrappedUpText,
} from '../../slack/views/wrapup-messages.js';
import { inChannel } from './channel-refusals.js';
import { postPages } from './pages.js';

/**
 * The wrap-up in Slack: messages with chat.postMessage, files with files.uploadV2 (files:write), each page of a
 * message recorded as it goes (`parts`). Slack's refusal of the channel is ChannelUnavailableError.
 */
export function createWrapUpPublisher(client: WebClient): WrapUpPublisher {
  /** One part of a topic's reply, posted in the wrap-up thread and recorded; returns its ts. */
  const postPart = async (
    thread: { channelId: string; ts: string },
    text: string,
    blocks: KnownBlock[],
    parts: PostedParts,
    part: string,
  ): Promise<string> => {
    const posted = await inChannel(thread.channelId, () =>
      client.chat.postMessage({
        channel: thread.channelId,
        thread_ts: thread.ts,
        text,
        blocks,
        unfurl_links: false,
      }),
    );
    if (!posted.ts) throw new Error('chat.postMessage returned no ts');
    await parts.record(part, posted.ts);
    return posted.ts;
  };
  return {
    async highlights(hackathon, topics, parts) {
      // A highlights list too long for one message continues in its own thread, before the topics' details.
      const { text, pages } = highlightsMessage(hackathon, topics);
      const { channelId, ts } = await inChannel(hackathon.channelId, () =>
        postPages(client, hackathon.channelId, text, pages, parts),
      );
      return { channelId, ts };
    },
    async topicReply(_hackathon, thread, topic, parts) {
      // Details too long for one message are several replies in a row, each recorded as it goes; the first
      // one's ts stands for them.
      const { text, pages } = topicReplyMessage(topic);
      let first: string | undefined;
      for (const [i, blocks] of pages.entries()) {
        const ts = parts.ts(String(i)) ?? (await postPart(thread, text, blocks, parts, String(i)));
        first ??= ts;
      }
      if (!first) throw new Error('the topic reply has no parts');
      return first;
    },
    async updateTopicReply(_hackathon, thread, topic, parts) {
      const { text, pages } = topicReplyMessage(topic);
      for (const [i, blocks] of pages.entries()) {
        const ts = parts.ts(String(i));
        if (ts) {
          await inChannel(thread.channelId, () =>
            client.chat.update({ channel: thread.channelId, ts, text, blocks }),
          );
          continue;
        }
        await postPart(thread, text, blocks, parts, String(i));
      }
      // A shorter outcome leaves parts over: they point to the reply above instead of repeating old text.
      for (let i = pages.length; parts.ts(String(i)); i++) {
        const ts = parts.ts(String(i)) as string;
        const over = replacedReplyMessage(topic);
        await inChannel(thread.channelId, () =>
          client.chat.update({ channel: thread.channelId, ts, ...over }),
        );
      }
    },
    async files(target, files, about) {
      // A person gets the files in their direct message with the app.
      const channelId =
        'userId' in target
          ? ((await client.conversations.open({ users: target.userId })).channel?.id ?? target.userId)
          : target.channelId;
      await inChannel(channelId, () =>
        client.files.uploadV2({
          channel_id: channelId,
          ...('threadTs' in target ? { thread_ts: target.threadTs } : {}),
          initial_comment: filesComment(about),
          file_uploads: files.map((file) => ({
            file: Buffer.from(file.content, 'utf8'),
            filename: file.name,
            title: file.title,
          })),
        }),
      );
    },
    // A direct message: the wrap-up finishes long after the click, when an ephemeral message would be missed.
    async done(userId, hackathon, topics) {
      await client.chat.postMessage({
        channel: userId,
        text: wrappedUpText(hackathon, topics),
        unfurl_links: false,
      });
    },
  };
}

/** Display names from users.info, asked once per person per process; an unknown person keeps their id. */
export function createPeopleDirectory(client: WebClient): PeopleDirectory {
  const cache = new Map<string, Promise<string>>();
  const nameOf = (id: string) => {
    let name = cache.get(id);
    if (!name) {
      name = client.users
        .info({ user: id })
        .then(
          ({ user }) =>
            user?.profile?.real_name || user?.real_name || user?.profile?.display_name || user?.name || id,
        )
        .catch(() => id);
      cache.set(id, name);
    }
    return name;
  };
  return {
    async names(ids) {
      return new Map(await Promise.all(ids.map(async (id) => [id, await nameOf(id)] as const)));
    },
  };
}
