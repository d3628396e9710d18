/** The one message the background sends to its offscreen document (not part of the protocol:
 * it flows the other way, from the worker to a page it created). */
export const CLIPBOARD_CLEAR_MESSAGE = 'cassaforte.clipboard.clearIfHolds';

export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}
