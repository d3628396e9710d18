/**
 * The build this code came from. Stamped on every message so that a content script left over from
 * an older version gets "reload the page" instead of undefined behaviour (STYLE.md rule 3).
 * Set by `define` in wxt.config.ts and vitest.config.ts.
 */
declare const __CASSAFORTE_BUILD__: string;

export const BUILD_ID: string = __CASSAFORTE_BUILD__;

declare const __CASSAFORTE_TEST_BUILD__: boolean | undefined;
/** The test build (fixture sites granted; a hook for the shortcuts): never a store build. */
export const IS_TEST_BUILD: boolean =
  typeof __CASSAFORTE_TEST_BUILD__ === 'boolean' && __CASSAFORTE_TEST_BUILD__;
