/** Creates the background's services and its router: the one place where they are wired. */
import { browser } from 'wxt/browser';
import { EQUIVALENT_DOMAINS } from '@/lib/autofill/origin';
import type { VaultStore } from '@/lib/db';
import { BUILD_ID, IS_TEST_BUILD } from '@/lib/messaging/build';
import { createApiClient, type ApiClient } from '@/lib/sync/client';
import { createSyncEngine } from '@/lib/sync/engine';
import { createLiveChannel, type LiveSocketFactory } from '@/lib/sync/live';
import { getStored, setStored } from '@/lib/storage/store';
import { createAutofillWiring } from './autofill-wiring';
import { createAccountHandlers } from './handlers/account';
import { createAutofillHandlers } from './handlers/autofill';
import { createHealthHandlers } from './handlers/health';
import { createImportHandlers } from './handlers/import';
import { createKeptAsideHandlers } from './handlers/kept-aside';
import { createSettingsHandlers } from './handlers/settings';
import { createSitePrefsHandlers } from './handlers/site-prefs';
import { createVaultHandlers } from './handlers/vault';
import { createPopupPorts } from './popup-ports';
import { createRouter, type Handlers } from './router';
import { createAccountService } from './services/account';
import { createAutoLock, listenIfAvailable } from './services/autolock';
import { createClipboardClearer } from './services/clipboard';
import { createKeptAsideService } from './services/kept-aside';
import { createListSnapshot } from './services/list-snapshot';
import { createLazyStore } from './services/lazy-store';
import { createSession } from './services/session';
import { readSyncStatus } from './services/sync-status';
import { unlockReport } from './services/unlock-report';
import { createPasskeyService } from './services/passkey';
import { createVaultService } from './services/vault';

export interface BackgroundOptions {
  dbName?: string;
  api?: (serverUrl: string) => ApiClient;
  now?: () => number;
  kdf?: { ops: number; memBytes: number };
  /** Tests wrap the database to act between two steps of a unit of work. */
  wrapStore?: (store: VaultStore) => VaultStore;
  /** Opens the live channel's WebSocket; Node tests pass one that sends an extension Origin. */
  webSocket?: LiveSocketFactory;
}

export const SYNC_ALARM = 'cassaforte-sync';
/** Fires when data kept aside by a forced sign-out reaches its 30 days (services/kept-aside.ts). */
export const KEPT_ASIDE_ALARM = 'cassaforte-kept-aside';
/** A notice of the live channel starts a sync this soon; notices within it fold into one. */
const LIVE_SYNC_DELAY_MS = 50;

export function createBackground(options: BackgroundOptions = {}) {
  const now = options.now ?? Date.now;
  const api = options.api ?? ((url: string) => createApiClient(url));
  const lazyStore = createLazyStore(options.dbName);
  const store = options.wrapStore?.(lazyStore) ?? lazyStore;

  const session = createSession({
    store,
    now,
    version: browser.runtime.getManifest().version,
    armAutoLock: () => autoLock.arm(),
    disarmAutoLock: () => autoLock.disarm(),
    syncStatus,
    keptAsideStatus: (open) => keptAside.status(open),
    onKeptAside: () => scheduleKeptAsideExpiry(),
  });
  const autoLock = createAutoLock({
    now,
    deadline: () => session.deadline(),
    setDeadline: (at) => session.setDeadline(at),
    isUnlocked: () => session.isUnlocked(),
    lock: (reason) => session.lock(reason),
    onBrowserStart: () => passkey.browserStarted().then(() => session.browserStarted()),
  });
  const self = { id: browser.runtime.id, origin: browser.runtime.getURL('/').replace(/\/$/, '') };
  const ports = createPopupPorts({
    self,
    vaultRevision: () => vault.revision(),
    // The popup opened: sync now (an empty delta is cheap), in case a notice was missed.
    onOpened: () => session.isUnlocked() && sync.schedule(0),
  });
  /** Sites that share accounts: the built-in groups and the user's own (Settings). */
  let equivalentGroups: readonly (readonly string[])[] = EQUIVALENT_DOMAINS;
  const loadEquivalents = async () => {
    const { equivalentDomains } = await getStored('settings');
    equivalentGroups = [...EQUIVALENT_DOMAINS, ...equivalentDomains];
  };
  const equivalents = () => equivalentGroups;
  const vault = createVaultService({
    store,
    now,
    equivalents,
    onLocalChange: () => sync.schedule(),
    onChanged: () => {
      ports.changed();
      snapshot.changed();
      void fields.refresh();
      menu.changed();
    },
  });
  const snapshot = createListSnapshot({
    vault,
    context: () => session.context(),
    status: () => session.status(),
  });
  const sync = createSyncEngine({
    store,
    vault,
    now,
    session: () => {
      const ctx = session.context();
      const account = session.account();
      if (!ctx || !account?.sessionToken) return undefined;
      return {
        ctx,
        token: account.sessionToken,
        api: api(account.serverUrl),
        alive: () => session.isCurrent(ctx),
      };
    },
    onStatus: () => ports.changed(),
    onSignedOutByServer: (ended) => session.signedOutByServer(ended),
    onSessionExpired: async () => {
      await session.update({ sessionToken: undefined });
      await session.lock('password-changed');
    },
    unlockReport,
  });
  const account = createAccountService({ store, session, api, now, kdf: options.kdf });
  const passkey = createPasskeyService({ store, session, now });
  const autofill = createAutofillWiring({ vault, session, now, equivalents, self, store });
  const { fill, fields, fillShortcut, menu, saves, sitePrefs } = autofill;
  const keptAside = createKeptAsideService({
    store,
    session,
    vault,
    sitePrefs,
    now,
    onLocalChange: () => sync.schedule(),
  });
  const live = createLiveChannel({
    socket: options.webSocket ?? ((url) => new WebSocket(url)),
    onRevision: () => sync.schedule(LIVE_SYNC_DELAY_MS),
    // Refused (session ended, account reset): a sync meets the same refusal and acts on it.
    onRefused: () => void sync.syncNow(),
  });

  session.onOpen(async (ctx, how) => {
    // Reported with the next sync, so other devices can show when this one last opened the vault.
    if (how === 'unlocked') await setStored('unlockReport', now());
    await vault.load(ctx);
    void fields.refresh();
    menu.changed();
    // Also after the worker woke (Firefox suspends its event page): changes may have waited.
    void sync.syncNow();
    const record = session.account();
    if (record?.sessionToken) {
      live.start({
        serverUrl: record.serverUrl,
        token: record.sessionToken,
        api: api(record.serverUrl),
      });
    }
  });
  session.onLock((event) => {
    if (event !== 'lock') autofill.watch.clear(); // signed out: its warnings go with it
    fill.clear();
    menu.changed();
    saves.clear();
    void fields.refresh();
    snapshot.stop();
    live.stop();
    vault.clear();
    sync.reset();
    ports.changed();
  });
  const ready = session.start();

  /** Deletes what was kept aside 30 days ago, and sets the alarm for the next that falls due. */
  async function scheduleKeptAsideExpiry() {
    const due = await keptAside.expire();
    if (due === undefined) await browser.alarms.clear(KEPT_ASIDE_ALARM);
    else await browser.alarms.create(KEPT_ASIDE_ALARM, { when: due });
  }

  /** Sync's state, the outbox and what the integrity checks refused, with the titles kept here. */
  function syncStatus() {
    return readSyncStatus(store, sync.status(), (id) => vault.titleOf(id));
  }

  const clipboard = createClipboardClearer({ now });
  const unlocked = () => session.unlocked();
  const handlers: Handlers = {
    ...createAccountHandlers({ account, session, passkey }),
    ...createKeptAsideHandlers({
      keptAside,
      status: () => session.status(),
      onChanged: () => ports.changed(),
    }),
    // A web page's content script learns only whether there is something to fill.
    'app.status': async (_payload, ctx) => {
      const full = await session.status();
      return ctx.kind === 'content' ? { version: full.version, state: full.state } : full;
    },
    ...createVaultHandlers({ vault, unlocked }),
    ...createAutofillHandlers({ fill, fields, unlocked, menuWanted: autofill.menu.wanted }),
    ...autofill.handlers,
    ...createSitePrefsHandlers({ sitePrefs, unlocked }),
    ...createHealthHandlers({ vault, unlocked, session, now }),
    ...createImportHandlers({ vault, store, session, sync, now }),
    ...createSettingsHandlers({
      sync,
      syncStatus,
      unlocked,
      clearClipboardLater: (value) => clipboard.clearLater(value),
      onSettingsChanged: async () => {
        await loadEquivalents();
        if (session.isUnlocked()) await autoLock.arm();
      },
    }),
  };

  const router = createRouter({
    handlers,
    self,
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

  function listen() {
    ports.listen();
    fields.listen();
    menu.listen();
    void fields.sync();
    void loadEquivalents().catch(() => undefined);
    autoLock.listen();
    clipboard.listen();
    browser.alarms.onAlarm.addListener((alarm) => {
      if (alarm.name === SYNC_ALARM && session.isUnlocked()) void sync.syncNow();
      if (alarm.name === KEPT_ASIDE_ALARM) void scheduleKeptAsideExpiry().catch(() => undefined);
    });
    // Kept-aside data past its 30 days goes at start too: the alarm may have fired while the
    // browser was closed.
    void scheduleKeptAsideExpiry().catch(() => undefined);
    // The fallback when the live channel cannot run (Firefox suspends its idle event page, and an
    // open socket does not keep it awake: bench/live.ts): an empty delta a minute is cheap.
    void browser.alarms.create(SYNC_ALARM, { periodInMinutes: 1 });
    // The network came back: push what waited in the outbox.
    globalThis.addEventListener?.('online', () => sync.schedule(500));
    const onCommand = async (command: string) => {
      if (command === 'lock-vault') await session.lock('manual');
      if (command === 'fill-login') await fillShortcut();
    };
    listenIfAvailable(
      () => browser.commands.onCommand,
      (command: string) => void onCommand(command),
    );
    // Browsers let no test press an extension's shortcut (TOOLCHAIN.md): the test build alone
    // (npm run build:test) lets the browser suite call what the shortcut calls. Never in a store build.
    if (IS_TEST_BUILD) {
      (globalThis as { cassaforteTest?: unknown }).cassaforteTest = { command: onCommand };
    }
  }

  return {
    router,
    account,
    session,
    vault,
    sync,
    live,
    ready,
    listen,
    store,
    keptAside,
    sitePrefs,
    saves,
    /** The account-password check runs queued; tests await its `idle()`. */
    accountPasswordWatch: autofill.watch,
  };
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
