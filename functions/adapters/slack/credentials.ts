import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import * as z from 'zod/mini';
import type { RuntimeConfig, SlackCredentials } from '../runtime-config.js';

/** Shape of the Secrets Manager secret's JSON value (see README, "Store the Slack credentials"). */
const secretValueSchema = z.object({
  signingSecret: z.string().check(z.minLength(1)),
  botToken: z.string().check(z.startsWith('xoxb-')),
  botUserId: z.string().check(z.regex(/^[UW][A-Z0-9]+$/)),
  botId: z.optional(z.string().check(z.regex(/^B[A-Z0-9]+$/))),
});

export class SlackCredentialsError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'SlackCredentialsError';
  }
}

const cache = new Map<string, Promise<SlackCredentials>>();

/**
 * Resolves the Slack credentials once per process (cold start) and caches them.
 * From Secrets Manager when the config names a secret, else from the environment (local runs and tests).
 * Errors name the secret's keys, never their values.
 */
export function loadSlackCredentials(
  config: Pick<RuntimeConfig, 'slack' | 'region'>,
  client?: Pick<SecretsManagerClient, 'send'>,
): Promise<SlackCredentials> {
  if (config.slack.source === 'environment') return Promise.resolve(config.slack.credentials);
  const { secretArn } = config.slack;
  let pending = cache.get(secretArn);
  if (!pending) {
    pending = readSecret(secretArn, client ?? new SecretsManagerClient({ region: config.region }));
    // A failed read must not poison the cache: the next invocation tries again.
    pending.catch(() => cache.delete(secretArn));
    cache.set(secretArn, pending);
  }
  return pending;
}

async function readSecret(secretArn: string, client: Pick<SecretsManagerClient, 'send'>) {
  const response = await client.send(new GetSecretValueCommand({ SecretId: secretArn }));
  if (!response.SecretString) {
    throw new SlackCredentialsError(
      `Secret ${secretArn} has no value yet; store the Slack credentials (see README).`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(response.SecretString);
  } catch {
    throw new SlackCredentialsError(
      `Secret ${secretArn} is not JSON; expected {"signingSecret", "botToken", "botUserId"}.`,
    );
  }
  const parsed = secretValueSchema.safeParse(json);
  if (!parsed.success) {
    const keys = [...new Set(parsed.error.issues.map((issue) => String(issue.path[0] ?? '(root)')))];
    throw new SlackCredentialsError(`Secret ${secretArn} has missing or malformed keys: ${keys.join(', ')}.`);
  }
  return parsed.data;
}
