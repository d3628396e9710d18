/** Item messages: everything here needs the vault unlocked. */
import { ProtocolError } from '@/lib/messaging/errors';
import { getStored, setStored } from '@/lib/storage/store';
import { generate } from '@/lib/vault/generator';
import type { Handlers } from '../router';
import type { VaultContext, VaultService } from '../services/vault';
import { createTotpHandlers } from './totp';

export function createVaultHandlers(deps: {
  vault: VaultService;
  /** The unlocked context, or a 'locked' error. Waits for the decrypted vault to be ready. */
  unlocked: () => Promise<VaultContext>;
}) {
  const { vault, unlocked } = deps;
  /** Draft writes are read-modify-write of one storage key: one at a time, or an edit is lost. */
  let draftWrites: Promise<unknown> = Promise.resolve();
  return {
    'vault.list': async (p) => {
      await unlocked();
      return vault.list(p);
    },
    'vault.get': async ({ id }) => {
      await unlocked();
      const item = vault.get(id);
      if (!item && vault.isNewer(id)) {
        throw new ProtocolError(
          'newer-version',
          'A newer version of Cassaforte made this item. Update Cassaforte to see it.',
        );
      }
      if (!item) throw new ProtocolError('not-found', 'No such item.');
      return item;
    },
    'vault.save': async ({ item, base }) => vault.save(await unlocked(), item, base),
    'vault.delete': async ({ id }) => {
      await vault.remove(await unlocked(), id);
      return { id };
    },
    'vault.restore': async ({ id }) => vault.restore(await unlocked(), id),
    'draft.get': async ({ key }) => {
      await unlocked();
      const drafts = (await getStored('drafts')) ?? {};
      const draft = drafts[key]?.item;
      return { draft: isRecord(draft) ? draft : undefined };
    },
    'draft.put': async ({ key, draft }) => {
      await unlocked();
      const write = draftWrites.then(async () => {
        const drafts = { ...((await getStored('drafts')) ?? {}) };
        if (draft) drafts[key] = { at: Date.now(), item: draft };
        else delete drafts[key];
        await setStored('drafts', drafts);
      });
      draftWrites = write.catch(() => undefined);
      await write;
      return { saved: true as const };
    },
    'generator.generate': async ({ options }) => {
      const { value, entropyBits } = generate(options);
      return { value, entropyBits };
    },
    // "Scan QR code in this tab" belongs to editing an item, so it is wired with these.
    ...createTotpHandlers({ unlocked }),
  } satisfies Partial<Handlers>;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
