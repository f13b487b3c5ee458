import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebClient } from '@slack/web-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpFetch } from '../../functions/adapters/slack/http-fetch.js';

/** A loopback server whose answer each test chooses; it records what it was sent. */
let server: Server;
let base: string;
type Answer = { status: number; headers?: Record<string, string>; body?: string };
let answer: (request: IncomingMessage, body: string) => Answer;
const received: { method?: string; url?: string; headers: IncomingMessage['headers']; body: string }[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => {
      body += chunk;
    });
    request.on('end', () => {
      received.push({ method: request.method, url: request.url, headers: request.headers, body });
      const { status, headers = {}, body: out = '' } = answer(request, body);
      if (status === 0) return; // never answers (for the abort test)
      response.writeHead(status, headers);
      response.end(out);
    });
  });
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((closed) => server.close(closed));
});

describe('httpFetch, the Slack client transport on node:http(s)', () => {
  it('posts a string body with its headers and reads status, headers and body', async () => {
    answer = () => ({
      status: 200,
      headers: { 'content-type': 'application/json', 'x-oauth-scopes': 'chat:write' },
      body: '{"ok":true,"é":"✓"}',
    });
    const response = await httpFetch(`${base}/api/chat.postMessage`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Authorization: 'Bearer xoxb-test' },
      body: 'channel=C1&text=h%C3%A9',
    });
    expect(response.ok).toBe(true);
    expect(response.status).toBe(200);
    expect(response.url).toBe(`${base}/api/chat.postMessage`);
    expect(response.headers.get('X-OAuth-Scopes')).toBe('chat:write');
    expect(await response.json()).toEqual({ ok: true, é: '✓' });
    const [sent] = received.slice(-1);
    expect(sent).toMatchObject({
      method: 'POST',
      url: '/api/chat.postMessage',
      body: 'channel=C1&text=h%C3%A9',
    });
    expect(sent?.headers.authorization).toBe('Bearer xoxb-test');
    expect(sent?.headers['content-length']).toBe('23');
  });

  it('hands back non-200 answers (the client decides), including 429 with Retry-After', async () => {
    answer = () => ({ status: 429, headers: { 'retry-after': '3' }, body: 'slow down' });
    const response = await httpFetch(`${base}/api/x`, { method: 'POST', body: '' });
    expect(response.ok).toBe(false);
    expect(response.status).toBe(429);
    expect(response.headers.get('retry-after')).toBe('3');
    expect(Object.fromEntries(response.headers.entries())).toMatchObject({ 'retry-after': '3' });
    expect(await response.text()).toBe('slow down');
    expect(Buffer.from(await response.arrayBuffer()).toString()).toBe('slow down');
  });

  it('refuses redirects, as the Web API client asks', async () => {
    answer = () => ({ status: 302, headers: { location: 'http://elsewhere.invalid/' } });
    await expect(httpFetch(`${base}/api/x`, { method: 'POST', body: '', redirect: 'error' })).rejects.toThrow(
      /redirect \(302\)/,
    );
  });

  it('stops waiting when its signal aborts, and fails like fetch when nobody answers', async () => {
    answer = () => ({ status: 0 });
    await expect(
      httpFetch(`${base}/api/slow`, { method: 'POST', body: '', signal: AbortSignal.timeout(50) }),
    ).rejects.toThrow(/timed out|abort/i);
    await expect(httpFetch('http://127.0.0.1:1/api/x', { method: 'POST', body: '' })).rejects.toThrow(
      'fetch failed',
    );
  });

  it('carries a whole WebClient call, with rate-limit retries', async () => {
    let calls = 0;
    answer = (): Answer =>
      ++calls === 1
        ? { status: 429, headers: { 'retry-after': '0' } }
        : {
            status: 200,
            headers: { 'content-type': 'application/json' },
            body: '{"ok":true,"user":{"is_bot":true}}',
          };
    const client = new WebClient('xoxb-test', {
      slackApiUrl: `${base}/api/`,
      fetch: httpFetch,
      retryConfig: { retries: 2, minTimeout: 1 },
    });
    const result = await client.users.info({ user: 'U1' });
    expect(result.user?.is_bot).toBe(true);
    expect(calls).toBe(2);
  });

  it('leaves multipart bodies (file uploads) to the built-in fetch', async () => {
    answer = (_request, body) => ({
      status: 200,
      body: body.includes('name="file"') ? 'multipart' : 'other',
    });
    const form = new FormData();
    form.append('file', new Blob(['# Wrap-up']), 'wrap-up.md');
    const response = await httpFetch(`${base}/upload`, { method: 'POST', body: form });
    expect(await response.text()).toBe('multipart');
    expect(received.at(-1)?.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
  });
});
