/**
 * Account journeys through the background's real message listener: create, lock and unlock,
 * sign in on a new device, and an account reset done elsewhere
 * (tests/support/background-harness.ts: WXT's fake browser, fake-indexeddb, the real crypto and
 * the real sync server on 127.0.0.1 with SQLite). A second device is the real protocol too.
 */
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it, vi } from 'vitest';
import { decodeSetupCode, parseAccountKey } from '@/lib/account-key';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { simpleParser } from 'mailparser';
import {
  createKdfParams,
  deriveAccountKeys,
  generateAccountKey,
  generateVaultKey,
  kdfParamsToWire,
  wrapVaultKey,
} from '@/lib/crypto';
import { createApiClient } from '@/lib/sync/client';
import { opaqueRegister } from './services/opaque';
import {
  FAST_KDF,
  PASSWORD,
  ask,
  boot,
  createAccount,
  env,
  login,
  now,
  refusal,
  useBackgroundHarness,
} from '@/tests/support/background-harness';

useBackgroundHarness();

describe('account lifecycle', () => {
  it('creates an account with an Emergency Kit, locks, and unlocks with the password only', async () => {
    boot();
    const { email, kit } = await createAccount();
    expect(kit.accountKey).toMatch(/^CF1-/);
    const setup = decodeSetupCode(kit.setupCode);
    expect(setup).toMatchObject({ email, serverUrl: env.server.url });
    expect(setup.accountKey).toEqual(parseAccountKey(kit.accountKey));

    let status = await ask('app.status', {});
    expect(status).toMatchObject({ state: 'unlocked', email, kitPending: true });
    expect(status.lockAt).toBeGreaterThan(now() + 14 * 60_000);
    status = await ask('account.kitSaved', {});
    expect(status.kitPending).toBeUndefined();

    status = await ask('session.lock', {});
    expect(status).toMatchObject({ state: 'locked', lastLock: { reason: 'manual' } });
    expect(await refusal(ask('vault.list', { query: '' }))).toBe('locked');
    expect(await refusal(ask('account.kit', {}))).toBe('locked');

    // Unlock is local: it works with the network down.
    env.offline = true;
    expect(await refusal(ask('session.unlock', { password: 'not it' }))).toBe('wrong-password');
    expect((await ask('app.status', {})).hint).toBe('the horse');
    status = await ask('session.unlock', { password: PASSWORD });
    expect(status).toMatchObject({ state: 'unlocked', email });
    expect(status.hint).toBeUndefined();
  });

  it('signs in on a new device with the account key and brings the vault along', async () => {
    boot();
    const { email, kit } = await createAccount();
    const saved = await ask('vault.save', { item: login() });
    await ask('sync.now', {});
    await ask('account.signOut', {});
    expect((await ask('app.status', {})).state).toBe('signed-out');

    globalThis.indexedDB = new IDBFactory(); // a new device
    boot();
    const wrongKey = kit.accountKey.replace(/.$/, (c) => (c === '0' ? '1' : '0'));
    expect(
      await refusal(
        ask('account.signIn', {
          email,
          password: PASSWORD,
          accountKey: wrongKey,
          serverUrl: env.server.url,
        }),
      ),
    ).toBe('bad-account-key');
    expect(
      await refusal(
        ask('account.signIn', {
          email,
          password: 'wrong password',
          accountKey: kit.accountKey,
          serverUrl: env.server.url,
        }),
      ),
    ).toBe('wrong-credentials');
    const status = await ask('account.signIn', {
      email: email.toUpperCase(),
      password: PASSWORD,
      accountKey: kit.accountKey.toLowerCase().replaceAll('-', ' '),
      serverUrl: env.server.url,
    });
    expect(status).toMatchObject({ state: 'unlocked', email });
    await ask('sync.now', {});
    expect(await ask('vault.get', { id: saved.id })).toMatchObject({ password: 'hunter2-marker' });
  });
});

/** A reset done elsewhere, for real: the emailed token, a new account key and vault key. */
async function resetElsewhere(email: string, accountId: string) {
  const outbox = join(env.server.dataDir, 'outbox');
  const before = new Set(await readdir(outbox).catch(() => [] as string[]));
  await createApiClient(env.server.url).requestReset(email);
  let token: string | undefined;
  await vi.waitFor(async () => {
    for (const name of await readdir(outbox)) {
      if (before.has(name)) continue;
      const mail = await simpleParser(await readFile(join(outbox, name)));
      token = /\/reset#token=([A-Za-z0-9_-]{43})/.exec(mail.text ?? '')?.[1] ?? token;
    }
    expect(token).toBeDefined();
  });
  const accountKey = generateAccountKey();
  const kdf = createKdfParams(FAST_KDF);
  const keys = await deriveAccountKeys({
    password: 'a brand new password',
    email,
    accountKey,
    kdf,
  });
  const post = async (path: string, body: unknown) => {
    const response = await fetch(`${env.server.url}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    expect(response.ok).toBe(true);
    return response.json() as Promise<Record<string, unknown>>;
  };
  let epoch = 0;
  const registrationRecord = await opaqueRegister(keys.authSecret, async (registrationRequest) => {
    const started = await post('/v1/account/reset/start', {
      proof: { token },
      registrationRequest,
    });
    epoch = started.epoch as number;
    return { registrationResponse: started.registrationResponse as string };
  });
  const wrappedVaultKey = await wrapVaultKey({
    kek: keys.kek,
    vk: generateVaultKey(),
    accountId,
    epoch,
    kdf,
  });
  await post('/v1/account/reset/confirm', {
    proof: { token },
    epoch,
    registrationRecord,
    kdf: kdfParamsToWire(kdf),
    wrappedVaultKey,
  });
}

describe('an account reset on another device', () => {
  it('signs an unlocked device out at its next sync and says why', async () => {
    const background = boot();
    const { email } = await createAccount();
    await ask('vault.save', { item: login() });
    await ask('sync.now', {});
    const accountId = (await background.store.getAccount())!.accountId;
    await resetElsewhere(email, accountId);
    await ask('sync.now', {});
    expect(await ask('app.status', {})).toMatchObject({
      state: 'signed-out',
      lastLock: { reason: 'account-reset' },
    });
    expect(await background.store.getAccount()).toBeUndefined();
    expect(await background.store.listItems()).toEqual([]);
  });

  it('tells a locked device whose new password no longer fits its old key', async () => {
    const background = boot();
    const { email } = await createAccount();
    await ask('vault.save', { item: login() });
    await ask('sync.now', {});
    const accountId = (await background.store.getAccount())!.accountId;
    await ask('session.lock', {});
    await resetElsewhere(email, accountId);
    expect(await refusal(ask('session.unlock', { password: 'a brand new password' }))).toBe(
      'account-reset',
    );
    expect(await ask('app.status', {})).toMatchObject({
      state: 'signed-out',
      lastLock: { reason: 'account-reset' },
    });
    expect(await background.store.listItems()).toEqual([]);
  });
});
