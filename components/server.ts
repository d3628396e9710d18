/**
 * The sync server a new account or a sign-in uses unless the user picks another under "Advanced".
 * `npm start` runs the server here (DESIGN.md §8); a build for a hosted service sets
 * WXT_CASSAFORTE_SERVER at build time.
 */
export const DEFAULT_SERVER_URL: string =
  (import.meta.env.WXT_CASSAFORTE_SERVER as string | undefined) || 'http://127.0.0.1:8787';

// The server chosen under "Advanced" is no secret: it stays with the extension's pages, which
// share one localStorage (the popup and the full-tab pages alike).
const SERVER_KEY = 'cassaforte.serverUrl';

/** The server new accounts, sign-ins and resets on this device use. */
export function configuredServer(): string {
  try {
    return localStorage.getItem(SERVER_KEY) || DEFAULT_SERVER_URL;
  } catch {
    return DEFAULT_SERVER_URL;
  }
}

/** Keeps the user's choice (the default is not written down, so a new default applies). */
export function saveConfiguredServer(url: string): void {
  try {
    if (url === DEFAULT_SERVER_URL) localStorage.removeItem(SERVER_KEY);
    else localStorage.setItem(SERVER_KEY, url);
  } catch {
    // Storage disabled: the choice lasts while the page is open.
  }
}
