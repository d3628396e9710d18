/** A long sync as a progress bar with counts, so a large first sync never looks frozen. */
import { t } from '@/lib/i18n';
import type { SyncStatus } from '@/lib/messaging/protocol';

export function SyncProgress({ sync }: { sync?: SyncStatus }) {
  if (sync?.state !== 'syncing' || !sync.progress) return null;
  const { done, total } = sync.progress;
  const doneText = done.toLocaleString();
  const totalText = (total ?? 0).toLocaleString();
  const label = total ? t('syncProgressOf', [doneText, totalText]) : t('syncProgress', doneText);
  return (
    <div class="sync-progress">
      <progress max={total ?? undefined} value={total ? done : undefined} aria-label={label} />
      <span>{label}</span>
    </div>
  );
}
