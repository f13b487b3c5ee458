import { once } from 'node:events';
import { createServer, type IncomingMessage, request, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Faults DynamoDB really produces, as it produces them on the wire:
 * - `throttle`: 400 ProvisionedThroughputExceededException (the SDK retries it with backoff);
 * - `server-error`: 500 InternalServerError (retried likewise);
 * - `conflict`: a TransactWriteItems cancelled with TransactionConflict, as when another transaction holds
 *   one of its items (the SDK does not retry it; the stores do);
 * - `lost-response`: the request reaches DynamoDB and is applied, then the connection drops before the answer
 *   arrives. That is what an invocation dying halfway leaves: the write happened, the caller never learned of
 *   it, and the work is done again (by the SDK's retry, or by Slack redelivering the request).
 */
type DynamoFault = 'throttle' | 'server-error' | 'conflict' | 'lost-response';
const DYNAMO_FAULTS: readonly DynamoFault[] = ['throttle', 'server-error', 'conflict', 'lost-response'];

export interface DynamoFaultProxy {
  /** Pass as the DynamoDB endpoint. */
  url: string;
  /** Fault the next requests of an operation (`PutItem`, `TransactWriteItems`, …), one fault each. */
  failNext(operation: string, ...faults: DynamoFault[]): void;
  /** Faults planned with `failNext` and not yet injected, by operation. */
  pending(): Record<string, DynamoFault[]>;
  /** Fault one request in `1 / every` (0: none), choosing among `kinds`. */
  inject(every: number, kinds?: readonly DynamoFault[]): void;
  /** Faults injected so far, by kind, and requests passed through untouched. */
  injected: Record<DynamoFault, number>;
  forwarded: number;
  /** Requests DynamoDB Local itself failed (the connection is dropped, as the real service would). */
  upstreamErrors: string[];
  close(): Promise<void>;
}

const WRITES = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'TransactWriteItems', 'BatchWriteItem']);

/** A loopback proxy in front of DynamoDB Local that injects faults into a seeded share of the requests. */
export async function startDynamoFaultProxy(target: string, seed = 1): Promise<DynamoFaultProxy> {
  const upstream = new URL(target);
  let state = seed;
  const random = () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
  let every = 0;
  let kinds: readonly DynamoFault[] = DYNAMO_FAULTS;
  const injected: Record<DynamoFault, number> = {
    throttle: 0,
    'server-error': 0,
    conflict: 0,
    'lost-response': 0,
  };
  let forwarded = 0;
  const upstreamErrors: string[] = [];
  const planned = new Map<string, DynamoFault[]>();

  const server = createServer(async (incoming, outgoing) => {
    const body = await readBody(incoming);
    const operation = String(incoming.headers['x-amz-target'] ?? '').split('.')[1] ?? '';
    const fault =
      planned.get(operation)?.shift() ?? (every > 0 && random() < 1 / every ? pick(operation) : null);
    if (fault) injected[fault]++;
    else forwarded++;
    if (fault === 'throttle') return answer(outgoing, 400, 'ProvisionedThroughputExceededException', {});
    if (fault === 'server-error') return answer(outgoing, 500, 'InternalServerError', {});
    if (fault === 'conflict') {
      const items = (JSON.parse(body) as { TransactItems?: unknown[] }).TransactItems ?? [];
      return answer(outgoing, 400, 'TransactionCanceledException', {
        message: `Transaction cancelled, please refer cancellation reasons for specific reasons [${items.map((_, i) => (i === 0 ? 'TransactionConflict' : 'None')).join(', ')}]`,
        CancellationReasons: items.map((_, i) =>
          i === 0
            ? { Code: 'TransactionConflict', Message: 'Transaction is ongoing for the item' }
            : { Code: 'None' },
        ),
      });
    }
    const response = await forward(upstream, incoming, body).catch((error: unknown) => {
      upstreamErrors.push(String(error));
      return null;
    });
    if (!response || fault === 'lost-response') {
      outgoing.socket?.destroy();
      return;
    }
    outgoing.writeHead(response.status, response.headers);
    outgoing.end(response.body);
  });

  /** A fault that fits the operation: conflicts only for transactions, lost answers only for writes. */
  function pick(operation: string): DynamoFault | null {
    const fitting = kinds.filter(
      (kind) =>
        (kind !== 'conflict' || operation === 'TransactWriteItems') &&
        (kind !== 'lost-response' || WRITES.has(operation)),
    );
    return fitting.length ? (fitting[Math.floor(random() * fitting.length)] as DynamoFault) : null;
  }

  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    pending: () => Object.fromEntries([...planned].filter(([, faults]) => faults.length > 0)),
    failNext: (operation, ...faults) =>
      planned.set(operation, [...(planned.get(operation) ?? []), ...faults]),
    inject: (rate, only = DYNAMO_FAULTS) => {
      every = rate;
      kinds = only;
    },
    injected,
    upstreamErrors,
    get forwarded() {
      return forwarded;
    },
    close: () =>
      new Promise((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}

function answer(outgoing: ServerResponse, status: number, type: string, fields: Record<string, unknown>) {
  outgoing.writeHead(status, { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-requestid': 'FAULT' });
  outgoing.end(
    JSON.stringify({ __type: `com.amazonaws.dynamodb.v20120810#${type}`, message: type, ...fields }),
  );
}

function forward(upstream: URL, incoming: IncomingMessage, body: string) {
  return new Promise<{ status: number; headers: Record<string, string | string[]>; body: Buffer }>(
    (resolve, reject) => {
      const headers = { ...incoming.headers, host: upstream.host } as Record<string, string | string[]>;
      const call = request(
        {
          host: upstream.hostname,
          port: upstream.port,
          path: incoming.url,
          method: incoming.method,
          headers,
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('error', reject);
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 500,
              headers: response.headers as Record<string, string | string[]>,
              body: Buffer.concat(chunks),
            }),
          );
        },
      );
      call.on('error', reject);
      call.end(body);
    },
  );
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}
