import { spawnSync } from 'node:child_process';
import { mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { esbuildOptions } from '../lib/bundling.js';

/** One way of building and loading a Lambda entry. */
export interface LoadVariant {
  name: string;
  /** The built file to import in a fresh process. */
  file: string;
  bytes: number;
}

export interface LoadSample {
  /** Whole process: start Node, import the module, exit. */
  wallMs: number;
  /** Just the import, measured inside the process. */
  importMs: number;
  /** Peak resident memory of the process. */
  maxRssMiB: number;
}

export interface LoadResult {
  name: string;
  bytes: number;
  runs: number;
  wallMsMedian: number;
  importMsMedian: number;
  maxRssMiBMedian: number;
}

const OUT = resolve('.build/bench');

/**
 * Builds an entry with the deployed bundling options, optionally leaving the AWS SDK out. Output stays inside
 * the project tree, so a left-out SDK resolves from node_modules as it would from the runtime's copy on Lambda.
 */
export async function buildVariant(name: string, entry: string, sdkExternal = false): Promise<LoadVariant> {
  const folder = name.replace(/[^a-z0-9]+/gi, '-').toLowerCase();
  const file = join(OUT, folder, 'index.mjs');
  mkdirSync(join(OUT, folder), { recursive: true });
  await build(esbuildOptions(resolve(entry), file, { sdkExternal }));
  return { name, file, bytes: statSync(file).size };
}

/** An empty handler module: the baseline every load time is compared with. */
export function emptyVariant(): LoadVariant {
  const file = join(OUT, 'empty', 'index.mjs');
  mkdirSync(join(OUT, 'empty'), { recursive: true });
  writeFileSync(file, 'export const handler = async () => ({ statusCode: 200 });\n');
  return { name: 'empty handler', file, bytes: statSync(file).size };
}

const PROBE = `
const started = performance.now();
await import(process.env.BENCH_MODULE);
const importMs = performance.now() - started;
process.stdout.write(JSON.stringify({ importMs, maxRssKiB: process.resourceUsage().maxRSS }));
`;

function sample(variant: LoadVariant, env: NodeJS.ProcessEnv): LoadSample {
  const started = process.hrtime.bigint();
  const flags = process.env.BENCH_NO_SOURCE_MAPS ? [] : ['--enable-source-maps'];
  const child = spawnSync(process.execPath, [...flags, '--input-type=module', '-e', PROBE], {
    env: { ...env, BENCH_MODULE: pathToFileURL(variant.file).href },
    encoding: 'utf8',
  });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  if (child.status !== 0) throw new Error(`${variant.name} failed to load:\n${child.stderr}`);
  const { importMs, maxRssKiB } = JSON.parse(child.stdout) as { importMs: number; maxRssKiB: number };
  return { wallMs, importMs, maxRssMiB: maxRssKiB / 1024 };
}

/** Loads each variant `runs` times in fresh processes, interleaved so machine noise hits all alike. */
export function measureLoads(variants: LoadVariant[], runs: number, env: NodeJS.ProcessEnv): LoadResult[] {
  const samples = new Map<string, LoadSample[]>(variants.map((v) => [v.name, []]));
  for (const variant of variants) sample(variant, env); // warm the file cache
  for (let run = 0; run < runs; run++) {
    for (const variant of variants) samples.get(variant.name)?.push(sample(variant, env));
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

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}
