import { describe, expect, it } from 'vitest';
import { createLogger } from '../../functions/adapters/logger.js';

function capture(level: 'debug' | 'info' | 'warn' | 'error' = 'debug') {
  const lines: Array<{ level: string; line: string }> = [];
  const logger = createLogger({
    level,
    name: 'test',
    write: (line, entryLevel) => lines.push({ level: entryLevel, line }),
  });
  return {
    logger,
    lines,
    entries: () => lines.map(({ line }) => JSON.parse(line) as Record<string, unknown>),
  };
}

describe('createLogger', () => {
  it('writes one JSON object per entry with level, time, logger name and message', () => {
    const { logger, entries } = capture();
    logger.info('voting opened', { topics: 3 }, new Error('boom'));
    expect(entries()).toEqual([
      {
        level: 'info',
        time: expect.any(String),
        logger: 'test',
        message: 'voting opened {"topics":3} Error: boom',
      },
    ]);
  });

  it('drops entries below its level, and the level can change', () => {
    const { logger, lines } = capture('warn');
    logger.info('hidden');
    logger.warn('shown');
    logger.setLevel('debug');
    logger.debug('now shown');
    expect(lines.map((l) => l.level)).toEqual(['warn', 'debug']);
    expect(logger.getLevel()).toBe('debug');
  });

  it('redacts Slack tokens of every kind, even unregistered ones', () => {
    const { logger, lines } = capture();
    logger.error('calls with xoxb-123-456-abcDEF and xapp-1-A0-123-abc and xoxp-9-8-7');
    expect(lines[0]?.line).not.toMatch(/xox[bp]-|xapp-/);
    expect(lines[0]?.line).toContain('[redacted]');
  });

  it('redacts registered secret values wherever they appear', () => {
    const { logger, lines } = capture();
    logger.redact('my-signing-secret-value', undefined, 'short');
    logger.warn({ header: 'v0=...', secret: 'my-signing-secret-value' }, 'a short word stays');
    expect(lines[0]?.line).not.toContain('my-signing-secret-value');
    expect(lines[0]?.line).toContain('a short word stays');
  });
});
