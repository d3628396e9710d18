/**
 * Where the user changes the extension's keyboard shortcuts (issue 13 gathers browser
 * differences under `lib/platform/`).
 */
import { isFirefox } from './target';
import { browser } from 'wxt/browser';

/**
 * Chrome: its own page, chrome://extensions/shortcuts, which an extension may open in a tab.
 * Firefox: the add-ons manager's shortcut page, which `tabs.create` cannot open (about:addons is
 * refused), so Firefox 137+ offers `commands.openShortcutSettings()`.
 * https://developer.mozilla.org/docs/Mozilla/Add-ons/WebExtensions/API/commands/openShortcutSettings
 */
export async function openShortcutSettings(): Promise<void> {
  if (isFirefox) {
    const commands = browser.commands as { openShortcutSettings?: () => Promise<void> };
    await commands.openShortcutSettings?.();
  } else {
    await browser.tabs.create({ url: 'chrome://extensions/shortcuts' });
  }
}
