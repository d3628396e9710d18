/** The import page's messages: every one needs the vault unlocked (the page says "unlock first"). */
import type { VaultStore } from '@/lib/db';
import type { Handlers } from '../router';
import { createImportService } from '../services/import';
import type { VaultContext, VaultService } from '../services/vault';

export function createImportHandlers(deps: {
  vault: VaultService;
  store: Pick<VaultStore, 'saveLocalMany'>;
  session: { unlocked(): Promise<VaultContext>; isCurrent(ctx: VaultContext): boolean };
  sync: { schedule(delayMs?: number): void };
  now: () => number;
}) {
  const { session } = deps;
  const importer = createImportService({
    vault: deps.vault,
    store: deps.store,
    now: deps.now,
    alive: (ctx) => session.isCurrent(ctx),
    // Pushed at once: the user is watching for the items to reach the other devices.
    onLocalChange: () => deps.sync.schedule(0),
  });
  return {
    'import.match': async ({ candidates }) => {
      await session.unlocked();
      return importer.match(candidates);
    },
    'import.run': async (input) => importer.run(await session.unlocked(), input),
    'import.progress': async ({ runId }) => importer.progress(runId),
  } satisfies Partial<Handlers>;
}
