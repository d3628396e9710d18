/**
 * Clears a copied secret from the clipboard after the chosen seconds, but only if the clipboard
 * still holds it (the user may have copied something else since). The background keeps only the
 * SHA-256 of the value. Chrome clears in an offscreen document, Firefox in its background page
 * (lib/platform/clipboard.ts).
 */
import { browser } from 'wxt/browser';
import { clearClipboardIfHolds } from '@/lib/clipboard/document';
import { backgroundDocument, clipboardNeedsOffscreenDocument } from '@/lib/platform/clipboard';
import { getStored, removeStored, setStored } from '@/lib/storage/store';
import { CLIPBOARD_CLEAR_MESSAGE, sha256Hex } from '@/lib/messaging/clipboard';

export const CLIPBOARD_ALARM = 'cassaforte-clipboard';
const OFFSCREEN_PATH = '/offscreen.html';

interface OffscreenApi {
  createDocument(options: { url: string; reasons: string[]; justification: string }): Promise<void>;
  closeDocument(): Promise<void>;
  hasDocument?: () => Promise<boolean>;
}

export function createClipboardClearer(deps: { now?: () => number } = {}) {
  const now = deps.now ?? Date.now;

  async function clearIfHolds(hash: string) {
    if (!clipboardNeedsOffscreenDocument) {
      const doc = backgroundDocument();
      if (doc) await clearClipboardIfHolds(doc, hash);
      return;
    }
    const offscreen = (browser as unknown as { offscreen?: OffscreenApi }).offscreen;
    if (!offscreen) return;
    const open = (await offscreen.hasDocument?.()) ?? false;
    if (!open) {
      await offscreen.createDocument({
        url: browser.runtime.getURL(OFFSCREEN_PATH),
        reasons: ['CLIPBOARD'],
        justification: 'Clear a copied password from the clipboard after the chosen delay.',
      });
    }
    try {
      const message: unknown = { type: CLIPBOARD_CLEAR_MESSAGE, hash };
      await browser.runtime.sendMessage(message);
    } finally {
      await offscreen.closeDocument().catch(() => {});
    }
  }

  async function runDue() {
    const pending = await getStored('clipboardClear');
    if (!pending || pending.at > now() + 500) return;
    await removeStored('clipboardClear');
    await clearIfHolds(pending.hash);
  }

  return {
    async clearLater(value: string): Promise<number> {
      const { clipboardClearSeconds } = await getStored('settings');
      const at = now() + clipboardClearSeconds * 1000;
      await setStored('clipboardClear', { hash: await sha256Hex(value), at });
      // The timer serves while the worker is awake; the alarm if it was stopped meanwhile.
      setTimeout(() => void runDue(), clipboardClearSeconds * 1000);
      await browser.alarms.create(CLIPBOARD_ALARM, { when: at });
      return at;
    },
    listen() {
      browser.alarms.onAlarm.addListener((alarm) => {
        if (alarm.name === CLIPBOARD_ALARM) void runDue();
      });
    },
    runDue,
  };
}
