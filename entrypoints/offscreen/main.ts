/**
 * Chrome's offscreen document for the clipboard: reads it with execCommand('paste') (the
 * clipboardRead permission; navigator.clipboard needs focus an offscreen page never has) and
 * clears it only if it still holds the copied secret.
 */
import { browser } from 'wxt/browser';
import { CLIPBOARD_CLEAR_MESSAGE, sha256Hex } from '@/lib/messaging/clipboard';

const area = document.getElementById('clipboard') as HTMLTextAreaElement;

function readClipboard(): string {
  area.value = '';
  area.focus();
  document.execCommand('paste');
  return area.value;
}

function clearClipboard() {
  const onCopy = (event: ClipboardEvent) => {
    event.clipboardData?.setData('text/plain', '');
    event.preventDefault();
  };
  document.addEventListener('copy', onCopy, { once: true });
  document.execCommand('copy');
}

browser.runtime.onMessage.addListener((message: unknown, sender) => {
  // Only our own service worker (no tab, our id) may ask.
  if (sender.id !== browser.runtime.id || sender.tab) return undefined;
  const request = message as { type?: unknown; hash?: unknown };
  if (request?.type !== CLIPBOARD_CLEAR_MESSAGE || typeof request.hash !== 'string')
    return undefined;
  return (async () => {
    const held = readClipboard();
    const cleared = held !== '' && (await sha256Hex(held)) === request.hash;
    if (cleared) clearClipboard();
    area.value = '';
    return { cleared };
  })();
});
