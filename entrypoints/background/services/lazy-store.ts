import { createVaultStore, openVaultDb, type VaultStore } from '@/lib/db';

/**
 * The vault store before its database is open: every call waits for the open, so services can be
 * wired synchronously at worker start (a message that woke the worker must find its listener).
 */
export function createLazyStore(name?: string): VaultStore {
  let store: Promise<VaultStore> | undefined;
  const opened = () => (store ??= openVaultDb(name).then((db) => createVaultStore(db)));
  return new Proxy({} as VaultStore, {
    get(_target, method: string) {
      return async (...args: unknown[]) => {
        const target = (await opened()) as unknown as Record<string, (...a: unknown[]) => unknown>;
        return target[method]!(...args);
      };
    },
  });
}
