/**
 * Password history through the background (issue 12): every password change made with
 * 'vault.save' keeps the replaced password in the item, ten at most, and the history syncs.
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

describe('password history through the vault', () => {
  it('every password change keeps the replaced one, ten at most, whatever the editor sends', async () => {
    boot();
    const { email, kit } = await createAccount();
    let item = await ask('vault.save', { item: login({ password: 'p0' }) });
    for (let i = 1; i <= 12; i++) {
      // The editor sends back the item as it loaded it: an empty (stale) history included.
      item = await ask('vault.save', { item: { ...item, passwordHistory: [], password: `p${i}` } });
    }
    const saved = await ask('vault.get', { id: item.id });
    if (saved.type !== 'login') throw new Error('expected a login');
    expect(saved.passwordHistory.map((e) => e.password)).toEqual([
      'p11',
      'p10',
      'p9',
      'p8',
      'p7',
      'p6',
      'p5',
      'p4',
      'p3',
      'p2',
    ]);
    // A title edit changes no history.
    await ask('vault.save', { item: { ...saved, title: 'GitHub (work)' } });
    const retitled = await ask('vault.get', { id: item.id });
    expect(retitled.type === 'login' && retitled.passwordHistory).toEqual(saved.passwordHistory);

    await ask('sync.now', {});
    const other = await signInOtherDevice({
      serverUrl: env.server.url,
      email,
      password: PASSWORD,
      accountKey: kit.accountKey,
    });
    const synced = (await other.items()).get(item.id)?.item;
    expect(synced?.type === 'login' && synced.passwordHistory).toEqual(saved.passwordHistory);
  });
});
