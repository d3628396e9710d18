/**
 * What the popup is told about sync: the engine's state, the outbox, what was refused, and when
 * the vault last synced (from IndexedDB when the engine has not synced since the unlock).
 */
import type { VaultStore } from '@/lib/db';
import type { SyncStatus } from '@/lib/messaging/protocol';

export async function readSyncStatus(
  store: Pick<VaultStore, 'pendingCount' | 'listQuarantine' | 'getSyncState'>,
  engine: SyncStatus,
  /** This device's own title for an item, if it has one. */
  titleOf: (id: string) => string | undefined,
): Promise<SyncStatus> {
  const [pending, refused, meta] = await Promise.all([
    store.pendingCount(),
    store.listQuarantine(),
    store.getSyncState(),
  ]);
  const status: SyncStatus = { ...engine, pending };
  // Known before the engine's first run after an unlock, and through a run that only asks the
  // server whether sync is back: the popup never says "synced" or "syncing" of a vault that
  // stays on this device. The flag goes when the vault is queued for upload again.
  if (meta.localOnly) {
    status.localOnly = true;
    status.state = 'off';
  }
  if (engine.lastSyncAt === undefined) {
    // lastResult: a vault whose last sync predates lastSyncedAt.
    const stored = meta.lastSyncedAt ?? (meta.lastResult?.ok ? meta.lastResult.at : undefined);
    if (stored !== undefined) status.lastSyncAt = stored;
  }
  if (refused.length > 0) {
    status.problems = refused.map(({ id, reason }) => {
      const title = titleOf(id);
      return title === undefined ? { id, reason } : { id, reason, title };
    });
  }
  return status;
}
