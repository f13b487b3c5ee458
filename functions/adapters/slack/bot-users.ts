/** How long a user Slack could not tell us about is taken for a person before Slack is asked again. */
export const UNKNOWN_USER_RETRY_MS = 60_000;

/** What the bot check uses of Bolt's per-request client: users.info (users:read). */
export interface UserInfoClient {
  users: {
    info(args: { user: string }): Promise<{ user?: { is_bot?: boolean; is_app_user?: boolean } }>;
  };
}

/** Whether a user is a bot or an app, as `createBotCheck` answers it. */
export type BotCheck = (client: UserInfoClient, userId: string) => Promise<boolean>;

/**
 * Whether a user is a bot (or app), asked of Slack once per user and remembered for the life of the warm
 * container: reactions by bots are not votes. If Slack cannot answer (users.info is Tier 4, about 100 a minute
 * per workspace: a voting meeting of many new people can use it up), the user is taken for a person, and Slack
 * is not asked about them again for a minute: asking on every reaction would only add a refused call to each.
 */
export function createBotCheck(now: () => number = Date.now): BotCheck {
  const known = new Map<string, Promise<boolean>>();
  /** Users Slack could not tell us about, and when to ask again. */
  const unknownUntil = new Map<string, number>();
  return (client, userId) => {
    const retryAt = unknownUntil.get(userId);
    if (retryAt !== undefined) {
      if (now() < retryAt) return Promise.resolve(false);
      unknownUntil.delete(userId);
    }
    let answer = known.get(userId);
    if (!answer) {
      answer = client.users
        .info({ user: userId })
        .then((response) => Boolean(response.user?.is_bot || response.user?.is_app_user))
        .catch(() => {
          known.delete(userId);
          unknownUntil.set(userId, now() + UNKNOWN_USER_RETRY_MS);
          return false;
        });
      known.set(userId, answer);
    }
    return answer;
  };
}
