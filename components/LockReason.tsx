/** Why the vault was last locked or signed out, in words, on the Unlock and Welcome views. */
import { t, type MessageKey } from '@/lib/i18n';
import type { LockReason } from '@/lib/messaging/protocol';

const reasonText: Record<LockReason, MessageKey> = {
  manual: 'lockReasonManual',
  timer: 'lockReasonTimer',
  'system-lock': 'lockReasonSystem',
  'browser-restart': 'lockReasonRestart',
  'password-changed': 'lockReasonPasswordChanged',
  'signed-out': 'lockReasonSignedOut',
  'account-reset': 'lockReasonAccountReset',
};

export function LockReasonNote({ lastLock }: { lastLock?: { reason: LockReason; at: number } }) {
  if (!lastLock) return null;
  const important = lastLock.reason === 'account-reset' || lastLock.reason === 'password-changed';
  return (
    <p class={important ? 'notice warning' : 'muted'} data-lock-reason={lastLock.reason}>
      {t(reasonText[lastLock.reason])}
    </p>
  );
}
