/**
 * Password health (Settings → Password health, and the vault screen's line): protocol.ts holds
 * the table. The background finds reused, http-only and old passwords itself; weak ones need the
 * strength estimator, which runs in the page's worker, so the report hands the page the passwords
 * it has no score for yet and the page gives the scores back. Scores are kept in the background's
 * memory by item revision, dropped on lock.
 */
import { z } from 'zod';
import { MAX_LIST } from './limits';
import { empty, entry, itemId, pages } from './entry';

export interface HealthEntry {
  id: string;
  title: string;
  /** The first address's host, to tell logins of one title apart. */
  site: string;
}

export interface HealthAnswer {
  /** Every login the report names, by id. */
  entries: HealthEntry[];
  weak: string[];
  reused: string[][];
  insecure: string[];
  old: string[];
  /** Logins whose password has no score yet: the page scores them and sends `health.scores`. */
  unscored: { id: string; revision: number; password: string }[];
  /** Logins with a password: what "all checked" means. */
  checked: number;
}

export interface HealthCounts {
  weak: number;
  reused: number;
  insecure: number;
  old: number;
  /** Passwords not scored yet this unlock: the weak count may grow once they are. */
  unscored: number;
  /** Logins with at least one of the issues (each counted once). */
  flagged: number;
}

export const healthScoreSchema = z
  .object({ id: itemId, revision: z.int().nonnegative(), score: z.int().min(0).max(4) })
  .strict();

/** The health entries of the protocol table (protocol.ts). */
export const healthProtocol = {
  'health.report': entry<HealthAnswer>()(empty, pages),
  /** The vault screen's line: counts only (weak as far as scored), no passwords. */
  'health.counts': entry<HealthCounts>()(empty, pages),
  /** Scores from the page's estimator; the answer is the report with them counted. */
  'health.scores': entry<HealthAnswer>()(
    z.object({ scores: z.array(healthScoreSchema).max(MAX_LIST) }).strict(),
    pages,
  ),
};
