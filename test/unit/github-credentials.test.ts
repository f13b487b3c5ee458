import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import {
  GitHubCredentialsError,
  loadGitHubCredentials,
} from '../../functions/adapters/github/credentials.js';

const secretsManager = mockClient(SecretsManagerClient);
let arnCounter = 0;
/** A fresh ARN per test: the loader caches per ARN for the life of the process, as a Lambda container would. */
const nextConfig = () => ({
  region: 'eu-central-1',
  github: {
    source: 'secrets-manager' as const,
    secretArn: `arn:aws:secretsmanager:eu-central-1:123456789012:secret:github-${++arnCounter}`,
  },
});
const client = () => new SecretsManagerClient({ region: 'eu-central-1' });
const keyLines = [
  '-----BEGIN RSA PRIVATE KEY-----',
  'MIIEowIBAAKCAQEAsecretkeymaterial',
  '-----END RSA PRIVATE KEY-----',
];
const privateKey = keyLines.join('\n');
const expected = { appId: 123456, privateKey, webhookSecret: 'webhook-secret-value' };
const storing = (value: unknown) =>
  secretsManager.on(GetSecretValueCommand).resolves({ SecretString: JSON.stringify(value) });
const failureOf = (promise: Promise<unknown>) =>
  promise.then(
    () => {
      throw new Error('expected the credentials to be refused');
    },
    (error: unknown) => error as GitHubCredentialsError,
  );

beforeEach(() => {
  secretsManager.reset();
});

describe('loadGitHubCredentials', () => {
  it('reads the JSON secret once and serves later calls from the cache', async () => {
    storing({ appId: '123456', privateKey, webhookSecret: 'webhook-secret-value' });
    const config = nextConfig();
    const first = await loadGitHubCredentials(config, client());
    expect(first).toEqual(expected);
    await expect(loadGitHubCredentials(config, client())).resolves.toBe(first);
    expect(secretsManager.commandCalls(GetSecretValueCommand)).toHaveLength(1);
    expect(secretsManager.commandCalls(GetSecretValueCommand)[0]?.args[0].input).toEqual({
      SecretId: config.github.secretArn,
    });
  });

  it('takes the keys as they sit beside the Slack credentials, a numeric App ID, and a key pasted with \\n', async () => {
    storing({
      signingSecret: 'abc123signing',
      botToken: 'xoxb-1-2-3',
      botUserId: 'U0BOT',
      githubAppId: 123456,
      githubPrivateKey: keyLines.join('\\n'),
      githubWebhookSecret: 'webhook-secret-value',
    });
    await expect(loadGitHubCredentials(nextConfig(), client())).resolves.toEqual(expected);
  });

  it('tries again after a failed read instead of caching the failure', async () => {
    secretsManager
      .on(GetSecretValueCommand)
      .rejectsOnce(new Error('ThrottlingException'))
      .resolves({ SecretString: JSON.stringify(expected) });
    const config = nextConfig();
    await expect(loadGitHubCredentials(config, client())).rejects.toThrow('ThrottlingException');
    await expect(loadGitHubCredentials(config, client())).resolves.toEqual(expected);
  });

  it('says the secret is not filled in yet: no value, or only the generated webhook secret', async () => {
    secretsManager.on(GetSecretValueCommand).resolves({});
    const empty = await failureOf(loadGitHubCredentials(nextConfig(), client()));
    expect(empty).toBeInstanceOf(GitHubCredentialsError);
    expect(empty.problem).toBe('unfilled');
    expect(empty.message).toMatch(/has no value yet/);

    storing({ appId: '', privateKey: '', webhookSecret: 'generated-by-cloudformation' });
    const generated = await failureOf(loadGitHubCredentials(nextConfig(), client()));
    expect(generated.problem).toBe('unfilled');
    expect(generated.message).toMatch(/has no appId and privateKey yet/);
    expect(generated.message).not.toContain('generated-by-cloudformation');
  });

  it('explains a value that is not JSON', async () => {
    secretsManager.on(GetSecretValueCommand).resolves({ SecretString: 'r4nd0m-placeholder' });
    const error = await failureOf(loadGitHubCredentials(nextConfig(), client()));
    expect(error.problem).toBe('malformed');
    expect(error.message).toMatch(/is not JSON; expected \{"appId", "privateKey", "webhookSecret"\}/);
  });

  it('names the malformed keys but never their values', async () => {
    storing({ appId: 'my-app', privateKey: 'MIIEowIBAAKCAQEAsecretkeymaterial' });
    const error = await failureOf(loadGitHubCredentials(nextConfig(), client()));
    expect(error.problem).toBe('malformed');
    expect(error.message).toMatch(/missing or malformed keys: appId, privateKey, webhookSecret\.$/);
    expect(error.message).not.toContain('secretkeymaterial');
    expect(error.message).not.toContain('my-app');
  });

  it('uses credentials from the environment without calling Secrets Manager, and nothing without GitHub', async () => {
    await expect(
      loadGitHubCredentials(
        { region: 'local', github: { source: 'environment', credentials: expected } },
        client(),
      ),
    ).resolves.toBe(expected);
    await expect(loadGitHubCredentials({ region: 'local' }, client())).resolves.toBeUndefined();
    expect(secretsManager.calls()).toHaveLength(0);
  });
});
