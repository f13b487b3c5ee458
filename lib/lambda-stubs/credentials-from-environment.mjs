/**
 * Replaces @aws-sdk/credential-provider-node inside htg's Lambda bundles only. The Lambda runtime gives every
 * function its execution role's credentials as environment variables (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY,
 * AWS_SESSION_TOKEN), which is the first link of the SDK's default chain; the other links (SSO, shared ini
 * files, credential processes, web identity, container and instance metadata, with the STS and SSO clients
 * they bring) never run there but cost load time in every cold start. Same exports, same behaviour on Lambda;
 * anywhere without those variables it fails loudly, as the default chain would after trying the rest.
 * lib/bundling.ts explains the measurement; test/e2e/ingress-bundle.test.ts signs a request with it.
 */
import { fromEnv } from '@aws-sdk/credential-provider-env';

/** Credentials expiring within five minutes are treated as expired, as the SDK's default chain does. */
const REFRESH_MARGIN_MS = 300_000;

export const credentialsWillNeedRefresh = (credentials) => credentials?.expiration !== undefined;

export const credentialsTreatedAsExpired = (credentials) =>
  credentials?.expiration !== undefined && credentials.expiration.getTime() - Date.now() < REFRESH_MARGIN_MS;

export const defaultProvider = (init = {}) => {
  const fromEnvironment = fromEnv(init);
  let pending;
  return async () => {
    const current = pending ? await pending.catch(() => undefined) : undefined;
    if (!current || credentialsTreatedAsExpired(current)) pending = fromEnvironment();
    return pending;
  };
};
