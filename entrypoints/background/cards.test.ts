/**
 * Cards, identities and tags through the background's real message listener and the real sync
 * server (tests/support/background-harness.ts), with a second device on the real protocol.
 */
import { describe, expect, it } from 'vitest';
import { signInOtherDevice } from '@/tests/support/other-device';
import {
  PASSWORD,
  ask,
  boot,
  createAccount,
  env,
  refusal,
  useBackgroundHarness,
} from '@/tests/support/background-harness';

useBackgroundHarness();

const card = {
  type: 'card',
  title: 'Everyday',
  cardholder: 'Ada Lovelace',
  number: '4111 1111 1111 1111',
  expiry: '2029-07',
  code: '739',
  tags: ['finance'],
};

describe('cards, identities and tags', () => {
  it('lists a card by brand and last four digits only, and finds it by them and its tags', async () => {
    boot();
    await createAccount();
    const saved = await ask('vault.save', { item: card });
    expect(saved).toMatchObject({ type: 'card', number: '4111111111111111', code: '739' });
    await ask('vault.save', {
      item: {
        type: 'identity',
        title: 'Home',
        firstName: 'Ada',
        lastName: 'Byron',
        tags: ['family'],
      },
    });

    const rows = await ask('vault.list', { query: '' });
    const row = rows.items.find((item) => item.id === saved.id);
    expect(row).toMatchObject({ type: 'card', brand: 'visa', last4: '1111' });
    // The row, which the popup also keeps as a snapshot, holds no more of the card than that.
    expect(JSON.stringify(row)).not.toContain('41111111');
    expect(JSON.stringify(row)).not.toContain('739');
    expect(rows.items.find((item) => item.type === 'identity')).toMatchObject({
      subtitle: 'Ada Byron',
    });

    expect((await ask('vault.list', { query: '1111' })).items.map((i) => i.id)).toEqual([saved.id]);
    expect((await ask('vault.list', { query: 'finance' })).items.map((i) => i.id)).toEqual([
      saved.id,
    ]);
    expect((await ask('vault.list', { query: '739' })).items).toEqual([]);
    expect((await ask('vault.list', { query: 'byron' })).items[0]?.type).toBe('identity');
  });

  it('refuses a card field that cannot be, and keeps the card as it was', async () => {
    boot();
    await createAccount();
    const saved = await ask('vault.save', { item: card });
    expect(await refusal(ask('vault.save', { item: { ...saved, code: '12345' } }))).toBe(
      'invalid-item',
    );
    expect(await refusal(ask('vault.save', { item: { ...saved, expiry: '2029-13' } }))).toBe(
      'invalid-item',
    );
    expect(await ask('vault.get', { id: saved.id })).toMatchObject({
      code: '739',
      expiry: '2029-07',
    });
  });

  it('merges a card edited on two devices at once: both edits and both devices’ tags kept', async () => {
    boot();
    const { email, kit } = await createAccount();
    const saved = await ask('vault.save', { item: card });
    await ask('sync.now', {});
    const other = await signInOtherDevice({
      serverUrl: env.server.url,
      email,
      password: PASSWORD,
      accountKey: kit.accountKey,
    });
    const theirs = (await other.items()).get(saved.id)!;
    expect(theirs.item).toMatchObject({ number: '4111111111111111', tags: ['finance'] });
    // The other device renews the card and retags it; this one, not yet synced, fixes the holder.
    await other.push(
      { ...theirs.item, expiry: '2032-01', code: '402', tags: ['finance', 'travel'], revision: 2 },
      theirs.rev,
    );
    await ask('vault.save', {
      item: { ...saved, cardholder: 'A. Lovelace', tags: ['finance', 'work'] },
    });
    await ask('sync.now', {});

    const merged = await ask('vault.get', { id: saved.id });
    expect(merged).toMatchObject({
      cardholder: 'A. Lovelace',
      expiry: '2032-01',
      code: '402',
      number: '4111111111111111',
    });
    expect(merged.type !== 'site-prefs' && [...merged.tags].sort()).toEqual([
      'finance',
      'travel',
      'work',
    ]);
    expect((await ask('vault.list', { query: '' })).total).toBe(1); // merged, no conflict copy
    expect((await other.items()).get(saved.id)?.item).toMatchObject({ cardholder: 'A. Lovelace' });
  });
});
