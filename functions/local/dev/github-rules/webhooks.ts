/**
 * Webhook deliveries as GitHub sends them to a GitHub App: the payloads are the community's recorded examples
 * (@octokit/webhooks-examples, `api.github.com/index.json`: `{ name, examples[] }` per event), with the parts
 * that name things replaced by the stand-in's own (the issue or pull request as stored, the repository, the
 * installation, the sender). Headers as docs.github.com lists them ("Webhook events and payloads", "Delivery
 * headers"): `X-GitHub-Event`, `X-GitHub-Delivery` (a GUID), `X-GitHub-Hook-ID`, the installation target
 * headers, `X-Hub-Signature` (HMAC-SHA1, kept for compatibility) and `X-Hub-Signature-256` (HMAC-SHA256 of the
 * exact body with the webhook secret, `sha256=<hex>`, what @octokit/webhooks-methods' `sign` gives),
 * `User-Agent: GitHub-Hookshot/<id>`, `Content-Type: application/json`.
 */
import { createHmac, randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

type Json = Record<string, unknown>;

let examples: Map<string, Json[]> | undefined;

/** The examples of one event (read once, on the first delivery). */
function examplesOf(event: string): Json[] {
  if (!examples) {
    const file = createRequire(import.meta.url).resolve('@octokit/webhooks-examples');
    const index = JSON.parse(readFileSync(file, 'utf8')) as Array<{ name: string; examples: Json[] }>;
    examples = new Map(index.map((entry) => [entry.name, entry.examples]));
  }
  return examples.get(event) ?? [];
}

/**
 * The example payload for an action: one recorded for an App (with `installation`), without an
 * `organization` when there is one, else the first. The examples have no `issues`/`closed`; GitHub sends it
 * with the keys of `reopened` (docs.github.com, "issues" event: both carry action, issue, repository,
 * sender, installation), so that one stands in for its shape.
 */
export function examplePayload(event: string, action: string): Json {
  const candidates = examplesOf(event);
  const named = (wanted: string) => candidates.filter((example) => example.action === wanted);
  let found = named(action);
  if (found.length === 0 && event === 'issues' && action === 'closed') found = named('reopened');
  if (found.length === 0) throw new Error(`@octokit/webhooks-examples has no ${event}.${action} example`);
  const score = (example: Json) => ('installation' in example ? 2 : 0) - ('organization' in example ? 1 : 0);
  const best = found.reduce((a, b) => (score(b) > score(a) ? b : a));
  return { ...structuredClone(best), action };
}

/** The headers and body of one delivery, the body signed with the webhook secret. */
export function signedDelivery(
  event: string,
  payload: Json,
  context: { deliveryId?: string; hookId: number; appId: number; secret: string },
): { id: string; headers: Record<string, string>; body: string } {
  const id = context.deliveryId ?? randomUUID();
  const body = JSON.stringify(payload);
  const hmac = (algorithm: string) => createHmac(algorithm, context.secret).update(body).digest('hex');
  return {
    id,
    body,
    headers: {
      'content-type': 'application/json',
      'user-agent': 'GitHub-Hookshot/6b7a5c1',
      'x-github-event': event,
      'x-github-delivery': id,
      'x-github-hook-id': String(context.hookId),
      'x-github-hook-installation-target-type': 'integration',
      'x-github-hook-installation-target-id': String(context.appId),
      'x-hub-signature': `sha1=${hmac('sha1')}`,
      'x-hub-signature-256': `sha256=${hmac('sha256')}`,
    },
  };
}
