/**
 * What is stored where (issue 13): the device's three places and what the sync server can and
 * cannot see, in words a user can check against lib/storage/keys.ts and server/db/schema.ts.
 * Opened from the popup's Settings and linked from the README; no messages, no state.
 */
import { render } from 'preact';
import { browser } from 'wxt/browser';
import { t } from '@/lib/i18n';
import '../popup/style.css';
import './privacy.css';

function Section({ id, title, items }: { id: string; title: string; items: string[] }) {
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{title}</h2>
      <ul>
        {items.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>
    </section>
  );
}

function PrivacyPage() {
  return (
    <>
      <header>
        <h1>{t('privacyTitle')}</h1>
        <p>{t('privacyIntro')}</p>
      </header>
      <main>
        <Section
          id="device"
          title={t('privacyDeviceTitle')}
          items={[
            t('privacyDeviceVault'),
            t('privacyDeviceSession'),
            t('privacyDeviceLocal'),
            t('privacyDeviceSites'),
          ]}
        />
        <Section
          id="server"
          title={t('privacyServerTitle')}
          items={[t('privacyServerStores'), t('privacyServerNever'), t('privacyServerSees')]}
        />
        <Section
          id="nothing-else"
          title={t('privacyNothingElseTitle')}
          items={[t('privacyNothingElse')]}
        />
      </main>
    </>
  );
}

document.documentElement.lang = browser.i18n.getUILanguage();
document.title = t('privacyTitle');
render(<PrivacyPage />, document.getElementById('app')!);
