/**
 * Which browser this build is for: WXT's build target (`wxt build -b firefox`), never a guess
 * from the user agent. The one place the flag is read, for every file of `lib/platform/`.
 *
 * `=== true` because vitest hands `import.meta.env` defines over as strings, and the string
 * "false" is truthy: unit tests would otherwise run the Firefox branches. In a build the flag is
 * the literal `true` or `false`, so the other browser's branch is still dropped.
 */
export const isFirefox: boolean = import.meta.env.FIREFOX === true;
