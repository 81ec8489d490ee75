import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Stopping the test Neo4j takes about 10 s (its Bolt server's shutdown).
    teardownTimeout: 60_000,
    projects: [
      { test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], testTimeout: 60_000 } },
      {
        test: {
          name: 'integration',
          // End-to-end browser tests share the integration project's Neo4j (one instance, one folder).
          include: ['tests/integration/**/*.test.ts', 'tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/support/global-neo4j.ts'],
          // The files share one database and compare counts before and after: one file at a time.
          fileParallelism: false,
          testTimeout: 120_000,
          hookTimeout: 300_000,
        },
      },
    ],
  },
});
