/**
 * Why the vault was last locked or signed out, in words, on the Unlock and Welcome views; for a
 * sign-out the server forced (issue 11) with the date it happened and the device that did it.
 */
import { t, type MessageKey } from '@/lib/i18n';
import type { LastLock, LockReason } from '@/lib/messaging/protocol';
import { formatDateTime } from './time';

/** The reasons said without a date or device. */
type PlainReason = Exclude<LockReason, 'account-reset' | 'signed-out-elsewhere'>;

const reasonText: Record<PlainReason, MessageKey> = {
  manual: 'lockReasonManual',
  timer: 'lockReasonTimer',
  'system-lock': 'lockReasonSystem',
  'browser-restart': 'lockReasonRestart',
  'password-changed': 'lockReasonPasswordChanged',
  'signed-out': 'lockReasonSignedOut',
  'session-ended': 'lockReasonSessionEnded',
};

/** What the user must act on: shown as a warning rather than a quiet line. */
const important: readonly LockReason[] = [
  'account-reset',
  'password-changed',
  'signed-out-elsewhere',
  'session-ended',
];

export function lockReasonText(lastLock: LastLock, lang: string): string {
  const date = formatDateTime(lastLock.happenedAt ?? lastLock.at, lang);
  switch (lastLock.reason) {
    case 'account-reset':
      return t('lockReasonAccountResetOn', date);
    case 'signed-out-elsewhere':
      return lastLock.by
        ? t('lockReasonSignedOutBy', [lastLock.by, date])
        : t('lockReasonSignedOutElsewhere', date);
    default:
      return t(reasonText[lastLock.reason]);
  }
}

export function LockReasonNote({ lastLock }: { lastLock?: LastLock }) {
  if (!lastLock) return null;
  const lang = document.documentElement.lang || 'en';
  return (
    <p
      class={important.includes(lastLock.reason) ? 'notice warning' : 'muted'}
      data-lock-reason={lastLock.reason}
    >
      {lockReasonText(lastLock, lang)}
    </p>
  );
}
