/**
 * The one-time code part of the protocol (protocol.ts holds the table): "Scan QR code in this
 * tab" in the login editor. The popup asks, the background takes the picture (only it may call
 * `tabs.captureVisibleTab`, under the `activeTab` grant of the user's click on the toolbar
 * button), and the popup decodes it, so the picture and the secret in it never reach a page.
 */
import { z } from 'zod';
import { entry, pages } from './entry';

export type TabCapture =
  /** A PNG data URL of what the tab shows right now. */
  | { image: string }
  /** No web page under the popup, or the browser refused (no activeTab grant, a browser page). */
  | { refused: 'no-tab' | 'no-access' };

export const totpProtocol = {
  'totp.captureTab': entry<TabCapture>()(
    z
      .object({
        /** The tab a popup in a window of its own was opened for; else the active tab. */
        tabId: z.number().int().nonnegative().optional(),
      })
      .strict(),
    pages,
  ),
};
