/**
 * Where sync stands, on the vault screen (issue 9): "synced just now", "offline, 2 changes
 * waiting", "syncing…"; a click syncs now. Its visible text is its accessible name.
 */
import { formatAgo } from '@/components/time';
import { t, tn } from '@/lib/i18n';
import type { SyncStatus } from '@/lib/messaging/protocol';

export function syncSummary(sync: SyncStatus | undefined, now: number, lang: string): string {
  if (!sync) return t('syncNever');
  if (sync.state === 'syncing') return t('syncSyncing');
  if (sync.state === 'off') return t('syncOffLocal');
  if (sync.state === 'offline') {
    return sync.pending > 0 ? tn('syncOfflineWaiting', sync.pending) : t('syncOfflineShort');
  }
  if (sync.state === 'error') return t('syncFailedShort');
  if (sync.pending > 0) return tn('syncWaiting', sync.pending);
  if (!sync.lastSyncAt) return t('syncNever');
  if (now - sync.lastSyncAt < 60_000) return t('syncedJustNow');
  const ago = formatAgo(sync.lastSyncAt, now, lang);
  return t('syncedAgo', ago);
}

export function SyncIndicator(props: { sync?: SyncStatus; onSync: () => void; busy?: boolean }) {
  const lang = document.documentElement.lang || 'en';
  const state = props.busy ? 'syncing' : (props.sync?.state ?? 'idle');
  const text = props.busy ? t('syncSyncing') : syncSummary(props.sync, Date.now(), lang);
  return (
    <button
      type="button"
      class="sync-indicator link"
      data-sync-state={state}
      title={t('syncIndicatorHint')}
      disabled={props.busy}
      onClick={props.onSync}
    >
      <span class="sync-dot" aria-hidden="true" />
      {text}
    </button>
  );
}
