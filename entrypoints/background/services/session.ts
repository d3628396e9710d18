/**
 * The one home of the session (DESIGN §5): which account is open, the vault key (keyring.ts),
 * taking an unlock back after the worker restarted, the auto-lock deadline, what `app.status`
 * says, and the one way to lock, which wipes every secret through the `onLock` listeners.
 *
 * Each unlock makes one VaultContext. Work started under it (a sync run, an edit, a password
 * change) asks `isCurrent(ctx)` after every await and stops once the answer is no (issue 9).
 *
 * Two kinds of sign-out (issue 11): the user's own deletes everything of the account here, what
 * an earlier forced one kept aside included; one the server forces (the account was reset
 * elsewhere, another device signed this one out, the session reached its lifetime) keeps the
 * vault's data aside (lib/db/kept-aside.ts) and says why, with the date.
 */
import type { AccountPatch, AccountRecord, VaultStore } from '@/lib/db';
import { ProtocolError, SessionEndedError, type SessionEndDetail } from '@/lib/messaging/errors';
import type {
  AppStatus,
  KeptAsideStatus,
  LastLock,
  LockReason,
  SyncStatus,
} from '@/lib/messaging/protocol';
import { restrictSessionStorage } from '@/lib/platform/storage';
import { getStored, setStored, wipe } from '@/lib/storage/store';
import type { VaultContext } from '@/lib/vault/context';
import { createKeyring } from './keyring';

export interface SessionDeps {
  store: VaultStore;
  now: () => number;
  version: string;
  /** Starts the auto-lock timer; returns the deadline. */
  armAutoLock: () => Promise<number>;
  disarmAutoLock: () => Promise<void>;
  /** What sync has to say while unlocked (with the pending count and refused versions). */
  syncStatus: () => Promise<SyncStatus>;
  /** What is kept aside on this device, as the status shows it (services/kept-aside.ts), given
   * the signed-in account (undefined: signed out). */
  keptAsideStatus: (account: AccountRecord | undefined) => Promise<KeptAsideStatus | undefined>;
  /** A forced sign-out kept data aside: its deletion in 30 days is scheduled. */
  onKeptAside?: () => Promise<void>;
}

/** The sign-outs that keep the vault's data aside. */
export type ForcedReason = Extract<
  LockReason,
  'account-reset' | 'signed-out-elsewhere' | 'session-ended'
>;

/** What the server said when it ended this device's session for good. */
const forcedReasons: Record<string, ForcedReason> = {
  'account-reset': 'account-reset',
  'signed-out-elsewhere': 'signed-out-elsewhere',
  'session-ended': 'session-ended',
};

type OpenListener = (ctx: VaultContext, how: 'unlocked' | 'restored') => Promise<void>;

export function createSession(deps: SessionDeps) {
  const { store, now } = deps;
  const keyring = createKeyring();
  let open: { record: AccountRecord; ctx: VaultContext } | undefined;
  let failedUnlock = false;
  let browserStart: Promise<void> = Promise.resolve();
  const openListeners: OpenListener[] = [];
  const lockListeners: Array<(event: 'lock' | 'forced' | 'user-logout') => void> = [];

  async function begin(record: AccountRecord, vk: Uint8Array, how: 'unlocked' | 'restored') {
    const ctx: VaultContext = { vk, accountId: record.accountId, epoch: record.epoch };
    open = { record, ctx };
    for (const listener of openListeners) await listener(ctx, how);
  }

  /**
   * Every way to lock ends here: listeners drop what they hold, then the key goes. 'forced' keeps
   * the data aside first; if that fails, nothing is wiped and the next contact tries again.
   */
  async function end(
    reason: LockReason,
    event: 'lock' | 'forced' | 'user-logout',
    detail: SessionEndDetail = {},
  ) {
    open = undefined;
    for (const listener of lockListeners) listener(event);
    await keyring.lock();
    await deps.disarmAutoLock();
    const at = now();
    if (event === 'forced') {
      await store.keepAside({ reason, keptAt: at, happenedAt: detail.at, by: detail.by });
    }
    if (event !== 'lock') {
      await wipe(event === 'forced' ? 'logout' : 'user-logout', {
        wipeDatabase: (options) => store.wipeAccount(options),
      });
    }
    const lastLock: LastLock = { reason, at };
    if (detail.at !== undefined) lastLock.happenedAt = detail.at;
    if (detail.by !== undefined) lastLock.by = detail.by;
    await setStored('lastLock', lastLock);
    if (event === 'forced') await deps.onKeptAside?.();
  }

  /** The worker may have been stopped and started again: take back an unexpired unlock. */
  async function restore() {
    await restrictSessionStorage();
    const record = await store.getAccount();
    if (record && (await keyring.restore(now()))) {
      await begin(record, keyring.key()!, 'restored');
    } else if ((await getStored('vaultKey')) !== undefined) {
      await end('timer', 'lock');
    }
  }
  let ready: Promise<void> = Promise.resolve();

  /** Locks if the deadline passed while the alarm was late or the worker asleep. */
  async function expireIfDue() {
    await ready;
    await browserStart.catch(() => undefined);
    const at = keyring.deadline();
    if (open && at !== undefined && at <= now()) await end('timer', 'lock');
  }

  return {
    /**
     * Takes back an unlock that survived a worker restart; call once, after the listeners are
     * registered. Every message waits for it.
     */
    start(): Promise<void> {
      ready = restore().catch(() => end('timer', 'lock'));
      return ready;
    },
    /** Runs after every unlock (and restore), before the unlock answers. */
    onOpen(listener: OpenListener) {
      openListeners.push(listener);
    },
    /** Runs first on every lock and sign-out: drop everything decrypted, stop work. */
    onLock(listener: (event: 'lock' | 'forced' | 'user-logout') => void) {
      lockListeners.push(listener);
    },
    /** The open vault, or undefined while locked. */
    context: () => open?.ctx,
    /** The account record of the open session (its token may change while open). */
    account: () => open?.record,
    isCurrent: (ctx: VaultContext) => open?.ctx === ctx,
    isUnlocked: () => open !== undefined,
    deadline: () => keyring.deadline(),
    setDeadline: (at: number) => keyring.setDeadline(at),

    async open(record: AccountRecord, vk: Uint8Array) {
      await keyring.unlock(vk, now() + 60_000);
      await deps.armAutoLock();
      failedUnlock = false;
      await begin(record, vk, 'unlocked');
    },
    lock: (reason: LockReason) => end(reason, 'lock'),
    /**
     * The user signs out: the account, its data, what was kept aside and every secret leave this
     * device.
     */
    signOut: () => end('signed-out', 'user-logout'),
    /**
     * Signs out keeping this vault's data aside (lib/db/kept-aside.ts), saying why and when: the
     * account was reset (here or elsewhere), another device signed this one out, or the session
     * reached its lifetime.
     */
    signOutKeepingData: (reason: ForcedReason, detail: SessionEndDetail = {}) =>
      end(reason, 'forced', detail),
    /**
     * The server ended this session for good (`ended.code`: account-reset, signed-out-elsewhere,
     * session-ended): signed out, the data kept aside, the reason and date shown.
     */
    async signedOutByServer(ended: ProtocolError) {
      const detail = ended instanceof SessionEndedError ? ended.ended : {};
      await end(forcedReasons[ended.code] ?? 'account-reset', 'forced', detail);
    },

    /** Changes the stored account record, and the open session's copy with it. */
    async update(patch: AccountPatch): Promise<AccountRecord> {
      const record = await store.updateAccount(patch);
      if (open) open = { ...open, record };
      return record;
    },

    noteFailedUnlock(failed: boolean) {
      failedUnlock = failed;
    },

    /** The browser started (not just the worker): the restart locked the vault. */
    browserStarted(): Promise<void> {
      // Status waits for this, so a popup opened right after the restart shows the reason.
      browserStart = (async () => {
        if (await store.getAccount()) await end('browser-restart', 'lock');
      })();
      return browserStart;
    },

    /** The open vault for a handler, or a 'locked' refusal. */
    async unlocked(): Promise<VaultContext> {
      await expireIfDue();
      if (!open) throw new ProtocolError('locked', 'Unlock Cassaforte first.');
      return open.ctx;
    },

    async status(): Promise<AppStatus> {
      await expireIfDue();
      const [account, lastLock, kitPending] = await Promise.all([
        store.getAccount(),
        getStored('lastLock'),
        getStored('kitPending'),
      ]);
      const keptAside = await deps.keptAsideStatus(account);
      const state = !account ? 'signed-out' : open ? 'unlocked' : 'locked';
      const unlocked = state === 'unlocked';
      return {
        version: deps.version,
        state,
        email: account?.email,
        serverUrl: account?.serverUrl,
        lockAt: unlocked ? keyring.deadline() : undefined,
        lastLock,
        hint: state === 'locked' && failedUnlock ? account?.hint : undefined,
        kitPending: unlocked && kitPending === true ? true : undefined,
        sync: unlocked ? await deps.syncStatus() : undefined,
        keptAside,
      };
    },
  };
}

export type Session = ReturnType<typeof createSession>;
