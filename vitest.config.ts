import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    pool: 'forks',
    globalSetup: ['tests/setup/global-setup.ts'],
    include: ['tests/**/*.test.ts'],
    exclude: ['tests/browser/**', 'node_modules/**'],
    // Seeding the whole demo takes seconds on an idle machine and several times that on a loaded 2-core
    // CI runner; a hung test still fails, only later.
    testTimeout: 90_000,
    hookTimeout: 120_000,
  },
});
