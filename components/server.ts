/**
 * The sync server a new account or a sign-in uses unless the user picks another under "Advanced".
 * `npm start` runs the server here (DESIGN.md §8); a build for a hosted service sets
 * WXT_CASSAFORTE_SERVER at build time.
 */
export const DEFAULT_SERVER_URL: string =
  (import.meta.env.WXT_CASSAFORTE_SERVER as string | undefined) || 'http://127.0.0.1:8787';
