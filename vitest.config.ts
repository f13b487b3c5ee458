import { defineConfig } from 'vitest/config';

// Lambda runs Node.js 22 or newer; on this machine's Node 20 the AWS SDK would warn about its plans for 2027 on
// every run, which is not something a newcomer has to act on here.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';

/**
 * Three projects: `unit` (no I/O), `cdk` (synthesis, assertions and cdk-nag) and `dynamodb` (integration
 * and end-to-end tests against one DynamoDB Local started by the global setup on a free port).
 */
export default defineConfig({
  test: {
    reporters: ['default', './test/helpers/summary-reporter.ts'],
    projects: [
      { test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      {
        test: { name: 'cdk', include: ['test/cdk/**/*.test.ts'], testTimeout: 120_000, hookTimeout: 120_000 },
      },
      {
        test: {
          name: 'dynamodb',
          include: ['test/integration/**/*.test.ts', 'test/e2e/**/*.test.ts'],
          globalSetup: ['test/helpers/dynamodb-global-setup.ts'],
          setupFiles: ['test/helpers/strict-slack-setup.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
        },
      },
    ],
  },
});
