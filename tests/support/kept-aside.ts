/**
 * The devices the kept-aside tests start from (issue 11), shared by
 * entrypoints/background/kept-aside-*.test.ts: a device signed in to an account made elsewhere,
 * the same with two unsent edits, the account reset on another device while it was away, and
 * what opens the kept items with nothing but what was kept and the old password. Each test file
 * calls useBackgroundHarness() itself; these only use the harness it sets up.
 */
import { expect } from 'vitest';
import { parseAccountKey } from '@/lib/account-key';
import {
  deriveAccountKeys,
  kdfParamsFromWire,
  openJson,
  unwrapVaultKey,
  type KdfParams,
} from '@/lib/crypto';
import { createAccountElsewhere, resetElsewhere } from '@/tests/support/elsewhere';
import { FAST_KDF, PASSWORD, ask, boot, env, login } from '@/tests/support/background-harness';

export const DAY = 24 * 60 * 60 * 1000;

type Background = ReturnType<typeof boot>;

export const titles = async () =>
  (await ask('vault.list', { query: '' })).items.map((row) => row.title).sort();

let accounts = 0;

/** A device signed in to an account made elsewhere (account creation is not under test here). */
export async function signedInDevice() {
  const background = boot();
  const email = `kept-${++accounts}-${Date.now()}@example.com`;
  const { accountId, accountKey } = await createAccountElsewhere({
    serverUrl: env.server.url,
    dataDir: env.server.dataDir,
    email,
    password: PASSWORD,
  });
  await ask('account.signIn', { email, password: PASSWORD, accountKey, serverUrl: env.server.url });
  return { background, email, accountKey, accountId };
}

/**
 * A signed-in device with two synced items, then, with the cable pulled, an edit of one and a
 * new item that never reached the server: three items, two of them unsent.
 */
export async function deviceWithUnsentEdits() {
  const device = await signedInDevice();
  await ask('vault.save', { item: login({ title: 'GitHub' }) });
  const bank = await ask('vault.save', { item: login({ title: 'Bank', password: 'bank-1' }) });
  expect(await ask('sync.now', {})).toMatchObject({ state: 'idle', pending: 0 });
  env.offline = true;
  await ask('vault.save', { item: { ...bank, password: 'bank-2-changed-offline' } });
  await ask('vault.save', { item: login({ title: 'Made offline', password: 'offline-3' }) });
  expect((await ask('sync.now', {})).pending).toBe(2);
  return device;
}

/** The account is reset on another device while this one is offline; then it comes back. */
export async function resetWhileAway(device: Awaited<ReturnType<typeof deviceWithUnsentEdits>>) {
  const reset = await resetElsewhere({
    serverUrl: env.server.url,
    dataDir: env.server.dataDir,
    email: device.email,
    accountId: device.accountId,
    kdf: FAST_KDF,
  });
  env.offline = false;
  await ask('sync.now', {});
  return reset;
}

/** Opens every kept item with nothing but what was kept and the old password. */
export async function openKept(background: Background, password: string) {
  const [set] = await background.store.listKept();
  const kdf: KdfParams = kdfParamsFromWire(set!.account.kdf);
  const keys = await deriveAccountKeys({
    password,
    email: set!.account.email,
    accountKey: parseAccountKey(set!.account.accountKey),
    kdf,
  });
  const { accountId, epoch } = set!.account;
  const vk = await unwrapVaultKey({
    kek: keys.kek,
    wrappedVk: set!.account.wrappedVaultKey,
    accountId,
    epoch,
    kdf,
  });
  const kept = await background.store.keptItems(set!.key);
  return Promise.all(
    kept.map(async ({ id, item, pending }) => ({
      value: (await openJson({ vk, accountId, epoch, itemId: id, blob: item!.blob! })) as {
        title: string;
        password: string;
      },
      unsent: pending !== undefined,
    })),
  );
}

export async function signInAfterReset(
  email: string,
  reset: { password: string; accountKey: string },
) {
  return ask('account.signIn', {
    email,
    password: reset.password,
    accountKey: reset.accountKey,
    serverUrl: env.server.url,
  });
}
