/**
 * Settings → Devices: where the account is signed in, with when each device signed in, was last
 * seen and last unlocked, in the user's language. Any other device can be signed out, or all of
 * them at once; each asks first. This device signs out with the account's own "Sign out".
 */
import { ConfirmButton } from '@/components/ConfirmButton';
import { useAction } from '@/components/hooks';
import { ErrorNotice } from '@/components/Notice';
import { formatAgo, formatDateTime } from '@/components/time';
import { t } from '@/lib/i18n';
import { send } from '@/lib/messaging/client';
import type { DeviceSession } from '@/lib/messaging/devices';
import type { AccountInfo } from '@/lib/messaging/protocol';
import { onStateError, showToast } from '../model';

function DeviceRow(props: {
  session: DeviceSession;
  lang: string;
  onAccount: (info: AccountInfo) => void;
}) {
  const { session, lang } = props;
  const now = Date.now();
  const created = formatDateTime(session.createdAt, lang);
  const seen = formatAgo(session.lastSeenAt, now, lang);
  const unlockedAt = session.lastUnlockedAt;
  const unlocked = unlockedAt === null ? undefined : formatAgo(unlockedAt, now, lang);
  const signOut = useAction(async () => {
    props.onAccount(await send('account.signOutDevice', { sessionId: session.id }));
    showToast({ text: t('deviceSignedOut', session.deviceName) });
  }, onStateError);
  return (
    <li class="stack device" data-device={session.current ? 'current' : 'other'}>
      <strong>{session.current ? t('deviceThis', session.deviceName) : session.deviceName}</strong>
      <span class="muted">{t('deviceCreated', created)}</span>
      <span title={formatDateTime(session.lastSeenAt, lang)}>{t('deviceLastSeen', seen)}</span>
      {unlockedAt === null || unlocked === undefined ? (
        <span>{t('deviceNeverUnlocked')}</span>
      ) : (
        <span title={formatDateTime(unlockedAt, lang)}>{t('deviceLastUnlocked', unlocked)}</span>
      )}
      {!session.current && (
        <ConfirmButton
          label={t('deviceSignOut', session.deviceName)}
          warning={t('deviceSignOutWarning', session.deviceName)}
          confirm={t('deviceSignOutConfirm')}
          busy={signOut.busy}
          onConfirm={() => void signOut.run()}
        />
      )}
      <ErrorNotice>{signOut.error}</ErrorNotice>
    </li>
  );
}

export function DeviceSettings(props: {
  sessions?: DeviceSession[];
  onAccount: (info: AccountInfo) => void;
}) {
  const lang = document.documentElement.lang || 'en';
  const { sessions } = props;
  // This device first, then the most recently seen.
  const ordered = [...(sessions ?? [])].sort(
    (a, b) =>
      Number(b.current ?? false) - Number(a.current ?? false) || b.lastSeenAt - a.lastSeenAt,
  );
  const others = ordered.filter((s) => !s.current).length;
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
        <ul class="devices">
          {ordered.map((session) => (
            <DeviceRow key={session.id} session={session} lang={lang} onAccount={props.onAccount} />
          ))}
        </ul>
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
