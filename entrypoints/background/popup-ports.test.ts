/**
 * The popup follows the background (issue 9): a port from our own page hears when the vault
 * changes, from a local edit, a sync or a lock; a port from anywhere else is dropped at once.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { LIVE_PORT, type LiveNotice } from '@/lib/messaging/live';
import {
  ask,
  boot,
  createAccount,
  login,
  useBackgroundHarness,
} from '@/tests/support/background-harness';
import { contentSender, popupSender } from '@/tests/support/senders';

useBackgroundHarness();

function fakePort(sender: ReturnType<typeof popupSender>) {
  const notices: LiveNotice[] = [];
  const port = {
    name: LIVE_PORT,
    sender,
    disconnected: false,
    postMessage: (notice: LiveNotice) => void notices.push(notice),
    disconnect() {
      port.disconnected = true;
    },
    onDisconnect: { addListener: () => undefined },
    onMessage: { addListener: () => undefined },
  };
  return { port, notices };
}

/** WXT's fake browser has no onConnect: keep what the background registers, call it as Chromium. */
let connectListeners: Array<(port: unknown) => void> = [];
beforeEach(() => {
  connectListeners = [];
  vi.spyOn(fakeBrowser.runtime.onConnect, 'addListener').mockImplementation((listener) => {
    connectListeners.push(listener as (port: unknown) => void);
  });
});
afterEach(() => vi.restoreAllMocks());
const connect = (port: unknown) => connectListeners.forEach((listener) => listener(port));

describe('live ports', () => {
  it('tells the popup when the vault changes, and when it locks', async () => {
    const background = boot();
    await createAccount();
    const { port, notices } = fakePort(popupSender());
    connect(port);
    await ask('vault.save', { item: login({ title: 'New' }) });
    await vi.waitFor(() => expect(notices.at(-1)?.vaultRevision).toBe(background.vault.revision()));
    const before = notices.length;
    await ask('session.lock', {});
    await vi.waitFor(() => expect(notices.length).toBeGreaterThan(before));
    expect(port.disconnected).toBe(false);
  });

  it('drops a port a web page opened', async () => {
    boot();
    await createAccount();
    const { port, notices } = fakePort(contentSender('https://evil.example/'));
    connect(port);
    expect(port.disconnected).toBe(true);
    await ask('vault.save', { item: login({ title: 'Secret' }) });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(notices).toEqual([]);
  });
});
