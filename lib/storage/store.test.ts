import { beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { defaultSettings } from '@/lib/messaging/settings';
import { DbError } from '@/lib/db/errors';
import { keysClearedOn, storedState } from './keys';
import { getStored, removeStored, setStored, wipe } from './store';

beforeEach(() => {
  fakeBrowser.reset();
});

async function fillEverything(): Promise<void> {
  await setStored('vaultKey', 'dmF1bHQta2V5');
  await setStored('lockDeadline', 1_700_000_000_000);
  await setStored('drafts', { new1: { at: 1, item: { title: 'Bank' } } });
  await setStored('settings', { ...defaultSettings, autoLockMinutes: 5 });
  await setStored('lastLock', { reason: 'timer', at: 2 });
  await setStored('kitPending', true);
}

describe('the list of stored state', () => {
  it('keeps secrets and plaintext in memory-only session storage, gone on lock', () => {
    for (const name of ['vaultKey', 'lockDeadline', 'drafts'] as const) {
      expect(storedState[name].area).toBe('session');
      expect(storedState[name].clearOn).toEqual(['lock', 'logout']);
    }
    expect(keysClearedOn('lock', 'local')).toEqual([]);
  });

  it('forgets the vault database on sign-out only', () => {
    expect(storedState.vaultDatabase).toEqual({ area: 'indexeddb', clearOn: ['logout'] });
  });

  it('forgets what a forced sign-out kept aside only when the user signs out', () => {
    expect(storedState.keptAside).toEqual({ area: 'indexeddb', clearOn: ['user-logout'] });
    expect(keysClearedOn('user-logout', 'local')).toEqual(keysClearedOn('logout', 'local'));
  });
});

describe('get and set', () => {
  it('stores each key in its own area', async () => {
    await fillEverything();
    expect(await fakeBrowser.storage.session.get('vaultKey')).toEqual({ vaultKey: 'dmF1bHQta2V5' });
    expect(await fakeBrowser.storage.local.get('vaultKey')).toEqual({ vaultKey: undefined });
    expect(await fakeBrowser.storage.local.get('settings')).toEqual({
      settings: { ...defaultSettings, autoLockMinutes: 5 },
    });
    expect(await getStored('drafts')).toEqual({ new1: { at: 1, item: { title: 'Bank' } } });
    expect(await getStored('lastLock')).toEqual({ reason: 'timer', at: 2 });
  });

  it('reads an absent key as undefined, or as its fallback', async () => {
    expect(await getStored('vaultKey')).toBeUndefined();
    expect(await getStored('settings')).toEqual(defaultSettings);
    expect(defaultSettings).toMatchObject({ autoLockMinutes: 15, lockOnSystemLock: true });
  });

  it('treats corrupt state as absent instead of crashing', async () => {
    await fakeBrowser.storage.local.set({
      settings: { autoLockMinutes: 7 },
      lastLock: { reason: 'aliens', at: 'noon' },
    });
    await fakeBrowser.storage.session.set({ vaultKey: 42, lockDeadline: 'soon' });
    expect(await getStored('settings')).toEqual(defaultSettings);
    expect(await getStored('lastLock')).toBeUndefined();
    expect(await getStored('vaultKey')).toBeUndefined();
    expect(await getStored('lockDeadline')).toBeUndefined();
  });

  it('fills settings written by an older build with today’s defaults', async () => {
    await fakeBrowser.storage.local.set({ settings: { autoLockMinutes: 60 } });
    expect(await getStored('settings')).toEqual({ ...defaultSettings, autoLockMinutes: 60 });
  });

  it('refuses to write an invalid value, leaving the old one', async () => {
    await setStored('settings', { ...defaultSettings, autoLockMinutes: 30 });
    await expect(
      setStored('settings', { ...defaultSettings, autoLockMinutes: 7 }),
    ).rejects.toThrow();
    expect((await getStored('settings')).autoLockMinutes).toBe(30);
  });

  it('removes keys from whichever area holds them', async () => {
    await fillEverything();
    await removeStored('vaultKey', 'lastLock');
    expect(await getStored('vaultKey')).toBeUndefined();
    expect(await getStored('lastLock')).toBeUndefined();
    expect(await getStored('lockDeadline')).toBe(1_700_000_000_000);
  });
});

describe('wipe', () => {
  it('on lock removes the vault key, the timer and drafts, and keeps the rest', async () => {
    await fillEverything();
    await wipe('lock');
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
    expect((await getStored('settings')).autoLockMinutes).toBe(5);
    expect(await getStored('lastLock')).toEqual({ reason: 'timer', at: 2 });
    expect(await getStored('kitPending')).toBe(true);
  });

  it('on logout also wipes the vault database through the injected callback', async () => {
    await fillEverything();
    const wipeDatabase = vi.fn(() => Promise.resolve());
    await wipe('logout', { wipeDatabase });
    expect(wipeDatabase).toHaveBeenCalledExactlyOnceWith({ keptAside: false });
    await wipe('user-logout', { wipeDatabase });
    expect(wipeDatabase).toHaveBeenLastCalledWith({ keptAside: true });
    expect(await fakeBrowser.storage.session.get(null)).toEqual({});
    expect(await getStored('kitPending')).toBeUndefined();
    expect((await getStored('settings')).autoLockMinutes).toBe(5);
  });

  it('still removes the vault key when the database wipe fails, then reports the failure', async () => {
    await fillEverything();
    const failure = new DbError('blocked', 'wipeAccount');
    await expect(wipe('logout', { wipeDatabase: () => Promise.reject(failure) })).rejects.toBe(
      failure,
    );
    expect(await getStored('vaultKey')).toBeUndefined();
    expect(await getStored('drafts')).toBeUndefined();
  });
});
