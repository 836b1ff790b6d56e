import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // graphql 16 ships both CJS and ESM without an `exports` map: pin one copy or schemas built by
  // type-graphql and by Apollo end up in different "realms".
  resolve: { alias: { graphql: createRequire(import.meta.url).resolve('graphql') } },
  test: {
    testTimeout: 30_000,
    hookTimeout: 120_000,
    projects: [
      {
        // In-process tests of schemas, limits, helpers: seconds, no PostgreSQL (`npm run test:fast`).
        extends: true,
        test: { name: 'fast', include: ['test/fast/**/*.test.ts'] },
      },
      {
        // End to end against the real system, started once by the global setup.
        extends: true,
        test: {
          name: 'e2e',
          include: ['test/**/*.test.ts'],
          exclude: ['test/fast/**', '**/node_modules/**'],
          globalSetup: ['test/global-setup.ts'],
          // The test files share one running system (PostgreSQL, three subgraphs, gateway).
          fileParallelism: false,
        },
      },
    ],
  },
});
