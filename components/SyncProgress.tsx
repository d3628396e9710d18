/** A long sync as a progress bar with counts, so a large first sync never looks frozen. */
import { tn } from '@/lib/i18n';
import type { SyncStatus } from '@/lib/messaging/protocol';

export function SyncProgress({ sync }: { sync?: SyncStatus }) {
  if (sync?.state !== 'syncing' || !sync.progress) return null;
  const { done, total } = sync.progress;
  const number = new Intl.NumberFormat(document.documentElement.lang || undefined);
  const label = total
    ? tn('syncProgressOf', total, [number.format(done), number.format(total)])
    : tn('syncProgress', done);
  return (
    <div class="sync-progress">
      <progress max={total ?? undefined} value={total ? done : undefined} aria-label={label} />
      <span>{label}</span>
    </div>
  );
}
