import { z } from 'zod';
import { epochSchema, revSchema } from './common';
import { base64urlBetween } from './encoding';
import { LIMITS } from './limits';

/** Item ids are chosen by the client (e.g. a UUID or 16 random bytes in base64url). */
export const itemIdSchema = z
  .string()
  .min(1)
  .max(LIMITS.itemIdChars)
  .regex(/^[A-Za-z0-9_-]+$/, 'expected [A-Za-z0-9_-]');

/** Item ciphertext (XChaCha20-Poly1305 under the vault key), opaque to the server. */
export const blobSchema = base64urlBetween(1, LIMITS.blobChars);

/**
 * An item as the server holds it. A live item has a blob; a tombstone (`deleted: true`) carries
 * the client's sealed tombstone as its blob, so a delete is authenticated (DESIGN §4), or null for
 * one stored before deletes were sealed.
 */
export const syncItemSchema = z
  .object({
    id: itemIdSchema,
    rev: revSchema.min(1),
    deleted: z.boolean(),
    blob: blobSchema.nullable(),
  })
  .refine((item) => item.deleted || item.blob !== null, 'a live item has a blob');
export type SyncItem = z.infer<typeof syncItemSchema>;

/** GET /v1/sync?since=REV&limit=N */
const decimal = (max: number) =>
  z
    .string()
    .regex(/^\d{1,15}$/, 'expected a non-negative integer')
    .transform(Number)
    .pipe(z.int().min(0).max(max));

export const syncQuerySchema = z.strictObject({
  since: decimal(Number.MAX_SAFE_INTEGER).default(0),
  limit: decimal(LIMITS.pageMax).pipe(z.int().min(1)).default(LIMITS.pageDefault),
});

/**
 * Items with `since < rev ≤ rev`, ordered by revision. A page never splits a revision (one push
 * shares one revision), so it may hold more than `limit` items when one push was bigger. With
 * `more`, ask again with `since = rev`; without, `rev` is the account's revision: the new cursor.
 */
export const syncPullResponseSchema = z.object({
  rev: revSchema,
  epoch: epochSchema,
  items: z.array(syncItemSchema).max(LIMITS.pageMax + LIMITS.changesPerBatch),
  more: z.boolean(),
  /**
   * The revision at which "this device only" last emptied the account, if it ever did: a device
   * whose cursor is older holds data the server lost, and uploads it again (lib/db/sync-mode.ts).
   */
  wiped: revSchema.optional(),
});

/**
 * One change: compare-and-swap on `baseRev` (0 = create). A create or update carries the new
 * blob; a delete carries the sealed tombstone (older clients sent none). A delete at baseRev 0
 * with its tombstone records a delete the server never saw the item of: after "this device
 * only" the server holds nothing, and an item deleted while apart must meet the other devices'
 * uploads of it as a delete (lib/db/sync-mode.ts).
 */
export const syncChangeSchema = z
  .strictObject({
    id: itemIdSchema,
    baseRev: revSchema,
    deleted: z.boolean().optional(),
    blob: blobSchema.optional(),
  })
  .refine((c) => c.deleted === true || c.blob !== undefined, {
    message: 'a create or update has a blob',
  })
  .refine((c) => !(c.deleted === true && c.baseRev === 0 && c.blob === undefined), {
    message: 'a delete of an item the server does not have (baseRev 0) carries its tombstone',
  });

/** POST /v1/sync: one transaction; a stale epoch is a 409 `stale_epoch`. */
export const syncPushRequestSchema = z.strictObject({
  epoch: epochSchema,
  changes: z
    .array(syncChangeSchema)
    .min(1)
    .max(LIMITS.changesPerBatch)
    .refine((cs) => new Set(cs.map((c) => c.id)).size === cs.length, {
      message: 'an item appears twice in one batch',
    }),
});

/**
 * `rev` is the revision this push created; `applied` lists the changes now stored at that revision.
 * A `conflicts` entry carries the server's copy (null when the server has no such item): the
 * client merges and pushes again with the server copy's rev as baseRev. Move the pull cursor to
 * `rev` only when it stood at `rev - 1`: otherwise other devices may have written in between.
 */
export const syncPushResponseSchema = z.object({
  rev: revSchema,
  applied: z
    .array(z.object({ id: itemIdSchema, rev: revSchema.min(1) }))
    .max(LIMITS.changesPerBatch),
  conflicts: z
    .array(z.object({ id: itemIdSchema, server: syncItemSchema.nullable() }))
    .max(LIMITS.changesPerBatch),
});

export type SyncQuery = z.infer<typeof syncQuerySchema>;
export type SyncPullResponse = z.infer<typeof syncPullResponseSchema>;
export type SyncChange = z.infer<typeof syncChangeSchema>;
export type SyncPushRequest = z.infer<typeof syncPushRequestSchema>;
export type SyncPushResponse = z.infer<typeof syncPushResponseSchema>;
