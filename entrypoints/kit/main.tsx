/** The printable Emergency Kit, in a full tab: print it, save it as a page, save its QR code. */
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { KitSheet } from '@/components/KitSheet';
import { KitToolbar } from '@/components/KitTools';
import { ErrorNotice } from '@/components/Notice';
import { describeError } from '@/components/errors';
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
  return (
    <main class="kit-page">
      <KitToolbar kit={kit} lang={lang} />
      <ErrorNotice>{error}</ErrorNotice>
      {kit && <KitSheet kit={kit} lang={lang} />}
    </main>
  );
}

document.documentElement.lang = browser.i18n.getUILanguage();
render(<KitPage />, document.getElementById('app')!);
