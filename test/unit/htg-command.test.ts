import { describe, expect, it } from 'vitest';
import { closestName, parseCommandText } from '../../functions/slack/listeners/commands/subcommands.js';
import { helpMessage } from '../../functions/slack/views/help-message.js';
import { escapeMrkdwn, inlineCode } from '../../functions/slack/views/mrkdwn.js';

describe('parseCommandText', () => {
  it.each([
    ['', { name: 'help', args: '' }],
    ['   ', { name: 'help', args: '' }],
    ['help', { name: 'help', args: '' }],
    ['Propose  Better   logs ', { name: 'propose', args: 'Better   logs' }],
    ['status #12 done', { name: 'status', args: '#12 done' }],
    ['propose line one\nline two', { name: 'propose', args: 'line one\nline two' }],
  ])('%j → %j', (text, expected) => {
    expect(parseCommandText(text)).toEqual(expected);
  });
});

describe('closestName', () => {
  const names = ['help', 'propose', 'settings', 'setup'];
  it('suggests a known name a typo or two away', () => {
    expect(closestName('hlep', names)).toBe('help');
    expect(closestName('propse', names)).toBe('propose');
    expect(closestName('setpu', names)).toBe('setup');
  });
  it('suggests nothing for unrelated words', () => {
    expect(closestName('wrapup', names)).toBeUndefined();
    expect(closestName('x', names)).toBeUndefined();
  });
});

describe('helpMessage', () => {
  const commands = [
    { usage: 'help', summary: 'show what htg can do' },
    { usage: 'propose [title]', summary: 'propose a topic' },
  ];

  it('lists every command with its usage, ephemerally, with fallback text', () => {
    const message = helpMessage({ command: '/htg', commands });
    expect(message.response_type).toBe('ephemeral');
    expect(message.text).toContain('• `/htg help` – show what htg can do');
    expect(message.text).toContain('• `/htg propose [title]` – propose a topic');
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    for (const block of message.blocks) {
      if (block.type === 'section') expect(block.text?.text.length).toBeLessThanOrEqual(3000);
    }
  });

  it('starts with a hint naming the unknown subcommand and a suggestion', () => {
    const message = helpMessage({ command: '/htg', commands, unknown: 'hlep', suggestion: 'help' });
    expect(message.text.split('\n')[0]).toBe(
      "I don't know `/htg hlep`. Did you mean `/htg help`? Here is what I can do:",
    );
    expect(message.blocks[0]).toEqual({
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: "I don't know `/htg hlep`. Did you mean `/htg help`? Here is what I can do:",
      },
    });
  });
});

describe('mrkdwn escaping', () => {
  it('defuses mentions, broadcasts and links', () => {
    expect(escapeMrkdwn('<!channel> <@U123> <https://x|y> & co')).toBe(
      '&lt;!channel&gt; &lt;@U123&gt; &lt;https://x|y&gt; &amp; co',
    );
  });
  it('keeps inline code closed and short', () => {
    expect(inlineCode('a`b')).toBe("`a'b`");
    expect(inlineCode('x'.repeat(100), 10)).toBe(`\`${'x'.repeat(9)}…\``);
  });
});
