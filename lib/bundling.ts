import { fileURLToPath } from 'node:url';
import type { BuildOptions } from 'esbuild';

/** Packages that Bolt requires at load time but that no htg Lambda uses; see LAMBDA_BUNDLING.alias. */
export const UNUSED_IN_LAMBDA = ['express', '@slack/socket-mode', '@slack/oauth', 'raw-body'] as const;

/** The stub those packages resolve to, relative to the project root (where CDK runs esbuild). */
const UNUSED_PACKAGE_STUB = './lib/lambda-stubs/unused-package.cjs';

/**
 * The AWS SDK's default credential chain, replaced in Lambda bundles by its first link, the environment
 * variables the Lambda runtime sets (lib/lambda-stubs/credentials-from-environment.mjs). The other links and
 * the STS and SSO clients they import made up 136 KB of the ingress bundle and about a quarter of an empty
 * process's start time (`npm run bench` before and after).
 */
const CREDENTIALS_FROM_ENVIRONMENT = './lib/lambda-stubs/credentials-from-environment.mjs';

/**
 * The AWS SDK's event-stream serde, which it loads with `import()` only for operations that stream events; no
 * client htg uses has one. Replaced by a stub that throws if called (lib/lambda-stubs/no-event-streams.mjs):
 * 11 KB less for every cold start to parse.
 */
const NO_EVENT_STREAMS = './lib/lambda-stubs/no-event-streams.mjs';

/**
 * One copy of eventemitter3 instead of two: the Slack Web API takes 5.x and its p-queue 6 still nests 4.x, whose
 * API 5.x keeps (5.0 only added an ES module build and dropped old browsers). 3 KB less to parse.
 */
const ONE_EVENT_EMITTER = './node_modules/eventemitter3/index.js';

/**
 * Node's options for every Lambda. Source maps are generated and shipped next to each bundle but not enabled
 * at run time: `--enable-source-maps` made each cold start parse the map (about 0.3× an empty process and 8 MiB
 * in `npm run bench`). To read mapped stack traces while investigating, add it to the function's NODE_OPTIONS.
 */
export const LAMBDA_NODE_OPTIONS: string = '';

const PROJECT_ROOT = fileURLToPath(new URL('../', import.meta.url));

/**
 * Packages the ingress installs beside its bundle instead of bundling them (NodejsFunction's `nodeModules`):
 * the Markdown parser of `/htg import` (mdast-util-from-markdown with micromark, about 100 KB minified). Only
 * an import loads it, with `import()` (functions/markdown/topic-list.ts), so a cold start neither reads nor
 * compiles it, and the first import reads it from node_modules beside the bundle. Only the ingress runs an
 * import (the CDK test checks that the other functions' bundles do not reach it).
 */
export const INGRESS_NODE_MODULES: readonly string[] = ['mdast-util-from-markdown'];

/**
 * How every Lambda is bundled. CDK's NodejsFunction (lib/constructs/htg-function.ts) and the bench and
 * bundle tests (which call esbuild directly) both read these, so what is measured is what is deployed.
 */
export const LAMBDA_BUNDLING = {
  format: 'esm',
  target: 'node24',
  platform: 'node',
  mainFields: ['module', 'main'],
  minify: true,
  sourceMap: true,
  sourcesContent: false,
  /**
   * The AWS SDK v3 is bundled rather than left to the runtime's copy: `npm run bench` loads the ingress
   * faster with it bundled (README, "Bundling": 3 to 16 % across runs), and the bundle pins the SDK version tested.
   * Left out are only the packages installed beside the ingress bundle (INGRESS_NODE_MODULES).
   */
  externalModules: [...INGRESS_NODE_MODULES],
  /**
   * Bolt's index loads every receiver it ships, and with them Express, Socket Mode (and undici), OAuth (and
   * jsonwebtoken) and raw-body (and iconv-lite's encoding tables). A Lambda only ever uses AwsLambdaReceiver,
   * so these packages are replaced by a stub that throws if called (lib/lambda-stubs/unused-package.cjs).
   * This takes the ingress bundle from 2.5 MB to about 0.7 MB; `npm run bench` shows the load time. The
   * SDK's credential chain is cut to what Lambda uses (CREDENTIALS_FROM_ENVIRONMENT).
   */
  alias: {
    ...Object.fromEntries(UNUSED_IN_LAMBDA.map((name) => [name, UNUSED_PACKAGE_STUB])),
    '@aws-sdk/credential-provider-node': CREDENTIALS_FROM_ENVIRONMENT,
    '@smithy/core/event-streams': NO_EVENT_STREAMS,
    eventemitter3: ONE_EVENT_EMITTER,
  } as Record<string, string>,
  /** CommonJS dependencies (Bolt) call require() for Node built-ins; the ESM bundle provides one. */
  banner: "import{createRequire as __cr}from'node:module';const require=__cr(import.meta.url);",
} as const;

/** The esbuild options equivalent to LAMBDA_BUNDLING, for building a bundle outside CDK. */
export function esbuildOptions(
  entry: string,
  outfile: string,
  overrides: { sdkExternal?: boolean } = {},
): BuildOptions {
  return {
    entryPoints: [entry],
    outfile,
    bundle: true,
    format: LAMBDA_BUNDLING.format,
    target: LAMBDA_BUNDLING.target,
    platform: LAMBDA_BUNDLING.platform,
    mainFields: [...LAMBDA_BUNDLING.mainFields],
    minify: LAMBDA_BUNDLING.minify,
    sourcemap: LAMBDA_BUNDLING.sourceMap,
    sourcesContent: LAMBDA_BUNDLING.sourcesContent,
    external: [
      ...(overrides.sdkExternal ? ['@aws-sdk/*', '@smithy/*'] : []),
      ...LAMBDA_BUNDLING.externalModules,
    ],
    banner: { js: LAMBDA_BUNDLING.banner },
    alias: { ...LAMBDA_BUNDLING.alias },
    absWorkingDir: PROJECT_ROOT,
    logLevel: 'silent',
  };
}
