/**
 * Runs once before the browser suite: every browser and language pack the suite needs must be
 * there, and so must both builds. Anything missing fails the run with what to do, in CI and locally.
 */
import { assertInstalled } from '../support/binaries';
import { assertBuilt } from '../support/paths';
import { suiteBrowsers, suiteLanguages } from './languages';

export default function setup(): void {
  try {
    assertInstalled(suiteBrowsers, suiteLanguages);
    assertBuilt(suiteBrowsers);
  } catch (error) {
    // The message says what to do; a stack through vitest's internals would only bury it.
    if (error instanceof Error) error.stack = `${error.name}: ${error.message}`;
    throw error;
  }
}
