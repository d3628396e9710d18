/**
 * Where sync stands, on the vault screen (issue 9): "synced just now", "offline, 2 changes
 * waiting", "syncing…"; a click syncs now. Its visible text is its accessible name. After a
 * failure a line under it says why, what to do and what still waits, and describes the button.
 */
import { useId } from 'preact/hooks';
import { describeErrorCode } from '@/components/errors';
import { formatAgo } from '@/components/time';
import { t, tn } from '@/lib/i18n';
import type { SyncStatus } from '@/lib/messaging/protocol';

export function syncSummary(sync: SyncStatus | undefined, now: number, lang: string): string {
  if (!sync) return t('syncNever');
  if (sync.state === 'syncing') return t('syncSyncing');
  if (sync.state === 'off') {
    // The account syncs again, but this device waits for its user (SyncResumable).
    return sync.error === 'sync-resumable' ? t('syncResumableShort') : t('syncOffLocal');
  }
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
  const failureId = useId();
  const state = props.busy ? 'syncing' : (props.sync?.state ?? 'idle');
  const text = props.busy ? t('syncSyncing') : syncSummary(props.sync, Date.now(), lang);
  const failed = state === 'error' ? props.sync : undefined;
  return (
    <>
      <button
        type="button"
        class="sync-indicator link"
        data-sync-state={state}
        title={t('syncIndicatorHint')}
        aria-describedby={failed ? failureId : undefined}
        disabled={props.busy}
        onClick={props.onSync}
      >
        <span class="sync-dot" aria-hidden="true" />
        {text}
      </button>
      {failed && <SyncFailure id={failureId} sync={failed} />}
    </>
  );
}

/**
 * Why the last sync failed, in the sentence the error code has everywhere else, and that the
 * changes made meanwhile are safe: the outbox keeps them until a sync sends them.
 */
function SyncFailure({ id, sync }: { id: string; sync: SyncStatus }) {
  return (
    <p id={id} class="notice warning sync-failure" role="status">
      {describeErrorCode(sync.error)}
      {sync.pending > 0 && ` ${tn('syncFailedKept', sync.pending)}`}
    </p>
  );
}
