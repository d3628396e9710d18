/**
 * Settings → Unlock with a passkey (issue 15): set up with the account password typed again and
 * one prompt of the authenticator (two where it gives the PRF output only on use), the choice to
 * type the password after a browser restart, and removal. Where the browser cannot (Firefox),
 * it says why instead of offering it.
 */
import { useEffect, useState } from 'preact/hooks';
import { ConfirmButton } from '@/components/ConfirmButton';
import { useAction } from '@/components/hooks';
import { ErrorNotice } from '@/components/Notice';
import { PasswordField } from '@/components/PasswordField';
import { formatDateTime } from '@/components/time';
import { t } from '@/lib/i18n';
import { send } from '@/lib/messaging/client';
import type { PasskeyStatus } from '@/lib/messaging/protocol';
import { onStateError } from '../model';
import { passkeySupport, registerPasskey } from '../passkey-client';
import { passkeyErrorText } from './PasskeyUnlock';

export function PasskeySettings() {
  const support = passkeySupport();
  const [passkey, setPasskey] = useState<PasskeyStatus>();
  const [asking, setAsking] = useState(false);
  const [password, setPassword] = useState('');
  useEffect(() => {
    if (support === 'ok') send('passkey.status', {}).then(setPasskey, onStateError);
  }, []);

  const setUp = useAction(
    async () => {
      const enrolment = await send('passkey.begin', { password });
      setPassword('');
      setPasskey(await send('passkey.enrol', await registerPasskey(enrolment)));
      setAsking(false);
    },
    (error) => {
      setUp.setError(passkeyErrorText(error));
      onStateError(error);
    },
  );
  const change = useAction(async (on: boolean) => {
    setPasskey(await send('passkey.setAskAfterRestart', { on }));
  }, onStateError);
  const remove = useAction(async () => setPasskey(await send('passkey.remove', {})), onStateError);

  const lang = document.documentElement.lang || 'en';
  const since = passkey?.enrolledAt ? formatDateTime(passkey.enrolledAt, lang) : '';
  return (
    <section aria-labelledby="passkey-heading" class="stack" data-passkey={support}>
      <h2 id="passkey-heading">{t('passkeyTitle')}</h2>
      {support === 'firefox' && <p>{t('passkeyFirefox')}</p>}
      {support === 'no-webauthn' && <p>{t('passkeyNoWebauthn')}</p>}
      {support === 'ok' && passkey && !passkey.enrolled && (
        <>
          <p class="muted">{t('passkeyIntro')}</p>
          {!asking ? (
            <button type="button" onClick={() => setAsking(true)}>
              {t('passkeySetUp')}
            </button>
          ) : (
            <form
              class="stack"
              aria-busy={setUp.busy}
              onSubmit={(e) => {
                e.preventDefault();
                if (password) void setUp.run();
                else setUp.setError(t('passwordMissing'));
              }}
            >
              <PasswordField
                label={t('accountPasswordLabel')}
                autoComplete="current-password"
                value={password}
                onInput={setPassword}
              />
              <ErrorNotice>{setUp.error}</ErrorNotice>
              <div class="row">
                <button type="button" onClick={() => setAsking(false)}>
                  {t('cancel')}
                </button>
                <button type="submit" class="primary" disabled={setUp.busy}>
                  {setUp.busy ? t('passkeyAsking') : t('passkeyContinue')}
                </button>
              </div>
            </form>
          )}
        </>
      )}
      {support === 'ok' && passkey?.enrolled && (
        <>
          <p data-passkey-on="">{t('passkeyOn', since)}</p>
          <label class="check">
            <input
              type="checkbox"
              checked={passkey.askAfterRestart}
              aria-describedby="passkey-restart-hint"
              onChange={(e) => void change.run(e.currentTarget.checked)}
            />
            <span>{t('passkeyAskAfterRestart')}</span>
          </label>
          <p id="passkey-restart-hint" class="muted">
            {t('passkeyLimits')}
          </p>
          <ErrorNotice>{change.error ?? remove.error}</ErrorNotice>
          <ConfirmButton
            label={t('passkeyRemove')}
            warning={t('passkeyRemoveWarning')}
            confirm={t('passkeyRemoveConfirm')}
            busy={remove.busy}
            onConfirm={() => void remove.run()}
          />
        </>
      )}
    </section>
  );
}
