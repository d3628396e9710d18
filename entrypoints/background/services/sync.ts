/**
 * The sync engine (DESIGN §4): pull the server's deltas, merge where a local change is pending,
 * push the outbox in compare-and-swap batches. Runs only while unlocked (merging needs the vault
 * key); one run at a time; a request during a run makes it run once more. Every server answer was
 * validated by the API client before it gets here.
 */
import { LIMITS } from '@/lib/api';
import { randomId } from '@/lib/crypto';
import type { MergeCandidate, OutboxEntry, ServerVersion, VaultStore } from '@/lib/db';
import { ProtocolError } from '@/lib/messaging/errors';
import type { SyncStatus } from '@/lib/messaging/protocol';
import { jsonEqual } from '@/lib/vault/json-equal';
import { keepBoth, mergeItems } from '@/lib/vault/merge';
import type { Item } from '@/lib/vault/item';
import type { ApiClient } from './api';
import type { VaultContext, VaultService } from './vault';

export interface SyncSession {
  ctx: VaultContext;
  token: string;
  api: ApiClient;
}

export interface SyncEngine {
  status(): SyncStatus;
  /** Runs a sync now (or joins the one running) and returns the status after it. */
  syncNow(): Promise<SyncStatus>;
  /** Asks for a sync soon; calls within the delay fold into one. */
  schedule(delayMs?: number): void;
  /** Forgets the status (lock, sign-out). */
  reset(): void;
}

const PULL_PAGE = 1000;
/** A push body stays well under the server's limit even with large blobs. */
const PUSH_BODY_BUDGET = LIMITS.syncBodyBytes / 2;
const MAX_PUSH_ROUNDS = 50;

export function createSyncEngine(deps: {
  store: VaultStore;
  vault: VaultService;
  session: () => SyncSession | undefined;
  /** The server says the account was reset (stale epoch). */
  onAccountReset: () => Promise<void>;
  /** The server no longer accepts this device's session (password changed elsewhere). */
  onSessionExpired: () => Promise<void>;
  now?: () => number;
}): SyncEngine {
  const now = deps.now ?? Date.now;
  let status: SyncStatus = { state: 'idle', pending: 0 };
  let running: Promise<void> | undefined;
  let again = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let failures = 0;

  async function resolve(session: SyncSession, candidate: MergeCandidate | PushConflict) {
    const { ctx } = session;
    const { id, pending } = candidate;
    const remote = candidate.remote;
    const open = async (v: { blob: string | null; deleted: boolean } | null | undefined) =>
      v && !v.deleted && v.blob ? ((await deps.vault.open(ctx, id, v.blob)) ?? null) : null;
    const [local, remoteItem, base] = await Promise.all([
      pending.deleted ? null : open(pending),
      open(remote),
      open(candidate.base),
    ]);
    if (!pending.deleted && !local) return; // our own blob does not open: leave it for a retry
    if (remote && !remote.deleted && !remoteItem) {
      status.error = 'tampered'; // the server's copy does not decrypt: never merged, never shown
      return;
    }
    const resolution = { id, seq: pending.seq, remote: remote ?? null };
    const result = mergeItems(base ?? undefined, local, remoteItem);
    if (result.conflict) {
      const { keep, copy } = keepBoth(result, randomId(), now());
      if (await deps.store.acceptRemote(resolution)) {
        deps.vault.remember(keep);
        await deps.vault.save(ctx, copy as unknown as Record<string, unknown>);
      }
      return;
    }
    const merged = result.merged;
    if (merged === null) {
      const taken = remote?.deleted
        ? await deps.store.acceptRemote(resolution)
        : await deps.store.resolveMerge(resolution, { deleted: true });
      if (taken) await deps.vault.applyRemote(ctx, id, null);
    } else if (remoteItem && jsonEqual(merged, remoteItem)) {
      if (await deps.store.acceptRemote(resolution)) deps.vault.remember(remoteItem);
    } else {
      const blob = await deps.vault.seal(ctx, merged);
      if (await deps.store.resolveMerge(resolution, { deleted: false, blob })) {
        deps.vault.remember(merged as Item);
      }
    }
  }

  async function pull(session: SyncSession) {
    try {
      await pullPages(session);
    } finally {
      deps.vault.flushIndex();
    }
  }

  async function pullPages(session: SyncSession) {
    let { cursor } = await deps.store.getSyncState();
    let done = 0;
    for (;;) {
      const page = await session.api.pull(session.token, cursor, PULL_PAGE);
      if (page.epoch !== session.ctx.epoch) {
        throw new ProtocolError('account-reset', 'The account was reset on another device.');
      }
      const outcome = await deps.store.applyRemote(page.items, page.rev);
      const merging = new Set(outcome.needsMerge.map((c) => c.id));
      const unreadable = await deps.vault.applyRemotePage(
        session.ctx,
        page.items
          .filter((item) => !merging.has(item.id))
          .map((item) => ({ id: item.id, blob: item.deleted ? null : (item.blob ?? null) })),
      );
      if (unreadable > 0) status.error = 'tampered';
      for (const candidate of outcome.needsMerge) await resolve(session, candidate);
      done += page.items.length;
      status = { ...status, progress: { done } };
      cursor = page.rev;
      if (!page.more) return;
    }
  }

  async function push(session: SyncSession) {
    for (let round = 0; round < MAX_PUSH_ROUNDS; round++) {
      const batch = fitBody(await deps.store.pendingBatch(LIMITS.changesPerBatch));
      if (batch.length === 0) return;
      const byId = new Map(batch.map((entry) => [entry.itemId, entry]));
      const answer = await session.api.push(session.token, {
        epoch: session.ctx.epoch,
        changes: batch.map((e) =>
          e.deleted
            ? { id: e.itemId, baseRev: e.baseRev, deleted: true }
            : { id: e.itemId, baseRev: e.baseRev, blob: e.blob ?? '' },
        ),
      });
      await deps.store.ackPushed(
        answer.applied.flatMap(({ id, rev }) => {
          const e = byId.get(id);
          return e
            ? [{ itemId: id, seq: e.seq, deleted: e.deleted, blob: e.blob, newRev: rev }]
            : [];
        }),
      );
      for (const conflict of answer.conflicts) {
        const pending = byId.get(conflict.id);
        if (!pending) continue;
        const stored = await deps.store.getItem(conflict.id, { includeDeleted: true });
        await resolve(session, {
          id: conflict.id,
          pending,
          base: stored?.base,
          remote: conflict.server,
        });
      }
    }
  }

  async function run() {
    const session = deps.session();
    if (!session) return;
    status = { ...status, state: 'syncing', progress: undefined, error: undefined };
    try {
      await pull(session);
      await push(session);
      failures = 0;
      status = { state: 'idle', lastSyncAt: now(), pending: 0, error: status.error };
      await deps.store.recordSyncResult({ at: now(), ok: true });
    } catch (error) {
      const code = error instanceof ProtocolError ? error.code : 'internal';
      if (code === 'account-reset') return deps.onAccountReset();
      if (code === 'session-expired') return deps.onSessionExpired();
      failures += 1;
      const offline = code === 'server-unreachable';
      status = {
        ...status,
        state: offline ? 'offline' : 'error',
        error: code,
        progress: undefined,
      };
      await deps.store.recordSyncResult({ at: now(), ok: false, error: code }).catch(() => {});
      // Back off while the server is away: 5 s, 10 s, 20 s … up to 5 minutes.
      schedule(Math.min(300_000, 5_000 * 2 ** Math.min(failures - 1, 6)));
    } finally {
      status = { ...status, pending: await deps.store.pendingCount().catch(() => status.pending) };
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

interface PushConflict {
  id: string;
  pending: OutboxEntry;
  base: ServerVersion | undefined;
  remote: ServerVersion | null;
}

/** The oldest entries that fit one request body. */
function fitBody(entries: OutboxEntry[]): OutboxEntry[] {
  let bytes = 0;
  const fitted: OutboxEntry[] = [];
  for (const entry of entries) {
    bytes += (entry.blob?.length ?? 0) + 100;
    if (fitted.length > 0 && bytes > PUSH_BODY_BUDGET) break;
    fitted.push(entry);
  }
  return fitted;
}
