import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { afterEach, describe, expect, it } from 'vitest';
import { createDynamoDbClient } from '../../functions/adapters/dynamodb/client.js';
import { slackPayloadText } from '../../functions/local/dev/slack-payloads.js';
import { startSlackStandIn } from '../../functions/local/dev/slack-stand-in.js';
import { startSocketModeStandIn } from '../helpers/socket-mode-stand-in.js';

/** `npm start` is `tsx functions/local/index.ts`; run exactly that, from an empty folder (no .env). */
const root = fileURLToPath(new URL('../../', import.meta.url));
const tsx = join(root, 'node_modules/.bin/tsx');
const entry = join(root, 'functions/local/index.ts');
const cleanups: Array<() => Promise<void> | void> = [];

afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function startLocal(env: Record<string, string>) {
  const cwd = mkdtempSync(join(tmpdir(), 'htg-start-'));
  cleanups.push(() => rmSync(cwd, { recursive: true, force: true }));
  const child = spawn(tsx, [entry], {
    cwd,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? cwd, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  cleanups.push(() => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });
  const output = { stdout: '', stderr: '' };
  child.stdout?.on('data', (chunk: Buffer) => {
    output.stdout += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output.stderr += chunk.toString();
  });
  return { child, cwd, output };
}

async function waitFor(
  check: () => boolean,
  what: string,
  child: ChildProcess,
  describe: () => string,
  timeoutMs = 90_000,
) {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (child.exitCode !== null) throw new Error(`exited (${child.exitCode}) before ${what}:\n${describe()}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}:\n${describe()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('npm start', () => {
  it('without Slack tokens (and the rehearsal turned off), says what is missing and how to get it, and exits non-zero without starting anything', async () => {
    const { child, cwd, output } = startLocal({ HTG_REHEARSAL: 'off' });
    const [code] = (await once(child, 'exit')) as [number];
    expect(code).toBe(1);
    expect(output.stderr).toContain('SLACK_BOT_TOKEN (xoxb-…) is not set');
    expect(output.stderr).toContain('SLACK_APP_TOKEN (xapp-…) is not set');
    expect(output.stderr).toContain('Works without Slack credentials');
    expect(readdirSync(cwd)).toEqual([]);
  }, 60_000);

  it('without Slack tokens, says what is missing, then rehearses a whole hackathon offline and names its outputs', async () => {
    const { child, cwd, output } = startLocal({});
    const [code] = (await once(child, 'exit')) as [number];
    expect(code, output.stderr).toBe(0);
    expect(output.stderr).toContain('SLACK_BOT_TOKEN (xoxb-…) is not set');
    expect(output.stdout).toContain('Olga Organizer invites htg to #rehearsal');
    expect(output.stdout).toMatch(/Done in \d+ s: 29 topics, 40 people, \d+ reaction events counted exactly/);
    const folder = /Outputs in (\S+):/.exec(output.stdout)?.[1] as string;
    expect(folder.startsWith(join(cwd, '.local', 'rehearsal-'))).toBe(true);
    expect(output.stdout).toMatch(
      /on GitHub \(example-org\/rehearsal\) 29 issues, \d+ assignees, 29 results comments/,
    );
    expect(output.stdout).toMatch(
      /The vote in two venues: the voting discussion \(#\d+\) had 29 topic comments .* The final presentations: \d+ team slots/,
    );
    expect(readdirSync(folder).sort()).toEqual([
      'agendas.md',
      'github.html',
      'slack.html',
      'topics-board.md',
      'transcript.txt',
      'website.html',
      'wrap-up.md',
    ]);
  }, 180_000);

  it('with tokens, runs the listeners over Socket Mode on DynamoDB Local, and Ctrl-C stops both', async () => {
    const slack = await startSlackStandIn();
    const socket = await startSocketModeStandIn();
    cleanups.push(
      () => slack.close(),
      () => socket.close(),
    );
    slack.respond('auth.test', { ok: true, user_id: 'U0LOCALBOT', bot_id: 'B0LOCALBOT', team_id: 'T0001' });
    slack.respond('apps.connections.open', { ok: true, url: socket.url });

    const { child, cwd, output } = startLocal({
      SLACK_BOT_TOKEN: 'xoxb-local-e2e-bot-token',
      SLACK_APP_TOKEN: 'xapp-local-e2e-app-token',
      SLACK_API_URL: slack.url,
    });
    await waitFor(
      () => output.stdout.includes('htg is running over Socket Mode'),
      'the ready line',
      child,
      () => output.stdout + output.stderr,
    );
    await socket.connected;

    const command = Object.fromEntries(new URLSearchParams(slackPayloadText('command').trim()));
    const ack = await socket.send('slash_commands', { ...command, command: '/htg', text: 'help' });
    expect(ack.payload?.response_type).toBe('ephemeral');
    expect(String(ack.payload?.text)).toContain('`/htg help`');

    const endpoint = /DynamoDB Local: (http:\/\/127\.0\.0\.1:\d+)/.exec(output.stdout)?.[1] ?? '';
    const dynamo = createDynamoDbClient({ region: 'local', endpoint });
    cleanups.push(() => dynamo.destroy());
    expect((await dynamo.send(new ListTablesCommand({}))).TableNames).toContain('htg-local');
    expect(readdirSync(join(cwd, '.local/dynamodb')).length).toBeGreaterThan(0);

    child.kill('SIGINT');
    const [code] = (await once(child, 'exit')) as [number];
    expect(code).toBe(0);
    await expect(dynamo.send(new ListTablesCommand({}))).rejects.toThrow();
    expect(output.stdout + output.stderr).not.toContain('xoxb-local-e2e-bot-token');
    expect(output.stdout + output.stderr).not.toContain('xapp-local-e2e-app-token');
  }, 120_000);
});
