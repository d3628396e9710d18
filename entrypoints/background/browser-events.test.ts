/**
 * What the background does on the browser's own events (DESIGN §5), through its real listeners:
 * `idle.onStateChanged` ('locked', when lockOnSystemLock is on), `runtime.onStartup` and the
 * keyboard commands. WXT's fake browser has no `idle`, so the test stands in for that one event;
 * tests/e2e/lock-events.e2e.ts does the same in real Chromium with a fake screensaver.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import {
  ask,
  boot,
  createAccount,
  refusal,
  useBackgroundHarness,
} from '@/tests/support/background-harness';

type IdleListener = (state: 'active' | 'idle' | 'locked') => void;
type CommandListener = (command: string) => void;
let idleListeners: IdleListener[] = [];
let commandListeners: CommandListener[] = [];

useBackgroundHarness();
beforeEach(() => {
  idleListeners = [];
  commandListeners = [];
  // The events the fake lacks: keep what the background registers, fire them like Chromium.
  vi.spyOn(fakeBrowser.idle.onStateChanged, 'addListener').mockImplementation((listener) => {
    idleListeners.push(listener as IdleListener);
  });
  vi.spyOn(fakeBrowser.commands.onCommand, 'addListener').mockImplementation((listener) => {
    commandListeners.push(listener as CommandListener);
  });
});
afterEach(() => vi.restoreAllMocks());

/** A running background with an unlocked account, as after creating it. */
async function unlockedBackground() {
  boot();
  await createAccount('');
  expect((await ask('app.status', {})).state).toBe('unlocked');
}

const pressShortcut = (command: string) =>
  commandListeners.forEach((listener) => listener(command));
const computerLocks = () => idleListeners.forEach((listener) => listener('locked'));

describe('the computer locks', () => {
  it('locks the vault and says why', async () => {
    await unlockedBackground();
    expect(idleListeners).toHaveLength(1);
    computerLocks();
    await vi.waitFor(async () =>
      expect(await ask('app.status', {})).toMatchObject({
        state: 'locked',
        lastLock: { reason: 'system-lock' },
      }),
    );
    expect(await refusal(ask('vault.list', { query: '' }))).toBe('locked');
  });

  it('leaves the vault open when "lock on system lock" is off', async () => {
    await unlockedBackground();
    await ask('settings.set', { lockOnSystemLock: false });
    computerLocks();
    idleListeners.forEach((listener) => listener('idle'));
    await new Promise((done) => setTimeout(done, 100)); // the listener reads the settings first
    expect((await ask('app.status', {})).state).toBe('unlocked');
  });

  it('does nothing on "idle" alone', async () => {
    await unlockedBackground();
    idleListeners.forEach((listener) => listener('idle'));
    await new Promise((done) => setTimeout(done, 100));
    expect((await ask('app.status', {})).state).toBe('unlocked');
  });
});

describe('the browser starts', () => {
  it('records the restart as the reason the signed-in vault is locked', async () => {
    await unlockedBackground();
    await fakeBrowser.runtime.onStartup.trigger();
    await vi.waitFor(async () =>
      expect(await ask('app.status', {})).toMatchObject({
        state: 'locked',
        lastLock: { reason: 'browser-restart' },
      }),
    );
  });

  it('says nothing when nobody is signed in', async () => {
    boot();
    await fakeBrowser.runtime.onStartup.trigger();
    const status = await ask('app.status', {});
    expect(status.state).toBe('signed-out');
    expect(status.lastLock).toBeUndefined();
  });
});

describe('the keyboard commands', () => {
  it('locks with the lock shortcut', async () => {
    await unlockedBackground();
    pressShortcut('lock-vault');
    await vi.waitFor(async () =>
      expect(await ask('app.status', {})).toMatchObject({
        state: 'locked',
        lastLock: { reason: 'manual' },
      }),
    );
  });

  it('opens the popup with the fill shortcut, locked (to unlock) or not, and changes nothing', async () => {
    const openPopup = vi.spyOn(fakeBrowser.action, 'openPopup').mockResolvedValue(undefined);
    await unlockedBackground();
    pressShortcut('fill-login');
    await vi.waitFor(() => expect(openPopup).toHaveBeenCalledTimes(1));
    expect((await ask('app.status', {})).state).toBe('unlocked');
    await ask('session.lock', {});
    pressShortcut('fill-login');
    await vi.waitFor(() => expect(openPopup).toHaveBeenCalledTimes(2));
    expect((await ask('app.status', {})).state).toBe('locked');
  });
});
