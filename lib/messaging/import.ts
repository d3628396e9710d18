/**
 * The import page's messages (protocol.ts holds the table). The page reads the file itself
 * (lib/import: the file never goes to the server); the background only sees the candidates it
 * read, matches them against the vault it holds (the page never receives the vault's items) and
 * writes the chosen ones in one transaction. Every field is bounded by the vault's own limits, so
 * a 10,000-row import fits and a hostile page cannot make the background hold more.
 */
import { z } from 'zod';
import type { ImportCandidate } from '@/lib/import/types';
import { ITEM_LIMITS } from '@/lib/vault/item';
import { entry, pages } from './entry';
import { MAX_LIST } from './limits';

const text = (max: number) => z.string().max(max);
/** Source fields are checked against the vault's limits again when they become items (toItem). */
const LOOSE_LINE = 4096;

const base = {
  title: text(ITEM_LIMITS.title),
  notes: text(ITEM_LIMITS.notes),
  tags: z.array(text(LOOSE_LINE)).max(256),
  favorite: z.boolean(),
  createdAt: z.number().int().nonnegative().optional(),
  updatedAt: z.number().int().nonnegative().optional(),
  /**
   * A Cassaforte export's item as it was, so nothing is lost (lib/import/types.ts): checked as an
   * item, size included, when it becomes one (toItem → safeNormalizeItem).
   */
  item: z.unknown().optional(),
  source: z
    .object({
      kind: z.enum(['row', 'entry']),
      at: z.number().int().nonnegative(),
      title: text(LOOSE_LINE).optional(),
    })
    .strict(),
};

const loginCandidate = z
  .object({
    ...base,
    type: z.literal('login'),
    username: text(ITEM_LIMITS.username),
    password: text(ITEM_LIMITS.password),
    urls: z.array(text(ITEM_LIMITS.url)).max(ITEM_LIMITS.urls),
    otp: text(LOOSE_LINE).optional(),
    passwordHistory: z
      .array(
        z
          .object({ password: text(ITEM_LIMITS.password), replacedAt: z.number().nonnegative() })
          .strict(),
      )
      .max(1000)
      .optional(),
  })
  .strict();

const cardCandidate = z
  .object({
    ...base,
    type: z.literal('card'),
    holder: text(LOOSE_LINE),
    number: text(LOOSE_LINE),
    expMonth: z.number().int().optional(),
    expYear: z.number().int().optional(),
    code: text(LOOSE_LINE),
    brand: text(LOOSE_LINE),
  })
  .strict();

const identityCandidate = z
  .object({
    ...base,
    type: z.literal('identity'),
    firstName: text(LOOSE_LINE),
    lastName: text(LOOSE_LINE),
    company: text(LOOSE_LINE),
    email: text(LOOSE_LINE),
    phone: text(LOOSE_LINE),
    addressLines: z.array(text(LOOSE_LINE)).max(64),
    postalCode: text(LOOSE_LINE),
    city: text(LOOSE_LINE),
    region: text(LOOSE_LINE),
    country: text(LOOSE_LINE),
  })
  .strict();

export const importCandidateSchema = z.discriminatedUnion('type', [
  loginCandidate,
  z.object({ ...base, type: z.literal('note') }).strict(),
  cardCandidate,
  identityCandidate,
]);

// What the page's parser produces is what the schema lets through (a drift would not compile).
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const schemaMatchesTypes: Same<z.infer<typeof importCandidateSchema>, ImportCandidate> = true;
void schemaMatchesTypes;

export const candidatesSchema = z.array(importCandidateSchema).min(1).max(MAX_LIST);

/** What happens to a candidate that matches an item already in the vault. */
export const matchChoiceSchema = z.enum(['skip', 'keepBoth', 'update']);
export type MatchChoice = z.infer<typeof matchChoiceSchema>;

/** Names one import run, so the page can ask how far it got. Made by the page (random). */
const runId = z.string().min(8).max(64);

export interface ImportMatchCounts {
  /** Not in the vault yet. */
  new: number;
  /** Already in the vault with nothing the user would see changed. */
  same: number;
  /** Already in the vault, and updating would change it (for logins: the password). */
  changed: number;
  /** How many more items the vault can take now (MAX_LIST minus what it holds). */
  room: number;
}

export interface ImportProgress {
  /** 'sealing': encrypting; 'saving': writing to IndexedDB; 'unknown': no such run here. */
  phase: 'sealing' | 'saving' | 'done' | 'unknown';
  done: number;
  total: number;
}

export interface ImportOutcomeCounts {
  imported: number;
  updated: number;
  skipped: number;
}

/** The import entries of the protocol table (protocol.ts). */
export const importProtocol = {
  /** How the candidates meet the vault: counts only, never the vault's items. */
  'import.match': entry<ImportMatchCounts>()(
    z.object({ candidates: candidatesSchema }).strict(),
    pages,
  ),
  /** Writes the chosen candidates in one transaction: all of them, or (on any failure) none. */
  'import.run': entry<ImportOutcomeCounts>()(
    z.object({ runId, candidates: candidatesSchema, onMatch: matchChoiceSchema }).strict(),
    pages,
  ),
  /** How far the run got; the page polls this while 'import.run' is under way. */
  'import.progress': entry<ImportProgress>()(z.object({ runId }).strict(), pages),
};
