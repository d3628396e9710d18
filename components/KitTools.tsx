/**
 * The Emergency Kit's actions on a full-tab page (the kit page, the reset page's new kit): print
 * it, save it as a standalone page, save its QR code as a picture. No permission is needed: the
 * files are saved through a temporary link.
 */
import { t } from '@/lib/i18n';
import type { EmergencyKit } from '@/lib/messaging/protocol';
import { downloadBlob, kitDocument, kitFileName } from './KitSheet';
import { qrPngBlob } from './qr';

export function KitToolbar({ kit, lang }: { kit?: EmergencyKit; lang: string }) {
  const savePng = async () => {
    if (!kit) return;
    downloadBlob(await qrPngBlob(kit.setupCode), kitFileName(kit, 'png'));
  };
  const saveHtml = () => {
    if (!kit) return;
    downloadBlob(
      new Blob([kitDocument(kit, lang)], { type: 'text/html' }),
      kitFileName(kit, 'html'),
    );
  };
  return (
    <div class="toolbar no-print" role="toolbar" aria-label={t('kitTools')}>
      <button type="button" class="primary" onClick={() => print()} disabled={!kit}>
        {t('kitPrint')}
      </button>
      <button type="button" disabled={!kit} onClick={saveHtml}>
        {t('kitDownload')}
      </button>
      <button type="button" disabled={!kit} onClick={() => void savePng()}>
        {t('kitSaveQr')}
      </button>
    </div>
  );
}
