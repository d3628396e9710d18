/**
 * Typed access to `browser.storage.{local,session}` for the keys declared in keys.ts, and the one
 * wipe that lock and sign-out use. Through `wxt/browser`, so tests run on WXT's fake browser.
 */
import { browser } from 'wxt/browser';
import {
  browserKeyNames,
  databaseClearedOn,
  keptAsideClearedOn,
  keysClearedOn,
  storedState,
  type BrowserArea,
  type BrowserKey,
  type BrowserKeyName,
  type ReadValue,
  type StoredValue,
  type WipeEvent,
} from './keys';

function areaOf(area: BrowserArea) {
  return area === 'session' ? browser.storage.session : browser.storage.local;
}

function entryOf<K extends BrowserKeyName>(name: K): BrowserKey<StoredValue<K>> {
  return storedState[name] as unknown as BrowserKey<StoredValue<K>>;
}

/**
 * Reads a key. A value that fails its schema (written by an older build, damaged on disk) is
 * treated as absent: the fallback, or undefined. State must never crash the background.
 */
export async function getStored<K extends BrowserKeyName>(name: K): Promise<ReadValue<K>> {
  const entry = entryOf(name);
  const raw: Record<string, unknown> = await areaOf(entry.area).get(name);
  const parsed = entry.schema.safeParse(raw[name]);
  return (parsed.success ? parsed.data : entry.fallback) as ReadValue<K>;
}

/** Writes a key after checking it, so nothing invalid is ever stored. Throws on a bad value. */
export async function setStored<K extends BrowserKeyName>(
  name: K,
  value: StoredValue<K>,
): Promise<void> {
  const entry = entryOf(name);
  const checked = entry.schema.parse(value);
  await areaOf(entry.area).set({ [name]: checked });
}

export async function removeStored(...names: BrowserKeyName[]): Promise<void> {
  await Promise.all(
    (['local', 'session'] as const).map(async (area) => {
      const inArea = names.filter((name) => storedState[name].area === area);
      if (inArea.length > 0) await areaOf(area).remove(inArea);
    }),
  );
}

export interface LogoutWipeDeps {
  /**
   * Clears the vault database (lib/db `wipeAccount`), and with `keptAside` what a forced sign-out
   * kept aside too; injected so this module stays small.
   */
  wipeDatabase: (options: { keptAside: boolean }) => Promise<void>;
}

/**
 * Removes every key whose `clearOn` includes `event`; on a sign-out also the vault database (and
 * on the user's own sign-out what was kept aside).
 * Every part runs even if another fails (the vault key must go even when the database is
 * blocked); the first failure is then rethrown as it was, so a `DbError` keeps its code.
 */
export async function wipe(event: 'lock'): Promise<void>;
export async function wipe(event: 'logout' | 'user-logout', deps: LogoutWipeDeps): Promise<void>;
export async function wipe(event: WipeEvent, deps?: LogoutWipeDeps): Promise<void> {
  const storageParts = (['session', 'local'] as const).map(async (area) => {
    const names = keysClearedOn(event, area);
    if (names.length > 0) await areaOf(area).remove(names);
  });
  const results = await Promise.allSettled([
    ...storageParts,
    databaseClearedOn(event) && deps
      ? deps.wipeDatabase({ keptAside: keptAsideClearedOn(event) })
      : Promise.resolve(),
  ]);
  const failure = results.find((result) => result.status === 'rejected');
  if (failure) throw failure.reason;
}

/** Every key this module knows, for tests and the secrets-at-rest check. */
export { browserKeyNames };
