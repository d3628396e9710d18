/**
 * Unlock on a signed-in device: the password, or a passkey once set up (PasskeyUnlock.tsx); the
 * hint after a failed try; why it was locked.
 */
import { useState } from 'preact/hooks';
import { ConfirmButton } from '@/components/ConfirmButton';
import { signOutWarning } from '@/components/KeptAside';
import { errorCode } from '@/components/errors';
import { useAction, useFocusOnMount } from '@/components/hooks';
import { LockReasonNote } from '@/components/LockReason';
import { ErrorNotice } from '@/components/Notice';
import { PasswordField } from '@/components/PasswordField';
import { t } from '@/lib/i18n';
import { send } from '@/lib/messaging/client';
import type { AppStatus } from '@/lib/messaging/protocol';
import { applyStatus, navigate, refreshStatus } from '../model';
import { PasskeyUnlock } from './PasskeyUnlock';

export function Unlock({ status }: { status: AppStatus }) {
  const field = useFocusOnMount<HTMLInputElement>();
  const [password, setPassword] = useState('');
  const [hint, setHint] = useState(status.hint);

  const unlock = useAction(
    async () => {
      applyStatus(await send('session.unlock', { password }));
    },
    (error) => {
      setPassword('');
      field.current?.focus();
      if (errorCode(error) === 'wrong-password') {
        // The background reveals the hint only after a failed try.
        void refreshStatus().then((next) => setHint(next?.hint));
      } else {
        void refreshStatus();
      }
    },
  );

  const signOut = useAction(async () => {
    applyStatus(await send('account.signOut', {}));
  });

  return (
    <form
      class="stack"
      onSubmit={(e) => {
        e.preventDefault();
        if (password) void unlock.run();
        else unlock.setError(t('passwordMissing'));
      }}
      aria-busy={unlock.busy}
    >
      <h1>{t('unlockTitle')}</h1>
      <p class="muted" data-email="">
        {status.email}
      </p>
      <LockReasonNote lastLock={status.lastLock} />
      <PasskeyUnlock onFallback={() => field.current?.focus()} />
      <PasswordField
        label={t('accountPasswordLabel')}
        autoComplete="current-password"
        value={password}
        inputRef={field}
        onInput={setPassword}
      />
      <ErrorNotice>{unlock.error}</ErrorNotice>
      {hint && (
        <p class="notice" data-hint="">
          {t('hintShown', hint)}
        </p>
      )}
      <button type="submit" class="primary" disabled={unlock.busy}>
        {unlock.busy ? t('unlocking') : t('unlockSubmit')}
      </button>
      <button
        type="button"
        class="link"
        onClick={() => navigate({ name: 'reset', back: 'unlock' })}
      >
        {t('forgotPassword')}
      </button>
      <ConfirmButton
        label={t('signOutOther')}
        warning={signOutWarning(status.keptAside)}
        confirm={t('signOutConfirm')}
        busy={signOut.busy}
        onConfirm={() => void signOut.run()}
      />
      <ErrorNotice>{signOut.error}</ErrorNotice>
    </form>
  );
}
