import { GetSecretValueCommand, SecretsManagerClient } from '@aws-sdk/client-secrets-manager';
import * as z from 'zod/mini';
import {
  type GitHubAppCredentials,
  type GitHubConfig,
  isPrivateKeyPem,
  normalizePrivateKey,
  type RuntimeConfig,
} from '../runtime-config.js';

export type { GitHubAppCredentials } from '../runtime-config.js';

const appId = z.pipe(
  z.union([z.string().check(z.trim(), z.regex(/^[1-9][0-9]*$/)), z.number().check(z.int(), z.positive())]),
  z.transform((value: string | number) => Number(value)),
);
const privateKey = z.pipe(
  z.string().check(z.refine(isPrivateKeyPem)),
  z.transform((value: string) => normalizePrivateKey(value)),
);
const webhookSecret = z.string().check(z.trim(), z.minLength(1));

/**
 * Shape of the secret's JSON value: `{"appId", "privateKey", "webhookSecret"}` (the App's settings page),
 * or the same keys prefixed with `github` (`githubAppId`, …) as they sit beside the Slack credentials in a
 * combined secret.
 */
const secretValueSchema = z.object({
  appId: z.optional(z.unknown()),
  privateKey: z.optional(z.unknown()),
  webhookSecret: z.optional(z.unknown()),
  githubAppId: z.optional(z.unknown()),
  githubPrivateKey: z.optional(z.unknown()),
  githubWebhookSecret: z.optional(z.unknown()),
});
const credentialsSchema = z.object({ appId, privateKey, webhookSecret });

/**
 * Why the GitHub App's credentials could not be read. `unfilled`: the secret still holds what the stack created
 * (no value, or the generated webhook secret without an App ID and key), so GitHub is not set up yet;
 * `malformed`: someone stored a value, but not a usable one.
 */
export class GitHubCredentialsError extends Error {
  constructor(
    readonly problem: 'unfilled' | 'malformed',
    message: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'GitHubCredentialsError';
  }
}

const cache = new Map<string, Promise<GitHubAppCredentials>>();

/**
 * Resolves the GitHub App's credentials once per process and caches them (a failed read is not cached: the
 * secret may be filled in while the process lives). From Secrets Manager when the config names a secret, else
 * from the environment. Undefined when GitHub is not configured at all. Errors name keys, never values.
 */
export function loadGitHubCredentials(
  config: { github: GitHubConfig; region: string },
  client?: Pick<SecretsManagerClient, 'send'>,
): Promise<GitHubAppCredentials>;
export function loadGitHubCredentials(
  config: Pick<RuntimeConfig, 'github' | 'region'>,
  client?: Pick<SecretsManagerClient, 'send'>,
): Promise<GitHubAppCredentials | undefined>;
export function loadGitHubCredentials(
  config: Pick<RuntimeConfig, 'github' | 'region'>,
  client?: Pick<SecretsManagerClient, 'send'>,
): Promise<GitHubAppCredentials | undefined> {
  if (!config.github) return Promise.resolve(undefined);
  if (config.github.source === 'environment') return Promise.resolve(config.github.credentials);
  const { secretArn } = config.github;
  let pending = cache.get(secretArn);
  if (!pending) {
    pending = readSecret(secretArn, client ?? new SecretsManagerClient({ region: config.region }));
    pending.catch(() => cache.delete(secretArn));
    cache.set(secretArn, pending);
  }
  return pending;
}

async function readSecret(
  secretArn: string,
  client: Pick<SecretsManagerClient, 'send'>,
): Promise<GitHubAppCredentials> {
  const response = await client.send(new GetSecretValueCommand({ SecretId: secretArn }));
  if (!response.SecretString) {
    throw new GitHubCredentialsError(
      'unfilled',
      `Secret ${secretArn} has no value yet; store the GitHub App's {"appId", "privateKey", "webhookSecret"}.`,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(response.SecretString);
  } catch {
    throw new GitHubCredentialsError(
      'malformed',
      `Secret ${secretArn} is not JSON; expected {"appId", "privateKey", "webhookSecret"}.`,
    );
  }
  const value = secretValueSchema.safeParse(json);
  if (!value.success) {
    throw new GitHubCredentialsError(
      'malformed',
      `Secret ${secretArn} is not a JSON object; expected {"appId", "privateKey", "webhookSecret"}.`,
    );
  }
  const keys = value.data;
  const candidate = {
    appId: keys.appId ?? keys.githubAppId,
    privateKey: keys.privateKey ?? keys.githubPrivateKey,
    webhookSecret: keys.webhookSecret ?? keys.githubWebhookSecret,
  };
  // The stack creates the secret with a generated webhook secret and empty App ID and key.
  if (isBlank(candidate.appId) && isBlank(candidate.privateKey)) {
    throw new GitHubCredentialsError(
      'unfilled',
      `Secret ${secretArn} has no appId and privateKey yet; store the GitHub App's (its webhookSecret may stay).`,
    );
  }
  const parsed = credentialsSchema.safeParse(candidate);
  if (!parsed.success) {
    const names = [...new Set(parsed.error.issues.map((issue) => String(issue.path[0] ?? '(root)')))];
    throw new GitHubCredentialsError(
      'malformed',
      `Secret ${secretArn} has missing or malformed keys: ${names.join(', ')}.`,
    );
  }
  return parsed.data;
}

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
}
