/** Settings and sync messages. */
import { settingsSchema } from '@/lib/messaging/settings';
import { getStored, setStored } from '@/lib/storage/store';
import type { Handlers } from '../router';
import type { SyncStatus } from '@/lib/messaging/protocol';
import type { SyncEngine } from '@/lib/sync/engine';
import { createSyncModeHandlers } from './sync-mode';

export function createSettingsHandlers(deps: {
  sync: SyncEngine;
  /** What the popup is told about sync: the engine's state with the outbox and the refusals. */
  syncStatus: () => Promise<SyncStatus>;
  unlocked: () => Promise<unknown>;
  /** The auto-lock minutes changed: re-arm the timer if unlocked. */
  onSettingsChanged: () => Promise<void>;
  clearClipboardLater: (value: string) => Promise<number>;
}) {
  return {
    'settings.get': () => getStored('settings'),
    'settings.set': async (patch) => {
      const next = settingsSchema.parse({ ...(await getStored('settings')), ...patch });
      await setStored('settings', next);
      await deps.onSettingsChanged();
      return next;
    },
    'sync.now': async () => {
      await deps.unlocked();
      await deps.sync.syncNow();
      return deps.syncStatus();
    },
    ...createSyncModeHandlers(deps),
    'clipboard.clearLater': async ({ value }) => ({
      clearAt: await deps.clearClipboardLater(value),
    }),
  } satisfies Partial<Handlers>;
}
