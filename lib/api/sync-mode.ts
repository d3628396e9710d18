import { z } from 'zod';
import { revSchema } from './common';

/**
 * Where the vault lives (DESIGN §5): `cloud` syncs through this server; `local` keeps the items
 * on the devices only. The account itself stays on the server either way (sign-in, license,
 * reset); while `local`, GET and POST /v1/sync answer 409 `sync_off`.
 */
export const syncModeSchema = z.enum(['cloud', 'local']);
export type SyncMode = z.infer<typeof syncModeSchema>;

/**
 * PUT /v1/account/sync-mode. `local` deletes every item of the account from the server in the
 * same transaction; `cloud` only lets devices sync again (each one uploads its copy).
 */
export const syncModeRequestSchema = z.strictObject({ mode: syncModeSchema });

/**
 * The answer of GET and PUT /v1/account/sync-mode; `rev` is the account's revision after it,
 * `wiped` the revision at which "this device only" last emptied it (0: never).
 */
export const syncModeResponseSchema = z.object({
  mode: syncModeSchema,
  rev: revSchema,
  wiped: z.number().int().nonnegative().optional(),
});

export type SyncModeRequest = z.infer<typeof syncModeRequestSchema>;
export type SyncModeResponse = z.infer<typeof syncModeResponseSchema>;
