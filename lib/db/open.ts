/**
 * Opens the vault database. Only the background calls this (ESLint keeps `idb` out of UI code).
 */
import { openDB } from 'idb';
import { DbError, toDbError } from './errors';
import {
  DB_VERSION,
  DEFAULT_DB_NAME,
  upgradeVaultDb,
  type VaultDb,
  type VaultSchema,
} from './schema';

export interface OpenVaultDbOptions {
  /**
   * Called when our connection is gone: 'versionchange' when a newer extension build wants to
   * upgrade the schema (we close at once so it is not blocked), 'terminated' when the browser
   * closed it (e.g. the user cleared site data). The owner should drop the handle and reopen.
   */
  onClosed?: (reason: 'versionchange' | 'terminated') => void;
  /**
   * How long to wait for an older connection to close after the browser reports that the upgrade
   * is blocked, before failing with `DbError('blocked')`. An old service worker usually lets go
   * within a moment because its own `blocking` handler closes it.
   */
  blockedTimeoutMs?: number;
}

export function openVaultDb(
  name: string = DEFAULT_DB_NAME,
  options: OpenVaultDbOptions = {},
): Promise<VaultDb> {
  const { onClosed, blockedTimeoutMs = 5_000 } = options;
  return new Promise<VaultDb>((resolve, reject) => {
    let gaveUp = false;
    let blockedTimer: ReturnType<typeof setTimeout> | undefined;
    let opened: VaultDb | undefined;

    openDB<VaultSchema>(name, DB_VERSION, {
      upgrade: (db, oldVersion, _newVersion, tx) => upgradeVaultDb(db, oldVersion, tx),
      blocked: () => {
        blockedTimer ??= setTimeout(() => {
          gaveUp = true;
          reject(new DbError('blocked', 'openVaultDb', { detail: 'upgrade blocked' }));
        }, blockedTimeoutMs);
      },
      blocking: () => {
        opened?.close();
        onClosed?.('versionchange');
      },
      terminated: () => onClosed?.('terminated'),
    }).then(
      (db) => {
        clearTimeout(blockedTimer);
        opened = db;
        // We already told the caller it failed; do not leak a connection it does not know about.
        if (gaveUp) db.close();
        else resolve(db);
      },
      (error: unknown) => {
        clearTimeout(blockedTimer);
        reject(toDbError(error, 'openVaultDb'));
      },
    );
  });
}
