import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    globalSetup: ['test/global-setup.ts'],
    pool: 'forks',
    // Two cores: more workers only add PGlite instances competing for them.
    maxWorkers: 2,
    // CLI and browser tests start processes; a loaded 2-core machine can take a while.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
