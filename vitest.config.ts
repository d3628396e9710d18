import { defineConfig } from 'vitest/config';
import { WxtVitest } from 'wxt/testing/vitest-plugin';

export default defineConfig({
  plugins: [WxtVitest()],
  define: { __CASSAFORTE_BUILD__: JSON.stringify('test-build') },
  test: {
    include: ['**/*.test.ts', '**/*.test.tsx'],
    exclude: ['node_modules/**', '.output/**', '.wxt/**', 'tests/e2e/**'],
    testTimeout: 30_000,
    // One PostgreSQL 15 cluster for every server test file (server/tests/global-setup.ts).
    globalSetup: ['server/tests/global-setup.ts'],
  },
});
