/**
 * A hostile or broken server (DESIGN §4, issue 9), through the real background against the real
 * server behind the lying proxy of tests/support/hostile-server.ts. Each case checks what the user
 * sees (the status the popup shows), that nothing was lost, and that nothing this device sent
 * was sealed under a key the server chose.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sealJson } from '@/lib/crypto';
import { createApiClient } from '@/lib/sync/client';
import {
  PASSWORD,
  ask,
  boot,
  createAccount,
  env,
  expectOnlyRealCiphertext,
  login,
  net,
  newDevice,
  refusal,
  useBackgroundHarness,
} from '@/tests/support/background-harness';
import { startHostileServer, type HostileServer } from '@/tests/support/hostile-server';
import { signInOtherDevice } from '@/tests/support/other-device';

useBackgroundHarness();

let proxy: HostileServer;
beforeEach(async () => {
  proxy = await startHostileServer({ target: env.server.url });
});
afterEach(() => proxy.close());

/**
 * Syncs until the cursor is past this device's own push. A run pulls before it pushes, so the
 * first leaves the cursor below the rev the push got, and a lie told to the next pull would be
 * forged at that very rev (max(answer.rev, since + 1), tests/support/hostile-rewrite.ts): one the
 * device already holds, so it drops the lie as a repeat without reporting it. A live notice or
 * the debounced sync after an edit may get the cursor there first, or may not (under load).
 */
async function syncPastOwnPush() {
  await ask('sync.now', {});
  await ask('sync.now', {});
}

/** This device on the proxy, one synced login, and another (honest) device on the real server. */
async function synced(timeoutMs?: number) {
  if (timeoutMs) boot((url) => createApiClient(url, { fetch: net, timeoutMs }));
  else newDevice();
  const { kit } = await createAccount('', {
    email: `hostile-${Date.now()}-${Math.random().toString(36).slice(2)}@example.com`,
    serverUrl: proxy.url,
  });
  const github = await ask('vault.save', { item: login({ title: 'GitHub', notes: 'v1' }) });
  await syncPastOwnPush();
  const other = await signInOtherDevice({
    serverUrl: env.server.url,
    email: kit.email,
    password: PASSWORD,
    accountKey: kit.accountKey,
  });
  return { kit, github, other };
}

const status = () => ask('app.status', {});
const notes = async (id: string) => (await ask('vault.get', { id })).notes;

async function edit(id: string, changes: Record<string, unknown>) {
  const item = await ask('vault.get', { id });
  return ask('vault.save', { item: { ...item, ...changes } });
}

describe('a server that lies about contents', () => {
  it('refuses an older copy (a rollback), keeps the newer one, and says so', async () => {
    const { github, other } = await synced();
    await edit(github.id, { notes: 'v2' });
    await syncPastOwnPush();
    const rule = proxy.misbehave({ kind: 'replay-older-blob', itemId: github.id, times: 1 });
    const after = await ask('sync.now', {});
    expect(rule.hits).toBe(1);
    expect(after.problems).toEqual([{ id: github.id, reason: 'rollback', title: 'GitHub' }]);
    expect(await notes(github.id)).toBe('v2');
    // Editing it again puts the good copy back on the server, and the report goes away.
    await edit(github.id, { notes: 'v3' });
    expect((await ask('sync.now', {})).problems).toBeUndefined();
    expect((await other.items()).get(github.id)?.item.notes).toBe('v3');
    await expectOnlyRealCiphertext(other);
  });

  it('keeps both items when the server swaps their blobs, and names them', async () => {
    const { github, other } = await synced();
    const bank = await ask('vault.save', { item: login({ title: 'Bank' }) });
    await syncPastOwnPush();
    proxy.misbehave({ kind: 'swap-blobs', itemIds: [github.id, bank.id], times: 1 });
    const after = await ask('sync.now', {});
    expect(after.problems?.map((p) => [p.title, p.reason]).sort()).toEqual([
      ['Bank', 'unreadable'],
      ['GitHub', 'unreadable'],
    ]);
    expect((await ask('vault.get', { id: bank.id })).title).toBe('Bank');
    expect((await ask('vault.get', { id: github.id })).title).toBe('GitHub');
    await expectOnlyRealCiphertext(other);
  });

  it("refuses another account's blob under this account's item", async () => {
    const first = await synced();
    const second = await synced(); // this device is now signed in to a second account
    proxy.misbehave({
      kind: 'foreign-blob',
      itemId: second.github.id,
      from: { account: first.other.ctx.accountId, itemId: first.github.id },
      times: 1,
    });
    const after = await ask('sync.now', {});
    expect(after.problems).toEqual([
      { id: second.github.id, reason: 'unreadable', title: 'GitHub' },
    ]);
    expect(await notes(second.github.id)).toBe('v1');
  });

  it('keeps an item whose delete the server forged, and says so', async () => {
    const { github, other } = await synced();
    proxy.misbehave({ kind: 'forge-delete', itemId: github.id, times: 1 });
    const after = await ask('sync.now', {});
    expect(after.problems).toEqual([
      { id: github.id, reason: 'unauthenticated-delete', title: 'GitHub' },
    ]);
    expect(await notes(github.id)).toBe('v1');
    // A real delete from another device is sealed, and is taken.
    const remote = (await other.items()).get(github.id)!;
    await other.remove(github.id, remote.rev, remote.item.revision + 1);
    await ask('sync.now', {});
    expect(await refusal(ask('vault.get', { id: github.id }))).toBe('not-found');
  });

  it('loses nothing when the server drops a change from a delta', async () => {
    const { github, other } = await synced();
    const remote = (await other.items()).get(github.id)!;
    await other.push({ ...remote.item, notes: 'from the other device', revision: 2 }, remote.rev);
    proxy.misbehave({ kind: 'drop-items', itemIds: [github.id], times: 1 });
    await ask('sync.now', {});
    // Undetectable on its own; the next edit here meets the change and merges it in.
    await edit(github.id, { title: 'GitHub (work)' });
    await ask('sync.now', {});
    expect(await ask('vault.get', { id: github.id })).toMatchObject({
      title: 'GitHub (work)',
      notes: 'from the other device',
    });
  });
});

describe('a server that lies about key derivation', () => {
  it('refuses parameters below the floor at sign-in, and says why', async () => {
    const { kit } = await synced();
    await ask('account.signOut', {});
    proxy.misbehave({ kind: 'kdf-params', ops: 1, memBytes: 8 * 1024 * 1024 });
    const signIn = {
      email: kit.email,
      password: PASSWORD,
      accountKey: kit.accountKey,
      serverUrl: proxy.url,
    };
    expect(await refusal(ask('account.signIn', signIn))).toBe('weak-kdf');
    proxy.clear();
    proxy.misbehave({ kind: 'kdf-salt' });
    expect(await refusal(ask('account.signIn', signIn))).toBe('wrong-credentials');
    proxy.clear();
    expect((await ask('account.signIn', signIn)).state).toBe('unlocked');
  });

  it('refuses key material whose parameters the server changed after the proof', async () => {
    const { kit } = await synced();
    await ask('account.signOut', {});
    // Valid-looking but not what the account registered: the wrapped key does not open.
    proxy.misbehave({ kind: 'kdf-params', ops: 4, match: { path: '/v1/auth/login/finish' } });
    const signIn = {
      email: kit.email,
      password: PASSWORD,
      accountKey: kit.accountKey,
      serverUrl: proxy.url,
    };
    expect(await refusal(ask('account.signIn', signIn))).toBe('tampered');
    expect((await status()).state).toBe('signed-out');
  });
});

describe('a server that fails', () => {
  const cases = [
    ['answers 500', { kind: 'status', status: 500 }, 'error', 'server-error'],
    ['answers malformed JSON', { kind: 'malformed-json' }, 'error', 'server-malformed'],
    ['cuts the connection mid-body', { kind: 'cut-body' }, 'offline', 'server-unreachable'],
  ] as const;
  for (const [name, misbehaviour, state, error] of cases) {
    it(`${name}: says so, keeps the edit waiting, and delivers it later`, async () => {
      const { github, other } = await synced();
      await edit(github.id, { notes: 'offline edit' });
      proxy.misbehave({ ...misbehaviour, match: { path: '/v1/sync' } });
      expect(await ask('sync.now', {})).toMatchObject({ state, error, pending: 1 });
      expect(await notes(github.id)).toBe('offline edit');
      proxy.clear();
      expect(await ask('sync.now', {})).toMatchObject({ state: 'idle', pending: 0 });
      expect((await other.items()).get(github.id)?.item.notes).toBe('offline edit');
    });
  }

  it('hangs: gives up after its timeout, says offline, and loses nothing', async () => {
    const { github } = await synced(1_000);
    await edit(github.id, { notes: 'waiting' });
    proxy.misbehave({ kind: 'hang', match: { path: '/v1/sync' } });
    expect(await ask('sync.now', {})).toMatchObject({ state: 'offline', pending: 1 });
    proxy.clear();
    expect(await ask('sync.now', {})).toMatchObject({ state: 'idle', pending: 0 });
  });
});

describe('a late answer', () => {
  it('to a session signed out meanwhile changes nothing, and signing in again works', async () => {
    const { kit } = await synced();
    const rule = proxy.misbehave({ kind: 'hang', match: { path: '/v1/sync' } });
    const late = ask('sync.now', {});
    await proxy.waitForRequest((r) => r.outcome === 'held');
    await ask('account.signOut', {});
    rule.clear(); // the held pull now reaches the server with the revoked token
    await late.catch(() => undefined);
    await proxy.waitForRequest((r) => r.misbehaviours.includes('hang') && r.status === 401);
    expect((await status()).state).toBe('signed-out');
    const again = await ask('account.signIn', {
      email: kit.email,
      password: PASSWORD,
      accountKey: kit.accountKey,
      serverUrl: proxy.url,
    });
    expect(again.state).toBe('unlocked');
    await ask('sync.now', {});
    expect((await ask('vault.list', { query: 'GitHub' })).items).toHaveLength(1);
  });
});

describe('data a newer or older version wrote', () => {
  it('keeps an item of an unknown type untouched and shows it as made by a newer version', async () => {
    const { other } = await synced();
    const future = {
      id: 'from-the-future',
      type: 'passkey',
      title: 'Passkey for example.com',
      revision: 1,
      createdAt: 1,
      updatedAt: 1,
      rp: 'example.com',
    };
    const blob = await sealJson({ ...other.ctx, itemId: future.id, value: future });
    await other.api.push(other.token, {
      epoch: other.ctx.epoch,
      changes: [{ id: future.id, baseRev: 0, blob }],
    });
    const after = await ask('sync.now', {});
    expect(after.problems).toBeUndefined();
    const row = (await ask('vault.list', { query: 'passkey' })).items[0];
    expect(row).toMatchObject({ id: future.id, type: 'newer', title: 'Passkey for example.com' });
    expect(await refusal(ask('vault.get', { id: future.id }))).toBe('newer-version');
    expect(await refusal(ask('vault.delete', { id: future.id }))).toBe('newer-version');
    await ask('vault.save', { item: login({ title: 'Another' }) });
    await ask('sync.now', {});
    const onServer = await other.api.pull(other.token, 0, 1000);
    expect(onServer.items.find((i) => i.id === future.id)?.blob).toBe(blob);
  });

  it('reads items stored without a revision, and a plain delete of one, once', async () => {
    const { other } = await synced();
    const legacy = {
      id: 'legacy',
      type: 'note',
      title: 'Old note',
      notes: '',
      favorite: false,
      createdAt: 1,
      updatedAt: 1,
    };
    const blob = await sealJson({ ...other.ctx, itemId: legacy.id, value: legacy });
    const put = await other.api.push(other.token, {
      epoch: other.ctx.epoch,
      changes: [{ id: legacy.id, baseRev: 0, blob }],
    });
    await ask('sync.now', {});
    expect((await ask('vault.get', { id: legacy.id })).title).toBe('Old note');
    await other.api.push(other.token, {
      epoch: other.ctx.epoch,
      changes: [{ id: legacy.id, baseRev: put.rev, deleted: true }],
    });
    expect((await ask('sync.now', {})).problems).toBeUndefined();
    expect(await refusal(ask('vault.get', { id: legacy.id }))).toBe('not-found');
  });
});
