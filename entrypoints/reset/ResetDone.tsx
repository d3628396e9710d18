/**
 * After the reset: the new Emergency Kit, as the kit page shows it (print, download, QR picture),
 * the "I have saved it" that the popup also asks for, and the way into the new, empty vault.
 */
import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { useFocusOnMount } from '@/components/hooks';
import { KitSheet } from '@/components/KitSheet';
import { KitToolbar } from '@/components/KitTools';
import { t } from '@/lib/i18n';
import { send } from '@/lib/messaging/client';
import type { EmergencyKit } from '@/lib/messaging/protocol';

/** The toolbar popup over this window; where it cannot open, the vault in this tab. */
function openVault(): void {
  // Acknowledged first: the popup would otherwise show the kit again.
  void send('account.kitSaved', {}).catch(() => undefined);
  const popup = browser.runtime.getURL('/popup.html');
  // Called within the click itself, which both browsers require of openPopup.
  Promise.resolve(browser.action.openPopup?.()).then(
    () => undefined,
    () => location.assign(popup),
  );
}

export function ResetDone({ kit }: { kit: EmergencyKit }) {
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const [saved, setSaved] = useState(false);
  const lang = document.documentElement.lang || 'en';
  return (
    <div class="stack wide">
      <div class="stack no-print">
        <h1 tabIndex={-1} ref={heading}>
          {t('resetPageDoneTitle')}
        </h1>
        <p role="status" class="notice success" data-reset-done="">
          {t('resetPageDone')}
        </p>
        <KitToolbar kit={kit} lang={lang} />
      </div>
      <KitSheet kit={kit} lang={lang} />
      <div class="stack no-print">
        <label class="check">
          <input
            type="checkbox"
            checked={saved}
            onChange={(e) => setSaved(e.currentTarget.checked)}
          />
          <span>{t('kitSavedCheck')}</span>
        </label>
        <button type="button" class="primary" disabled={!saved} onClick={openVault}>
          {t('kitContinue')}
        </button>
      </div>
    </div>
  );
}
