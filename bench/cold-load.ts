import { spawn } from 'node:child_process';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { esbuildOptions, LAMBDA_NODE_OPTIONS } from '../lib/bundling.js';

/** One way of building and loading a Lambda entry. */
export interface LoadVariant {
  name: string;
  /** The built file to import in a fresh process. */
  file: string;
  bytes: number;
  /** Environment added for this variant (for example Lambda-specific settings). */
  env?: NodeJS.ProcessEnv;
}

export interface LoadResult {
  name: string;
  bytes: number;
  runs: number;
  /** Whole process: start Node, import the module, exit. */
  wallMsMedian: number;
  /** Just the import, measured inside the process. */
  importMsMedian: number;
  /** Peak resident memory of the process. */
  maxRssMiBMedian: number;
}

export interface FirstRequestResult {
  name: string;
  runs: number;
  /** From process start to the module loaded (performance.now() in the process). */
  loadedMsMedian: number;
  /** From process start to the first request answered. */
  answeredMsMedian: number;
  maxRssMiBMedian: number;
  statuses: number[];
}

const OUT = resolve('.build/bench');

/**
 * Builds an entry with the deployed bundling options. `sdkExternal` leaves the AWS SDK out (output stays inside
 * the project tree, so it resolves from node_modules as it would from the runtime's copy on Lambda);
 * `stubs: false` keeps every package Bolt requires, as a naive bundle would.
 */
export async function buildVariant(
  name: string,
  entry: string,
  options: { sdkExternal?: boolean; stubs?: boolean; env?: NodeJS.ProcessEnv } = {},
): Promise<LoadVariant> {
  const folder = name.replace(/[^a-z0-9]+/gi, '-').toLowerCase();
  const file = join(OUT, folder, 'index.mjs');
  mkdirSync(join(OUT, folder), { recursive: true });
  const built = esbuildOptions(resolve(entry), file, { sdkExternal: options.sdkExternal });
  await build(options.stubs === false ? { ...built, alias: {} } : built);
  return { name, file, bytes: statSync(file).size, env: options.env };
}

/** An empty handler module: the baseline every load time is compared with. */
export function emptyVariant(): LoadVariant {
  const file = join(OUT, 'empty', 'index.mjs');
  mkdirSync(join(OUT, 'empty'), { recursive: true });
  writeFileSync(file, 'export const handler = async () => ({ statusCode: 200 });\n');
  return { name: 'empty handler', file, bytes: statSync(file).size };
}

const LOAD_PROBE = `
const started = performance.now();
await import(process.env.BENCH_MODULE);
const importMs = performance.now() - started;
process.stdout.write(JSON.stringify({ importMs, maxRssKiB: process.resourceUsage().maxRSS }));
`;

/** Loads the module, hands it one request (BENCH_EVENT) and reports when it was answered. */
const FIRST_REQUEST_PROBE = `
const { handler } = await import(process.env.BENCH_MODULE);
const loadedMs = performance.now();
const context = { awsRequestId: 'bench', functionName: 'bench', getRemainingTimeInMillis: () => 10000 };
const response = await handler(JSON.parse(process.env.BENCH_EVENT), context, () => {});
const answeredMs = performance.now();
process.stdout.write(JSON.stringify({ loadedMs, answeredMs, status: response?.statusCode, maxRssKiB: process.resourceUsage().maxRSS }));
process.exit(0);
`;

/** Node's flags as the deployed functions get them (NODE_OPTIONS, from lib/bundling.ts). */
const DEPLOYED_FLAGS = LAMBDA_NODE_OPTIONS.split(' ').filter(Boolean);

/** Runs a probe in a fresh Node process (asynchronously: the stand-ins it talks to live in this process). */
async function runFresh(variant: LoadVariant, probe: string, env: NodeJS.ProcessEnv) {
  const started = process.hrtime.bigint();
  const child = spawn(process.execPath, [...DEPLOYED_FLAGS, '--input-type=module', '-e', probe], {
    env: { ...env, ...variant.env, BENCH_MODULE: pathToFileURL(variant.file).href },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (chunk) => {
    stdout += chunk;
  });
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const code = await new Promise<number | null>((done) => child.on('close', done));
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  if (code !== 0) throw new Error(`${variant.name} failed:\n${stderr}`);
  return { wallMs, report: JSON.parse(stdout) as Record<string, number> };
}

/** Loads each variant `runs` times in fresh processes, interleaved so machine noise hits all alike. */
export async function measureLoads(
  variants: LoadVariant[],
  runs: number,
  env: NodeJS.ProcessEnv,
): Promise<LoadResult[]> {
  const samples = new Map<string, { wallMs: number; importMs: number; maxRssMiB: number }[]>(
    variants.map((v) => [v.name, []]),
  );
  for (const variant of variants) await runFresh(variant, LOAD_PROBE, env); // warm the file cache
  for (let run = 0; run < runs; run++) {
    for (const variant of variants) {
      const { wallMs, report } = await runFresh(variant, LOAD_PROBE, env);
      samples.get(variant.name)?.push({
        wallMs,
        importMs: Number(report.importMs),
        maxRssMiB: Number(report.maxRssKiB) / 1024,
      });
    }
  }
  return variants.map((variant) => {
    const list = samples.get(variant.name) ?? [];
    return {
      name: variant.name,
      bytes: variant.bytes,
      runs: list.length,
      wallMsMedian: median(list.map((s) => s.wallMs)),
      importMsMedian: median(list.map((s) => s.importMs)),
      maxRssMiBMedian: median(list.map((s) => s.maxRssMiB)),
    };
  });
}

/**
 * The first request in a fresh process, per variant: start Node, load the module, answer `nextEvent(variant,
 * run)`, exit. Interleaved like the loads.
 */
export async function measureFirstRequests(
  variants: LoadVariant[],
  runs: number,
  env: NodeJS.ProcessEnv,
  nextEvent: (variant: LoadVariant, run: number) => Promise<unknown> | unknown,
): Promise<FirstRequestResult[]> {
  const samples = new Map<
    string,
    { loadedMs: number; answeredMs: number; maxRssMiB: number; status: number }[]
  >(variants.map((v) => [v.name, []]));
  for (let run = -1; run < runs; run++) {
    for (const variant of variants) {
      const event = JSON.stringify(await nextEvent(variant, run + 1));
      const { report } = await runFresh(variant, FIRST_REQUEST_PROBE, { ...env, BENCH_EVENT: event });
      if (run < 0) continue; // the first round warms the file cache
      samples.get(variant.name)?.push({
        loadedMs: Number(report.loadedMs),
        answeredMs: Number(report.answeredMs),
        maxRssMiB: Number(report.maxRssKiB) / 1024,
        status: Number(report.status),
      });
    }
  }
  return variants.map((variant) => {
    const list = samples.get(variant.name) ?? [];
    return {
      name: variant.name,
      runs: list.length,
      loadedMsMedian: median(list.map((s) => s.loadedMs)),
      answeredMsMedian: median(list.map((s) => s.answeredMs)),
      maxRssMiBMedian: median(list.map((s) => s.maxRssMiB)),
      statuses: [...new Set(list.map((s) => s.status))],
    };
  });
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
}
