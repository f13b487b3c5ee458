import type { WebClient } from '@slack/web-api';

/**
 * Whether a user is a bot (or app), asked of Slack once per user and remembered for the life of the warm
 * container: reactions by bots are not votes. If Slack cannot answer, the user is treated as a person.
 */
export function createBotCheck(): (client: WebClient, userId: string) => Promise<boolean> {
  const known = new Map<string, Promise<boolean>>();
  return (client, userId) => {
    let answer = known.get(userId);
    if (!answer) {
      answer = client.users
        .info({ user: userId })
        .then((response) => Boolean(response.user?.is_bot || response.user?.is_app_user))
        .catch(() => {
          known.delete(userId);
          return false;
        });
      known.set(userId, answer);
    }
    return answer;
  };
}
