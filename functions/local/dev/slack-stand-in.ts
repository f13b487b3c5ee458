import { once } from 'node:events';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { TEST_BOT_USER_ID } from './signed-request.js';
import { asSlackReportsReactions } from './slack-rules/emoji.js';
import { type SlackRule, type SlackWorld, type StandInClock, strictRules } from './slack-rules/index.js';

type SlackFault = 500 | 503 | 'drop';

/** One Web API call the app made. */
export interface RecordedCall {
  method: string;
  /** Arguments, from a form or JSON body. */
  args: Record<string, unknown>;
  authorization: string | undefined;
  /** The raw request body (an uploaded file's content, for `upload`). */
  body: string;
  /** What the stand-in answered (unset when it answered with a fault or a rate limit). */
  answer?: Record<string, unknown>;
  /** When it arrived, on the stand-in's clock (`world.clock`, sped up in tests). */
  at: number;
  /** The error code when one of Slack's rules refused the call (`slack-rules/`), e.g. `msg_blocks_too_long`. */
  refused?: string;
}

export interface SlackStandIn {
  /** Pass as `SLACK_API_URL` / WebClient's `slackApiUrl`. */
  url: string;
  calls: RecordedCall[];
  /** Calls one of Slack's rules refused (`slack-rules/`); a test that expects none asserts this is empty. */
  refusals(): RecordedCall[];
  /** What the stand-in knows about the workspace (clock, bot, channels), shared with its rules. */
  world: SlackWorld;
  /** Calls of one Web API method. */
  callsTo(method: string): RecordedCall[];
  /** Calls to a method about anything but the living board and scheduled summaries (which open with a header block). */
  cardCallsTo(method: string): RecordedCall[];
  /** Answer a method with a fixed body, or one computed from the call's arguments (default `{ ok: true }`). */
  respond(
    method: string,
    body: Record<string, unknown> | ((args: Record<string, unknown>) => Record<string, unknown>),
  ): void;
  /** Answer the next `times` calls of a method with 429 and `Retry-After`, as Slack does when rate limited. */
  rateLimit(method: string, times: number, retryAfterSeconds: number): void;
  /**
   * Fail the next calls of a method, one fault each: a 500 or 503 answer, or `drop` (the connection is held
   * for a while and then closed with no answer, as when Slack times out).
   */
  failNext(method: string, faults: ReadonlyArray<SlackFault>): void;
  /**
   * Answer the next call of a method whose arguments match `when` with Slack's `{ ok: false, error }` (a platform
   * error: the Web API client does not retry it), e.g. to fail the second page of a message.
   */
  refuseNext(method: string, error: string, when?: (args: Record<string, unknown>) => boolean): void;
  close(): Promise<void>;
}

export interface SlackStandInOptions {
  /** Latency of every answer, in milliseconds (imitates Slack's). */
  delayMs?: number;
  /** The clock of time-based rules (a test may speed it up). Default: the real one. */
  clock?: StandInClock;
  /** The rules calls are checked against. Default: all of them (`strictRules`); tests add, never remove. */
  rules?: SlackRule[];
}

/**
 * A loopback stand-in for the Slack Web API that records every call. It refuses what Slack refuses
 * (`slack-rules/`) and otherwise answers after `delayMs` (to imitate Slack's latency) with `{ ok: true }` unless
 * told otherwise.
 */
export async function startSlackStandIn({
  delayMs = 0,
  clock = { now: () => Date.now() },
  rules = strictRules(),
}: SlackStandInOptions = {}): Promise<SlackStandIn> {
  const calls: RecordedCall[] = [];
  const botChannels = new Set<string>();
  const world: SlackWorld = {
    clock,
    botUserId: TEST_BOT_USER_ID,
    botChannels,
    join: (channel) => {
      botChannels.add(channel);
    },
    // Nothing pinned yet; pins.add and pins.remove keep it (slack-rules/pins.ts).
    pins: new Map(),
  };
  type Responder = Record<string, unknown> | ((args: Record<string, unknown>) => Record<string, unknown>);
  let messages = 0;
  let uploads = 0;
  let origin = '';
  const responses = new Map<string, Responder>([
    // files.uploadV2: an upload URL on this server (its posts are recorded as method `upload`), then completion.
    [
      'files.getUploadURLExternal',
      () => {
        const id = `F${String(++uploads).padStart(6, '0')}`;
        return { ok: true, file_id: id, upload_url: `${origin}/upload/${id}` };
      },
    ],
    // chat.getPermalink answers a message's address in the workspace (docs.slack.dev/reference/methods/chat.getPermalink).
    [
      'chat.getPermalink',
      (args) => ({
        ok: true,
        channel: args.channel,
        permalink: `https://htg-stand-in.slack.com/archives/${String(args.channel)}/p${String(args.message_ts).replace('.', '')}`,
      }),
    ],
    ['conversations.open', (args) => ({ ok: true, channel: { id: `D${String(args.users).slice(1)}` } })],
    // Like Slack: a posted message gets a channel and a unique timestamp; one posted to a user id goes to the
    // app's direct message channel with them (a D… id, as conversations.open answers).
    [
      'chat.postMessage',
      (args) => ({
        ok: true,
        channel: /^[UW]/.test(String(args.channel)) ? `D${String(args.channel).slice(1)}` : args.channel,
        ts: `1714000000.${String(++messages).padStart(6, '0')}`,
      }),
    ],
  ]);
  const limited = new Map<string, { times: number; retryAfterSeconds: number }>();
  const failing = new Map<string, SlackFault[]>();
  const refusing: Array<{ method: string; error: string; when: (args: Record<string, unknown>) => boolean }> =
    [];
  const server = createServer(async (request, response) => {
    const path = (request.url ?? '').split('?')[0] ?? '';
    const upload = /^\/upload\/(F\d+)$/.exec(path);
    const method = upload ? 'upload' : path.replace(/^\/api\//, '');
    const body = await readBody(request);
    const args = upload ? { file: upload[1] } : parseArgs(body, request.headers['content-type']);
    const call: RecordedCall = {
      at: clock.now(),
      method,
      args,
      authorization: request.headers.authorization,
      body: upload ? fileContent(body, request.headers['content-type']) : body,
    };
    calls.push(call);
    const responder = responses.get(method) ?? { ok: true };
    if (delayMs > 0) await new Promise((resolve) => setTimeout(resolve, delayMs));
    const fault = failing.get(method)?.shift();
    if (fault === 'drop') {
      await new Promise((resolve) => setTimeout(resolve, 100));
      request.socket.destroy();
      return;
    }
    if (fault) {
      response.writeHead(fault, { 'content-type': 'text/html' });
      response.end(`<html><body>${fault} Service Unavailable</body></html>`);
      return;
    }
    const limit = limited.get(method);
    if (limit && limit.times > 0) {
      limit.times--;
      response.writeHead(429, {
        'content-type': 'application/json',
        'retry-after': String(limit.retryAfterSeconds),
      });
      response.end(JSON.stringify({ ok: false, error: 'ratelimited' }));
      return;
    }
    const refuse = refusing.findIndex((r) => r.method === method && r.when(args));
    if (refuse >= 0) {
      call.answer = { ok: false, error: refusing.splice(refuse, 1)[0]?.error };
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(call.answer));
      return;
    }
    for (const rule of upload ? [] : rules) {
      const refusal = rule({ method, args }, world);
      if (!refusal) continue;
      call.refused = refusal.error;
      call.answer = { ok: false, error: refusal.error, ...refusal.detail };
      response.writeHead(refusal.status ?? 200, { 'content-type': 'application/json', ...refusal.headers });
      response.end(JSON.stringify(call.answer));
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json' });
    call.answer = typeof responder === 'function' ? responder(args) : responder;
    // Slack reports reactions by canonical emoji names, whatever names a test described them with (slack-rules/emoji.ts).
    if (method === 'reactions.get') call.answer = asSlackReportsReactions(call.answer);
    response.end(JSON.stringify(call.answer));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  origin = `http://127.0.0.1:${port}`;
  return {
    url: `http://127.0.0.1:${port}/api/`,
    calls,
    refusals: () => calls.filter((call) => call.refused !== undefined),
    world,
    callsTo: (method) => calls.filter((call) => call.method === method),
    cardCallsTo: (method) =>
      calls.filter(
        (call) => call.method === method && !String(call.args.blocks ?? '').startsWith('[{"type":"header"'),
      ),
    respond: (method, body) => responses.set(method, body),
    rateLimit: (method, times, retryAfterSeconds) => limited.set(method, { times, retryAfterSeconds }),
    failNext: (method, faults) => failing.set(method, [...(failing.get(method) ?? []), ...faults]),
    refuseNext: (method, error, when = () => true) => {
      refusing.push({ method, error, when });
    },
    close: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function parseArgs(body: string, contentType: string | undefined): Record<string, unknown> {
  if (contentType?.includes('application/json')) return JSON.parse(body || '{}') as Record<string, unknown>;
  return Object.fromEntries(new URLSearchParams(body));
}

/** An uploaded file's content: the raw body, or its one part when it was sent as multipart form data. */
function fileContent(body: string, contentType: string | undefined): string {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType ?? '');
  const marker = boundary?.[1] ?? boundary?.[2];
  if (!marker) return body;
  const part = body.split(`--${marker}`).find((p) => p.includes('\r\n\r\n') && !p.startsWith('--'));
  if (!part) return body;
  return part.slice(part.indexOf('\r\n\r\n') + 4).replace(/\r\n$/, '');
}
