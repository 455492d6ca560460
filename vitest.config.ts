import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: more workers only make the embedded databases fight for them.
    maxWorkers: 2,
    // Builds the web app once, before the browser tests' servers would each try to.
    globalSetup: ['test/global-setup.ts'],
  },
});
