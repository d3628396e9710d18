import { isFirefox } from './target';

/**
 * Where a copied secret is cleared from the clipboard after the chosen delay (issue 13).
 *
 * Chrome: the MV3 background is a service worker, with no document and no clipboard, so it opens
 * an offscreen document for the job (reason CLIPBOARD; the `offscreen` permission, manifest.ts).
 * https://developer.chrome.com/docs/extensions/reference/api/offscreen
 *
 * Firefox: there is no offscreen API, but the MV3 background is an event page with a document of
 * its own, where `clipboardRead` and `clipboardWrite` let execCommand('paste') and ('copy') work
 * without a user's gesture. Before issue 13 Firefox skipped the clearing altogether, and the
 * password stayed on the clipboard after the toast said it was cleared.
 * https://developer.mozilla.org/docs/Mozilla/Add-ons/WebExtensions/Interact_with_the_clipboard
 */
export const clipboardNeedsOffscreenDocument = !isFirefox;

/** The background's own document where it has one (Firefox's event page); none in Chrome's worker. */
export function backgroundDocument(): Document | undefined {
  if (clipboardNeedsOffscreenDocument) return undefined;
  return (globalThis as { document?: Document }).document;
}
