import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // graphql 16 ships both CJS and ESM without an `exports` map: pin one copy or schemas built by
  // type-graphql and by Apollo end up in different "realms".
  resolve: { alias: { graphql: createRequire(import.meta.url).resolve('graphql') } },
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    // The test files share one running system (PostgreSQL, three subgraphs, gateway).
    fileParallelism: false,
  },
});
