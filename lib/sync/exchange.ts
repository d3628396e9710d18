/**
 * One sync run's exchange with the server (DESIGN §4), for the engine (engine.ts): pull the
 * server's deltas page by page, opening every blob before anything is written and merging where
 * a local change is pending; then push the outbox in compare-and-swap batches, merging what the
 * server refused. Every await goes through `env.step`, so a run that outlived its session stops.
 */
import { LIMITS, type SyncPushResponse } from '@/lib/api';
import type { OutboxEntry, RemoteItem, ServerVersion } from '@/lib/db';
import { ProtocolError } from '@/lib/messaging/errors';
import { resolveCandidate, type ResolveEnv } from './resolve';
import type { Opened, SyncSession, SyncVault } from './types';

const PULL_PAGE = 1000;
/** A push body stays well under the server's limit even with large blobs. */
const PUSH_BODY_BUDGET = LIMITS.syncBodyBytes / 2;
const MAX_PUSH_ROUNDS = 50;

/** Opens what the server sent for one item; a plain tombstone needs no opening. */
async function openRemote(vault: SyncVault, session: SyncSession, item: RemoteItem) {
  if (!item.blob) return { kind: 'tombstone', revision: 0 } satisfies Opened;
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

/**
 * Pulls until caught up; `onProgress` hears how many items came so far, after each page.
 * A page of another epoch means the account was reset elsewhere.
 */
export async function pullAll(env: ResolveEnv, onProgress: (done: number) => void): Promise<void> {
  const { store, vault, session, step } = env;
  const state = await step(store.getSyncState());
  let { cursor } = state;
  let done = 0;
  try {
    for (;;) {
      const page = await step(session.api.pull(session.token, cursor, PULL_PAGE));
      if (page.epoch !== session.ctx.epoch) {
        throw new ProtocolError('account-reset', 'The account was reset on another device.');
      }
      if (page.wiped !== undefined && page.wiped > (state.wipedSeen ?? 0) && cursor < page.wiped) {
        // "This device only" emptied the server after this device last pulled, and it never
        // heard (offline all along, or the account came back before it looked): what it holds
        // is uploaded again, and the pull starts over from nothing.
        await step(store.uploadAgain(page.wiped));
        state.wipedSeen = page.wiped;
        cursor = 0;
        continue;
      }
      const opened = await step(Promise.all(page.items.map((i) => openRemote(vault, session, i))));
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
        await resolveCandidate(env, {
          id,
          pending,
          base,
          seen,
          remote,
          remoteOpened: byId.get(id),
        });
      }
      done += page.items.length;
      onProgress(done);
      cursor = page.rev;
      if (!page.more) return;
    }
  } finally {
    vault.flushIndex(session.ctx);
  }
}

/** The change as it goes to the server; a delete carries its sealed tombstone. */
async function toChange(vault: SyncVault, session: SyncSession, entry: OutboxEntry) {
  if (!entry.deleted) return { id: entry.itemId, baseRev: entry.baseRev, blob: entry.blob ?? '' };
  const blob = await vault.sealTombstone(session.ctx, entry.itemId, entry.revision ?? 1);
  return { id: entry.itemId, baseRev: entry.baseRev, deleted: true, blob };
}

interface Sent {
  batch: OutboxEntry[];
  answer: SyncPushResponse;
}

/**
 * Pushes the outbox batch by batch; what the server took leaves it, what it refused is merged.
 * Pipelined: the next batch (the entries after the last one sent) is read, sealed and sent while
 * the server's answer to the previous one is written down, which is most of a round's time on a
 * large outbox (an import: bench/import.ts). What that read cannot carry yet waits for one plain
 * read at the end: an item of the batch still being acknowledged (edited meanwhile, its entry
 * is rebased by that acknowledgement) and a refused change merged after the read was made.
 */
export async function pushOutbox(env: ResolveEnv): Promise<void> {
  const { store, step } = env;
  let sending = send(env, undefined, new Set());
  let pipelined = false;
  for (let round = 0; round < MAX_PUSH_ROUNDS; round++) {
    const sent = await sending;
    if (!sent) {
      if (!pipelined) return;
      // The pipelined reads found nothing more: one plain read for what they had to leave.
      pipelined = false;
      sending = send(env, undefined, new Set());
      continue;
    }
    const { batch, answer } = sent;
    const byId = new Map(batch.map((entry) => [entry.itemId, entry]));
    // The last round starts no send: an answer nobody acknowledges would be pushed again.
    pipelined = round + 1 < MAX_PUSH_ROUNDS;
    sending = pipelined ? send(env, batch.at(-1)!.seq, new Set(byId.keys())) : noMore;
    // Settled by the loop or, if this round fails, dropped: the run ends with its error then.
    sending.catch(() => undefined);
    await step(
      store.ackPushed(
        answer.applied.flatMap(({ id, rev }) => {
          const e = byId.get(id);
          if (!e) return [];
          const { seq, deleted, blob, revision } = e;
          return [{ itemId: id, seq, deleted, blob, revision, newRev: rev }];
        }),
        answer.rev,
      ),
    );
    for (const conflict of answer.conflicts) {
      const pending = byId.get(conflict.id);
      if (pending) await settleConflict(env, pending, conflict);
    }
  }
}

const noMore = Promise.resolve(undefined);

/**
 * Reads the batch after `afterSeq`, seals its deletes and sends it; undefined when none is left.
 * Entries of `settling` (the batch being acknowledged) are left for the final plain read.
 */
async function send(
  env: ResolveEnv,
  afterSeq: number | undefined,
  settling: ReadonlySet<string>,
): Promise<Sent | undefined> {
  const { store, vault, session, step } = env;
  const read = await step(store.pendingBatch(LIMITS.changesPerBatch, afterSeq));
  const batch = fitBody(read.filter((entry) => !settling.has(entry.itemId)));
  if (batch.length === 0) return undefined;
  const changes = await step(Promise.all(batch.map((e) => toChange(vault, session, e))));
  const answer = await step(
    session.api.push(session.token, { epoch: session.ctx.epoch, changes }),
  ).catch(async (error: unknown) => {
    // The server may have applied it all the same: remember what went, to know it again.
    await store.markUnanswered(batch).catch(() => undefined);
    throw error;
  });
  return { batch, answer };
}

/** A change the server refused: merged with the server's version (resolve.ts). */
async function settleConflict(
  env: ResolveEnv,
  pending: OutboxEntry,
  conflict: SyncPushResponse['conflicts'][number],
): Promise<void> {
  const { store, vault, session, step } = env;
  const stored = await step(store.getItem(conflict.id, { includeDeleted: true }));
  const remote: ServerVersion | null = conflict.server && {
    rev: conflict.server.rev,
    deleted: conflict.server.deleted,
    blob: conflict.server.blob,
  };
  const remoteOpened = conflict.server
    ? await step(openRemote(vault, session, conflict.server))
    : undefined;
  await resolveCandidate(env, {
    id: conflict.id,
    pending,
    base: stored?.base,
    seen: stored?.seen ?? 0,
    remote,
    remoteOpened,
  });
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
