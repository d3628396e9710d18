/**
 * The Emergency Kit as one sheet: what it is, the account key as text and inside the QR code, and
 * where it works. The same markup is shown in the popup, printed from the kit page and saved as a
 * standalone HTML file, so the three can never disagree.
 */
import { render } from 'preact';
import { t } from '@/lib/i18n';
import type { EmergencyKit } from '@/lib/messaging/protocol';
import { qrSvgDataUrl } from './qr';

export function KitQr({ kit, size = 184 }: { kit: EmergencyKit; size?: number }) {
  return (
    <img
      class="kit-qr"
      src={qrSvgDataUrl(kit.setupCode)}
      width={size}
      height={size}
      alt={t('kitQrAlt')}
      data-setup-code-qr=""
    />
  );
}

/** Exactly what is lost when: the kit, the password, and the devices that are signed in. */
export function KitLoss({ headingLevel = 2 }: { headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <section class="kit-loss">
      <Heading>{t('kitLossTitle')}</Heading>
      <ul>
        <li>{t('kitLossNewDevice')}</li>
        <li>{t('kitLossSignedIn')}</li>
        <li>{t('kitLossForgotten')}</li>
      </ul>
    </section>
  );
}

/** The kit in the popup's width: the QR code, the account key and whose it is. */
export function KitCard({ kit }: { kit: EmergencyKit }) {
  return (
    <div class="kit-card">
      <KitQr kit={kit} size={148} />
      <p class="muted">{t('accountKeyLabel')}</p>
      <p class="mono kit-key" data-account-key="">
        {kit.accountKey}
      </p>
      <p class="muted kit-email">{kit.email}</p>
    </div>
  );
}

export function KitSheet({ kit, lang }: { kit: EmergencyKit; lang: string }) {
  const created = new Date(kit.createdAt).toLocaleDateString(lang, { dateStyle: 'long' });
  return (
    <article class="kit-sheet">
      <h1>{t('kitSheetTitle')}</h1>
      <p class="kit-warning">{t('kitNobodyCanRecover')}</p>
      <dl class="kit-fields">
        <dt>{t('emailLabel')}</dt>
        <dd>{kit.email}</dd>
        <dt>{t('serverUrlLabel')}</dt>
        <dd>{kit.serverUrl}</dd>
        <dt>{t('accountKeyLabel')}</dt>
        <dd class="mono kit-key" data-account-key="">
          {kit.accountKey}
        </dd>
        <dt>{t('accountPasswordLabel')}</dt>
        <dd class="kit-write-in">{t('kitWritePasswordHere')}</dd>
        <dt>{t('kitCreated')}</dt>
        <dd>{created}</dd>
      </dl>
      <div class="kit-qr-box">
        <KitQr kit={kit} size={200} />
        <p>{t('kitQrExplain')}</p>
      </div>
      <KitLoss />
      <p class="small-print">{t('kitKeepSafe')}</p>
    </article>
  );
}

const sheetCss = `body{font:14px/1.5 system-ui,sans-serif;color:#111;background:#fff;max-width:720px;margin:2em auto;padding:0 1em}
h1{font-size:22px}.kit-warning{border:2px solid #a32020;padding:8px 12px;font-weight:600}
dl{display:grid;grid-template-columns:max-content 1fr;gap:6px 16px}dt{font-weight:600}dd{margin:0}
.mono{font-family:ui-monospace,Menlo,Consolas,monospace}.kit-key{font-size:18px;letter-spacing:.04em}
.kit-write-in{border-bottom:1px solid #888;min-height:1.6em;color:#777}
.kit-qr-box{display:flex;gap:16px;align-items:center;margin:16px 0}.small-print{color:#444;font-size:12px}
.kit-loss{margin-bottom:12px}.kit-loss h2{font-size:15px;margin:12px 0 4px}.kit-loss ul{margin:0;padding-left:20px}`;

/** The kit as a standalone HTML document, for the download. */
export function kitDocument(kit: EmergencyKit, lang: string): string {
  const holder = document.createElement('div');
  render(<KitSheet kit={kit} lang={lang} />, holder);
  const title = t('kitFileTitle');
  return `<!doctype html><html lang="${lang}"><head><meta charset="utf-8"><title>${title}</title><style>${sheetCss}</style></head><body>${holder.innerHTML}</body></html>`;
}

/** Saves a blob as a file through a temporary link: no download permission needed. */
export function downloadBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** A file name for the kit that says whose it is. */
export function kitFileName(kit: EmergencyKit, extension: string): string {
  const who = kit.email.replace(/[^a-z0-9._-]+/gi, '_');
  return `Cassaforte-Emergency-Kit-${who}.${extension}`;
}
