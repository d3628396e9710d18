/**
 * The free plan's answer to a sign-in on a second device (DESIGN §5): which device is signed in and
 * when it was last seen, and a way to sign it out from here. The proof of this very sign-in
 * authorises that, so nothing is typed again: the form keeps the password and the account key.
 */
import { useEffect, useRef } from 'preact/hooks';
import { formatAgo } from '@/components/time';
import { t } from '@/lib/i18n';
import type { DeviceLimit } from '@/lib/messaging/devices';

/** The server takes at most this many sessions to end in one sign-in (lib/api auth.ts). */
const MAX_SIGN_OUT = 10;

export function DeviceLimitNotice(props: {
  limit: DeviceLimit;
  busy: boolean;
  onSignOut: (sessionIds: string[]) => void;
}) {
  const { limit } = props;
  const section = useRef<HTMLElement>(null);
  const heading = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    // The answer appears under the form, by the button just pressed: all of it into view, and
    // focus on its first line so it is read out and the way on is the next Tab.
    heading.current?.focus({ preventScroll: true });
    section.current?.scrollIntoView({ block: 'nearest' });
  }, []);
  const lang = document.documentElement.lang || 'en';
  const now = Date.now();
  const sessions = limit.sessions.slice(0, MAX_SIGN_OUT);
  const [only] = sessions;
  const allowed = String(limit.deviceLimit);
  return (
    <section
      ref={section}
      class="notice warning stack"
      aria-labelledby="device-limit-text"
      data-device-limit
    >
      <div role="alert">
        <p id="device-limit-text" tabIndex={-1} ref={heading}>
          {limit.plan === 'free' && limit.deviceLimit === 1
            ? t('deviceLimitFree')
            : t('deviceLimitOther', allowed)}
        </p>
        {sessions.map((session) => {
          const seen = formatAgo(session.lastSeenAt, now, lang);
          return <p key={session.id}>{t('deviceLimitSignedIn', [session.deviceName, seen])}</p>;
        })}
      </div>
      {only && (
        <button
          type="button"
          class="primary"
          disabled={props.busy}
          onClick={() => props.onSignOut(sessions.map((s) => s.id))}
        >
          {sessions.length === 1
            ? t('deviceLimitSignOutOne', only.deviceName)
            : t('deviceLimitSignOutAll')}
        </button>
      )}
      <p class="muted">{t('deviceLimitProHint')}</p>
    </section>
  );
}
