import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lambdaContext } from '../../functions/local/dev/lambda-context.js';
import { startSecretsStandIn } from '../../functions/local/dev/secrets-stand-in.js';
import {
  signedFunctionUrlEvent,
  TEST_BOT_TOKEN,
  TEST_BOT_USER_ID,
  TEST_SIGNING_SECRET,
} from '../../functions/local/dev/signed-request.js';
import { SlackSim } from '../../functions/local/dev/slack-sim.js';
import type { IngressHandler } from '../../functions/slack/ingress-handler.js';
import { topicActionValue } from '../../functions/slack/views/topic-card.js';
import { esbuildOptions, INGRESS_NODE_MODULES, UNUSED_IN_LAMBDA } from '../../lib/bundling.js';
import { newChannel, setUpHackathon } from '../helpers/hackathon-setup.js';
import { type IngressHarness, startIngressHarness } from '../helpers/ingress-harness.js';

/**
 * The ingress as deployed: bundled by esbuild with the stack's options (ESM, minified, Bolt's unused receivers'
 * packages and the SDK's credential chain replaced by stubs, SDK bundled), loaded as an .mjs file and driven
 * through every kind of request it serves. The stubs throw when called, so any path that needed them fails here.
 */
const root = fileURLToPath(new URL('../../', import.meta.url));
const outfile = join(root, '.build/test/ingress/index.mjs');
let metafile: Metafile;
let handler: IngressHandler;
let harness: IngressHarness;
let sim: SlackSim;

beforeAll(async () => {
  mkdirSync(join(root, '.build/test/ingress'), { recursive: true });
  ({ metafile } = await build({
    ...esbuildOptions(join(root, 'functions/ingress/index.ts'), outfile),
    metafile: true,
  }));
  harness = await startIngressHarness('e2e-bundle');
  ({ handler } = (await import(/* @vite-ignore */ pathToFileURL(outfile).href)) as {
    handler: IngressHandler;
  });
  sim = new SlackSim(harness.track(handler), harness.slack);
}, 60_000);

afterAll(async () => {
  await harness?.close();
});

const bundledPackages = () =>
  new Set(
    Object.keys(metafile.inputs).flatMap(
      (input) => /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(input)?.[1] ?? [],
    ),
  );

describe('what the ingress bundle holds', () => {
  it('leaves out the packages only other receivers use, and the credential links Lambda never runs', () => {
    const packages = bundledPackages();
    for (const name of [
      ...UNUSED_IN_LAMBDA,
      'undici',
      'iconv-lite',
      'jsonwebtoken',
      '@aws-sdk/credential-provider-node',
      '@aws-sdk/credential-provider-sso',
      '@aws-sdk/credential-provider-ini',
      '@aws-sdk/nested-clients',
    ]) {
      expect(packages, name).not.toContain(name);
    }
    expect(packages).toContain('@slack/bolt');
    expect(packages).toContain('@aws-sdk/credential-provider-env');
    expect(Object.keys(metafile.inputs).some((input) => input.includes('zod/v4/classic'))).toBe(false);
  });

  it("leaves out the SDK's event-stream serde and the second copy of eventemitter3", () => {
    const inputs = Object.keys(metafile.inputs);
    expect(inputs.filter((input) => input.includes('@smithy/core/dist-es/submodules/event-streams'))).toEqual(
      [],
    );
    expect(inputs).toContain('lib/lambda-stubs/no-event-streams.mjs');
    expect(inputs.filter((input) => input.endsWith('eventemitter3/index.js'))).toEqual([
      'node_modules/eventemitter3/index.js',
    ]);
  });

  it("leaves out /htg import's Markdown parser, which only an import loads, from node_modules", () => {
    const packages = bundledPackages();
    for (const name of [...INGRESS_NODE_MODULES, 'micromark', 'micromark-core-commonmark'])
      expect(packages, name).not.toContain(name);
    const code = readFileSync(outfile, 'utf8');
    // A static import would be hoisted to the top of the bundle and loaded at every cold start.
    expect(code).toContain('import("mdast-util-from-markdown")');
    expect(code).not.toMatch(/from\s*"mdast-util-from-markdown"/);
  });

  it("leaves out GitHub's client: only the refresher calls GitHub; the ingress only verifies webhooks", () => {
    const packages = bundledPackages();
    for (const name of [
      '@octokit/core',
      '@octokit/auth-app',
      '@octokit/request',
      '@octokit/plugin-retry',
      '@octokit/plugin-throttling',
    ])
      expect(packages, name).not.toContain(name);
    expect(packages).toContain('@octokit/webhooks-methods');
  });

  it('stays within the 800 KB budget', () => {
    expect(readFileSync(outfile).length).toBeLessThan(800_000);
  });

  it('stubs fail loudly if a Lambda ever reached them', async () => {
    const stub = (await import(/* @vite-ignore */ join(root, 'lib/lambda-stubs/unused-package.cjs'))).default;
    expect(stub.__esModule).toBe(false);
    expect(() => stub.Router()).toThrow(/Bolt's dependency export "Router" is not bundled into htg's Lambda/);
    expect(() => new stub.InstallProvider()).toThrow(/not bundled/);
  });
});

describe('the bundled ingress serves every listener type', () => {
  it('answers a command in the ack (/htg help) without calling Slack', async () => {
    const calls = harness.slack.calls.length;
    const { status, reply } = await sim.command('U0ANYONE', newChannel(), 'help');
    expect(status).toBe(200);
    expect(String(reply?.text)).toContain('`/htg help`');
    expect(harness.slack.calls.length).toBe(calls);
  });

  it('runs a hackathon: modal submissions, a reaction event, a card button and the Home tab', async () => {
    // Commands → views.open; view submissions → the hackathon and a topic stored; the refresher posts the card.
    const { channel } = await setUpHackathon(sim, 'U0ORG', {
      answers: { name: 'Bundle week' },
      topics: ['Bundled'],
    });
    const hackathon = await harness.hackathonIn(channel);
    expect(hackathon?.name).toBe('Bundle week');
    await harness.refresh();
    const topic = await harness.topicOf(String(hackathon?.id), 1);
    const ts = String((topic?.card as { ts?: string } | undefined)?.ts);
    expect(ts).toMatch(/^\d+\.\d+$/);

    // Event: a vote.
    const card = { channel, ts, itemUser: TEST_BOT_USER_ID };
    expect(
      await sim.react('U0VOTER', {
        ...card,
        reaction: 'arrow_up',
        added: true,
        eventTs: '1800000000.000100',
      }),
    ).toBe(200);
    expect((await harness.topicOf(String(hackathon?.id), 1))?.voteCount).toBe(1);

    // Button: join the team.
    const value = topicActionValue({ hackathonId: String(hackathon?.id), number: 1 });
    expect(await sim.click('U0JOINER', channel, ts, 'topic_join', value)).toBe(200);
    const joined = (await harness.topicOf(String(hackathon?.id), 1))?.members as Set<string> | undefined;
    expect([...(joined ?? [])]).toEqual(['U0JOINER']);

    // Event: the Home tab is built and published.
    expect(await sim.openHome('U0VOTER')).toBe(200);
    expect(harness.slack.callsTo('views.publish').at(-1)?.args.user_id).toBe('U0VOTER');
  });

  it('previews a pasted topic list (/htg import), with the parser loaded beside the bundle', async () => {
    const { channel } = await setUpHackathon(sim, 'U0IMPORTER', { answers: { name: 'Import week' } });
    await sim.command('U0IMPORTER', channel, 'import');
    const { status, reply } = await sim.submit('U0IMPORTER', sim.lastOpenedView(), {
      markdown: '### Core\n- Bundled import\n    - a detail',
    });
    expect(status).toBe(200);
    expect(reply?.response_action).toBe('update');
    expect(JSON.stringify(reply?.view)).toContain('Found *1* topic: *1* to import');
  });

  it('refuses forged and replayed requests with 401 and writes nothing', async () => {
    const before = (await harness.table.items()).length;
    const forged = await handler(
      signedFunctionUrlEvent({
        body: 'command=%2Fhtg&text=help',
        contentType: 'application/x-www-form-urlencoded',
        signingSecret: 'forged',
      }),
      lambdaContext(),
    );
    const replayed = await handler(
      signedFunctionUrlEvent({
        body: 'command=%2Fhtg&text=help',
        contentType: 'application/x-www-form-urlencoded',
        timestamp: Math.floor(Date.now() / 1000) - 301,
      }),
      lambdaContext(),
    );
    expect(forged).toEqual({ statusCode: 401, body: '' });
    expect(replayed).toEqual({ statusCode: 401, body: '' });
    expect((await harness.table.items()).length).toBe(before);
  });
});

describe('the bundled ingress as deployed, with its secret in Secrets Manager', () => {
  it('signs the secret request with the environment credentials Lambda provides, then verifies with the secret', async () => {
    const secrets = await startSecretsStandIn({
      signingSecret: TEST_SIGNING_SECRET,
      botToken: TEST_BOT_TOKEN,
      botUserId: TEST_BOT_USER_ID,
    });
    const saved = { ...process.env };
    Object.assign(process.env, {
      SLACK_SECRET_ARN: 'arn:aws:secretsmanager:eu-central-1:123456789012:secret:htg-slack',
      AWS_ENDPOINT_URL_SECRETS_MANAGER: secrets.url,
      AWS_ACCESS_KEY_ID: 'AKIDBUNDLETEST',
      AWS_SECRET_ACCESS_KEY: 'bundle-test-secret',
      AWS_SESSION_TOKEN: 'bundle-test-session',
    });
    for (const name of ['SLACK_SIGNING_SECRET', 'SLACK_BOT_TOKEN', 'SLACK_BOT_USER_ID'])
      delete process.env[name];
    try {
      // A second instance of the same bundle (ESM caches by URL), loaded with the deployed settings.
      const deployed = (await import(
        /* @vite-ignore */ `${pathToFileURL(outfile).href}?secrets-manager`
      )) as {
        handler: IngressHandler;
      };
      expect(secrets.authorizations).toHaveLength(1);
      expect(secrets.authorizations[0]).toMatch(/^AWS4-HMAC-SHA256 Credential=AKIDBUNDLETEST\//);
      const { status, reply } = await new SlackSim(deployed.handler, harness.slack).command(
        'U0ANYONE',
        newChannel(),
        'help',
      );
      expect(status).toBe(200);
      expect(String(reply?.text)).toContain('`/htg help`');
    } finally {
      process.env = saved;
      await secrets.close();
    }
  });
});
