import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { lambdaContext } from '../../functions/local/dev/lambda-context.js';
import {
  signedFunctionUrlEvent,
  slashCommandBody,
  TEST_BOT_TOKEN,
  TEST_SIGNING_SECRET,
} from '../../functions/local/dev/signed-request.js';
import { slackPayloadText } from '../../functions/local/dev/slack-payloads.js';
import type { SlackStandIn } from '../../functions/local/dev/slack-stand-in.js';
import type { IngressHandler } from '../../functions/slack/ingress-handler.js';
import type { TestTable } from '../helpers/dynamodb.js';
import { fixtureJson, fixtureText, SLACK_FIXTURES } from '../helpers/fixtures.js';
import { type IngressHarness, startIngressHarness } from '../helpers/ingress-harness.js';

/**
 * The real ingress entry (functions/ingress/index.ts) receiving Function URL events signed the way Slack signs
 * them, with DynamoDB Local behind it and Slack's Web API replaced by a loopback stand-in that records calls.
 */
let handler: IngressHandler;
let harness: IngressHarness;
let table: TestTable;
let slack: SlackStandIn;

const commandTemplate = slackPayloadText('command');
const htg = (text: string) => slashCommandBody(commandTemplate, { command: '/htg', text });
const form = 'application/x-www-form-urlencoded';
const invoke = (event: ReturnType<typeof signedFunctionUrlEvent>) => handler(event, lambdaContext());
const jsonBody = (result: Awaited<ReturnType<IngressHandler>>) =>
  JSON.parse(String(result.body)) as Record<string, unknown>;

beforeAll(async () => {
  harness = await startIngressHarness('e2e-ingress');
  ({ table, slack } = harness);
  ({ handler } = await import('../../functions/ingress/index.js'));
});

afterAll(async () => {
  await harness?.close();
});

beforeEach(() => {
  slack.calls.length = 0;
});

describe('ingress entry point', () => {
  it('is a two-argument handler, as Lambda Node.js 24 requires', () => {
    expect(handler).toHaveLength(2);
  });

  it('makes no auth.test round trip at cold start or on a request', async () => {
    const result = await invoke(signedFunctionUrlEvent({ body: htg('help'), contentType: form }));
    expect(result.statusCode).toBe(200);
    expect(slack.callsTo('auth.test')).toEqual([]);
  });
});

describe('requests that are not from Slack get 401 and change nothing', () => {
  const body = htg('help');
  const secondsFromNow = (offset: number) => Math.floor(Date.now() / 1000) + offset;
  const refused: Array<[string, () => Parameters<typeof signedFunctionUrlEvent>[0]]> = [
    [
      'a signature made with another secret',
      () => ({ body, contentType: form, signingSecret: 'not-the-signing-secret' }),
    ],
    ['a tampered signature', () => ({ body, contentType: form, signature: `v0=${'0'.repeat(64)}` })],
    ['missing signature headers', () => ({ body, contentType: form, unsigned: true })],
    [
      'a timestamp older than five minutes',
      () => ({ body, contentType: form, timestamp: secondsFromNow(-301) }),
    ],
    [
      'a timestamp more than five minutes ahead',
      () => ({ body, contentType: form, timestamp: secondsFromNow(301) }),
    ],
    ['a garbled body', () => ({ body: '{"type":', contentType: 'application/json', signature: 'v0=forged' })],
  ];

  it.each(refused)('%s', async (_name, options) => {
    const result = await invoke(signedFunctionUrlEvent(options()));
    expect(result).toEqual({ statusCode: 401, body: '' });
    expect(await table.items()).toEqual([]);
    expect(slack.calls).toEqual([]);
  });

  it('refuses a url_verification challenge that is not signed, without echoing it', async () => {
    const challenge = fixtureText(`${SLACK_FIXTURES}UrlVerificationPayloadTest__json_L14.json`);
    const result = await invoke(
      signedFunctionUrlEvent({ body: challenge, contentType: 'application/json', unsigned: true }),
    );
    expect(result.statusCode).toBe(401);
    expect(String(result.body)).not.toContain('challenge');
  });

  it('accepts the same request when it is correctly signed', async () => {
    const result = await invoke(signedFunctionUrlEvent({ body, contentType: form }));
    expect(result.statusCode).toBe(200);
  });
});

describe('url_verification', () => {
  it('returns the challenge of a signed verification request', async () => {
    const payload = fixtureJson<{ challenge: string }>(
      `${SLACK_FIXTURES}UrlVerificationPayloadTest__json_L14.json`,
    );
    const result = await invoke(
      signedFunctionUrlEvent({ body: JSON.stringify(payload), contentType: 'application/json' }),
    );
    expect(result.statusCode).toBe(200);
    expect(jsonBody(result)).toEqual({ challenge: payload.challenge });
  });
});

describe('/htg help', () => {
  it('answers with usage, visible only to the caller', async () => {
    const result = await invoke(signedFunctionUrlEvent({ body: htg('help'), contentType: form }));
    expect(result.statusCode).toBe(200);
    const reply = jsonBody(result);
    expect(reply.response_type).toBe('ephemeral');
    expect(reply.text).toContain('`/htg help`');
    expect(JSON.stringify(reply.blocks)).toContain('/htg help');
    expect(slack.calls).toEqual([]);
  });

  it('treats a bare /htg as help', async () => {
    const reply = jsonBody(await invoke(signedFunctionUrlEvent({ body: htg(''), contentType: form })));
    expect(reply.text).toContain('`/htg help`');
    expect(reply.text).not.toContain("I don't know");
  });

  it('answers an unknown subcommand with the help and a hint', async () => {
    const reply = jsonBody(await invoke(signedFunctionUrlEvent({ body: htg('hlep me'), contentType: form })));
    expect(reply.response_type).toBe('ephemeral');
    expect(reply.text).toMatch(/^I don't know `\/htg hlep`\. Did you mean `\/htg help`\?/);
    expect(reply.text).toContain('`/htg help`');
  });

  it('never lets the echoed subcommand ping or format', async () => {
    const reply = jsonBody(
      await invoke(signedFunctionUrlEvent({ body: htg('<!channel>`x`'), contentType: form })),
    );
    expect(reply.text).toContain('&lt;!channel&gt;');
    expect(JSON.stringify(reply)).not.toContain('<!channel>');
  });

  it('accepts a base64-encoded body with UTF-8 text and a Content-Type with a charset', async () => {
    const result = await invoke(
      signedFunctionUrlEvent({
        body: htg('hëlp 🚀'),
        contentType: `${form}; charset=utf-8`,
        base64: true,
      }),
    );
    expect(result.statusCode).toBe(200);
    expect(jsonBody(result).text).toContain("I don't know `/htg hëlp`");
  });
});

describe('events', () => {
  it('acknowledges a signed reaction_added event with 200 and does nothing else yet', async () => {
    const envelope = slackPayloadText('event');
    const result = await invoke(signedFunctionUrlEvent({ body: envelope, contentType: 'application/json' }));
    expect(result.statusCode).toBe(200);
    expect(await table.items()).toEqual([]);
    expect(slack.calls).toEqual([]);
  });

  it('answers 400, not a crash, to a signed body it cannot parse', async () => {
    const result = await invoke(
      signedFunctionUrlEvent({ body: '{"type":', contentType: 'application/json' }),
    );
    expect(result.statusCode).toBe(400);
  });
});

describe('secrets', () => {
  it('never writes the signing secret or the bot token to the log', () => {
    expect(harness.logLines.length).toBeGreaterThan(0);
    const everything = harness.logLines.join('\n');
    expect(everything).not.toContain(TEST_SIGNING_SECRET);
    expect(everything).not.toContain(TEST_BOT_TOKEN);
  });
});
