/**
 * How hard the export password is stretched: never less than the account password (its own
 * Argon2id settings, which may have been raised), and never less than today's defaults, since the
 * file may sit in a mail box or a cloud folder for years. Within the bounds every reader checks.
 */
import { DEFAULT_KDF, KDF_LIMITS } from '../crypto';

export function exportKdfCost(account: { ops: number; memBytes: number }): {
  ops: number;
  memBytes: number;
} {
  return {
    ops: Math.min(KDF_LIMITS.maxOps, Math.max(DEFAULT_KDF.ops, account.ops)),
    memBytes: Math.min(KDF_LIMITS.maxMemBytes, Math.max(DEFAULT_KDF.memBytes, account.memBytes)),
  };
}
