import { defineConfig } from 'vitest/config';

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
