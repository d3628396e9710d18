/**
 * The Emergency Kit again, on an unlocked device that holds the account key (1Password does the
 * same): after the account password is typed once more, so nobody passing by an open popup can
 * read the key. A lost kit then needs no reset.
 */
import { useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { KitCard, KitLoss, downloadBlob, kitDocument, kitFileName } from '@/components/KitSheet';
import { useAction, useFocusOnMount } from '@/components/hooks';
import { PasswordField } from '@/components/PasswordField';
import { t } from '@/lib/i18n';
import { send } from '@/lib/messaging/client';
import type { EmergencyKit } from '@/lib/messaging/protocol';
import { navigate, onStateError } from '../model';

export function KitAgain() {
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const [password, setPassword] = useState('');
  const [kit, setKit] = useState<EmergencyKit>();
  const lang = document.documentElement.lang || 'en';
  const reveal = useAction(async () => {
    setKit(await send('account.revealKit', { password }));
    setPassword('');
  }, onStateError);

  return (
    <section class="stack">
      <h1 tabIndex={-1} ref={heading}>
        {t('kitAgainTitle')}
      </h1>
      {kit ? (
        <>
          <p class="notice warning">{t('kitNobodyCanRecover')}</p>
          <KitCard kit={kit} />
          <KitLoss />
          <div class="row">
            <button
              type="button"
              onClick={() => void browser.tabs.create({ url: browser.runtime.getURL('/kit.html') })}
            >
              {t('kitOpenPrintable')}
            </button>
            <button
              type="button"
              onClick={() =>
                downloadBlob(
                  new Blob([kitDocument(kit, lang)], { type: 'text/html' }),
                  kitFileName(kit, 'html'),
                )
              }
            >
              {t('kitDownload')}
            </button>
          </div>
        </>
      ) : (
        <form
          class="stack"
          noValidate
          aria-busy={reveal.busy}
          onSubmit={(e) => {
            e.preventDefault();
            if (password) void reveal.run();
          }}
        >
          <p>{t('kitAgainIntro')}</p>
          <PasswordField
            label={t('accountPasswordLabel')}
            autoComplete="current-password"
            value={password}
            onInput={setPassword}
            error={reveal.error}
          />
          <button type="submit" class="primary" disabled={reveal.busy || !password}>
            {t('kitAgainSubmit')}
          </button>
        </form>
      )}
      <button type="button" onClick={() => navigate({ name: 'settings' })}>
        {t('back')}
      </button>
    </section>
  );
}
