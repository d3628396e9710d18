// @ts-check
import tseslint from 'typescript-eslint';

const cryptoOrDb = {
  patterns: [
    {
      group: [
        '@/lib/crypto',
        '@/lib/crypto/*',
        '@/lib/db',
        '@/lib/db/*',
        '**/lib/crypto/**',
        '**/lib/db/**',
      ],
      message: 'UI code never touches keys or storage: ask the background through lib/messaging.',
    },
    {
      group: ['libsodium-wrappers-sumo', 'idb'],
      message: 'Only the background may hold keys or open the database.',
    },
  ],
};

export default tseslint.config(
  {
    ignores: [
      '.output/**',
      '.wxt/**',
      'node_modules/**',
      '.tools/**',
      'data/**',
      'tests/artifacts/**',
      'bench/results/**',
    ],
  },
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js', '*.mjs', 'server/*.cjs'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': [
        'error',
        { checksVoidReturn: { arguments: false } },
      ],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'libsodium-wrappers-sumo',
              message: 'lib/crypto is the only importer of libsodium.',
            },
            {
              name: 'webextension-polyfill',
              message: "Import { browser } from 'wxt/browser' so tests can use the fake browser.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ['lib/crypto/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // CommonJS on purpose: the Node version check must run on Nodes too old for anything else.
    files: ['**/*.cjs'],
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // The service worker has no window or DOM; lib/ is shared with it and with the server.
    files: ['entrypoints/background/**', 'lib/**', 'server/**'],
    rules: {
      'no-restricted-globals': [
        'error',
        {
          name: 'window',
          message: 'There is no window in the service worker: use globalThis or self.',
        },
        { name: 'document', message: 'There is no DOM in the service worker.' },
        {
          name: 'localStorage',
          message: 'Not available in the service worker, and never for secrets.',
        },
      ],
    },
  },
  {
    files: ['components/**', 'entrypoints/popup/**'],
    rules: { 'no-restricted-imports': ['error', cryptoOrDb] },
  },
);
