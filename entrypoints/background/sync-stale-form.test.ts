/**
 * An edit saved from a form opened before another device changed the item (and this device
 * synced that change meanwhile): the fields the user changed are saved, the other device's change
 * to the rest stays. Real background, real server, a second device on the real protocol.
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

describe('a form opened at an older version of the item', () => {
  it('keeps what another device changed meanwhile, and saves what the user changed', async () => {
    boot();
    const { email, kit } = await createAccount();
    const saved = await ask('vault.save', { item: login({ username: 'ada', password: 'old-pw' }) });
    await ask('sync.now', {});
    const other = await signInOtherDevice({
      serverUrl: env.server.url,
      email,
      password: PASSWORD,
      accountKey: kit.accountKey,
    });

    // The editor opens here; then the other device renames the account, and this device syncs.
    const opened = await ask('vault.get', { id: saved.id });
    const remote = (await other.items()).get(saved.id)!;
    await other.push({ ...remote.item, username: 'ada@work' }, remote.rev);
    await ask('sync.now', {});
    expect(await ask('vault.get', { id: saved.id })).toMatchObject({ username: 'ada@work' });

    // The user changes the password in the form still showing "ada", and saves.
    await ask('vault.save', { item: { ...opened, password: 'new-pw' }, base: opened });
    expect(await ask('vault.get', { id: saved.id })).toMatchObject({
      username: 'ada@work',
      password: 'new-pw',
    });
    await ask('sync.now', {});
    expect((await other.items()).get(saved.id)?.item).toMatchObject({
      username: 'ada@work',
      password: 'new-pw',
    });
    // The same field changed on both sides: the user's value, just typed, is the one saved; the
    // other device's password stays in the item's history.
    const now = await ask('vault.get', { id: saved.id });
    const after = (await other.items()).get(saved.id)!;
    await other.push({ ...after.item, password: 'other-pw' }, after.rev);
    await ask('sync.now', {});
    await ask('vault.save', { item: { ...now, password: 'mine-pw' }, base: now });
    const final = await ask('vault.get', { id: saved.id });
    expect(final).toMatchObject({ username: 'ada@work', password: 'mine-pw' });
    expect(JSON.stringify(final.type === 'login' ? final.passwordHistory : [])).toContain(
      'other-pw',
    );
  });
});
