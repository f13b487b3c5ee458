import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Slack's words and markup are written at the edge (functions/slack/): the domain, the use-cases and the
 * adapters that are not Slack's report problems as data (functions/domain/problems.ts). The dependency rules
 * keep those folders from importing the Slack modules; this keeps them from writing Slack markup by hand.
 */
const ROOT = join(import.meta.dirname, '../..');
const INSIDE = ['functions/domain', 'functions/app', 'functions/adapters/dynamodb', 'functions/adapters/aws'];

/** mrkdwn that only a Slack message needs: mentions, channel links, special mentions, escapes, `/htg` as code. */
const SLACK_MARKUP: ReadonlyArray<[string, RegExp]> = [
  ['a user mention', /<@/],
  ['a channel link', /<#/],
  ['a special mention', /<!/],
  ['an mrkdwn escape', /&(?:lt|gt|amp);/],
  ['a command as inline code', /`\/htg/],
  ['a bold interpolation', /\*\$\{/],
];

function sources(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts'))
    .map((name) => join(ROOT, folder, name));
}

/** The code without its comments, which may well talk about Slack. */
function code(text: string): string {
  return text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:])\/\/.*$/gm, '$1');
}

describe('copy at the edge', () => {
  it('has no Slack markup written in the domain, the use-cases or the table and AWS adapters', () => {
    const found: string[] = [];
    for (const file of INSIDE.flatMap(sources)) {
      const lines = code(readFileSync(file, 'utf8')).split('\n');
      lines.forEach((line, index) => {
        for (const [what, pattern] of SLACK_MARKUP) {
          if (pattern.test(line)) found.push(`${relative(ROOT, file)}:${index + 1} writes ${what}`);
        }
      });
    }
    expect(found).toEqual([]);
  });

  it('scans real files, with patterns that find the markup where it belongs', () => {
    const files = INSIDE.flatMap(sources).map((file) => relative(ROOT, file));
    expect(files).toContain('functions/app/topics.ts');
    expect(files).toContain('functions/adapters/dynamodb/topic-store.ts');
    expect(files.length).toBeGreaterThan(40);
    const messages = code(readFileSync(join(ROOT, 'functions/slack/messages.ts'), 'utf8'));
    const seen = SLACK_MARKUP.filter(([, pattern]) => pattern.test(messages)).map(([what]) => what);
    expect(seen).toEqual(expect.arrayContaining(['a user mention', 'a command as inline code']));
  });
});
