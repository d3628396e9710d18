import { fileURLToPath } from 'node:url';

/**
 * Where `npm run build` leaves the two extensions and how a person loads each one (the README's
 * "Load the extension by hand"); `npm start` ends its start-up output with this.
 */
export const EXTENSION_BUILDS = [
  {
    browser: 'Chrome / Chromium',
    path: fileURLToPath(new URL('../.output/chrome-mv3', import.meta.url)),
    how: 'chrome://extensions → Developer mode → Load unpacked → choose this folder',
  },
  {
    browser: 'Firefox',
    path: fileURLToPath(new URL('../.output/firefox-mv3/manifest.json', import.meta.url)),
    how: 'about:debugging#/runtime/this-firefox → Load Temporary Add-on… → choose this file',
  },
] as const;

/** The closing lines of `npm start` in a terminal. */
export function describeExtensionBuilds(serverUrl: string): string {
  const builds = EXTENSION_BUILDS.map((b) => `  ${b.browser}: ${b.path}\n    ${b.how}`);
  return [
    '',
    'Cassaforte is running. Load the extension built for your browser:',
    ...builds,
    `Then click its toolbar icon and create an account (server ${serverUrl}).`,
    'Stop the server with Ctrl+C.',
    '',
  ].join('\n');
}
