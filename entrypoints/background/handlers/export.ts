/**
 * The export message: only the export page may ask (the router already limits it to our own
 * pages; this names the one page, from the URL the browser reported, never from the payload).
 */
import { ProtocolError } from '@/lib/messaging/errors';
import type { HandlerContext, Handlers } from '../router';
import type { AccountService } from '../services/account';

export const EXPORT_PAGE = '/export.html';

function fromExportPage(ctx: HandlerContext): boolean {
  try {
    return ctx.url !== undefined && new URL(ctx.url).pathname === EXPORT_PAGE;
  } catch {
    return false;
  }
}

export function createExportHandlers(deps: { account: Pick<AccountService, 'exportItems'> }) {
  return {
    'export.items': async ({ password }, ctx) => {
      if (!fromExportPage(ctx)) {
        throw new ProtocolError('forbidden-sender', 'Only the export page may export the vault.');
      }
      return deps.account.exportItems(password);
    },
  } satisfies Partial<Handlers>;
}
