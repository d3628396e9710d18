import { t, type MessageKey } from '@/lib/i18n';
import type { AppStatus, LockState } from '@/lib/messaging/protocol';
import type { Load } from '../model';

const stateText: Record<LockState, MessageKey> = {
  'signed-out': 'statusSignedOut',
  locked: 'statusLocked',
  unlocked: 'statusUnlocked',
};

export function StatusView({ status }: { status: Load<AppStatus> }) {
  if (status.kind === 'loading') {
    return <p role="status">{t('statusLoading')}</p>;
  }
  if (status.kind === 'failed') {
    return (
      <p role="alert" class="error">
        {t(status.code === 'stale-build' ? 'errorStaleBuild' : 'statusUnavailable')}
      </p>
    );
  }
  const { state, version } = status.value;
  return (
    <section aria-live="polite">
      <p role="status" data-state={state}>
        {t(stateText[state])}
      </p>
      <p class="muted">{t('statusVersion', version)}</p>
    </section>
  );
}
