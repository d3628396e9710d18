/**
 * Reset guidance: the decision first (a device that still unlocks means: change the password there,
 * do not reset; a lost kit means: show it again there), with this account's devices and when each
 * was last unlocked when this device is signed in; then what a reset erases and keeps, the steps,
 * and other devices. "Start reset" asks the server to email a link and a code; the answer is always
 * "check your email", account or not. "I have a reset email" takes the link or the code.
 */
import { useEffect, useState } from 'preact/hooks';
import { byLastUnlocked, DeviceList } from '@/components/DeviceList';
import { Field } from '@/components/Field';
import { useAction, useFocusOnMount } from '@/components/hooks';
import { ErrorNotice } from '@/components/Notice';
import { isEmailShape } from '@/lib/account-key';
import { t } from '@/lib/i18n';
import { send } from '@/lib/messaging/client';
import type { AppStatus, DeviceInfo } from '@/lib/messaging/protocol';
import { navigate, server } from '../model';
import type { GuideBack } from '../route';

type Choice = 'undecided' | 'can-unlock' | 'cannot-unlock';

/** This account's devices, when this one is signed in: one unlocked lately may still open. */
function Devices() {
  const [devices, setDevices] = useState<DeviceInfo[] | 'unavailable'>();
  const lang = document.documentElement.lang || 'en';
  useEffect(() => {
    send('account.devices', {}).then(
      (answer) => setDevices(answer.devices),
      () => setDevices('unavailable'),
    );
  }, []);
  if (devices === undefined) return null;
  return (
    <section class="stack" aria-labelledby="reset-devices-heading">
      <h2 id="reset-devices-heading">{t('resetDevicesTitle')}</h2>
      {devices === 'unavailable' ? (
        <p class="muted">{t('resetDevicesUnavailable')}</p>
      ) : (
        <>
          <p class="muted">{t('resetDevicesNote')}</p>
          <DeviceList
            devices={devices}
            order={byLastUnlocked}
            now={Date.now()}
            lang={lang}
            labelledBy="reset-devices-heading"
          />
        </>
      )}
    </section>
  );
}

function ResetDetails({ status }: { status: AppStatus }) {
  const [email, setEmail] = useState(status.email ?? '');
  const [emailError, setEmailError] = useState<string>();
  const [sentTo, setSentTo] = useState<string>();
  const start = useAction(async () => {
    await send('account.requestReset', {
      email: email.trim(),
      serverUrl: status.serverUrl ?? server.value,
    });
    setSentTo(email.trim());
  });
  return (
    <>
      <h2>{t('resetWhyTitle')}</h2>
      <p>{t('resetWhy')}</p>
      <h2>{t('resetErasesTitle')}</h2>
      <ul>
        <li>{t('resetErasesPassword')}</li>
        <li>{t('resetErasesItems')}</li>
        <li>{t('resetErasesKey')}</li>
      </ul>
      <h2>{t('resetKeepsTitle')}</h2>
      <ul>
        <li>{t('resetKeepsAccount')}</li>
        <li>{t('resetKeepsLicense')}</li>
      </ul>
      <h2>{t('resetStepsTitle')}</h2>
      <ol>
        <li>{t('resetStep1')}</li>
        <li>{t('resetStep2')}</li>
        <li>{t('resetStep3')}</li>
        <li>{t('resetStep4')}</li>
      </ol>
      <h2>{t('resetOtherDevicesTitle')}</h2>
      <p>{t('resetOtherDevices')}</p>
      {sentTo ? (
        <>
          <p role="status" class="notice success" data-reset-sent="">
            {t('resetCheckEmail', sentTo)}
          </p>
          <p>{t('resetSentNext')}</p>
        </>
      ) : (
        <form
          class="stack"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            const bad = !isEmailShape(email);
            setEmailError(bad ? t('emailInvalid') : undefined);
            if (!bad) void start.run();
          }}
        >
          <Field
            label={t('emailLabel')}
            type="email"
            autoComplete="username"
            value={email}
            onInput={setEmail}
            error={emailError}
          />
          <ErrorNotice>{start.error}</ErrorNotice>
          <button type="submit" class="danger" disabled={start.busy}>
            {t('resetStart')}
          </button>
        </form>
      )}
    </>
  );
}

export function ResetGuide({ status, back }: { status: AppStatus; back: GuideBack }) {
  const heading = useFocusOnMount<HTMLHeadingElement>();
  const [choice, setChoice] = useState<Choice>('undecided');
  return (
    <section class="stack reset">
      <h1 tabIndex={-1} ref={heading}>
        {t('resetTitle')}
      </h1>
      <p class="notice warning">{t('resetDecision')}</p>
      <p class="muted">{t('resetLostKitTip')}</p>
      {status.state === 'locked' && <Devices />}
      <fieldset class="choice">
        <legend>{t('resetQuestion')}</legend>
        <label class="check">
          <input
            type="radio"
            name="can-unlock"
            checked={choice === 'can-unlock'}
            onChange={() => setChoice('can-unlock')}
          />
          <span>{t('resetCanUnlock')}</span>
        </label>
        <label class="check">
          <input
            type="radio"
            name="can-unlock"
            checked={choice === 'cannot-unlock'}
            onChange={() => setChoice('cannot-unlock')}
          />
          <span>{t('resetCannotUnlock')}</span>
        </label>
      </fieldset>
      {choice === 'can-unlock' && (
        <p class="notice success" role="status">
          {t('resetChangeInstead')}
        </p>
      )}
      {choice === 'cannot-unlock' && <ResetDetails status={status} />}
      <div class="row">
        <button type="button" onClick={() => navigate({ name: back })}>
          {t('back')}
        </button>
        <button type="button" onClick={() => navigate({ name: 'reset-email', guideBack: back })}>
          {t('resetHaveEmail')}
        </button>
      </div>
    </section>
  );
}
