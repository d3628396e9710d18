/** What the popup is told about sync: the engine's state, the outbox and what was refused. */
import type { VaultStore } from '@/lib/db';
import type { SyncStatus } from '@/lib/messaging/protocol';

export async function readSyncStatus(
  store: Pick<VaultStore, 'pendingCount' | 'listQuarantine'>,
  engine: SyncStatus,
  /** This device's own title for an item, if it has one. */
  titleOf: (id: string) => string | undefined,
): Promise<SyncStatus> {
  const [pending, refused] = await Promise.all([store.pendingCount(), store.listQuarantine()]);
  const status: SyncStatus = { ...engine, pending };
  if (refused.length > 0) {
    status.problems = refused.map(({ id, reason }) => {
      const title = titleOf(id);
      return title === undefined ? { id, reason } : { id, reason, title };
    });
  }
  return status;
}
