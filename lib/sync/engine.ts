/**
 * The sync engine (DESIGN §4): pull the server's deltas, open every blob before anything is
 * written, merge where a local change is pending, push the outbox in compare-and-swap batches.
 * Runs only while unlocked (merging needs the vault key); one run at a time; a request during a
 * run makes it run once more. Every server answer was validated by the API client before it gets
 * here; what the server could still lie about (contents, order, deletes) is checked here and in
 * the store (lib/db/remote.ts) against what the sealed content says.
 *
 * A run belongs to one unlocked session: after every await it checks that the session is still
 * the current one, and stops if not (issue 9), so a run that outlived a lock neither writes
 * plaintext back into memory nor sends anything with the token it still holds.
 */
import { LIMITS } from '@/lib/api';
import { CryptoError } from '@/lib/crypto';
import type { OutboxEntry, RemoteItem, ServerVersion, VaultStore } from '@/lib/db';
import { ProtocolError } from '@/lib/messaging/errors';
import type { SyncStatus } from '@/lib/messaging/protocol';
import { resolveCandidate, type Candidate } from './resolve';
import type { Opened, SyncSession, SyncVault } from './types';
import { SessionEnded } from './types';

/** The codes of a session the server ended for good: the device signs out (keeping its data). */
export const SIGNED_OUT_BY_SERVER = ['account-reset', 'signed-out-elsewhere', 'session-ended'];

export interface SyncEngine {
  status(): SyncStatus;
  /** Runs a sync now (or joins the one running) and returns the status after it. */
  syncNow(): Promise<SyncStatus>;
  /** Asks for a sync soon; calls within the delay fold into one. */
  schedule(delayMs?: number): void;
  /** Forgets the status and stops the timer (lock, sign-out). */
  reset(): void;
}

const PULL_PAGE = 1000;
/** A push body stays well under the server's limit even with large blobs. */
const PUSH_BODY_BUDGET = LIMITS.syncBodyBytes / 2;
const MAX_PUSH_ROUNDS = 50;

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

  /** Opens what the server sent for one item; a plain tombstone needs no opening. */
  async function openRemote(session: SyncSession, item: RemoteItem): Promise<Opened> {
    if (!item.blob) return { kind: 'tombstone', revision: 0 };
    return vault.open(session.ctx, item.id, item.blob);
  }

  /** The server's version with what its sealed content says, for the store's checks. */
  function checked(item: RemoteItem, opened: Opened): RemoteItem {
    const blob = item.blob ?? null;
    switch (opened.kind) {
      case 'unreadable':
        return { id: item.id, rev: item.rev, deleted: item.deleted, blob, unreadable: true };
      case 'tombstone':
        return { id: item.id, rev: item.rev, deleted: true, blob, revision: opened.revision };
      default:
        return { id: item.id, rev: item.rev, deleted: false, blob, revision: opened.revision };
    }
  }

  async function pull(session: SyncSession, step: Step) {
    let { cursor } = await step(store.getSyncState());
    let done = 0;
    try {
      for (;;) {
        const page = await step(session.api.pull(session.token, cursor, PULL_PAGE));
        if (page.epoch !== session.ctx.epoch) {
          throw new ProtocolError('account-reset', 'The account was reset on another device.');
        }
        const opened = await step(Promise.all(page.items.map((i) => openRemote(session, i))));
        const byId = new Map(page.items.map((item, i) => [item.id, opened[i]!]));
        const outcome = await step(
          store.applyRemote(
            page.items.map((item, i) => checked(item, opened[i]!)),
            page.rev,
          ),
        );
        vault.took(
          session.ctx,
          outcome.applied.map((id) => ({ id, opened: byId.get(id)! })),
        );
        for (const candidate of outcome.needsMerge) {
          const { id, pending, base, remote, local } = candidate;
          const seen = local?.seen ?? 0;
          await resolve(session, step, {
            id,
            pending,
            base,
            seen,
            remote,
            remoteOpened: byId.get(id),
          });
        }
        done += page.items.length;
        status = { ...status, progress: { done } };
        deps.onStatus?.(); // the popup's progress bar
        cursor = page.rev;
        if (!page.more) return;
      }
    } finally {
      vault.flushIndex(session.ctx);
    }
  }

  function resolve(session: SyncSession, step: Step, candidate: Candidate) {
    return resolveCandidate({ store, vault, now, session, step }, candidate);
  }

  /** The change as it goes to the server; a delete carries its sealed tombstone. */
  async function toChange(session: SyncSession, entry: OutboxEntry) {
    if (!entry.deleted) return { id: entry.itemId, baseRev: entry.baseRev, blob: entry.blob ?? '' };
    const blob = await vault.sealTombstone(session.ctx, entry.itemId, entry.revision ?? 1);
    return { id: entry.itemId, baseRev: entry.baseRev, deleted: true, blob };
  }

  async function push(session: SyncSession, step: Step) {
    for (let round = 0; round < MAX_PUSH_ROUNDS; round++) {
      const batch = fitBody(await step(store.pendingBatch(LIMITS.changesPerBatch)));
      if (batch.length === 0) return;
      const byId = new Map(batch.map((entry) => [entry.itemId, entry]));
      const changes = await step(Promise.all(batch.map((e) => toChange(session, e))));
      const answer = await step(
        session.api.push(session.token, { epoch: session.ctx.epoch, changes }),
      );
      await step(
        store.ackPushed(
          answer.applied.flatMap(({ id, rev }) => {
            const e = byId.get(id);
            if (!e) return [];
            const { seq, deleted, blob, revision } = e;
            return [{ itemId: id, seq, deleted, blob, revision, newRev: rev }];
          }),
        ),
      );
      for (const conflict of answer.conflicts) {
        const pending = byId.get(conflict.id);
        if (!pending) continue;
        const stored = await step(store.getItem(conflict.id, { includeDeleted: true }));
        const remote: ServerVersion | null = conflict.server && {
          rev: conflict.server.rev,
          deleted: conflict.server.deleted,
          blob: conflict.server.blob,
        };
        const remoteOpened = conflict.server
          ? await step(openRemote(session, conflict.server))
          : undefined;
        await resolve(session, step, {
          id: conflict.id,
          pending,
          base: stored?.base,
          seen: stored?.seen ?? 0,
          remote,
          remoteOpened,
        });
      }
    }
  }

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

  async function run() {
    const session = deps.session();
    if (!session) return;
    const step = stepper(session);
    status = { ...status, state: 'syncing', progress: undefined, error: undefined };
    deps.onStatus?.();
    try {
      await pull(session, step);
      await push(session, step);
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

  return {
    status: () => status,
    syncNow,
    schedule,
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

/** The oldest entries that fit one request body. */
function fitBody(entries: OutboxEntry[]): OutboxEntry[] {
  let bytes = 0;
  const fitted: OutboxEntry[] = [];
  for (const entry of entries) {
    bytes += (entry.blob?.length ?? 0) + 300;
    if (fitted.length > 0 && bytes > PUSH_BODY_BUDGET) break;
    fitted.push(entry);
  }
  return fitted;
}
