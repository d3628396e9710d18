/**
 * The warning when the account password is submitted into a site (issue 12), against a real
 * account made through the background (tests/support/background-harness.ts): the real Argon2id
 * and the real wrapped vault key on this device. The derivation is counted, not timed.
 */
import { describe, expect, it, vi } from 'vitest';
import {
  createAccountPasswordWatch,
  MAX_PENDING_CHECKS,
} from '@/entrypoints/background/services/account-password-watch';
import {
  PASSWORD,
  ask,
  boot,
  createAccount,
  useBackgroundHarness,
} from '@/tests/support/background-harness';

/** Every key derivation of this file, counted: how many, and the most running at once. */
const derivations = vi.hoisted(() => ({ started: 0, running: 0, most: 0 }));

vi.mock('@/lib/crypto', async (importOriginal) => {
  const crypto = await importOriginal<typeof import('@/lib/crypto')>();
  return {
    ...crypto,
    deriveAccountKeys: async (...args: Parameters<typeof crypto.deriveAccountKeys>) => {
      derivations.started++;
      derivations.most = Math.max(derivations.most, ++derivations.running);
      try {
        return await crypto.deriveAccountKeys(...args);
      } finally {
        derivations.running--;
      }
    },
  };
});

useBackgroundHarness();

const SITE = 'https://login.example.com/session?next=/';

async function signedIn() {
  const background = boot();
  await createAccount();
  const warned: [number, string][] = [];
  const watch = createAccountPasswordWatch({
    store: background.store,
    now: () => 1_000,
    onWarning: (tabId, site) => warned.push([tabId, site]),
  });
  derivations.started = 0;
  derivations.most = 0;
  return { background, watch, warned };
}

describe('the account password typed into a site', () => {
  it('warns for the tab, naming the site, whether the vault is locked or not', async () => {
    const { watch, warned } = await signedIn();
    watch.submitted(7, SITE, PASSWORD, ['something else']);
    await watch.idle();
    expect(warned).toEqual([[7, 'login.example.com']]);
    expect(watch.warningFor(7)).toEqual({ site: 'login.example.com', at: 1_000 });
    watch.dismiss(7);
    expect(watch.warningFor(7)).toBeUndefined();

    await ask('session.lock', {});
    watch.submitted(8, 'http://phish.example.net/', PASSWORD, []);
    await watch.idle();
    expect(warned).toEqual([
      [7, 'login.example.com'],
      [8, 'phish.example.net'],
    ]);
  });

  it('says nothing for another password', async () => {
    const { watch, warned } = await signedIn();
    watch.submitted(7, SITE, 'not the account password at all', []);
    watch.submitted(7, SITE, `${PASSWORD} `, []);
    await watch.idle();
    expect(derivations.started).toBe(2);
    expect(warned).toEqual([]);
    expect(watch.warningFor(7)).toBeUndefined();
  });

  it("says nothing, and derives nothing, when it is the site's own saved password", async () => {
    const { watch, warned } = await signedIn();
    watch.submitted(7, SITE, PASSWORD, ['other', PASSWORD]);
    await watch.idle();
    expect(derivations.started).toBe(0);
    expect(warned).toEqual([]);
  });

  it('derives nothing when nobody is signed in, or for what cannot be an account password', async () => {
    const background = boot();
    const warned: number[] = [];
    const watch = createAccountPasswordWatch({
      store: background.store,
      onWarning: (tabId) => warned.push(tabId),
    });
    derivations.started = 0;
    watch.submitted(7, SITE, PASSWORD, []);
    await watch.idle();
    expect(warned).toEqual([]);

    await createAccount();
    derivations.started = 0;
    watch.submitted(7, SITE, 'short', []); // under the account password minimum
    watch.submitted(7, 'file:///home/ada/form.html', PASSWORD, []);
    watch.submitted(7, 'not a url', PASSWORD, []);
    await watch.idle();
    expect(derivations.started).toBe(0);
    expect(warned).toEqual([]);
  });

  it('checks one at a time without holding up the caller, folds repeats, and drops a flood', async () => {
    const { watch, warned } = await signedIn();
    watch.submitted(1, SITE, PASSWORD, []);
    // Returned at once: the first derivation has not even started its Argon2id yet.
    expect(warned).toEqual([]);
    watch.submitted(2, 'https://other.example.org/', PASSWORD, []); // the same password: folded
    for (let i = 0; i < 10; i++) watch.submitted(3, SITE, `wrong password number ${i}`, []);
    await watch.idle();

    expect(derivations.most).toBe(1);
    // The account password once, then the queue's worth of the flood; the rest dropped.
    expect(derivations.started).toBe(1 + MAX_PENDING_CHECKS);
    expect(warned).toEqual([
      [1, 'login.example.com'],
      [2, 'other.example.org'],
    ]);
  });

  it('forgets what was queued, and what a running check finds, on clear', async () => {
    const { watch, warned } = await signedIn();
    watch.submitted(1, SITE, PASSWORD, []);
    watch.submitted(2, SITE, 'a wrong password in the queue', []);
    watch.clear();
    await watch.idle();
    expect(derivations.started).toBe(1); // the one already running finishes, unheard
    expect(warned).toEqual([]);
    expect(watch.warningFor(1)).toBeUndefined();

    watch.submitted(1, SITE, PASSWORD, []);
    await watch.idle();
    expect(warned).toEqual([[1, 'login.example.com']]);
  });
});
