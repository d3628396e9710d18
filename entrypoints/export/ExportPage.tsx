/**
 * Settings → Export… (issue 14): the account password again, then the kind of file, then the
 * download. The items come from the background only after that password, in one answer to this
 * page; they stay in this page's memory for one file and are dropped once it is saved, so each
 * export needs the password again. A locked or signed-out Cassaforte gets a sentence, not a form.
 */
import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { describeError, errorCode } from '@/components/errors';
import { useAction, useFocusOnMount } from '@/components/hooks';
import { StatusNotice } from '@/components/Notice';
import { PasswordField } from '@/components/PasswordField';
import { t } from '@/lib/i18n';
import { send } from '@/lib/messaging/client';
import { LIVE_PORT } from '@/lib/messaging/live';
import type { ExportedVault } from '@/lib/messaging/protocol';
import { ExportChoice } from './ExportChoice';

type View =
  | { kind: 'loading' }
  | { kind: 'unavailable'; text: string }
  | { kind: 'password'; saved?: string }
  | { kind: 'choose'; vault: ExportedVault };

function unavailable(error: unknown): View | undefined {
  const code = errorCode(error);
  if (code === 'locked') return { kind: 'unavailable', text: t('exportLocked') };
  if (code === 'not-signed-in') return { kind: 'unavailable', text: t('exportSignedOut') };
  return undefined;
}

export function ExportPage() {
  const [view, setView] = useState<View>({ kind: 'loading' });
  const [email, setEmail] = useState('');
  const check = () => {
    setView({ kind: 'loading' });
    send('app.status', {}).then(
      (status) => {
        setEmail(status.email ?? '');
        if (status.state === 'unlocked') setView({ kind: 'password' });
        else if (status.state === 'locked')
          setView({ kind: 'unavailable', text: t('exportLocked') });
        else setView({ kind: 'unavailable', text: t('exportSignedOut') });
      },
      (error: unknown) => setView({ kind: 'unavailable', text: describeError(error) }),
    );
  };
  useEffect(() => {
    document.title = t('exportTitle');
    check();
  }, []);
  // The items in this page belong to the open vault: once it locks or signs out, they go.
  useEffect(
    () =>
      followLock(() =>
        send('app.status', {}).then((status) => {
          if (status.state !== 'unlocked') check();
        }, check),
      ),
    [],
  );

  return (
    <main class="export-page stack">
      <h1>{t('exportTitle')}</h1>
      {view.kind === 'unavailable' && (
        <div class="stack">
          <p role="alert" class="notice warning">
            {view.text}
          </p>
          <button type="button" onClick={check}>
            {t('exportRetry')}
          </button>
        </div>
      )}
      {view.kind === 'password' && (
        <AccountPassword
          saved={view.saved}
          onVault={(vault) => setView({ kind: 'choose', vault })}
          onUnavailable={setView}
        />
      )}
      {view.kind === 'choose' && (
        <ExportChoice
          vault={view.vault}
          email={email}
          onSaved={(saved) => setView({ kind: 'password', saved })}
          onCancel={() => setView({ kind: 'password' })}
        />
      )}
    </main>
  );
}

function AccountPassword(props: {
  saved?: string;
  onVault: (vault: ExportedVault) => void;
  onUnavailable: (view: View) => void;
}) {
  const input = useFocusOnMount<HTMLInputElement>();
  const [password, setPassword] = useState('');
  const ask = useAction(
    async () => {
      const vault = await send('export.items', { password });
      setPassword('');
      props.onVault(vault);
    },
    (error) => {
      const view = unavailable(error);
      if (view) props.onUnavailable(view);
      else if (errorCode(error) === 'wrong-password') ask.setError(t('errorWrongPassword'));
    },
  );
  return (
    <form
      class="stack"
      noValidate
      aria-busy={ask.busy}
      onSubmit={(e) => {
        e.preventDefault();
        if (password) void ask.run();
      }}
    >
      {props.saved && <StatusNotice>{props.saved}</StatusNotice>}
      <p>{t('exportIntro')}</p>
      <PasswordField
        label={t('accountPasswordLabel')}
        autoComplete="current-password"
        value={password}
        onInput={setPassword}
        error={ask.error}
        inputRef={input}
      />
      <button type="submit" class="primary" disabled={ask.busy || !password}>
        {t('exportContinue')}
      </button>
    </form>
  );
}

/**
 * Calls `onChange` on each of the background's live notices (a lock is one), as the popup follows
 * it (popup/model.ts); a port the stopped worker dropped is opened again. Returns the stop.
 */
function followLock(onChange: () => void): () => void {
  let port: ReturnType<typeof browser.runtime.connect> | undefined;
  let stopped = false;
  const connect = () => {
    if (stopped) return;
    port = browser.runtime.connect({ name: LIVE_PORT });
    port.onMessage.addListener(onChange);
    port.onDisconnect.addListener(() => setTimeout(connect, 250));
  };
  connect();
  return () => {
    stopped = true;
    port?.disconnect();
  };
}
