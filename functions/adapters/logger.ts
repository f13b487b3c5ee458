import type { LogLevel } from './runtime-config.js';

/**
 * Structured JSON logger, one line per entry (CloudWatch-friendly). Its method shape matches
 * Bolt's `Logger`, so Bolt's own messages go through the same redaction.
 */
export interface Logger {
  debug(...message: unknown[]): void;
  info(...message: unknown[]): void;
  warn(...message: unknown[]): void;
  error(...message: unknown[]): void;
  setLevel(level: LogLevel): void;
  getLevel(): LogLevel;
  setName(name: string): void;
  /** Never print these values, wherever they appear (signing secret, tokens). */
  redact(...values: Array<string | undefined>): void;
}

const RANK: Record<LogLevel, number> = { debug: 10, info: 20, warn: 30, error: 40 };

/** Slack token shapes (bot, user, app-level, refresh, config); redacted even if nobody registered them. */
const TOKEN_PATTERN = /\bx(?:ox[abeoprs]|app)-[A-Za-z0-9-]+/g;
const REDACTED = '[redacted]';

export interface LoggerOptions {
  level: LogLevel;
  name?: string;
  /** Where lines go; defaults to stdout/stderr via console. */
  write?: (line: string, level: LogLevel) => void;
}

export function createLogger({ level, name = 'htg', write = defaultWrite }: LoggerOptions): Logger {
  let threshold = level;
  let loggerName = name;
  const secrets = new Set<string>();

  const scrub = (text: string): string => {
    let out = text.replace(TOKEN_PATTERN, REDACTED);
    for (const secret of secrets) out = out.split(secret).join(REDACTED);
    return out;
  };

  const log = (entryLevel: LogLevel, parts: unknown[]): void => {
    if (RANK[entryLevel] < RANK[threshold]) return;
    const entry = {
      level: entryLevel,
      time: new Date().toISOString(),
      logger: loggerName,
      message: parts.map(render).join(' '),
    };
    write(scrub(JSON.stringify(entry)), entryLevel);
  };

  return {
    debug: (...message) => log('debug', message),
    info: (...message) => log('info', message),
    warn: (...message) => log('warn', message),
    error: (...message) => log('error', message),
    setLevel: (next) => {
      threshold = next;
    },
    getLevel: () => threshold,
    setName: (next) => {
      loggerName = next;
    },
    redact: (...values) => {
      // Very short values would redact ordinary words; real secrets are long.
      for (const value of values) if (value && value.length >= 8) secrets.add(value);
    },
  };
}

function render(part: unknown): string {
  if (typeof part === 'string') return part;
  if (part instanceof Error) return `${part.name}: ${part.message}`;
  try {
    return JSON.stringify(part);
  } catch {
    return String(part);
  }
}

function defaultWrite(line: string, level: LogLevel): void {
  if (level === 'error' || level === 'warn') console.error(line);
  else console.log(line);
}
