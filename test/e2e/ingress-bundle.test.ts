import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { IngressHandler } from '../../functions/slack/ingress-handler.js';
import { esbuildOptions } from '../../lib/bundling.js';
import { createTestTable, type TestTable } from '../helpers/dynamodb.js';
import { fixtureText, SLACK_FIXTURES } from '../helpers/fixtures.js';
import { lambdaContext } from '../helpers/lambda.js';
import {
  signedFunctionUrlEvent,
  slashCommandBody,
  TEST_BOT_TOKEN,
  TEST_BOT_USER_ID,
  TEST_SIGNING_SECRET,
} from '../helpers/signed-request.js';
import { type SlackStandIn, startSlackStandIn } from '../helpers/slack-stand-in.js';

/**
 * The ingress as deployed: bundled by esbuild with the stack's options (ESM, minified, CommonJS Bolt behind a
 * require() banner, SDK bundled), loaded as an .mjs file and sent a signed request.
 */
const root = fileURLToPath(new URL('../../', import.meta.url));
const outfile = join(root, '.build/test/ingress/index.mjs');
let handler: IngressHandler;
let table: TestTable;
let slack: SlackStandIn;

beforeAll(async () => {
  mkdirSync(join(root, '.build/test/ingress'), { recursive: true });
  await build(esbuildOptions(join(root, 'functions/ingress/index.ts'), outfile));
  table = await createTestTable('e2e-bundle');
  slack = await startSlackStandIn();
  vi.spyOn(console, 'log').mockImplementation(() => undefined);
  vi.spyOn(console, 'error').mockImplementation(() => undefined);
  vi.stubEnv('TABLE_NAME', table.tableName);
  vi.stubEnv('DYNAMODB_ENDPOINT', table.endpoint);
  vi.stubEnv('SLACK_API_URL', slack.url);
  vi.stubEnv('SLACK_SECRET_ARN', '');
  vi.stubEnv('SLACK_SIGNING_SECRET', TEST_SIGNING_SECRET);
  vi.stubEnv('SLACK_BOT_TOKEN', TEST_BOT_TOKEN);
  vi.stubEnv('SLACK_BOT_USER_ID', TEST_BOT_USER_ID);
  ({ handler } = (await import(/* @vite-ignore */ pathToFileURL(outfile).href)) as {
    handler: IngressHandler;
  });
}, 60_000);

afterAll(async () => {
  vi.unstubAllEnvs();
  await slack?.close();
  await table?.drop();
});

describe('the bundled ingress', () => {
  it('loads as ESM and answers a signed /htg help', async () => {
    const body = slashCommandBody(fixtureText(`${SLACK_FIXTURES}SlashCommandPayloadTest__body1_L18.txt`), {
      command: '/htg',
      text: 'help',
    });
    const result = await handler(
      signedFunctionUrlEvent({ body, contentType: 'application/x-www-form-urlencoded' }),
      lambdaContext(),
    );
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(String(result.body)).text).toContain('`/htg help`');
    expect(slack.calls).toEqual([]);
  });

  it('refuses a forged request with 401', async () => {
    const result = await handler(
      signedFunctionUrlEvent({
        body: 'command=%2Fhtg',
        contentType: 'application/x-www-form-urlencoded',
        signingSecret: 'forged',
      }),
      lambdaContext(),
    );
    expect(result).toEqual({ statusCode: 401, body: '' });
    expect(await table.items()).toEqual([]);
  });
});
