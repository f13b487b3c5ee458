import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IngressHandler } from '../../functions/slack/ingress-handler.js';
import { esbuildOptions } from '../../lib/bundling.js';
import { fixtureText, SLACK_FIXTURES } from '../helpers/fixtures.js';
import { type IngressHarness, startIngressHarness } from '../helpers/ingress-harness.js';
import { lambdaContext } from '../helpers/lambda.js';
import { signedFunctionUrlEvent, slashCommandBody } from '../helpers/signed-request.js';

/**
 * The ingress as deployed: bundled by esbuild with the stack's options (ESM, minified, CommonJS Bolt behind a
 * require() banner, SDK bundled), loaded as an .mjs file and sent a signed request.
 */
const root = fileURLToPath(new URL('../../', import.meta.url));
const outfile = join(root, '.build/test/ingress/index.mjs');
let handler: IngressHandler;
let harness: IngressHarness;

beforeAll(async () => {
  mkdirSync(join(root, '.build/test/ingress'), { recursive: true });
  await build(esbuildOptions(join(root, 'functions/ingress/index.ts'), outfile));
  harness = await startIngressHarness('e2e-bundle');
  ({ handler } = (await import(/* @vite-ignore */ pathToFileURL(outfile).href)) as {
    handler: IngressHandler;
  });
}, 60_000);

afterAll(async () => {
  await harness?.close();
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
    expect(harness.slack.calls).toEqual([]);
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
    expect(await harness.table.items()).toEqual([]);
  });
});
