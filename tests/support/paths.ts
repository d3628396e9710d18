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
