/**
 * The sync engine (DESIGN §4): pull the server's deltas, open every blob before anything is
 * written, merge where a local change is pending, push the outbox in compare-and-swap batches
 * (exchange.ts), then report the last unlock. Runs only while unlocked (merging needs the vault
 * key); one run at a time; a request during a run makes it run once more. Every server answer
 * was validated by the API client before it gets here; what the server could still lie about
 * (contents, order, deletes) is checked in exchange.ts and in the store (lib/db/remote.ts)
 * against what the sealed content says.
 *
 * A run belongs to one unlocked session: after every await it checks that the session is still
 * the current one, and stops if not (issue 9), so a run that outlived a lock neither writes
 * plaintext back into memory nor sends anything with the token it still holds.
 */
import { CryptoError } from '@/lib/crypto';
import type { VaultStore } from '@/lib/db';
import { ProtocolError } from '@/lib/messaging/errors';
import type { SyncStatus } from '@/lib/messaging/protocol';
import type { SyncMode } from '@/lib/api/sync-mode';
import { pullAll, pushOutbox } from './exchange';
import type { SyncSession, SyncVault } from './types';
import { SessionEnded } from './types';

/** The codes of a session the server ended for good: the device signs out (keeping its data). */
export const SIGNED_OUT_BY_SERVER = ['account-reset', 'signed-out-elsewhere', 'session-ended'];

export interface SyncEngine {
  status(): SyncStatus;
  /** Runs a sync now (or joins the one running) and returns the status after it. */
  syncNow(): Promise<SyncStatus>;
  /** Asks for a sync soon; calls within the delay fold into one. */
  schedule(delayMs?: number): void;
  /**
   * Switches where the account's vault lives, on the server first (nothing changes here if that
   * fails). 'local': the server deletes its copies and this device stops syncing; 'cloud': this
   * device's vault is queued for upload again (if it was kept here), sent by the run this starts.
   * The user's word is the only way a vault kept here goes back to the server.
   */
  setMode(mode: SyncMode): Promise<SyncStatus>;
  /** Forgets the status and stops the timer (lock, sign-out). */
  reset(): void;
}

export function createSyncEngine(deps: {
  store: VaultStore;
  vault: SyncVault;
  session: () => SyncSession | undefined;
  /**
   * The server ended this device's session for good: the account was reset (stale epoch),
   * another device signed this one out, or the session reached its lifetime. The error carries
   * its code and what the server said about when and by whom.
   */
  onSignedOutByServer: (ended: ProtocolError) => Promise<void>;
  /** The server no longer accepts this device's session (password changed elsewhere). */
  onSessionExpired: () => Promise<void>;
  /**
   * The last unlock not yet told to the server; `sent` is called once the server took it. It goes
   * with the run after the unlock (POST /v1/account/unlocks), never on its own.
   */
  unlockReport?: {
    pending(): Promise<number | undefined>;
    sent(unlockedAt: number): Promise<void>;
  };
  /** The status changed (a run started or ended): the popup follows. */
  onStatus?: () => void;
  now?: () => number;
}): SyncEngine {
  const { store, vault } = deps;
  const now = deps.now ?? Date.now;
  let status: SyncStatus = { state: 'idle', pending: 0 };
  let running: Promise<void> | undefined;
  let again = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;

  /** Awaits `work`, then stops the run if the session it belongs to ended meanwhile. */
  function stepper(session: SyncSession) {
    return async <T>(work: Promise<T>): Promise<T> => {
      const value = await work;
      if (!session.alive()) throw new SessionEnded();
      return value;
    };
  }
  type Step = ReturnType<typeof stepper>;

  /**
   * Tells the server about the last unlock. A failure here never fails the run: the report
   * waits for the next one (an unreachable server or an older one that lacks the endpoint). A
   * session the server ended is found out by the pull of that run anyway.
   */
  async function reportUnlock(session: SyncSession, step: Step) {
    const report = deps.unlockReport;
    const unlockedAt = report && (await step(report.pending()));
    if (!report || unlockedAt === undefined) return;
    const sent = await step(
      session.api.reportUnlock(session.token, unlockedAt).then(
        () => true,
        () => false,
      ),
    );
    if (sent) await step(report.sent(unlockedAt));
  }

  /**
   * A vault kept on this device only asks the server whether the account syncs again (one small
   * request, on unlock, popup open or a live notice). If so, it still uploads nothing: the server
   * is not trusted to say when this vault may leave the device (README, "Against a hostile
   * server"), so the run ends "off" with 'sync-resumable' and the user decides (setMode).
   */
  async function checkLocalOnly(session: SyncSession, step: Step): Promise<never> {
    const { mode } = await step(session.api.syncMode(session.token));
    if (mode === 'local') throw new ProtocolError('sync-off', 'Sync is off for this account.');
    throw new ProtocolError('sync-resumable', 'The account syncs again; this device waits.');
  }

  async function run() {
    const session = deps.session();
    if (!session) return;
    const step = stepper(session);
    status = { ...status, state: 'syncing', progress: undefined, error: undefined };
    deps.onStatus?.();
    let localOnly = false;
    try {
      const env = { store, vault, now, session, step };
      localOnly = (await step(store.getSyncState())).localOnly === true;
      if (localOnly) await checkLocalOnly(session, step);
      await pullAll(env, (done) => {
        status = { ...status, progress: { done } };
        deps.onStatus?.(); // the popup's progress bar
      });
      await pushOutbox(env);
      await reportUnlock(session, step);
      failures = 0;
      status = { state: 'idle', lastSyncAt: now(), pending: 0 };
      await step(store.recordSyncResult({ at: now(), ok: true }));
    } catch (error) {
      if (error instanceof SessionEnded || isWipedKey(error)) return; // locked meanwhile: stop
      const code = error instanceof ProtocolError ? error.code : 'internal';
      // Only for the session that met it: a reset done on this very device signs it in to the
      // new vault, and a sign-out meanwhile ended it, so an old run's late answer changes nothing.
      if (SIGNED_OUT_BY_SERVER.includes(code)) {
        return session.alive() ? deps.onSignedOutByServer(error as ProtocolError) : undefined;
      }
      if (code === 'session-expired') return session.alive() ? deps.onSessionExpired() : undefined;
      if (code === 'sync-off' || localOnly) {
        // A state, not a failure: no retries. A vault kept here stays "off" while the server is
        // out of reach too; its next check comes with the next unlock, popup or live notice.
        failures = 0;
        if (code === 'sync-off' && !localOnly) await step(store.setLocalOnly());
        status = { state: 'off', pending: 0 };
        if (code === 'sync-resumable') status.error = code;
        return;
      }
      failures += 1;
      const offline = code === 'server-unreachable';
      status = {
        ...status,
        state: offline ? 'offline' : 'error',
        error: code,
        progress: undefined,
      };
      await store.recordSyncResult({ at: now(), ok: false, error: code }).catch(() => {});
      // Back off while the server is away: 5 s, 10 s, 20 s … up to 5 minutes.
      schedule(Math.min(300_000, 5_000 * 2 ** Math.min(failures - 1, 6)));
    } finally {
      if (session.alive()) {
        status = { ...status, pending: await store.pendingCount().catch(() => status.pending) };
      }
    }
  }

  function syncNow(): Promise<SyncStatus> {
    if (running) {
      again = true;
      return running.then(() => status);
    }
    running = (async () => {
      do {
        again = false;
        await run();
      } while (again && deps.session());
    })().finally(() => {
      running = undefined;
      deps.onStatus?.();
    });
    return running.then(() => status);
  }

  function schedule(delayMs = 1_500) {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      void syncNow();
    }, delayMs);
  }

  async function setMode(mode: SyncMode): Promise<SyncStatus> {
    const session = deps.session();
    if (!session) throw new ProtocolError('locked', 'Unlock the vault first.');
    const step = stepper(session);
    // A run that ends after the switch must not report the state from before it.
    await step(running ?? Promise.resolve());
    const { wiped } = await step(session.api.setSyncMode(session.token, mode));
    if (mode === 'cloud') {
      // Also when the server already said 'cloud' (another device switched back): the switch is
      // a no-op there, and here it is the user's go-ahead the sync run waits for.
      if ((await step(store.getSyncState())).localOnly) await step(store.uploadAgain(wiped));
      return syncNow();
    }
    await step(store.setLocalOnly());
    if (timer) clearTimeout(timer);
    timer = undefined;
    failures = 0;
    status = { state: 'off', pending: await step(store.pendingCount()) };
    deps.onStatus?.();
    return status;
  }

  return {
    status: () => status,
    syncNow,
    schedule,
    setMode,
    reset() {
      if (timer) clearTimeout(timer);
      timer = undefined;
      failures = 0;
      status = { state: 'idle', pending: 0 };
    },
  };
}

function isWipedKey(error: unknown): boolean {
  return error instanceof CryptoError && error.code === 'key-wiped';
}
