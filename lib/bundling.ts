import type { BuildOptions } from 'esbuild';

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
   */
  externalModules: [] as string[],
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
    external: overrides.sdkExternal ? ['@aws-sdk/*', '@smithy/*'] : [...LAMBDA_BUNDLING.externalModules],
    banner: { js: LAMBDA_BUNDLING.banner },
    logLevel: 'silent',
  };
}
