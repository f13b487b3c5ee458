import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { loadSlackCredentials, SlackCredentialsError } from '../../functions/adapters/slack/credentials.js';

const secretsManager = mockClient(SecretsManagerClient);
let arnCounter = 0;
/** A fresh ARN per test: the loader caches per ARN for the life of the process, as a Lambda container would. */
const nextConfig = () => ({
  region: 'eu-central-1',
  slack: {
    source: 'secrets-manager' as const,
    secretArn: `arn:aws:secretsmanager:eu-central-1:123456789012:secret:slack-${++arnCounter}`,
  },
});
const client = () => new SecretsManagerClient({ region: 'eu-central-1' });
const stored = { signingSecret: 'abc123signing', botToken: 'xoxb-1-2-3', botUserId: 'U0BOT', botId: 'B0BOT' };

beforeEach(() => {
  secretsManager.reset();
});

describe('loadSlackCredentials', () => {
  it('reads the JSON secret once and serves later calls from the cache', async () => {
    secretsManager.on(GetSecretValueCommand).resolves({ SecretString: JSON.stringify(stored) });
    const config = nextConfig();
    const first = await loadSlackCredentials(config, client());
    const second = await loadSlackCredentials(config, client());
    expect(first).toEqual(stored);
    expect(second).toBe(first);
    expect(secretsManager.commandCalls(GetSecretValueCommand)).toHaveLength(1);
    expect(secretsManager.commandCalls(GetSecretValueCommand)[0]?.args[0].input).toEqual({
      SecretId: config.slack.secretArn,
    });
  });

  it('tries again after a failed read instead of caching the failure', async () => {
    secretsManager
      .on(GetSecretValueCommand)
      .rejectsOnce(new Error('ThrottlingException'))
      .resolves({ SecretString: JSON.stringify(stored) });
    const config = nextConfig();
    await expect(loadSlackCredentials(config, client())).rejects.toThrow('ThrottlingException');
    await expect(loadSlackCredentials(config, client())).resolves.toEqual(stored);
  });

  it('says the secret has no value yet when it was never filled in', async () => {
    secretsManager.on(GetSecretValueCommand).resolves({});
    await expect(loadSlackCredentials(nextConfig(), client())).rejects.toThrow(/has no value yet/);
  });

  it('explains a placeholder secret that is not JSON', async () => {
    secretsManager.on(GetSecretValueCommand).resolves({ SecretString: 'r4nd0m-placeholder' });
    await expect(loadSlackCredentials(nextConfig(), client())).rejects.toThrow(
      /is not JSON; expected \{"signingSecret", "botToken", "botUserId"\}/,
    );
  });

  it('names the malformed keys but never their values', async () => {
    const leaked = 'xoxp-user-token-not-a-bot-token';
    secretsManager
      .on(GetSecretValueCommand)
      .resolves({ SecretString: JSON.stringify({ signingSecret: 'abc123signing', botToken: leaked }) });
    const error = await loadSlackCredentials(nextConfig(), client()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SlackCredentialsError);
    expect((error as Error).message).toMatch(/missing or malformed keys: botToken, botUserId\.$/);
    expect((error as Error).message).not.toContain(leaked);
    expect((error as Error).message).not.toContain('abc123signing');
  });

  it('uses credentials from the environment without calling Secrets Manager', async () => {
    const credentials = { signingSecret: 's', botToken: 'xoxb-x', botUserId: 'U1' };
    await expect(
      loadSlackCredentials({ region: 'local', slack: { source: 'environment', credentials } }, client()),
    ).resolves.toBe(credentials);
    expect(secretsManager.calls()).toHaveLength(0);
  });
});
