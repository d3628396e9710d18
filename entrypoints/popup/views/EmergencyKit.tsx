/**
 * The Emergency Kit right after an account is created: the account key as text and QR code, a
 * printable page, a download, and the required "I have saved my kit" before the vault opens.
 */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { KitCard, KitLoss, downloadBlob, kitDocument, kitFileName } from '@/components/KitSheet';
import { useAction, useFocusOnMount } from '@/components/hooks';
import { ErrorNotice } from '@/components/Notice';
import { describeError } from '@/components/errors';
import { t } from '@/lib/i18n';
import { send } from '@/lib/messaging/client';
import type { EmergencyKit } from '@/lib/messaging/protocol';
import { applyStatus } from '../model';
import { freshKit } from './kit-state';

export function EmergencyKitView() {
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const [kit, setKit] = useState<EmergencyKit | undefined>(freshKit.value);
  const [loadError, setLoadError] = useState<string>();
  const [saved, setSaved] = useState(false);
  const [acted, setActed] = useState(false);
  const lang = document.documentElement.lang || 'en';

  useEffect(() => {
    if (kit) return;
    send('account.kit', {}).then(setKit, (error: unknown) => setLoadError(describeError(error)));
  }, [kit]);

  const done = useAction(async () => {
    freshKit.value = undefined;
    applyStatus(await send('account.kitSaved', {}));
  });

  const openPrintable = () => {
    setActed(true);
    void browser.tabs.create({ url: browser.runtime.getURL('/kit.html') });
  };
  const download = () => {
    if (!kit) return;
    setActed(true);
    const html = kitDocument(kit, lang);
    downloadBlob(new Blob([html], { type: 'text/html' }), kitFileName(kit, 'html'));
  };

  return (
    <section class="stack">
      <h1 tabIndex={-1} ref={heading}>
        {t('kitTitle')}
      </h1>
      <p class="notice warning">{t('kitNobodyCanRecover')}</p>
      <ErrorNotice>{loadError}</ErrorNotice>
      {kit && (
        <>
          <p>{t('kitIntro')}</p>
          <KitCard kit={kit} />
          <KitLoss />
          <div class="row">
            <button type="button" onClick={openPrintable}>
              {t('kitOpenPrintable')}
            </button>
            <button type="button" onClick={download}>
              {t('kitDownload')}
            </button>
          </div>
          <label class="check">
            <input
              type="checkbox"
              checked={saved}
              onChange={(e) => setSaved(e.currentTarget.checked)}
            />
            <span>{t('kitSavedCheck')}</span>
          </label>
          {saved && !acted && <p class="muted">{t('kitSavedReminder')}</p>}
          <ErrorNotice>{done.error}</ErrorNotice>
          <button
            type="button"
            class="primary"
            disabled={!saved || done.busy}
            onClick={() => void done.run()}
          >
            {t('kitContinue')}
          </button>
        </>
      )}
    </section>
  );
}
