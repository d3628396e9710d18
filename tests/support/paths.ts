/** Where the builds under test are: `npm run build` writes both before the browser suite runs. */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { BrowserName } from './binaries';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));

const outputDirs: Record<BrowserName, string> = {
  chromium: '.output/chrome-mv3',
  firefox: '.output/firefox-mv3',
};

/** The absolute path of the unpacked build for `browser`. */
export function builtExtensionDir(browser: BrowserName): string {
  return `${repoRoot}${outputDirs[browser]}`;
}

/** Throws when a build is missing. It does not rebuild: `npm test` builds just before the suite. */
export function assertBuilt(browsers: BrowserName[]): void {
  const missing = browsers
    .map((browser) => builtExtensionDir(browser))
    .filter((dir) => !existsSync(`${dir}/manifest.json`));
  if (missing.length > 0) {
    throw new Error(`No extension build in ${missing.join(', ')}: run \`npm run build\` first.`);
  }
}

/**
 * The test build (`npm run build:test`, in .output/test/): the same extension with the fixture
 * sites (`*://*.test/*`) granted as host permissions, for what the store build cannot do under a
 * test driver (Firefox has no clickable toolbar button over BiDi; activeTab skips other sites'
 * frames). Throws when it is missing.
 */
export function builtTestExtensionDir(browser: BrowserName): string {
  const dir = `${repoRoot}.output/test/${outputDirs[browser].replace('.output/', '')}`;
  if (!existsSync(`${dir}/manifest.json`)) {
    throw new Error(`No test build in ${dir}: run \`npm run build:test\` first.`);
  }
  return dir;
}
