import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

// The browser suite: real Chromium and Firefox with the built extension (tests/support/browsers.ts).
// One file at a time: each test starts its own browser, and two at once only slow both down.
export default defineConfig({
  resolve: { alias: { '@': fileURLToPath(new URL('./', import.meta.url)) } },
  define: { __CASSAFORTE_BUILD__: JSON.stringify('e2e-runner') },
  test: {
    include: ['tests/e2e/**/*.e2e.ts'],
    globalSetup: ['tests/e2e/global-setup.ts'],
    fileParallelism: false,
    testTimeout: 90_000,
    hookTimeout: 90_000,
  },
});
