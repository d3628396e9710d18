/** Screenshots and other evidence from the browser suite, kept in tests/artifacts (git-ignored). */
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'puppeteer-core';

export const artifactsDir = fileURLToPath(new URL('../artifacts/', import.meta.url));

/** Saves a full-page PNG as tests/artifacts/<name>.png and returns its path. */
export async function saveScreenshot(page: Page, name: string): Promise<string> {
  mkdirSync(artifactsDir, { recursive: true });
  const path = `${artifactsDir}${name.replace(/[^\w.-]+/g, '-')}.png`;
  await page.screenshot({ path: path as `${string}.png`, fullPage: true });
  return path;
}
