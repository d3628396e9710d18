/**
 * Chrome's offscreen document for the clipboard (lib/platform/clipboard.ts): clears it only if it
 * still holds the copied secret, when the service worker asks.
 */
import { browser } from 'wxt/browser';
import { clearClipboardIfHolds } from '@/lib/clipboard/document';
import { CLIPBOARD_CLEAR_MESSAGE } from '@/lib/messaging/clipboard';

browser.runtime.onMessage.addListener((message: unknown, sender) => {
  // Only our own service worker (no tab, our id) may ask.
  if (sender.id !== browser.runtime.id || sender.tab) return undefined;
  const request = message as { type?: unknown; hash?: unknown };
  if (request?.type !== CLIPBOARD_CLEAR_MESSAGE || typeof request.hash !== 'string')
    return undefined;
  return clearClipboardIfHolds(document, request.hash).then((cleared) => ({ cleared }));
});
