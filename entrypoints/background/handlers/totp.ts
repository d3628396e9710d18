/**
 * "Scan QR code in this tab" (protocol 'totp.captureTab'): a picture of the tab under the popup.
 * Only the popup may ask (the router's `pages`), and only with the vault open, since the picture
 * goes into a login being edited. The browser decides whether we may take it: `activeTab`, from
 * the user's click on the toolbar button, is what grants it (Firefox since 126, Chrome always).
 */
import { browser } from 'wxt/browser';
import type { TabCapture } from '@/lib/messaging/protocol';
import type { Handlers } from '../router';
import type { VaultContext } from '../services/vault';

async function tabUnderPopup(tabId: number | undefined) {
  if (tabId !== undefined) return browser.tabs.get(tabId).catch(() => undefined);
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  return tab;
}

export function createTotpHandlers(deps: { unlocked: () => Promise<VaultContext> }) {
  return {
    'totp.captureTab': async ({ tabId }): Promise<TabCapture> => {
      await deps.unlocked();
      const tab = await tabUnderPopup(tabId);
      // captureVisibleTab takes what a window shows: the tab must be the one in front.
      if (tab?.id === undefined || tab.windowId === undefined || !tab.active) {
        return { refused: 'no-tab' };
      }
      try {
        return { image: await browser.tabs.captureVisibleTab(tab.windowId, { format: 'png' }) };
      } catch {
        return { refused: 'no-access' };
      }
    },
  } satisfies Partial<Handlers>;
}
