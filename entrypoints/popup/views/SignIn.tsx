/**
 * Sign in on a new device: email, password and the account key, typed (formatted and checked as it
 * is typed) or read from the Emergency Kit's QR code: a picture file, a pasted or dropped picture,
 * or the camera in a full-tab page (a popup cannot keep a camera permission).
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { accountKeyFeedback, formatWithCaret } from '@/components/account-key-input';
import { describeAccountKeyError, describeError } from '@/components/errors';
import { Field } from '@/components/Field';
import { useAction, useFocusOnMount } from '@/components/hooks';
import { ErrorNotice, StatusNotice } from '@/components/Notice';
import { PasswordField } from '@/components/PasswordField';
import { ServerInUse } from '@/components/ServerAddress';
import { imageFrom, scanSetupCode } from '@/components/qr-scan';
import { decodeSetupCode, formatAccountKey, isEmailShape, type SetupCode } from '@/lib/account-key';
import { t } from '@/lib/i18n';
import { QR_WORKER_PATH } from '@/lib/platform/qr-worker';
import { send } from '@/lib/messaging/client';
import type { DeviceLimit } from '@/lib/messaging/devices';
import { ProtocolError } from '@/lib/messaging/errors';
import type { AppStatus } from '@/lib/messaging/protocol';
import { applyStatus, chooseServer, navigate, server, status } from '../model';
import { DeviceLimitNotice } from './DeviceLimitNotice';

/** Signed out by the server (issue 11): the account to sign in to again, kept on this device. */
function signInAgain() {
  const load = status.value;
  return load.kind === 'ready' ? load.value.keptAside?.signInAs : undefined;
}

export interface SignInProps {
  /** What a scan elsewhere (the camera page) already read. */
  initial?: SetupCode;
  /** Called with the new status; the popup shows the vault. */
  onSignedIn?: (status: AppStatus) => void;
  /** In the full-tab camera page: no navigation to other popup views. */
  embedded?: boolean;
}

export function SignIn({ initial, onSignedIn, embedded }: SignInProps) {
  const first = useFocusOnMount<HTMLInputElement>();
  const passwordRef = useRef<HTMLInputElement>(null);
  const keyRef = useRef<HTMLInputElement>(null);
  const [again] = useState(() => (initial ? undefined : signInAgain()));
  const [email, setEmail] = useState(initial?.email ?? again?.email ?? '');
  const [password, setPassword] = useState('');
  const [accountKey, setAccountKey] = useState(initial ? formatAccountKey(initial.accountKey) : '');
  const [serverUrl, setServerUrl] = useState(
    initial?.serverUrl ?? again?.serverUrl ?? server.value,
  );
  const [typeKey, setTypeKey] = useState(false);
  // The background takes the key it kept for that account when none is typed.
  const keyKept =
    !typeKey && again?.accountKeyKept === true && email.trim().toLowerCase() === again.email;
  const [submitted, setSubmitted] = useState(false);
  const [emailError, setEmailError] = useState<string>();
  const [scanNote, setScanNote] = useState<string | undefined>(
    initial ? t('scanFilled') : undefined,
  );

  const fill = (code: SetupCode) => {
    setEmail(code.email);
    setServerUrl(code.serverUrl);
    setAccountKey(formatAccountKey(code.accountKey));
    setScanNote(t('scanFilled'));
    scan.setError(undefined);
    passwordRef.current?.focus();
  };

  const scan = useAction(async (picture: Blob) => {
    setScanNote(t('scanReading'));
    try {
      fill(await scanSetupCode(picture, browser.runtime.getURL(QR_WORKER_PATH as '/')));
    } catch (error) {
      setScanNote(undefined);
      throw error;
    }
  });

  useEffect(() => {
    if (initial || again) passwordRef.current?.focus();
  }, []);
  // A layout effect, not useEffect: that one runs after the first paint, so a picture pasted as
  // soon as the view showed (a fast user, a loaded machine) found no listener and was lost.
  useLayoutEffect(() => {
    // A picture pasted anywhere in the view is a scan; text goes where the caret is.
    const onPaste = (event: ClipboardEvent) => {
      const picture = imageFrom(event.clipboardData);
      if (!picture) return;
      event.preventDefault();
      void scan.run(picture);
    };
    document.addEventListener('paste', onPaste);
    return () => document.removeEventListener('paste', onPaste);
  }, []);

  /** Set when the plan allows no more devices: which are signed in, to sign out from here. */
  const [limit, setLimit] = useState<DeviceLimit>();
  const signIn = useAction(
    async (signOutSessions?: string[]) => {
      setLimit(undefined);
      const status = await send('account.signIn', {
        email: email.trim(),
        password,
        accountKey: keyKept ? '' : accountKey,
        serverUrl,
        ...(signOutSessions ? { signOutSessions } : {}),
      });
      if (onSignedIn) onSignedIn(status);
      else applyStatus(status);
    },
    (error) => {
      if (error instanceof ProtocolError && error.details?.deviceLimit) {
        setLimit(error.details.deviceLimit);
      }
    },
  );

  const feedback = accountKeyFeedback(accountKey, submitted);
  const onKeyInput = (raw: string) => {
    const input = keyRef.current;
    const { value, caret } = formatWithCaret(raw, input?.selectionStart ?? raw.length);
    setAccountKey(value);
    requestAnimationFrame(() => input?.setSelectionRange(caret, caret));
  };
  const onKeyPaste = (event: ClipboardEvent) => {
    const text = event.clipboardData?.getData('text/plain') ?? '';
    if (!/^\s*cassaforte:setup:/i.test(text)) return;
    event.preventDefault();
    try {
      fill(decodeSetupCode(text));
    } catch (error) {
      scan.setError(describeError(error));
    }
  };

  const submit = (event: Event) => {
    event.preventDefault();
    setSubmitted(true);
    const badEmail = !isEmailShape(email);
    setEmailError(badEmail ? t('emailInvalid') : undefined);
    if (badEmail) return first.current?.focus();
    if (!password) return passwordRef.current?.focus();
    if (!keyKept && accountKeyFeedback(accountKey, true).kind !== 'ok') {
      return keyRef.current?.focus();
    }
    void signIn.run();
  };

  const openCamera = () => void browser.tabs.create({ url: browser.runtime.getURL('/scan.html') });

  return (
    <form class="stack" onSubmit={submit} noValidate aria-busy={signIn.busy}>
      <h1>{t('signInTitle')}</h1>
      {keyKept ? (
        <p class="notice" data-key-kept="">
          {t('signInKeyKept', again.email)}
        </p>
      ) : (
        <p class="muted">{t('signInIntro')}</p>
      )}
      <fieldset
        hidden={keyKept}
        class="scan-zone"
        onDragOver={(e) => e.preventDefault()}
        onDrop={(e) => {
          const picture = imageFrom(e.dataTransfer);
          if (!picture) return;
          e.preventDefault();
          void scan.run(picture);
        }}
      >
        <legend>{t('scanLegend')}</legend>
        <p class="muted">{t('scanDropOrPaste')}</p>
        <div class="row">
          <label class="button">
            {t('scanChoosePicture')}
            <input
              type="file"
              accept="image/*"
              class="visually-hidden"
              onChange={(e) => {
                const picture = e.currentTarget.files?.[0];
                if (picture) void scan.run(picture);
                e.currentTarget.value = '';
              }}
            />
          </label>
          {!embedded && (
            <button type="button" onClick={openCamera}>
              {t('scanUseCamera')}
            </button>
          )}
        </div>
        {scanNote && !scan.error && <StatusNotice>{scanNote}</StatusNotice>}
        <ErrorNotice>{scan.error}</ErrorNotice>
      </fieldset>
      <Field
        label={t('emailLabel')}
        type="email"
        autoComplete="username"
        value={email}
        inputRef={first}
        onInput={setEmail}
        error={emailError}
      />
      <PasswordField
        label={t('accountPasswordLabel')}
        autoComplete="current-password"
        value={password}
        inputRef={passwordRef}
        onInput={setPassword}
        error={submitted && !password ? t('passwordMissing') : undefined}
      />
      {keyKept ? (
        <button
          type="button"
          class="link"
          onClick={() => {
            setTypeKey(true);
            requestAnimationFrame(() => keyRef.current?.focus());
          }}
        >
          {t('signInTypeKey')}
        </button>
      ) : (
        <Field
          label={t('accountKeyLabel')}
          value={accountKey}
          inputRef={keyRef}
          mono
          autoComplete="off"
          placeholder="CF1-XXXXXX-XXXXX-XXXXX-XXXXX-XXXXXX"
          onInput={onKeyInput}
          onPaste={onKeyPaste}
          help={t('accountKeyHelp')}
          error={feedback.kind === 'error' ? describeAccountKeyError(feedback.error) : undefined}
          ok={feedback.kind === 'ok' ? t('accountKeyLooksRight') : undefined}
        />
      )}
      <ServerInUse
        value={serverUrl}
        onChange={(url) => {
          setServerUrl(url);
          chooseServer(url);
        }}
      />
      {limit ? (
        <DeviceLimitNotice
          limit={limit}
          busy={signIn.busy}
          onSignOut={(ids) => void signIn.run(ids)}
        />
      ) : (
        <ErrorNotice>{signIn.error}</ErrorNotice>
      )}
      <div class="row">
        {!embedded && (
          <button type="button" onClick={() => navigate({ name: 'welcome' })}>
            {t('back')}
          </button>
        )}
        <button type="submit" class="primary" disabled={signIn.busy}>
          {signIn.busy ? t('signingIn') : t('signInSubmit')}
        </button>
      </div>
      {!embedded && (
        <button
          type="button"
          class="link"
          onClick={() => navigate({ name: 'reset', back: 'signin' })}
        >
          {t('lostPasswordOrKit')}
        </button>
      )}
    </form>
  );
}
