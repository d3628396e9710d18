/** First view on a device with no account: create one, sign in, or pick a self-hosted server. */
import { useState } from 'preact/hooks';
import { Field } from '@/components/Field';
import { useFocusOnMount } from '@/components/hooks';
import { LockReasonNote } from '@/components/LockReason';
import { DEFAULT_SERVER_URL } from '@/components/server';
import { describeError } from '@/components/errors';
import { parseServerUrl } from '@/lib/account-key';
import { t } from '@/lib/i18n';
import type { AppStatus } from '@/lib/messaging/protocol';
import { chooseServer, navigate, server } from '../model';

function ServerChoice() {
  const [text, setText] = useState(server.value);
  const [error, setError] = useState<string>();
  const [saved, setSaved] = useState(false);
  const save = (event: Event) => {
    event.preventDefault();
    try {
      chooseServer(parseServerUrl(text));
      setText(server.value);
      setError(undefined);
      setSaved(true);
    } catch (caught) {
      setError(describeError(caught));
      setSaved(false);
    }
  };
  return (
    <details class="advanced">
      <summary>{t('advancedServer')}</summary>
      <form onSubmit={save}>
        <Field
          label={t('serverUrlLabel')}
          type="url"
          value={text}
          onInput={(value) => {
            setText(value);
            setSaved(false);
          }}
          error={error}
          ok={saved ? t('serverSaved') : undefined}
          help={t('serverUrlHelp')}
        />
        <div class="row">
          <button type="submit">{t('serverUse')}</button>
          {text !== DEFAULT_SERVER_URL && (
            <button
              type="button"
              class="link"
              onClick={() => {
                chooseServer(DEFAULT_SERVER_URL);
                setText(DEFAULT_SERVER_URL);
                setError(undefined);
              }}
            >
              {t('serverDefault')}
            </button>
          )}
        </div>
      </form>
    </details>
  );
}

export function Welcome({ status }: { status: AppStatus }) {
  const heading = useFocusOnMount<HTMLHeadingElement>();
  return (
    <section class="stack">
      <h1 tabIndex={-1} ref={heading}>
        {t('welcomeTitle')}
      </h1>
      <p role="status" data-state={status.state} class="muted">
        {t('statusSignedOut')}
      </p>
      <LockReasonNote lastLock={status.lastLock} />
      <p>{t('welcomeIntro')}</p>
      <button type="button" class="primary" onClick={() => navigate({ name: 'create' })}>
        {t('createAccount')}
      </button>
      <button type="button" onClick={() => navigate({ name: 'signin' })}>
        {t('signInExisting')}
      </button>
      <ServerChoice />
      <button
        type="button"
        class="link"
        onClick={() => navigate({ name: 'reset', back: 'welcome' })}
      >
        {t('lostPasswordOrKit')}
      </button>
      <p class="muted small-print">{t('statusVersion', status.version)}</p>
    </section>
  );
}
