/**
 * The background vault service through its real message listener (test-harness.ts: WXT's fake
 * browser, fake-indexeddb, the real crypto and the real sync server on 127.0.0.1 with SQLite).
 * A second device is the real protocol too.
 */
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
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
import { createApiClient } from './services/api';
import { opaqueRegister } from './services/opaque';
import { signInOtherDevice } from './test-device';
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
} from './test-harness';
import { startBackground } from './wiring';

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

describe('items', () => {
  it('saves, finds, deletes with undo, and syncs every step to another device', async () => {
    boot();
    const { email, kit } = await createAccount();
    const github = await ask('vault.save', { item: login() });
    await ask('vault.save', {
      item: login({
        title: 'Bank',
        username: 'ada.l',
        urls: [{ url: 'https://bank.example', match: 'host' }],
      }),
    });
    await ask('vault.save', { item: { type: 'note', title: 'Wifi', notes: 'guest network' } });

    const found = await ask('vault.list', { query: 'gith' });
    expect(found.items[0]).toMatchObject({
      id: github.id,
      title: 'GitHub',
      username: 'ada',
      host: 'github.com',
    });
    expect((await ask('vault.list', { query: 'githbu' })).items[0]?.id).toBe(github.id); // a typo
    const onSite = await ask('vault.list', { query: '', currentUrl: 'https://bank.example/login' });
    expect(onSite.items[0]).toMatchObject({ title: 'Bank', onSite: true });
    expect(onSite.total).toBe(3);

    await ask('sync.now', {});
    const other = await signInOtherDevice({
      serverUrl: env.server.url,
      email,
      password: PASSWORD,
      accountKey: kit.accountKey,
    });
    expect((await other.items()).get(github.id)?.item).toMatchObject({
      password: 'hunter2-marker',
    });

    await ask('vault.delete', { id: github.id });
    expect((await ask('vault.list', { query: 'github' })).items).toHaveLength(0);
    await ask('vault.restore', { id: github.id });
    await ask('vault.delete', { id: github.id });
    await ask('sync.now', {});
    expect((await other.items()).has(github.id)).toBe(false);
    const restored = await ask('vault.restore', { id: github.id });
    expect(restored.title).toBe('GitHub');
    const status = await ask('sync.now', {});
    expect(status).toMatchObject({ state: 'idle', pending: 0 });
    expect((await other.items()).get(github.id)?.item.title).toBe('GitHub');
  });

  it('keeps every draft when several are saved at the same moment', async () => {
    boot();
    await createAccount();
    await Promise.all(
      ['a', 'b', 'c', 'd'].map((key) =>
        ask('draft.put', { key, draft: { title: `draft ${key}` } }),
      ),
    );
    for (const key of ['a', 'b', 'c', 'd']) {
      expect((await ask('draft.get', { key })).draft).toEqual({ title: `draft ${key}` });
    }
    await ask('session.lock', {});
    await ask('session.unlock', { password: PASSWORD });
    expect((await ask('draft.get', { key: 'a' })).draft).toBeUndefined(); // plaintext dies on lock
  });

  it('refuses an invalid item and says so', async () => {
    boot();
    await createAccount();
    expect(await refusal(ask('vault.save', { item: { type: 'login', title: 5 } }))).toBe(
      'invalid-item',
    );
    expect(await refusal(ask('vault.get', { id: 'nope' }))).toBe('not-found');
  });
});

describe('auto-lock and a killed service worker', () => {
  it('comes back unlocked inside the timer, and locked after it', async () => {
    boot();
    await createAccount();
    const saved = await ask('vault.save', { item: login() });

    boot(); // the browser stopped the worker; memory is gone, storage.session is not
    expect((await ask('app.status', {})).state).toBe('unlocked');
    expect((await ask('vault.get', { id: saved.id })).title).toBe('GitHub');

    env.clockOffset += 16 * 60_000; // past the default 15 minutes
    boot();
    expect(await ask('app.status', {})).toMatchObject({
      state: 'locked',
      lastLock: { reason: 'timer' },
    });
  });

  it('locks when the alarm fires, and keeps the vault open while it is used', async () => {
    boot();
    await createAccount();
    await ask('settings.set', { autoLockMinutes: 1 });
    env.clockOffset += 45_000;
    await ask('vault.list', { query: '' }); // activity moves the deadline
    env.clockOffset += 45_000;
    await fakeBrowser.alarms.onAlarm.trigger({ name: 'cassaforte-autolock', scheduledTime: now() });
    expect((await ask('app.status', {})).state).toBe('unlocked');
    env.clockOffset += 61_000;
    await fakeBrowser.alarms.onAlarm.trigger({ name: 'cassaforte-autolock', scheduledTime: now() });
    await vi.waitFor(async () => expect((await ask('app.status', {})).state).toBe('locked'));
    expect((await ask('app.status', {})).lastLock?.reason).toBe('timer');
  });
});

describe('sync', () => {
  it('keeps an edit made offline and pushes it when the network returns', async () => {
    boot();
    const { email, kit } = await createAccount();
    env.offline = true;
    const saved = await ask('vault.save', { item: login({ title: 'Offline edit' }) });
    const status = await ask('sync.now', {});
    expect(status).toMatchObject({ state: 'offline', pending: 1, error: 'server-unreachable' });
    boot(); // even a restart in between loses nothing: the outbox is in IndexedDB
    env.offline = false;
    expect(await ask('sync.now', {})).toMatchObject({ state: 'idle', pending: 0 });
    const other = await signInOtherDevice({
      serverUrl: env.server.url,
      email,
      password: PASSWORD,
      accountKey: kit.accountKey,
    });
    expect((await other.items()).get(saved.id)?.item.title).toBe('Offline edit');
  });

  it('merges edits of different fields, and keeps both versions of the same field', async () => {
    boot();
    const { email, kit } = await createAccount();
    const saved = await ask('vault.save', { item: login() });
    await ask('sync.now', {});
    const other = await signInOtherDevice({
      serverUrl: env.server.url,
      email,
      password: PASSWORD,
      accountKey: kit.accountKey,
    });

    // Different fields: the other device renames, this one changes the password.
    let remote = (await other.items()).get(saved.id)!;
    await other.push({ ...remote.item, username: 'ada@work' }, remote.rev);
    await ask('vault.save', { item: { ...saved, password: 'new-password' } });
    await ask('sync.now', {});
    expect(await ask('vault.get', { id: saved.id })).toMatchObject({
      username: 'ada@work',
      password: 'new-password',
    });
    remote = (await other.items()).get(saved.id)!;
    expect(remote.item).toMatchObject({ username: 'ada@work', password: 'new-password' });

    // The same field: nothing is lost, both stay visible.
    await other.push({ ...remote.item, title: 'GitHub (work)' }, remote.rev);
    await ask('vault.save', {
      item: { ...(await ask('vault.get', { id: saved.id })), title: 'GitHub (home)' },
    });
    await ask('sync.now', {});
    const titles = (await ask('vault.list', { query: 'github' })).items.map((i) => [
      i.title,
      i.conflictOf,
    ]);
    expect(titles).toEqual(
      expect.arrayContaining([
        ['GitHub (work)', undefined],
        ['GitHub (home)', saved.id],
      ]),
    );
    const everywhere = [...(await other.items()).values()].map((e) => e.item.title);
    expect(everywhere.sort()).toEqual(['GitHub (home)', 'GitHub (work)']);
  });

  it('takes a large page from another device into the vault and its search index', async () => {
    boot();
    const { email, kit } = await createAccount();
    const other = await signInOtherDevice({
      serverUrl: env.server.url,
      email,
      password: PASSWORD,
      accountKey: kit.accountKey,
    });
    const at = now();
    const ids: string[] = [];
    for (let i = 0; i < 120; i++) {
      const id = `bulk${i}`;
      ids.push(id);
      const item = {
        id,
        type: 'note' as const,
        title: `Bulk note ${i}`,
        notes: `n${i}`,
        createdAt: at,
        updatedAt: at,
        favorite: false,
      };
      expect((await other.push(item, 0)).applied).toHaveLength(1);
    }
    expect(await ask('sync.now', {})).toMatchObject({ state: 'idle', pending: 0 });
    expect((await ask('vault.list', { query: '' })).total).toBe(120);
    expect((await ask('vault.list', { query: 'bulk note 117' })).items[0]?.id).toBe('bulk117');
    expect((await ask('vault.get', { id: 'bulk42' })).notes).toBe('n42');
  });

  it('shows a malformed server answer as an error and applies nothing', async () => {
    let tamper = false;
    fakeBrowser.runtime.onMessage.removeAllListeners();
    startBackground({
      now,
      kdf: FAST_KDF,
      api: (url) =>
        createApiClient(url, {
          fetch: async (input, init) =>
            tamper && String(input).includes('/v1/sync')
              ? new Response(JSON.stringify({ rev: 'many', items: [{ id: 1 }] }), { status: 200 })
              : fetch(input, init),
        }),
    });
    await createAccount();
    await ask('vault.save', { item: login() });
    tamper = true;
    const status = await ask('sync.now', {});
    expect(status).toMatchObject({ state: 'error', error: 'server-malformed', pending: 1 });
    expect((await ask('vault.list', { query: '' })).items.map((i) => i.title)).toEqual(['GitHub']);
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
    const started = await post('/v1/account/reset/start', { token, registrationRequest });
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
    token,
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
