/**
 * The one-shot import (issue 14): the page sends the candidates it read from a file; here they
 * meet the vault in memory (matchExisting), become items (toItem), are sealed, and are written
 * with their outbox entries in ONE IndexedDB transaction (saveLocalMany). A worker that dies, a
 * lock, a full disk or one item that cannot be made leaves the vault as it was: all or nothing.
 * Then they sync like any other edit. Nothing here logs a candidate: any field may be a password.
 */
import { randomId } from '@/lib/crypto';
import type { VaultStore } from '@/lib/db';
import type { LocalEdit } from '@/lib/db/local-change';
import { matchExisting, toItem, type ImportCandidate } from '@/lib/import';
import { ProtocolError } from '@/lib/messaging/errors';
import type {
  ImportMatchCounts,
  ImportOutcomeCounts,
  ImportProgress,
  MatchChoice,
} from '@/lib/messaging/import';
import { MAX_LIST } from '@/lib/messaging/limits';
import type { VaultContext } from '@/lib/vault/context';
import { dedupeTags, TAG_LIMITS } from '@/lib/vault/item-kinds';
import { safeNormalizeItem, type Item, type VisibleItem } from '@/lib/vault/item';
import { fitHistory, historyAfterSave } from '@/lib/vault/password-history';
import type { VaultService } from './vault-service';

/** Sealing yields to the event loop this often, so the page's progress questions get answers. */
const YIELD_EVERY = 200;
/** Runs remembered for 'import.progress'; older ones are forgotten. */
const KEPT_RUNS = 8;

export function createImportService(deps: {
  vault: VaultService;
  store: Pick<VaultStore, 'saveLocalMany'>;
  /** False once the vault locked (or locked and opened again): the run stops there. */
  alive: (ctx: VaultContext) => boolean;
  onLocalChange: () => void;
  now: () => number;
}) {
  const { vault } = deps;
  const runs = new Map<string, ImportProgress>();
  /** One run at a time, so a second one matches against what the first wrote. */
  let queue: Promise<unknown> = Promise.resolve();

  const room = () => Math.max(0, MAX_LIST - vault.count());

  function track(runId: string, progress: ImportProgress) {
    runs.delete(runId);
    runs.set(runId, progress);
    while (runs.size > KEPT_RUNS) runs.delete(runs.keys().next().value!);
  }

  function stopIfLocked(ctx: VaultContext) {
    if (!deps.alive(ctx)) throw new ProtocolError('locked', 'The vault locked during the import.');
  }

  /** The items to write, decided before anything is sealed, so a refusal costs nothing. */
  function plan(candidates: readonly ImportCandidate[], onMatch: MatchChoice) {
    const nextId = runIds();
    const matches = matchExisting(candidates, vault.visibleItems());
    const at = deps.now();
    const items: Item[] = [];
    const counts: ImportOutcomeCounts = { imported: 0, updated: 0, skipped: 0 };
    const updatedIds = new Set<string>();
    candidates.forEach((candidate, i) => {
      const match = matches[i]!;
      const existing = match.existingId ? vault.get(match.existingId) : undefined;
      if (existing && onMatch !== 'keepBoth') {
        // 'same' has nothing to update; a second candidate for one item must not undo the first.
        const skip = onMatch === 'skip' || match.kind === 'same' || updatedIds.has(existing.id);
        if (skip) return void counts.skipped++;
        updatedIds.add(existing.id);
        items.push(updated(existing, candidate, at));
        counts.updated++;
        return;
      }
      items.push(made(candidate, at, nextId()));
      counts.imported++;
    });
    if (counts.imported > room()) {
      throw new ProtocolError('too-many-items', 'The vault has no room for that many items.');
    }
    return { items, counts, updatedIds };
  }

  return {
    match(candidates: readonly ImportCandidate[]): ImportMatchCounts {
      const counts = { new: 0, same: 0, changed: 0 };
      for (const match of matchExisting(candidates, vault.visibleItems())) counts[match.kind]++;
      return { ...counts, room: room() };
    },

    progress(runId: string): ImportProgress {
      return runs.get(runId) ?? { phase: 'unknown', done: 0, total: 0 };
    },

    run(
      ctx: VaultContext,
      input: { runId: string; candidates: readonly ImportCandidate[]; onMatch: MatchChoice },
    ): Promise<ImportOutcomeCounts> {
      const run = queue.then(async () => {
        stopIfLocked(ctx);
        const { items, counts, updatedIds } = plan(input.candidates, input.onMatch);
        const total = items.length;
        track(input.runId, { phase: 'sealing', done: 0, total });
        const sealed: LocalEdit[] = [];
        for (const item of items) {
          const blob = await vault.seal(ctx, item);
          sealed.push({
            id: item.id,
            blob,
            revision: item.revision,
            fresh: !updatedIds.has(item.id),
          });
          if (sealed.length % YIELD_EVERY === 0) {
            track(input.runId, { phase: 'sealing', done: sealed.length, total });
            await new Promise((resolve) => setTimeout(resolve, 0));
          }
          stopIfLocked(ctx);
        }
        track(input.runId, { phase: 'saving', done: 0, total });
        await deps.store.saveLocalMany(sealed, (done) => {
          if (done % YIELD_EVERY === 0) track(input.runId, { phase: 'saving', done, total });
        });
        track(input.runId, { phase: 'done', done: total, total });
        // Into memory and the search index (ignored if the vault locked meanwhile: the items
        // are written, sealed, and come back with the next unlock).
        vault.took(
          ctx,
          items.map((item) => ({
            id: item.id,
            opened: { kind: 'item', item, revision: item.revision },
          })),
        );
        vault.flushIndex(ctx);
        if (total > 0) deps.onLocalChange();
        return counts;
      });
      queue = run.catch(() => undefined);
      return run;
    },
  };
}

/** A new item from a candidate; one the vault would refuse stops the whole import. */
/**
 * The new items' ids: one random prefix for the run and a counter, so they sort in the order
 * they are written and pushed, and a pushed batch is one key range to acknowledge in a few
 * requests (lib/db/ack-reads.ts). The server learns only what the pushes already show: these
 * items arrived together, in this order.
 */
function runIds(): () => string {
  const prefix = randomId();
  let next = 0;
  return () => `${prefix}-${(next++).toString(36).padStart(6, '0')}`;
}

function made(candidate: ImportCandidate, at: number, id: string): Item {
  return checked({ ...toItemOrRefuse(candidate, id, at), revision: 1 }, candidate);
}

/** The existing item with the imported fields over it, as an edit in the popup would make it. */
function updated(existing: VisibleItem, candidate: ImportCandidate, at: number): Item {
  const fresh = toItemOrRefuse(candidate, existing.id, at);
  const merged = fitHistory({
    ...existing,
    ...fresh,
    ...historyAfterSave(existing, fresh, at),
    tags: dedupeTags([...existing.tags, ...fresh.tags]).slice(0, TAG_LIMITS.tags),
    id: existing.id,
    createdAt: existing.createdAt,
    updatedAt: at,
    revision: existing.revision + 1,
  });
  return checked(merged, candidate);
}

function toItemOrRefuse(candidate: ImportCandidate, id: string, at: number) {
  try {
    return toItem(candidate, id, at);
  } catch {
    throw refusal(candidate);
  }
}

function checked(input: unknown, candidate: ImportCandidate): Item {
  const item = safeNormalizeItem(input);
  if (!item) throw refusal(candidate);
  return item;
}

/** Names the row (never its content) so the page can say which one. */
function refusal(candidate: ImportCandidate): ProtocolError {
  const { kind, at } = candidate.source;
  return new ProtocolError('invalid-item', `The ${kind} at ${at} cannot be made into an item.`);
}
