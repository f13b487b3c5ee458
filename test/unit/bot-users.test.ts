import type { WebClient } from '@slack/web-api';
import { describe, expect, it } from 'vitest';
import { createBotCheck, UNKNOWN_USER_RETRY_MS } from '../../functions/adapters/slack/bot-users.js';

/** A client whose users.info answers from `answer` (throwing: Slack refused, e.g. rate limited). */
function client(answer: (user: string) => { is_bot?: boolean }) {
  const asked: string[] = [];
  const web = {
    users: {
      info: async ({ user }: { user: string }) => {
        asked.push(user);
        return { ok: true, user: answer(user) };
      },
    },
  } as unknown as WebClient;
  return { web, asked };
}

describe('createBotCheck', () => {
  it('asks Slack once per user and remembers the answer', async () => {
    const { web, asked } = client((user) => ({ is_bot: user === 'U0BOT' }));
    const isBot = createBotCheck();
    expect(await isBot(web, 'U0BOT')).toBe(true);
    expect(await isBot(web, 'U0BOT')).toBe(true);
    expect(await isBot(web, 'U0ANNA')).toBe(false);
    expect(asked).toEqual(['U0BOT', 'U0ANNA']);
  });

  it('takes someone Slack cannot tell about for a person, and asks again only after a minute', async () => {
    let now = 1_000;
    let refusing = true;
    const { web, asked } = client(() => {
      if (refusing)
        throw Object.assign(new Error('ratelimited'), { code: 'slack_webapi_rate_limited_error' });
      return { is_bot: true };
    });
    const isBot = createBotCheck(() => now);
    expect(await isBot(web, 'U0NEW')).toBe(false);
    // The next reactions within the minute do not ask (a refused call on each would only add to the limit).
    now += UNKNOWN_USER_RETRY_MS - 1;
    expect(await isBot(web, 'U0NEW')).toBe(false);
    expect(asked).toEqual(['U0NEW']);
    refusing = false;
    now += 1;
    expect(await isBot(web, 'U0NEW')).toBe(true);
    expect(await isBot(web, 'U0NEW')).toBe(true);
    expect(asked).toEqual(['U0NEW', 'U0NEW']);
  });
});
