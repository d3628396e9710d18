/**
 * The vault locks (timer, system lock, shortcut) while work is in flight (issue 9). For each
 * unit of work — a sync with a conflict to merge, a push, the first sync of a new device, a
 * password change — the test locks after the k-th step (each database call and each server
 * answer, through the hooks of tests/support/background-harness.ts), for every k, and checks what
 * a user and an attacker would notice:
 * - nothing reached the server after the lock, and every blob that ever reached it opens under
 *   the real vault key (a run that kept the wiped key used to seal a conflict copy under zeros);
 * - no decrypted item is back in the background's memory after the lock;
 * - after unlocking again, nothing is lost.
 */
import { describe, expect, it } from 'vitest';
import type { createBackground } from './wiring';
import { signInOtherDevice } from '@/tests/support/other-device';
import {
  PASSWORD,
  ask,
  createAccount,
  env,
  expectOnlyRealCiphertext,
  login,
  newDevice,
  refusal,
  useBackgroundHarness,
} from '@/tests/support/background-harness';

useBackgroundHarness();

const MAX_STEPS = 60;

type Background = ReturnType<typeof createBackground>;

/**
 * Locks the vault after the k-th step taken while it is open (of whatever runs next); says at
 * which request it did.
 */
function lockAtStep(background: Background, k: number) {
  let step = 0;
  let requestsAtLock: number | undefined;
  const maybeLock = async () => {
    if (requestsAtLock !== undefined || !background.session.isUnlocked()) return;
    if (++step !== k) return;
    requestsAtLock = env.requests.length;
    await ask('session.lock', {});
  };
  env.afterStore = maybeLock;
  env.onAnswer = maybeLock;
  return {
    /** The requests the background made after the lock; undefined if it never locked. */
    after: () => (requestsAtLock === undefined ? undefined : env.requests.slice(requestsAtLock)),
    stop() {
      env.afterStore = undefined;
      env.onAnswer = undefined;
    },
  };
}

function expectNothingSentAfterLock(after: ReturnType<typeof lockAtStep>['after']) {
  const sent = after();
  if (!sent) return;
  const work = sent.filter(
    (r) => r.path === '/v1/sync' || r.path.startsWith('/v1/account/password'),
  );
  expect(
    work.map((r) => `${r.method} ${r.path}`),
    'requests after the lock',
  ).toEqual([]);
}

async function setUp() {
  const background = newDevice();
  const { email, kit } = await createAccount();
  const other = () =>
    signInOtherDevice({
      serverUrl: env.server.url,
      email,
      password: PASSWORD,
      accountKey: kit.accountKey,
    });
  return { background, email, kit, other };
}

/** Runs `scenario` once per step, locking after step k, until a run ends without a lock. */
async function everyStep(scenario: (k: number) => Promise<boolean>): Promise<number> {
  for (let k = 1; k <= MAX_STEPS; k++) {
    if (!(await scenario(k))) return k - 1;
  }
  throw new Error(`the unit of work took more than ${MAX_STEPS} steps`);
}

describe('a lock in the middle of work', () => {
  it('merging a conflict: nothing sealed under the wiped key, nothing lost', async () => {
    const steps = await everyStep(async (k) => {
      const { background, other } = await setUp();
      const saved = await ask('vault.save', { item: login({ notes: 'base' }) });
      await ask('sync.now', {});
      const elsewhere = await other();
      const remote = (await elsewhere.items()).get(saved.id)!;
      await elsewhere.push({ ...remote.item, notes: 'written elsewhere' }, remote.rev);
      await ask('vault.save', { item: { ...saved, notes: 'written here' } });
      env.requests = [];

      const lock = lockAtStep(background, k);
      await ask('sync.now', {}).catch(() => undefined);
      await background.sync.syncNow();
      lock.stop();
      await expectOnlyRealCiphertext(elsewhere);
      const locked = lock.after() !== undefined;
      if (locked) {
        expectNothingSentAfterLock(lock.after);
        expect(background.vault.count(), 'decrypted items in memory after the lock').toBe(0);
        expect(await refusal(ask('vault.list', { query: '' }))).toBe('locked');
        await ask('session.unlock', { password: PASSWORD });
        await ask('sync.now', {});
      }
      await ask('sync.now', {});
      const notes = await Promise.all(
        (await ask('vault.list', { query: '' })).items.map(
          async (s) => (await ask('vault.get', { id: s.id })).notes,
        ),
      );
      expect(notes.sort()).toEqual(['written elsewhere', 'written here']);
      const there = [...(await elsewhere.items()).values()].map((e) => e.item.notes).sort();
      expect(there).toEqual(['written elsewhere', 'written here']);
      await expectOnlyRealCiphertext(elsewhere);
      await background.session.lock('manual'); // its timers must not run into the next round
      return locked;
    });
    expect(steps).toBeGreaterThan(5);
  }, 180_000);

  it('pushing new items: nothing after the lock, every item there after unlocking', async () => {
    const steps = await everyStep(async (k) => {
      const { background, other } = await setUp();
      for (let i = 0; i < 3; i++) await ask('vault.save', { item: login({ title: `Site ${i}` }) });
      env.requests = [];
      const lock = lockAtStep(background, k);
      await ask('sync.now', {}).catch(() => undefined);
      await background.sync.syncNow();
      lock.stop();
      const elsewhere = await other();
      await expectOnlyRealCiphertext(elsewhere);
      const locked = lock.after() !== undefined;
      if (locked) {
        expectNothingSentAfterLock(lock.after);
        expect(background.vault.count()).toBe(0);
        await ask('session.unlock', { password: PASSWORD });
      }
      await ask('sync.now', {});
      const titles = [...(await elsewhere.items()).values()].map((e) => e.item.title).sort();
      expect(titles).toEqual(['Site 0', 'Site 1', 'Site 2']);
      await background.session.lock('manual'); // its timers must not run into the next round
      return locked;
    });
    expect(steps).toBeGreaterThan(2);
  }, 180_000);

  it('the first sync of a new device: no item in memory after the lock, all after unlocking', async () => {
    const { email, kit, other } = await setUp();
    const elsewhere = await other();
    for (let i = 0; i < 60; i++) {
      await elsewhere.push(
        { ...login({ title: `Bulk ${i}` }), id: `bulk${i}`, createdAt: 1, updatedAt: 1 } as never,
        0,
      );
    }
    const steps = await everyStep(async (k) => {
      const background = newDevice();
      await background.ready; // the hook's own lock message waits for this
      const lock = lockAtStep(background, k);
      await ask('account.signIn', {
        email,
        password: PASSWORD,
        accountKey: kit.accountKey,
        serverUrl: env.server.url,
      }).catch(() => undefined);
      await background.sync.syncNow();
      lock.stop();
      const locked = lock.after() !== undefined;
      if (locked) {
        expectNothingSentAfterLock(lock.after);
        expect(background.vault.count()).toBe(0);
        await ask('session.unlock', { password: PASSWORD });
      }
      await ask('sync.now', {});
      expect((await ask('vault.list', { query: '' })).total).toBe(60);
      await background.session.lock('manual'); // its timers must not run into the next round
      return locked;
    });
    expect(steps).toBeGreaterThan(2);
  }, 180_000);

  it('a password change: refused or done whole, the vault key never sent wiped', async () => {
    const NEW = 'another long passphrase';
    const steps = await everyStep(async (k) => {
      const { background, other } = await setUp();
      const saved = await ask('vault.save', { item: login() });
      await ask('sync.now', {});
      const elsewhere = await other();
      env.requests = [];
      const lock = lockAtStep(background, k);
      const outcome = await ask('account.changePassword', {
        currentPassword: PASSWORD,
        newPassword: NEW,
      }).then(
        () => 'changed',
        (error: { code?: string }) => error.code,
      );
      lock.stop();
      const locked = lock.after() !== undefined;
      const sent = env.requests.some((r) => r.path === '/v1/account/password');
      if (locked && outcome !== 'changed') {
        expect(outcome).toBe('locked');
        expect(sent, 'the change was sent after the lock').toBe(false);
      }
      const password = sent ? NEW : PASSWORD;
      if ((await ask('app.status', {})).state === 'unlocked') await ask('session.lock', {});
      await ask('session.unlock', { password });
      expect(await ask('vault.get', { id: saved.id })).toMatchObject({ title: 'GitHub' });
      // The key material on the server opens the vault with the password that is now in force.
      const fresh = await signInOtherDevice({
        serverUrl: env.server.url,
        email: elsewhere.email,
        password,
        accountKey: elsewhere.accountKey,
      });
      expect(Buffer.from(fresh.ctx.vk).equals(Buffer.from(elsewhere.ctx.vk))).toBe(true);
      await background.session.lock('manual'); // its timers must not run into the next round
      return locked;
    });
    expect(steps).toBeGreaterThan(3);
  }, 180_000);
});
