/**
 * "This device only" (DESIGN §5) through the background's real message listener and the real
 * server: two devices of one account, each its own IndexedDB and browser storage, booted in turn
 * (the one put down is locked first, as a closed laptop would be). The server's database is read
 * from its file, so "nothing on the server" is checked without trusting the server's answers.
 */
import { IDBFactory } from 'fake-indexeddb';
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { createApiClient } from '@/lib/sync/client';
import { jsonAnswer } from '@/tests/support/json-answer';
import { signInOtherDevice } from '@/tests/support/other-device';
import { contentSender, extensionOrigin, sendAs } from '@/tests/support/senders';
import { everyRowText, itemRowsOf } from '@/tests/support/server-rows';
import {
  PASSWORD,
  ask,
  boot,
  createAccount,
  env,
  login,
  net,
  refusal,
  useBackgroundHarness,
} from '@/tests/support/background-harness';

useBackgroundHarness();

const titles = async () =>
  (await ask('vault.list', { query: '' })).items.map((i) => i.title).sort();
const itemNamed = async (title: string) => {
  const row = (await ask('vault.list', { query: '' })).items.find((i) => i.title === title);
  return ask('vault.get', { id: row!.id });
};
const syncPushes = () => env.requests.filter((r) => r.method === 'POST' && r.path === '/v1/sync');

/** A device: its own IndexedDB; `use` puts the other one down and picks this one up, unlocked. */
function devices() {
  let current: IDBFactory | undefined;
  return async function use(idb: IDBFactory, signIn?: { email: string; accountKey: string }) {
    // The device booted before the first `use` is put down too: left unlocked, it would still
    // hear live notices and sync into the IndexedDB it shares with its next boot.
    if (current !== idb) await ask('session.lock', {}).catch(() => undefined);
    current = idb;
    fakeBrowser.reset();
    vi.spyOn(fakeBrowser.runtime, 'getManifest').mockReturnValue({
      manifest_version: 3,
      name: 'Cassaforte',
      version: '1.2.3',
    });
    globalThis.indexedDB = idb;
    const background = boot();
    await background.ready;
    if (signIn) {
      await ask('account.signIn', { ...signIn, password: PASSWORD, serverUrl: env.server.url });
    } else if ((await ask('app.status', {})).state === 'locked') {
      await ask('session.unlock', { password: PASSWORD });
    }
    return background;
  };
}

describe('this device only', () => {
  it('empties the server, keeps edits local on both devices, and merges them all on the way back', async () => {
    const use = devices();
    const laptop = new IDBFactory();
    const phone = new IDBFactory();
    globalThis.indexedDB = laptop;
    boot();
    const { email, kit } = await createAccount();
    for (const title of ['Bank', 'Mail', 'Old', 'Shop'])
      await ask('vault.save', { item: login({ title }) });
    await ask('sync.now', {});
    await use(phone, { email, accountKey: kit.accountKey });
    await ask('sync.now', {});
    expect(await titles()).toEqual(['Bank', 'Mail', 'Old', 'Shop']);

    // The phone keeps the vault on its devices: the server deletes every copy.
    const off = await ask('sync.setMode', { mode: 'local' });
    expect(off).toMatchObject({ state: 'off', localOnly: true });
    expect(itemRowsOf(env.server.dataDir, email)).toEqual([]);
    expect(everyRowText(env.server.dataDir)).not.toContain('hunter2');
    // An edit stays here: nothing is pushed, the status still says sync is off.
    const pushesBefore = syncPushes().length;
    await ask('vault.save', { item: { ...(await itemNamed('Bank')), title: 'Bank (phone)' } });
    await ask('vault.save', { item: { ...(await itemNamed('Shop')), password: 'phone-pw' } });
    // A delete made apart, of an item the laptop leaves alone: it must not come back.
    await ask('vault.delete', { id: (await itemNamed('Old')).id });
    expect(await ask('sync.now', {})).toMatchObject({ state: 'off', pending: 3 });
    expect(syncPushes()).toHaveLength(pushesBefore);
    expect(itemRowsOf(env.server.dataDir, email)).toEqual([]);

    // The laptop kept its copy: it learns that sync is off and does not get the phone's edit.
    await use(laptop);
    expect(await ask('sync.now', {})).toMatchObject({ state: 'off', localOnly: true });
    expect(await titles()).toEqual(['Bank', 'Mail', 'Old', 'Shop']);
    await ask('vault.save', { item: { ...(await itemNamed('Mail')), title: 'Mail (laptop)' } });
    await ask('vault.save', { item: login({ title: 'New on laptop' }) });
    await ask('vault.save', { item: { ...(await itemNamed('Shop')), username: 'ada@laptop' } });
    expect(await ask('sync.now', {})).toMatchObject({ state: 'off', pending: 3 });
    // The lock and the next unlock say so before any run.
    await ask('session.lock', {});
    expect((await ask('session.unlock', { password: PASSWORD })).sync).toMatchObject({
      state: 'off',
    });
    expect(itemRowsOf(env.server.dataDir, email)).toEqual([]);

    // Back to the cloud from the phone: it uploads everything it has.
    await use(phone);
    const back = await ask('sync.setMode', { mode: 'cloud' });
    expect(back).toMatchObject({
      state: 'idle',
      pending: 0,
    });
    const live = () => itemRowsOf(env.server.dataDir, email).filter((r) => r.deleted === 0);
    expect(live()).toHaveLength(3);

    // The laptop hears it but sends nothing until its user says so (sync-resume.test.ts); then
    // it uploads its copy, and the merge keeps both sides' edits, once each.
    await use(laptop);
    const heard = await ask('sync.now', {});
    expect(heard).toMatchObject({ state: 'off', error: 'sync-resumable', pending: 3 });
    expect(live()).toHaveLength(3);
    const after = await ask('sync.setMode', { mode: 'cloud' });
    expect(after).toMatchObject({ state: 'idle', pending: 0 });
    expect(after.localOnly).toBeUndefined();
    const all = ['Bank (phone)', 'Mail (laptop)', 'New on laptop', 'Shop'];
    expect(await titles()).toEqual(all);
    // Different fields of one item, edited on each device while apart: merged field by field.
    const shop = { username: 'ada@laptop', password: 'phone-pw' };
    expect(await itemNamed('Shop')).toMatchObject(shop);
    await use(phone);
    await ask('sync.now', {});
    expect(await titles()).toEqual(all);
    expect(await itemNamed('Shop')).toMatchObject(shop);
    const rows = itemRowsOf(env.server.dataDir, email);
    expect(rows.filter((r) => r.deleted === 0)).toHaveLength(4);
  });

  it('re-uploads on a device that never heard the account went local and came back', async () => {
    const use = devices();
    const laptop = new IDBFactory();
    const phone = new IDBFactory();
    globalThis.indexedDB = laptop;
    boot();
    const { email, kit } = await createAccount();
    await ask('vault.save', { item: login({ title: 'Bank' }) });
    await ask('sync.now', {});
    await use(phone, { email, accountKey: kit.accountKey });
    await ask('sync.now', {});
    await use(laptop);
    await ask('vault.save', { item: login({ title: 'Pushed by the laptop' }) });
    expect(await ask('sync.now', {})).toMatchObject({ state: 'idle', pending: 0 });

    // The phone goes local and straight back before it pulls: the laptop's item is gone from
    // the server, and the laptop, put down meanwhile, never met sync_off.
    env.offline = true; // its unlock syncs nothing
    await use(phone);
    env.offline = false;
    await ask('sync.setMode', { mode: 'local' });
    expect(await ask('sync.setMode', { mode: 'cloud' })).toMatchObject({ state: 'idle' });
    expect(await titles()).toEqual(['Bank']);

    await use(laptop);
    expect(await ask('sync.now', {})).toMatchObject({ state: 'idle', pending: 0 });
    await use(phone);
    await ask('sync.now', {});
    expect(await titles()).toEqual(['Bank', 'Pushed by the laptop']);
    const live = itemRowsOf(env.server.dataDir, email).filter((r) => r.deleted === 0);
    expect(live).toHaveLength(2);
  });

  it('starts a device signing in afterwards empty, with sync off, and keeps its edits there', async () => {
    const use = devices();
    const first = new IDBFactory();
    globalThis.indexedDB = first;
    boot();
    const { email, kit } = await createAccount();
    await ask('vault.save', { item: login({ title: 'On the first device' }) });
    await ask('sync.now', {});
    await use(first);
    expect(await ask('sync.setMode', { mode: 'local' })).toMatchObject({ state: 'off' });

    await use(new IDBFactory(), { email, accountKey: kit.accountKey });
    expect(await ask('sync.now', {})).toMatchObject({ state: 'off', localOnly: true });
    expect(await titles()).toEqual([]);
    await ask('vault.save', { item: login({ title: 'Only here' }) });
    expect(await ask('sync.now', {})).toMatchObject({ state: 'off', pending: 1 });
    expect(itemRowsOf(env.server.dataDir, email)).toEqual([]);
  });

  it('hears another device switch, live, and stops syncing without retrying', async () => {
    const background = boot();
    const { email, kit } = await createAccount();
    await ask('vault.save', { item: login({ title: 'Kept here' }) });
    await ask('sync.now', {});
    await vi.waitFor(() => expect(background.live.state()).toBe('open'), { timeout: 5_000 });
    const other = await signInOtherDevice({
      serverUrl: env.server.url,
      email,
      password: PASSWORD,
      accountKey: kit.accountKey,
    });
    await other.api.setSyncMode(other.token, 'local');
    await vi.waitFor(async () => expect((await ask('app.status', {})).sync?.state).toBe('off'), {
      timeout: 2_000,
      interval: 50,
    });
    expect(await titles()).toEqual(['Kept here']);
    // A state, not an error: no back-off timer asks the server again and again.
    const seen = env.requests.length;
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    expect(env.requests.slice(seen).filter((r) => r.path.startsWith('/v1/sync'))).toEqual([]);
    // When the other device turns sync back on, this one hears it and says so, sending nothing;
    // it uploads its copy once its user asks.
    await other.api.setSyncMode(other.token, 'cloud');
    await vi.waitFor(
      async () => expect((await ask('app.status', {})).sync?.error).toBe('sync-resumable'),
      { timeout: 2_000, interval: 50 },
    );
    expect(await other.items()).toEqual(new Map());
    await ask('sync.setMode', { mode: 'cloud' });
    await vi.waitFor(
      async () =>
        expect([...(await other.items()).values()].map((v) => v.item.title)).toEqual(['Kept here']),
      { timeout: 3_000, interval: 100 },
    );
  }, 15_000);

  it('changes nothing when the server cannot be reached or answers nonsense', async () => {
    let lie = false;
    const fetchThatLies: typeof fetch = async (input, init) =>
      lie && init?.method === 'PUT' ? jsonAnswer(200, { mode: 'sideways' }) : net(input, init);
    boot((url) => createApiClient(url, { fetch: fetchThatLies }));
    const { email } = await createAccount();
    await ask('vault.save', { item: login({ title: 'Stays synced' }) });
    await ask('sync.now', {});

    env.offline = true;
    expect(await refusal(ask('sync.setMode', { mode: 'local' }))).toBe('server-unreachable');
    env.offline = false;
    lie = true;
    expect(await refusal(ask('sync.setMode', { mode: 'local' }))).toBe('server-malformed');
    expect(itemRowsOf(env.server.dataDir, email)).toHaveLength(1);
    expect((await ask('app.status', {})).sync?.localOnly).toBeUndefined();
    expect(await ask('sync.now', {})).toMatchObject({ state: 'idle' });
  });

  it('is switched from the popup only', async () => {
    boot();
    const { email } = await createAccount();
    await ask('vault.save', { item: login({ title: 'Mine' }) });
    await ask('sync.now', {});
    const page = { id: fakeBrowser.runtime.id, url: `${extensionOrigin()}/import.html` };
    for (const sender of [page, contentSender('https://evil.example/')]) {
      const answer = await sendAs(sender, 'sync.setMode', { mode: 'local' });
      expect(answer).toMatchObject({ ok: false, error: { code: 'forbidden-sender' } });
    }
    expect(itemRowsOf(env.server.dataDir, email)).toHaveLength(1);
  });
});
