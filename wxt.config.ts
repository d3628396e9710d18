import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { readFileSync } from 'node:fs';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  version: string;
};
// One id per build, stamped on every message (lib/messaging/build.ts).
const buildId = `${pkg.version}+${Date.now().toString(36)}`;

// Extension pages compile libsodium and OPAQUE from WebAssembly; Chrome and Firefox both refuse
// that without 'wasm-unsafe-eval' (TOOLCHAIN.md).
const extensionPagesCsp = "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'";

export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  imports: false,
  vite: () => ({
    plugins: [preact()],
    define: { __CASSAFORTE_BUILD__: JSON.stringify(buildId) },
  }),
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: ['storage'],
    content_security_policy: { extension_pages: extensionPagesCsp },
    action: { default_title: '__MSG_extName__' },
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            // data_collection_permissions needs Firefox 140 on desktop and 142 on Android; an
            // older minimum makes web-ext lint warn that the key is unsupported there.
            gecko: {
              id: 'cassaforte@cassaforte.app',
              strict_min_version: '140.0',
              data_collection_permissions: { required: ['none'] },
            },
            gecko_android: { strict_min_version: '142.0' },
          },
        }
      : {}),
  }),
});
