import { ErrorCode } from '@slack/web-api';
import { describe, expect, it } from 'vitest';
import { asChannelRefusal } from '../../functions/adapters/slack/channel-refusals.js';
import { ChannelUnavailableError } from '../../functions/app/channel-access.js';
import { channelMembership } from '../../functions/local/dev/slack-rules/channel-membership.js';
import type { SlackWorld } from '../../functions/local/dev/slack-rules/index.js';

const world = (channels: string[] = []): SlackWorld => {
  const botChannels = new Set(channels);
  return { clock: { now: () => 0 }, botUserId: 'U0BOT', botChannels, join: (c) => void botChannels.add(c) };
};

describe('the stand-in rule: the app posts only where it is a member', () => {
  it('refuses channels the app was not invited to, for posts, updates, pins, reactions and history', () => {
    for (const method of [
      'chat.postMessage',
      'chat.update',
      'chat.postEphemeral',
      'pins.add',
      'reactions.get',
      'conversations.history',
    ])
      for (const channel of ['C0PUBLIC', 'G0PRIVATE'])
        expect(channelMembership({ method, args: { channel } }, world()), `${method} ${channel}`).toEqual({
          error: 'not_in_channel',
        });
    expect(
      channelMembership({ method: 'files.completeUploadExternal', args: { channel_id: 'C0X' } }, world()),
    ).toEqual({
      error: 'not_in_channel',
    });
  });

  it('allows channels it joined, direct messages and user ids (the app DM), and methods without a channel', () => {
    const joined = world();
    joined.join('C0JOINED');
    expect(
      channelMembership({ method: 'chat.postMessage', args: { channel: 'C0JOINED' } }, joined),
    ).toBeUndefined();
    for (const channel of ['D0DIRECT', 'U0PERSON', 'W0GRIDUSER'])
      expect(channelMembership({ method: 'chat.postMessage', args: { channel } }, world())).toBeUndefined();
    expect(channelMembership({ method: 'views.open', args: { trigger_id: 't' } }, world())).toBeUndefined();
  });
});

describe('asChannelRefusal', () => {
  const platform = (error: string) =>
    Object.assign(new Error(error), { code: ErrorCode.PlatformError, data: { ok: false, error } });

  it.each([
    ['not_in_channel', 'not-in-channel'],
    ['channel_not_found', 'channel-not-found'],
    ['is_archived', 'archived'],
  ])('turns %s into a channel refusal (%s)', (error, reason) => {
    const refusal = asChannelRefusal(platform(error), 'C0X');
    expect(refusal).toBeInstanceOf(ChannelUnavailableError);
    expect(refusal).toMatchObject({ channelId: 'C0X', reason, code: 'channel-unavailable' });
  });

  it('leaves every other error as it is', () => {
    const other = platform('msg_too_long');
    expect(asChannelRefusal(other, 'C0X')).toBe(other);
    const network = new Error('socket hang up');
    expect(asChannelRefusal(network, 'C0X')).toBe(network);
  });
});
