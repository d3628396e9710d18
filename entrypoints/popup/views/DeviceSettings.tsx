/**
 * Settings → Devices: where the account is signed in, with when each device signed in, was last
 * seen and last unlocked, in the user's language (DeviceList). Any other device can be signed
 * out, or all of them at once; each asks first. This device signs out with the account's own
 * "Sign out".
 */
import { ConfirmButton } from '@/components/ConfirmButton';
import { DeviceList, thisDeviceFirst } from '@/components/DeviceList';
import { useAction } from '@/components/hooks';
import { ErrorNotice } from '@/components/Notice';
import { t } from '@/lib/i18n';
import { send } from '@/lib/messaging/client';
import type { DeviceSession } from '@/lib/messaging/devices';
import type { AccountInfo } from '@/lib/messaging/protocol';
import { onStateError, showToast } from '../model';

function SignOutDevice(props: { session: DeviceSession; onAccount: (info: AccountInfo) => void }) {
  const { session } = props;
  const signOut = useAction(async () => {
    props.onAccount(await send('account.signOutDevice', { sessionId: session.id }));
    showToast({ text: t('deviceSignedOut', session.deviceName) });
  }, onStateError);
  return (
    <>
      <ConfirmButton
        label={t('deviceSignOut', session.deviceName)}
        warning={t('deviceSignOutWarning', session.deviceName)}
        confirm={t('deviceSignOutConfirm')}
        busy={signOut.busy}
        onConfirm={() => void signOut.run()}
      />
      <ErrorNotice>{signOut.error}</ErrorNotice>
    </>
  );
}

export function DeviceSettings(props: {
  sessions?: DeviceSession[];
  onAccount: (info: AccountInfo) => void;
}) {
  const lang = document.documentElement.lang || 'en';
  const { sessions } = props;
  const others = (sessions ?? []).filter((s) => !s.current).length;
  const signOutOthers = useAction(async () => {
    const { revokedSessions, ...info } = await send('account.signOutOthers', {});
    props.onAccount(info);
    const count = String(revokedSessions);
    showToast({ text: t('devicesOthersSignedOut', count) });
  }, onStateError);
  return (
    <section aria-labelledby="devices-heading" class="stack">
      <h2 id="devices-heading">{t('devicesTitle')}</h2>
      {!sessions && <p class="muted">{t('devicesOffline')}</p>}
      {sessions && (
        <DeviceList
          devices={sessions}
          order={thisDeviceFirst}
          now={Date.now()}
          lang={lang}
          action={(session) =>
            !session.current && <SignOutDevice session={session} onAccount={props.onAccount} />
          }
        />
      )}
      {others > 0 && (
        <ConfirmButton
          label={t('devicesSignOutOthers')}
          warning={t('devicesSignOutOthersWarning')}
          confirm={t('devicesSignOutOthersConfirm')}
          busy={signOutOthers.busy}
          onConfirm={() => void signOutOthers.run()}
        />
      )}
      <ErrorNotice>{signOutOthers.error}</ErrorNotice>
    </section>
  );
}
