/**
 * The unlock screen's passkey button (issue 15), shown once a passkey is set up on this device;
 * while the password is asked instead (after a restart, after 14 days), it says why. A cancelled
 * or failed prompt falls back to the password field, saying so.
 */
import { useEffect, useState } from 'preact/hooks';
import { describeError } from '@/components/errors';
import { useAction } from '@/components/hooks';
import { ErrorNotice } from '@/components/Notice';
import { t, type MessageKey } from '@/lib/i18n';
import { send } from '@/lib/messaging/client';
import type { PasskeyPause, PasskeyStatus } from '@/lib/messaging/protocol';
import { applyStatus } from '../model';
import { assertPasskey, passkeySupport, PasskeyClientError } from '../passkey-client';

const pauseText: Record<PasskeyPause, MessageKey> = {
  restart: 'passkeyPauseRestart',
  stale: 'passkeyPauseStale',
  session: 'passkeyPauseSession',
};

/** The authenticator's failures in words; the background's refusals as every error is said. */
export function passkeyErrorText(error: unknown): string {
  if (!(error instanceof PasskeyClientError)) return describeError(error);
  if (error.code === 'cancelled') return t('passkeyCancelled');
  if (error.code === 'no-prf') return t('passkeyNoPrf');
  if (error.code === 'already-registered') return t('passkeyAlreadyRegistered');
  return t('passkeyNoAnswer');
}

export function PasskeyUnlock({ onFallback }: { onFallback: () => void }) {
  const [passkey, setPasskey] = useState<PasskeyStatus>();
  const load = () => send('passkey.status', {}).then(setPasskey, () => undefined);
  useEffect(() => void load(), []);

  const unlock = useAction(
    async () => {
      const answer = await assertPasskey(passkey!.credentialId!, passkey!.salt!);
      applyStatus(await send('passkey.unlock', answer));
    },
    (error) => {
      unlock.setError(passkeyErrorText(error));
      onFallback(); // the password field, focused
      void load();
    },
  );

  if (passkeySupport() !== 'ok' || !passkey?.enrolled) return null;
  if (!passkey.usable) {
    const why = pauseText[passkey.pause ?? 'restart'];
    return (
      <p class="muted" data-passkey-pause={passkey.pause}>
        {t(why)}
      </p>
    );
  }
  return (
    <div class="stack">
      <button type="button" onClick={() => void unlock.run()} disabled={unlock.busy}>
        {unlock.busy ? t('passkeyAsking') : t('passkeyUnlockButton')}
      </button>
      <ErrorNotice>{unlock.error}</ErrorNotice>
    </div>
  );
}
