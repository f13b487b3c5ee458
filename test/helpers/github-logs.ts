import { expect } from 'vitest';
import type { GitHubStandIn } from '../../functions/local/dev/github-stand-in.js';

/**
 * After each test against the GitHub stand-in: every call conformed to GitHub's OpenAPI description, and no line
 * a GitHub adapter logged holds the App's private key (whole or any line of it), an installation token or the
 * webhook secret.
 */
export function expectCleanGitHubLogs(github: GitHubStandIn, logged: readonly string[]): void {
  expect(github.contractViolations).toEqual([]);
  const keyLines = github.app.privateKey
    .split('\n')
    .filter((line) => line.trim() && !line.startsWith('-----'));
  for (const line of logged) {
    expect(line).not.toContain(github.app.privateKey);
    for (const keyLine of keyLines) expect(line).not.toContain(keyLine);
    expect(line).not.toMatch(/\bghs_[A-Za-z0-9]{20,}/);
    expect(line).not.toContain(github.app.webhookSecret);
  }
}
