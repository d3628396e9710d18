/**
 * The build this code came from. Stamped on every message so that a content script left over from
 * an older version gets "reload the page" instead of undefined behaviour (STYLE.md rule 3).
 * Set by `define` in wxt.config.ts and vitest.config.ts.
 */
declare const __CASSAFORTE_BUILD__: string;

export const BUILD_ID: string = __CASSAFORTE_BUILD__;
