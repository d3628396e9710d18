/**
 * A server's JSON answer made up by a test, for the API client (lib/sync/client.ts) without a
 * server, or for a fetch that lies where the real server would not.
 */

/** The answer a server sends: `body` as JSON, with `status`. */
export function jsonAnswer(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}

/** A fetch that answers every request with `body` as JSON, with `status`. */
export const answering =
  (status: number, body: unknown): typeof fetch =>
  async () =>
    jsonAnswer(status, body);
