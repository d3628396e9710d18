/**
 * The locks that come from the browser's events (DESIGN §5), through the background's real
 * listeners: `idle.onStateChanged` ('locked', when lockOnSystemLock is on) and
 * `runtime.onStartup`. WXT's fake browser has no `idle`, so the test stands in for that one
 * event; tests/e2e/lock-events.e2e.ts does the same in real Chromium with a fake screensaver.
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import type { MessageType, Payload, Reply } from '@/lib/messaging/protocol';
import { startTestServer, type TestServer } from '@/server/tests/harness';
import { createApiClient } from './services/api';
import { popupSender, sendAs } from './testing';
import { startBackground } from './wiring';

const FAST_KDF = { ops: 2, memBytes: 19 * 1024 * 1024 };
const PASSWORD = 'correct horse battery staple';

type IdleListener = (state: 'active' | 'idle' | 'locked') => void;
let idleListeners: IdleListener[] = [];
let server: TestServer;

beforeAll(async () => {
  server = await startTestServer('sqlite', { defaultPlan: 'pro' });
}, 60_000);
afterAll(() => server?.close());

beforeEach(() => {
  fakeBrowser.reset();
  fakeBrowser.runtime.onMessage.removeAllListeners();
  fakeBrowser.alarms.onAlarm.removeAllListeners();
  globalThis.indexedDB = new IDBFactory();
  idleListeners = [];
  vi.spyOn(fakeBrowser.runtime, 'getManifest').mockReturnValue({
    manifest_version: 3,
    name: 'Cassaforte',
    version: '1.2.3',
  });
  // The one event the fake lacks: keep what the background registers, fire it like Chromium.
  vi.spyOn(fakeBrowser.idle.onStateChanged, 'addListener').mockImplementation((listener) => {
    idleListeners.push(listener as IdleListener);
  });
});
afterEach(() => vi.restoreAllMocks());

async function ask<K extends MessageType>(type: K, payload: Payload<K>): Promise<Reply<K>> {
  const answer = await sendAs(popupSender(), type, payload);
  if (!answer.ok) throw new Error(`${answer.error.code}: ${answer.error.message}`);
  return answer.data;
}

/** A running background with an unlocked account, as after creating it. */
async function unlockedBackground() {
  startBackground({
    kdf: FAST_KDF,
    api: (url) => createApiClient(url, { fetch }),
  });
  await ask('account.create', {
    email: `lock-${Date.now()}-${Math.random()}@example.com`,
    password: PASSWORD,
    hint: '',
    serverUrl: server.url,
  });
  expect((await ask('app.status', {})).state).toBe('unlocked');
}

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
    expect((await ask('vault.list', { query: '' }).catch((e: Error) => e)).toString()).toContain(
      'locked',
    );
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
    startBackground({ kdf: FAST_KDF });
    await fakeBrowser.runtime.onStartup.trigger();
    const status = await ask('app.status', {});
    expect(status.state).toBe('signed-out');
    expect(status.lastLock).toBeUndefined();
  });
});
