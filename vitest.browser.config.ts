import { defineConfig } from 'vitest/config';

// Browser journeys in Debian's Chromium (playwright-core) with axe-core; run after the HTTP tests.
export default defineConfig({
  test: {
    pool: 'forks',
    globalSetup: ['tests/setup/global-setup.ts'],
    include: ['tests/browser/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    fileParallelism: false,
  },
});
