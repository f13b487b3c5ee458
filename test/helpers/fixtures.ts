import { readFileSync } from 'node:fs';

const root = new URL('../fixtures/', import.meta.url);

/** Text of a file under test/fixtures (see test/fixtures/ATTRIBUTION.md for where each came from). */
export function fixtureText(path: string): string {
  return readFileSync(new URL(path, root), 'utf8');
}

/** A JSON fixture, parsed. */
export function fixtureJson<T = Record<string, unknown>>(path: string): T {
  return JSON.parse(fixtureText(path)) as T;
}

export const SLACK_FIXTURES = 'slack/java-slack-sdk/test-fixtures-extracted/';
