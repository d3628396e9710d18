/** The printable Emergency Kit, in a full tab: print it, save it as a page, save its QR code. */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { KitSheet, downloadBlob, kitDocument, kitFileName } from '@/components/KitSheet';
import { ErrorNotice } from '@/components/Notice';
import { describeError } from '@/components/errors';
import { qrPngBlob } from '@/components/qr';
import { t } from '@/lib/i18n';
import { send } from '@/lib/messaging/client';
import type { EmergencyKit } from '@/lib/messaging/protocol';
import '../popup/style.css';
import './kit.css';

function KitPage() {
  const [kit, setKit] = useState<EmergencyKit>();
  const [error, setError] = useState<string>();
  const lang = document.documentElement.lang;
  useEffect(() => {
    send('account.kit', {}).then(setKit, (caught: unknown) => setError(describeError(caught)));
  }, []);
  useEffect(() => {
    document.title = t('kitFileTitle');
  }, []);
  const savePng = async () => {
    if (!kit) return;
    downloadBlob(await qrPngBlob(kit.setupCode), kitFileName(kit, 'png'));
  };
  return (
    <main class="kit-page">
      <div class="toolbar no-print" role="toolbar" aria-label={t('kitTools')}>
        <button type="button" class="primary" onClick={() => print()} disabled={!kit}>
          {t('kitPrint')}
        </button>
        <button
          type="button"
          disabled={!kit}
          onClick={() =>
            kit &&
            downloadBlob(
              new Blob([kitDocument(kit, lang)], { type: 'text/html' }),
              kitFileName(kit, 'html'),
            )
          }
        >
          {t('kitDownload')}
        </button>
        <button type="button" disabled={!kit} onClick={() => void savePng()}>
          {t('kitSaveQr')}
        </button>
      </div>
      <ErrorNotice>{error}</ErrorNotice>
      {kit && <KitSheet kit={kit} lang={lang} />}
    </main>
  );
}

document.documentElement.lang = browser.i18n.getUILanguage();
render(<KitPage />, document.getElementById('app')!);
