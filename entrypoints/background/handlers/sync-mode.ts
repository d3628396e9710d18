/**
 * Settings → Sync: keep the vault in the cloud or on this device only (DESIGN §5). Only the popup
 * may ask: the router already limits it to our own pages, and this names the one page, from the
 * URL the browser reported, never from the payload.
 */
import { ProtocolError } from '@/lib/messaging/errors';
import type { SyncStatus } from '@/lib/messaging/protocol';
import type { SyncEngine } from '@/lib/sync/engine';
import type { HandlerContext, Handlers } from '../router';

export const POPUP_PAGE = '/popup.html';

function fromPopup(ctx: HandlerContext): boolean {
  try {
    return ctx.url !== undefined && new URL(ctx.url).pathname === POPUP_PAGE;
  } catch {
    return false;
  }
}

export function createSyncModeHandlers(deps: {
  sync: Pick<SyncEngine, 'setMode'>;
  syncStatus: () => Promise<SyncStatus>;
  unlocked: () => Promise<unknown>;
}) {
  return {
    'sync.setMode': async ({ mode }, ctx) => {
      if (!fromPopup(ctx)) {
        throw new ProtocolError(
          'forbidden-sender',
          'Only the popup may switch where the vault lives.',
        );
      }
      await deps.unlocked();
      await deps.sync.setMode(mode);
      return deps.syncStatus();
    },
  } satisfies Partial<Handlers>;
}
