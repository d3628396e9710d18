/** What both launchers share: the build's manifest, the profile, a close that always works. */
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'puppeteer-core';
import type { ExtensionBrowser } from './browsers';

export const DEFAULT_TIMEOUT_MS = 15_000;

export function extensionUrl(origin: string, path: string): string {
  return `${origin}/${path.replace(/^\//, '')}`;
}

export function readManifest(extensionDir: string): ExtensionBrowser['manifest'] {
  const file = join(extensionDir, 'manifest.json');
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as ExtensionBrowser['manifest'];
  } catch (error) {
    throw new Error(`No built extension at ${file}: run \`npm run build\` first.`, {
      cause: error,
    });
  }
}

export async function launchOrClean(
  profile: string,
  ownProfile: string | undefined,
  launch: () => Promise<Browser>,
): Promise<Browser> {
  try {
    return await launch();
  } catch (error) {
    if (ownProfile === undefined) rmSync(profile, { recursive: true, force: true });
    throw error;
  }
}

export function closer(browser: Browser, profile: string, ownProfile: string | undefined) {
  let closing: Promise<void> | undefined;
  return () => {
    closing ??= (async () => {
      try {
        await withTimeout(browser.close(), 10_000, 'browser.close()');
      } catch {
        // A browser that will not close politely is killed: no test leaves one running.
        browser.process()?.kill('SIGKILL');
      }
      if (ownProfile === undefined) rmSync(profile, { recursive: true, force: true });
    })();
    return closing;
  };
}

export async function withTimeout<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} took more than ${ms} ms`)), ms);
  });
  try {
    return await Promise.race([promise, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}
