/**
 * Reads and clears the clipboard from an extension document: Chrome's offscreen page, Firefox's
 * background page (lib/platform/clipboard.ts says which). execCommand('paste') needs the
 * `clipboardRead` permission and an editable element to paste into; navigator.clipboard would need
 * focus that these pages never have.
 */
import { sha256Hex } from '@/lib/messaging/clipboard';

function readClipboard(doc: Document): string {
  const area = doc.createElement('textarea');
  area.setAttribute('aria-hidden', 'true');
  doc.body.append(area);
  try {
    area.focus();
    doc.execCommand('paste');
    return area.value;
  } finally {
    area.remove();
  }
}

function clearClipboard(doc: Document): void {
  const onCopy = (event: ClipboardEvent) => {
    event.clipboardData?.setData('text/plain', '');
    event.preventDefault();
  };
  doc.addEventListener('copy', onCopy, { once: true });
  doc.execCommand('copy');
  doc.removeEventListener('copy', onCopy);
}

/** Clears the clipboard only if it still holds the secret whose SHA-256 is `hash`. */
export async function clearClipboardIfHolds(doc: Document, hash: string): Promise<boolean> {
  const held = readClipboard(doc);
  const cleared = held !== '' && (await sha256Hex(held)) === hash;
  if (cleared) clearClipboard(doc);
  return cleared;
}
