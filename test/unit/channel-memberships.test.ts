import type { WebClient } from '@slack/web-api';
import { describe, expect, it } from 'vitest';
import {
  createChannelMemberships,
  MEMBERSHIP_CACHE_MS,
} from '../../functions/adapters/slack/channel-memberships.js';

type Args = Record<string, unknown>;

/** A WebClient whose users.conversations answers from `answer`, recording the arguments of each call. */
function clientAnswering(answer: (args: Args) => Record<string, unknown>) {
  const calls: Args[] = [];
  const client = {
    users: {
      conversations: async (args: Args) => {
        calls.push(args);
        const body = answer(args);
        if (body.ok !== true) throw new Error(String(body.error));
        return body;
      },
    },
  } as unknown as WebClient;
  return { client, calls };
}

describe('channel memberships', () => {
  it('reads every page by cursor, 200 at a time, with each channel’s visibility as Slack says it', async () => {
    const { client, calls } = clientAnswering((args) =>
      args.cursor
        ? { ok: true, channels: [{ id: 'C3', is_private: true }, { id: 'C4' }] }
        : { ok: true, channels: [{ id: 'C1', is_private: false }], response_metadata: { next_cursor: 'n2' } },
    );
    const memberships = createChannelMemberships({ now: () => 0 });
    const channels = await memberships.channelsOf(client, 'W0GRID');
    expect(calls).toEqual([
      { user: 'W0GRID', types: 'public_channel,private_channel', exclude_archived: true, limit: 200 },
      {
        user: 'W0GRID',
        types: 'public_channel,private_channel',
        exclude_archived: true,
        limit: 200,
        cursor: 'n2',
      },
    ]);
    expect(channels).toEqual({
      visibility: new Map([
        ['C1', 'public'],
        ['C3', 'private'],
        // Without `is_private` it is not known to be public.
        ['C4', null],
      ]),
      complete: true,
    });
  });

  it('keeps a person’s channels for a few minutes on its clock, then asks again', async () => {
    let now = 1_000;
    const { client, calls } = clientAnswering(() => ({
      ok: true,
      channels: [{ id: 'C1', is_private: false }],
    }));
    const memberships = createChannelMemberships({ now: () => now });
    await memberships.channelsOf(client, 'U1');
    now += MEMBERSHIP_CACHE_MS - 1;
    await memberships.channelsOf(client, 'U1');
    expect(calls).toHaveLength(1);
    await memberships.channelsOf(client, 'U2');
    expect(calls).toHaveLength(2);
    now += 1;
    await memberships.channelsOf(client, 'U1');
    expect(calls).toHaveLength(3);
  });

  it('does not remember a failure, and stops after five pages with the list marked incomplete', async () => {
    let failing = true;
    const { client, calls } = clientAnswering((args) =>
      failing
        ? { ok: false, error: 'ratelimited' }
        : {
            ok: true,
            channels: [{ id: `C${String(args.cursor ?? 0)}` }],
            response_metadata: { next_cursor: `${calls.length}` },
          },
    );
    const memberships = createChannelMemberships({ now: () => 0 });
    await expect(memberships.channelsOf(client, 'U1')).rejects.toThrow('ratelimited');
    failing = false;
    const channels = await memberships.channelsOf(client, 'U1');
    expect(calls).toHaveLength(6);
    expect(channels.complete).toBe(false);
    expect(channels.visibility.size).toBe(5);
  });
});
