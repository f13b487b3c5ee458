import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { FetchFunction } from '@slack/web-api';

type FetchRequestInit = NonNullable<Parameters<FetchFunction>[1]>;
type FetchResponse = Awaited<ReturnType<FetchFunction>>;
type FetchHeaders = FetchResponse['headers'];

/**
 * The Slack Web API client's transport in the Lambdas, on node:http(s) instead of Node's built-in fetch.
 * The built-in fetch (undici, with its WebAssembly HTTP parser) is loaded on its first call, which a cold
 * Lambda pays on the first request that talks to Slack: about 30 ms there, measured with `npm run bench`'s
 * first-request figure. node:https is loaded anyway (the AWS SDK uses it) and keeps connections alive.
 *
 * It implements what @slack/web-api's FetchFunction asks for. Bodies that are not strings (the multipart form
 * of a file upload) are handed to the built-in fetch.
 */
export const httpFetch: FetchFunction = async (input, init = {}) => {
  if (init.body !== undefined && typeof init.body !== 'string')
    return fetch(input, init) as Promise<FetchResponse>;
  const url = new URL(String(input));
  const response = await send(url, init);
  const status = response.status;
  if (status >= 300 && status < 400 && init.redirect !== 'manual') {
    // The Web API client asks for redirect: 'error'; following redirects is not something it needs.
    throw new TypeError(`fetch failed: ${url.origin}${url.pathname} answered with a redirect (${status})`);
  }
  return response;
};

function send(url: URL, init: FetchRequestInit): Promise<HttpResponse> {
  const body = init.body === undefined ? undefined : Buffer.from(init.body as string, 'utf8');
  const headers: Record<string, string> = { ...init.headers };
  if (body) headers['content-length'] = String(body.length);
  const request =
    url.protocol === 'https:' ? httpsRequest : url.protocol === 'http:' ? httpRequest : undefined;
  if (!request) return Promise.reject(new TypeError(`fetch failed: unsupported protocol ${url.protocol}`));
  return new Promise((resolve, reject) => {
    const signal = init.signal;
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const outgoing = request(url, { method: init.method ?? 'GET', headers }, (incoming) => {
      const chunks: Buffer[] = [];
      incoming.on('data', (chunk: Buffer) => chunks.push(chunk));
      incoming.on('error', reject);
      incoming.on('end', () => {
        signal?.removeEventListener('abort', abort);
        resolve(
          new HttpResponse(
            incoming.statusCode ?? 0,
            incoming.statusMessage ?? '',
            new HttpHeaders(incoming.headers),
            Buffer.concat(chunks),
            url.href,
          ),
        );
      });
    });
    const abort = () =>
      outgoing.destroy(signal?.reason instanceof Error ? signal.reason : new Error('aborted'));
    signal?.addEventListener('abort', abort, { once: true });
    outgoing.on('error', (error) => {
      signal?.removeEventListener('abort', abort);
      // Like fetch: an aborted request rejects with the signal's reason (a TimeoutError for a timeout).
      reject(signal?.aborted ? signal.reason : new TypeError('fetch failed', { cause: error }));
    });
    outgoing.end(body);
  });
}

class HttpHeaders implements FetchHeaders {
  private readonly values = new Map<string, string>();

  constructor(raw: IncomingHttpHeaders) {
    for (const [name, value] of Object.entries(raw)) {
      if (value !== undefined)
        this.values.set(name.toLowerCase(), Array.isArray(value) ? value.join(', ') : value);
    }
  }

  get(name: string): string | null {
    return this.values.get(name.toLowerCase()) ?? null;
  }

  has(name: string): boolean {
    return this.values.has(name.toLowerCase());
  }

  entries(): IterableIterator<[string, string]> {
    return this.values.entries();
  }
}

class HttpResponse implements FetchResponse {
  constructor(
    readonly status: number,
    readonly statusText: string,
    readonly headers: HttpHeaders,
    private readonly body: Buffer,
    readonly url: string,
  ) {}

  get ok(): boolean {
    return this.status >= 200 && this.status < 300;
  }

  async text(): Promise<string> {
    return this.body.toString('utf8');
  }

  async json(): Promise<unknown> {
    return JSON.parse(this.body.toString('utf8'));
  }

  async arrayBuffer(): Promise<ArrayBuffer> {
    return new Uint8Array(this.body).buffer;
  }
}
