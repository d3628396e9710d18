/**
 * A push the server applied whose answer never came back (the network dropped it, a timeout):
 * the device cannot tell it from a push that never arrived, so it must recognise its own version
 * when the server shows it later. Real background, real server, a second device on the protocol.
 */
import { describe, expect, it } from 'vitest';
import { signInOtherDevice } from '@/tests/support/other-device';
import {
  PASSWORD,
  ask,
  boot,
  createAccount,
  env,
  login,
  useBackgroundHarness,
} from '@/tests/support/background-harness';

useBackgroundHarness();

/**
 * The next push reaches the server, which applies it; its answer is lost on the way back, and
 * the network stays down until `reconnect()` (so the user's next edit comes before any sync).
 */
function loseNextPushAnswer() {
  let lost = false;
  env.onAnswer = async (request) => {
    if (lost || request.method !== 'POST' || request.path !== '/v1/sync') return;
    lost = true;
    env.offline = true;
    throw new TypeError('Failed to fetch');
  };
  return {
    lost: () => lost,
    reconnect() {
      env.onAnswer = undefined;
      env.offline = false;
    },
  };
}

async function signedIn() {
  boot();
  const { email, kit } = await createAccount();
  const other = () =>
    signInOtherDevice({
      serverUrl: env.server.url,
      email,
      password: PASSWORD,
      accountKey: kit.accountKey,
    });
  return { other };
}

const titles = async () => (await ask('vault.list', { query: '' })).items.map((i) => i.title);

describe('a push whose answer was lost', () => {
  it('an item deleted afterwards stays deleted, here and on other devices', async () => {
    const { other } = await signedIn();
    const network = loseNextPushAnswer();
    const saved = await ask('vault.save', { item: login({ title: 'Short-lived' }) });
    await ask('sync.now', {});
    expect(network.lost()).toBe(true);
    await ask('vault.delete', { id: saved.id });
    network.reconnect();
    expect(await ask('sync.now', {})).toMatchObject({ state: 'idle', pending: 0 });
    expect(await titles()).not.toContain('Short-lived');
    expect((await (await other()).items()).has(saved.id)).toBe(false);
    await ask('sync.now', {}); // and it does not come back on a later pull
    expect(await titles()).not.toContain('Short-lived');
  });

  it('a new item edited afterwards is one item with the edit, no conflict copy', async () => {
    const { other } = await signedIn();
    const network = loseNextPushAnswer();
    const saved = await ask('vault.save', { item: login({ title: 'Bank', password: 'first-pw' }) });
    await ask('sync.now', {});
    expect(network.lost()).toBe(true);
    await ask('vault.save', { item: { ...saved, password: 'second-pw' }, base: saved });
    network.reconnect();
    expect(await ask('sync.now', {})).toMatchObject({ state: 'idle', pending: 0 });
    const rows = (await ask('vault.list', { query: '' })).items;
    expect(rows.map((r) => [r.title, r.conflictOf])).toEqual([['Bank', undefined]]);
    expect(await ask('vault.get', { id: saved.id })).toMatchObject({ password: 'second-pw' });
    expect((await (await other()).items()).get(saved.id)?.item).toMatchObject({
      password: 'second-pw',
    });
  });

  it('a synced item edited twice in the same field is one item with the last edit', async () => {
    const { other } = await signedIn();
    const saved = await ask('vault.save', { item: login({ title: 'Mail', password: 'v1' }) });
    await ask('sync.now', {});
    const network = loseNextPushAnswer();
    const v2 = await ask('vault.save', { item: { ...saved, password: 'v2' }, base: saved });
    await ask('sync.now', {});
    expect(network.lost()).toBe(true);
    await ask('vault.save', { item: { ...v2, password: 'v3' }, base: v2 });
    network.reconnect();
    expect(await ask('sync.now', {})).toMatchObject({ state: 'idle', pending: 0 });
    const rows = (await ask('vault.list', { query: '' })).items;
    expect(rows.map((r) => [r.title, r.conflictOf])).toEqual([['Mail', undefined]]);
    expect(await ask('vault.get', { id: saved.id })).toMatchObject({ password: 'v3' });
    expect((await (await other()).items()).get(saved.id)?.item).toMatchObject({ password: 'v3' });
  });

  it('a create that never reached the server, deleted, leaves nothing anywhere', async () => {
    const { other } = await signedIn();
    env.offline = true; // the push fails before it leaves: the device cannot tell the difference
    const saved = await ask('vault.save', { item: login({ title: 'Never sent' }) });
    await ask('sync.now', {});
    await ask('vault.delete', { id: saved.id });
    env.offline = false;
    expect(await ask('sync.now', {})).toMatchObject({ state: 'idle', pending: 0 });
    expect(await titles()).not.toContain('Never sent');
    expect((await (await other()).items()).has(saved.id)).toBe(false);
  });
});
