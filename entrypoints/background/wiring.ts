/** Creates the background's services and its router: the one place where they are wired. */
import { browser } from 'wxt/browser';
import type { AccountRecord } from '@/lib/db';
import { BUILD_ID } from '@/lib/messaging/build';
import { ProtocolError } from '@/lib/messaging/errors';
import type { AppStatus } from '@/lib/messaging/protocol';
import { getStored, restrictSessionStorage } from '@/lib/storage/store';
import { createAccountHandlers } from './handlers/account';
import { createSettingsHandlers } from './handlers/settings';
import { createVaultHandlers } from './handlers/vault';
import { createRouter, type Handlers } from './router';
import { createAccountService } from './services/account';
import { createApiClient, type ApiClient } from './services/api';
import { createAutoLock, listenIfAvailable } from './services/autolock';
import { createClipboardClearer } from './services/clipboard';
import { createKeyring } from './services/keyring';
import { createLazyStore } from './services/lazy-store';
import { createSyncEngine } from './services/sync';
import { createVaultService, type VaultContext } from './services/vault';

export interface BackgroundOptions {
  dbName?: string;
  api?: (serverUrl: string) => ApiClient;
  now?: () => number;
  kdf?: { ops: number; memBytes: number };
}

export const SYNC_ALARM = 'cassaforte-sync';

export function createBackground(options: BackgroundOptions = {}) {
  const now = options.now ?? Date.now;
  const version = browser.runtime.getManifest().version;
  const api = options.api ?? ((url: string) => createApiClient(url));
  const store = createLazyStore(options.dbName);
  const keyring = createKeyring();
  /** The account while unlocked (the record the keys belong to). */
  let current: AccountRecord | undefined;

  const context = (): VaultContext | undefined => {
    const vk = keyring.key();
    return vk && current ? { vk, accountId: current.accountId, epoch: current.epoch } : undefined;
  };

  const vault = createVaultService({ store, now, onLocalChange: () => sync.schedule() });
  const sync = createSyncEngine({
    store,
    vault,
    now,
    session: () => {
      const ctx = context();
      const token = current?.sessionToken;
      return ctx && token && current ? { ctx, token, api: api(current.serverUrl) } : undefined;
    },
    onAccountReset: () => account.forget('account-reset'),
    onSessionExpired: async () => {
      await store.updateAccount({ sessionToken: undefined });
      await account.lock('password-changed');
    },
  });

  let browserStart: Promise<void> = Promise.resolve();
  const autoLock = createAutoLock({
    now,
    deadline: () => keyring.deadline(),
    setDeadline: (at) => keyring.setDeadline(at),
    isUnlocked: () => keyring.key() !== undefined,
    lock: (reason) => account.lock(reason),
    onBrowserStart: () => {
      // Status waits for this, so a popup opened right after the restart shows the reason.
      browserStart = (async () => {
        if (await store.getAccount()) await account.lock('browser-restart');
      })();
      return browserStart;
    },
  });

  const account = createAccountService({
    store,
    keyring,
    api,
    now,
    kdf: options.kdf,
    armAutoLock: () => autoLock.arm(),
    disarmAutoLock: () => autoLock.disarm(),
    onUnlocked: async (record, vk) => {
      current = record;
      await vault.load({ vk, accountId: record.accountId, epoch: record.epoch });
      void sync.syncNow();
    },
    onLocked: () => {
      current = undefined;
      vault.clear();
      sync.reset();
    },
  });

  /** The worker may have been stopped and started again: take back an unexpired unlock. */
  async function restore() {
    await restrictSessionStorage();
    const record = await store.getAccount();
    if (record && (await keyring.restore(now()))) {
      current = record;
      await vault.load({ vk: keyring.key()!, accountId: record.accountId, epoch: record.epoch });
    } else if ((await getStored('vaultKey')) !== undefined) {
      await account.lock('timer');
    }
  }
  const ready = restore().catch(() => account.lock('timer'));

  /** Locks if the deadline passed while the alarm was late or the worker asleep. */
  async function expireIfDue() {
    await ready;
    await browserStart.catch(() => undefined);
    const at = keyring.deadline();
    if (keyring.key() && at !== undefined && at <= now()) await account.lock('timer');
  }

  async function unlocked(): Promise<VaultContext> {
    await expireIfDue();
    const ctx = context();
    if (!ctx) throw new ProtocolError('locked', 'Unlock Cassaforte first.');
    return ctx;
  }

  async function status(): Promise<AppStatus> {
    await expireIfDue();
    const facts = await account.facts();
    const state = !facts.account ? 'signed-out' : keyring.key() ? 'unlocked' : 'locked';
    const unlockedNow = state === 'unlocked';
    return {
      version,
      state,
      email: facts.account?.email,
      serverUrl: facts.account?.serverUrl,
      lockAt: unlockedNow ? keyring.deadline() : undefined,
      lastLock: facts.lastLock,
      hint: state === 'locked' ? facts.hint : undefined,
      kitPending: unlockedNow && facts.kitPending ? true : undefined,
      sync: unlockedNow ? { ...sync.status(), pending: await store.pendingCount() } : undefined,
    };
  }

  const clipboard = createClipboardClearer({ now });
  const accountHandlers = createAccountHandlers({ account, status });
  const handlers: Handlers = {
    ...accountHandlers,
    // A web page's content script learns only whether there is something to fill.
    'app.status': async (_payload, ctx) => {
      const full = await status();
      return ctx.kind === 'content' ? { version: full.version, state: full.state } : full;
    },
    ...createVaultHandlers({ vault, unlocked }),
    ...createSettingsHandlers({
      sync,
      unlocked,
      clearClipboardLater: (value) => clipboard.clearLater(value),
      onSettingsChanged: async () => {
        if (keyring.key()) await autoLock.arm();
      },
    }),
  };

  const router = createRouter({
    handlers,
    self: { id: browser.runtime.id, origin: browser.runtime.getURL('/').replace(/\/$/, '') },
    build: BUILD_ID,
    onAccepted: (type, ctx) => {
      // Using the popup or a page keeps the vault open; a web page polling status does not.
      if (ctx.kind === 'page' && type !== 'app.status') void autoLock.touch();
    },
    onInternalError: (type, error) => {
      // The type and the error's name only: a payload or message text could hold a secret.
      console.error(`cassaforte: handler for ${type} failed`, (error as Error)?.name ?? 'Error');
    },
  });

  /**
   * The fill shortcut: the popup opens over the page, on the unlock prompt when locked, otherwise
   * with this page's logins first (the command grants activeTab, so the popup can read the URL).
   */
  async function openPopupForPage() {
    try {
      await browser.action.openPopup();
    } catch {
      // No focused browser window to open it in: nothing to show the user.
    }
  }

  function listen() {
    autoLock.listen();
    clipboard.listen();
    browser.alarms.onAlarm.addListener((alarm) => {
      if (alarm.name === SYNC_ALARM && keyring.key()) void sync.syncNow();
    });
    void browser.alarms.create(SYNC_ALARM, { periodInMinutes: 5 });
    // The network came back: push what waited in the outbox.
    globalThis.addEventListener?.('online', () => sync.schedule(500));
    listenIfAvailable(
      () => browser.commands.onCommand,
      (command: string) => {
        if (command === 'lock-vault') void account.lock('manual');
        if (command === 'fill-login') void openPopupForPage();
      },
    );
  }

  return { router, account, vault, sync, status, ready, listen, store };
}

/** Creates the background and starts listening; the entry point and the tests both call this. */
export function startBackground(options: BackgroundOptions = {}) {
  const background = createBackground(options);
  // Registered synchronously, so a message that wakes the worker is not lost.
  // Every message waits until an unlock that survived a worker restart is taken back.
  browser.runtime.onMessage.addListener(async (message, sender) => {
    await background.ready;
    return background.router.handle(message, sender);
  });
  background.listen();
  return background;
}
