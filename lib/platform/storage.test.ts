import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { restrictSessionStorage } from './storage';

afterEach(() => {
  fakeBrowser.reset();
});

describe('restrictSessionStorage', () => {
  it('says so where the browser has no setAccessLevel (Firefox)', async () => {
    expect(await restrictSessionStorage()).toBe('unsupported');
  });

  it('asks Chrome for trusted contexts only', async () => {
    const setAccessLevel = vi.fn(() => Promise.resolve());
    Object.assign(fakeBrowser.storage.session, { setAccessLevel });
    try {
      expect(await restrictSessionStorage()).toBe('restricted');
      expect(setAccessLevel).toHaveBeenCalledWith({ accessLevel: 'TRUSTED_CONTEXTS' });
    } finally {
      delete (fakeBrowser.storage.session as { setAccessLevel?: unknown }).setAccessLevel;
    }
  });
});
