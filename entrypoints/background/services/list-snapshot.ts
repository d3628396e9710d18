/**
 * Keeps `listSnapshot` (lib/storage/keys.ts) current: the whole list as the popup first shows it,
 * and the status, written to storage.session a moment after the vault changes. The popup paints
 * it without waiting for a worker the browser stopped (DESIGN §7: ≤ 150 ms even then).
 */
import { MAX_LIST } from '@/lib/messaging/limits';
import type { AppStatus } from '@/lib/messaging/protocol';
import { setStored } from '@/lib/storage/store';
import type { VaultContext } from '@/lib/vault/context';
import type { VaultService } from './vault';

/** Edits come in bursts (sync pages, typing in a form): one write after them. */
const WRITE_AFTER_MS = 400;

export function createListSnapshot(deps: {
  vault: Pick<VaultService, 'list' | 'revision'>;
  context: () => VaultContext | undefined;
  status: () => Promise<AppStatus>;
}) {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let written = -1;

  async function write() {
    timer = undefined;
    const ctx = deps.context();
    if (!ctx || deps.vault.revision() === written) return;
    const status = await deps.status();
    // Checked again right before the write: a lock meanwhile wiped storage.session, and nothing
    // may put plaintext back there after it.
    if (deps.context() !== ctx || status.state !== 'unlocked') return;
    const list = deps.vault.list({ query: '', limit: MAX_LIST });
    written = list.revision;
    await setStored('listSnapshot', {
      accountId: ctx.accountId,
      revision: list.revision,
      total: list.total,
      rows: JSON.stringify(list.items),
      status,
    });
  }

  return {
    /** The list may have changed. */
    changed() {
      if (!deps.context()) return;
      // Debounced, not throttled: while a large sync lands page after page, one write after it.
      clearTimeout(timer);
      timer = setTimeout(() => void write().catch(() => undefined), WRITE_AFTER_MS);
    },
    /** The vault locked: nothing more is written (the lock's wipe removes what was). */
    stop() {
      clearTimeout(timer);
      timer = undefined;
      written = -1;
    },
  };
}
