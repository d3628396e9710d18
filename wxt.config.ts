import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import {
  browserPermissions,
  browserSpecificSettings,
  frameResourceOptions,
} from './lib/platform/manifest';
import { normalizeZip } from './store/deterministic-zip';
import { excludedFromSources, listSourceFiles, sourceBuildId } from './store/sources';

const pkg = JSON.parse(readFileSync(new URL('./package.json', import.meta.url), 'utf8')) as {
  version: string;
};
const root = fileURLToPath(new URL('.', import.meta.url));
// Stamped on every message (lib/messaging/build.ts). A hash of the sources, not the clock, so the
// Firefox sources archive rebuilds the very same package (store/sources.ts).
const buildId = sourceBuildId(root, pkg.version);

/**
 * The test build (`npm run build:test`, in .output/test/): the same extension with the fixture
 * sites of the browser suite granted as host permissions, the one documented difference from the
 * store build. Firefox's toolbar button cannot be clicked over WebDriver BiDi, so no `activeTab`
 * grant exists there; Chromium's runs use the store build where they can (tests/e2e/fill.e2e.ts).
 */
const testHosts = (process.env.CASSAFORTE_TEST_HOSTS ?? '').split(',').filter(Boolean);

// Extension pages compile libsodium and OPAQUE from WebAssembly; Chrome and Firefox both refuse
// that without 'wasm-unsafe-eval' (TOOLCHAIN.md).
const extensionPagesCsp = "script-src 'self' 'wasm-unsafe-eval'; object-src 'self'";

/**
 * qr-scanner's decoder worker, as a file of its own. The library starts it from a blob: URL, which
 * Firefox's extension CSP blocks (TOOLCHAIN.md); its source is a template literal inside
 * qr-scanner-worker.min.js, evaluated here once (it holds escaped `${…}` of its own).
 */
function qrScannerWorkerSource(): string {
  const file = createRequire(import.meta.url).resolve('qr-scanner/qr-scanner-worker.min.js');
  const text = readFileSync(file, 'utf8');
  const start = text.indexOf('new Blob([`') + 'new Blob(['.length;
  const end = text.lastIndexOf('`]') + 1;
  if (start < 'new Blob(['.length || end <= start) throw new Error('qr-scanner worker not found');
  return new Function(`return ${text.slice(start, end)};`)() as string;
}

export default defineConfig({
  hooks: {
    // Tests and benches that talk to the background from a page must stamp this build's id;
    // written beside the unpacked build (not inside it), e.g. .output/chrome-mv3.build-id.
    'build:done': (wxt) => writeFileSync(`${wxt.config.outDir}.build-id`, buildId),
    'build:publicAssets': (_wxt, files) => {
      files.push({ relativeDest: 'qr-scanner-worker.js', contents: qrScannerWorkerSource() });
    },
    'zip:extension:done': (_wxt, zipPath) => normalizeZip(zipPath),
    'zip:sources:done': (_wxt, zipPath) => normalizeZip(zipPath),
  },
  // `npm run zip`: the store packages, and for Firefox's review the sources they build from: every
  // hashed file, even those of entrypoints Firefox skips (WXT leaves those out; the build id and
  // so the package would differ).
  zip: { excludeSources: excludedFromSources(root), includeSources: listSourceFiles(root) },
  outDir: testHosts.length ? '.output/test' : '.output',
  modules: ['@wxt-dev/webextension-polyfill'],
  imports: false,
  vite: () => ({
    plugins: [preact()],
    define: {
      __CASSAFORTE_BUILD__: JSON.stringify(buildId),
      __CASSAFORTE_TEST_BUILD__: JSON.stringify(testHosts.length > 0),
    },
  }),
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'en',
    permissions: [
      'storage',
      // Auto-lock and periodic sync must fire while the worker sleeps.
      'alarms',
      // Lock when the system locks (DESIGN §5).
      'idle',
      // The popup ranks the current site's logins first; it reads the tab's URL only when opened.
      // With `scripting`, the same gesture lets the fill script into that tab (no host access).
      'activeTab',
      'scripting',
      // Clearing a copied password only if the clipboard still holds it needs to read it.
      'clipboardRead',
      'clipboardWrite',
      ...browserPermissions(browser),
    ],
    commands: {
      _execute_action: {
        suggested_key: { default: 'Alt+Shift+U' },
        description: '__MSG_commandOpen__',
      },
      'fill-login': {
        suggested_key: { default: 'Alt+Shift+K' },
        description: '__MSG_commandFill__',
      },
      'lock-vault': {
        suggested_key: { default: 'Alt+Shift+L' },
        description: '__MSG_commandLock__',
      },
    },
    // The always-on content script (field badge now; inline menu and save prompt next) runs only
    // on sites the user allows, asked for once from the popup and revocable in Settings. Filling
    // on the user's gesture needs none of it (activeTab).
    optional_host_permissions: ['<all_urls>'],
    // Our in-page frame (the inline menu, the save prompt) must load inside web pages.
    web_accessible_resources: [
      {
        resources: ['menu.html'],
        matches: ['<all_urls>'],
        ...frameResourceOptions(browser),
      },
    ],
    ...(testHosts.length ? { host_permissions: testHosts } : {}),
    content_security_policy: { extension_pages: extensionPagesCsp },
    action: { default_title: '__MSG_extName__' },
    ...browserSpecificSettings(browser),
  }),
});
