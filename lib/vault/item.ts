/**
 * The decrypted item model: what the background holds in memory and what is serialised as JSON,
 * then encrypted under the vault key (DESIGN.md §2).
 *
 * Ordering and conflicts use the server's revision counter (DESIGN.md §4), never these
 * timestamps: `createdAt` / `updatedAt` are client clocks, shown to the user and nothing more.
 */
import { z } from 'zod';
import {
  cardFields,
  dedupeTags,
  IDENTITY_KEYS,
  type IdentityKey,
  identityFields,
  KIND_LIMITS,
  TAG_LIMITS,
  tagsField,
} from './item-kinds';

/**
 * Per-field ceilings, generous for real use but small enough that a hostile or buggy client
 * cannot make a blob the server or the search index chokes on.
 */
export const ITEM_LIMITS = {
  id: 64,
  title: 256,
  username: 512,
  password: 1024,
  url: 2048,
  urls: 32,
  notes: 32_768,
  /** Replaced passwords kept in a login, newest first (password-history.ts). */
  passwordHistory: 10,
  /** Sites in each "never" list of the site preferences record. */
  sitePrefs: 300,
  /** A registrable domain, or a host where there is none (DNS names end at 253). */
  site: 253,
  /** Cards, identities and tags (item-kinds.ts). */
  ...KIND_LIMITS,
  ...TAG_LIMITS,
} as const;

/**
 * The whole item as UTF-8 JSON. The encrypted blob adds a 24-byte nonce and a 16-byte tag, and if
 * it travels as base64 it grows by 4/3: (46 KiB + 40) × 4/3 ≈ 61.4 KiB, under the 64 KiB ceiling.
 * The per-field limits alone would allow more, so this is the check that actually guarantees it.
 */
export const MAX_ITEM_JSON_BYTES = 46 * 1024;

/** How a saved URL is compared with a page's origin (DESIGN.md §6; the policy lives elsewhere). */
export const urlMatchSchema = z.enum(['domain', 'host', 'exact']);
export type UrlMatch = z.infer<typeof urlMatchSchema>;

export const itemUrlSchema = z.object({
  url: z.string().trim().min(1).max(ITEM_LIMITS.url),
  match: urlMatchSchema.default('domain'),
});
export type ItemUrl = z.infer<typeof itemUrlSchema>;

/**
 * Fields every item has. Objects are "loose": a field written by a newer client survives being
 * read, edited and re-encrypted by this one, instead of being stripped and lost on the next sync.
 */
const common = {
  id: z.string().min(1).max(ITEM_LIMITS.id),
  createdAt: z.number().int().nonnegative(),
  updatedAt: z.number().int().nonnegative(),
  title: z.string().max(ITEM_LIMITS.title).default(''),
  notes: z.string().max(ITEM_LIMITS.notes).default(''),
  favorite: z.boolean().default(false),
  /**
   * The inner revision (DESIGN §4): raised by every edit on any device, sealed with the content,
   * so a server cannot hand a device an older copy than one it has seen. Items written before
   * revisions existed read as 0. The background sets it on save; what a page sends is ignored.
   */
  revision: z.int().nonnegative().default(0),
  /** Set on the copy made when two devices changed the same field differently (merge.ts). */
  conflictOf: z.string().min(1).max(ITEM_LIMITS.id).optional(),
};

/** Fields of every item the user sees (not of the vault's hidden records). */
const visible = {
  ...common,
  /** Labels; importers put the source's folders here. Merged as a set (merge.ts). */
  tags: tagsField,
};

/** A password the login had before, and when it was replaced (a client clock: shown only). */
export const passwordHistoryEntrySchema = z.looseObject({
  password: z.string().max(ITEM_LIMITS.password),
  replacedAt: z.number().int().nonnegative(),
});
export type PasswordHistoryEntry = z.infer<typeof passwordHistoryEntrySchema>;

export const loginItemSchema = z.looseObject({
  ...visible,
  type: z.literal('login'),
  username: z.string().max(ITEM_LIMITS.username).default(''),
  password: z.string().max(ITEM_LIMITS.password).default(''),
  urls: z.array(itemUrlSchema).max(ITEM_LIMITS.urls).default([]),
  /** Newest first; the vault service adds to it on every password change (a wrong update loses nothing). */
  passwordHistory: z.array(passwordHistoryEntrySchema).max(ITEM_LIMITS.passwordHistory).default([]),
});

export const noteItemSchema = z.looseObject({
  ...visible,
  type: z.literal('note'),
});

export const cardItemSchema = z.looseObject({ ...visible, ...cardFields });
export const identityItemSchema = z.looseObject({ ...visible, ...identityFields });

/** The one site preferences record's fixed id (there is one per vault: lib/vault/site-prefs.ts). */
export const SITE_PREFS_ID = 'site-prefs';

export const sitePrefEntrySchema = z.looseObject({
  site: z.string().min(1).max(ITEM_LIMITS.site),
  addedAt: z.number().int().nonnegative(),
});
export type SitePrefEntry = z.infer<typeof sitePrefEntrySchema>;

/**
 * The sites where the user said "never" (save prompt, inline menu): a record of the vault, so it
 * is encrypted and syncs like an item, but hidden from the list, search, counts and the badge
 * (services/vault.ts keeps it apart). Merged as sets, never as a conflict (site-prefs.ts).
 */
export const sitePrefsItemSchema = z.looseObject({
  ...common,
  type: z.literal('site-prefs'),
  neverSave: z.array(sitePrefEntrySchema).max(ITEM_LIMITS.sitePrefs).default([]),
  neverMenu: z.array(sitePrefEntrySchema).max(ITEM_LIMITS.sitePrefs).default([]),
});

/** One item as stored inside an encrypted blob. Parse every decrypted blob with this. */
export const itemSchema = z
  .discriminatedUnion('type', [
    loginItemSchema,
    noteItemSchema,
    cardItemSchema,
    identityItemSchema,
    sitePrefsItemSchema,
  ])
  .superRefine((item, ctx) => {
    if (itemJsonBytes(item) > MAX_ITEM_JSON_BYTES) {
      ctx.addIssue({
        code: 'custom',
        message: `item is larger than ${MAX_ITEM_JSON_BYTES} bytes`,
      });
    }
  });

export type LoginItem = z.infer<typeof loginItemSchema>;
export type NoteItem = z.infer<typeof noteItemSchema>;
export type CardItem = z.infer<typeof cardItemSchema>;
export type IdentityItem = z.infer<typeof identityItemSchema>;
export type SitePrefsItem = z.infer<typeof sitePrefsItemSchema>;
/** What the user sees and edits: the list, the popup, search. */
export type VisibleItem = LoginItem | NoteItem | CardItem | IdentityItem;
/** Everything sealed in the vault: visible items and the vault's own hidden records. */
export type Item = VisibleItem | SitePrefsItem;
export type ItemType = VisibleItem['type'];
/** The types the "new item" choice offers, in its order. */
export const ITEM_TYPES = [
  'login',
  'note',
  'card',
  'identity',
] as const satisfies readonly ItemType[];

/** The vault's own records, synced like items but never listed, searched, counted or shown. */
export function isHiddenItem(item: Item): item is SitePrefsItem {
  return item.type === 'site-prefs';
}

const encoder = new TextEncoder();

/** Size of the item's JSON in UTF-8, the plaintext that gets encrypted. */
export function itemJsonBytes(item: unknown): number {
  return encoder.encode(JSON.stringify(item)).length;
}

/**
 * Validates and tidies an item: fills defaults, trims URLs and tags, and drops repeated URLs (same
 * text) and tags (any case), keeping the first, so merge and search can treat a URL's text as its
 * identity.
 * Throws a ZodError when the input is not an item.
 */
export function normalizeItem(input: unknown): Item {
  return dedupeUrls(itemSchema.parse(input));
}

/** Like `normalizeItem`, without throwing. */
export function safeNormalizeItem(input: unknown): Item | undefined {
  const parsed = itemSchema.safeParse(input);
  return parsed.success ? dedupeUrls(parsed.data) : undefined;
}

function dedupeUrls(parsed: Item): Item {
  if (isHiddenItem(parsed)) return parsed;
  const item = { ...parsed, tags: dedupeTags(parsed.tags) };
  if (item.type !== 'login') return item;
  // Newest first, whatever order a merge or another client left them in.
  const passwordHistory = [...item.passwordHistory].sort((a, b) => b.replacedAt - a.replacedAt);
  const seen = new Set<string>();
  const urls: ItemUrl[] = [];
  for (const entry of item.urls) {
    if (seen.has(entry.url)) continue;
    seen.add(entry.url);
    urls.push(entry);
  }
  return { ...item, urls, passwordHistory };
}

/** A blank login for the "new item" form. The id comes from the caller (it owns randomness). */
export function emptyLogin(id: string, now: number): LoginItem {
  return {
    id,
    type: 'login',
    createdAt: now,
    updatedAt: now,
    title: '',
    username: '',
    password: '',
    urls: [],
    passwordHistory: [],
    notes: '',
    favorite: false,
    tags: [],
    revision: 0,
  };
}

/** A blank secure note. */
export function emptyNote(id: string, now: number): NoteItem {
  return {
    id,
    type: 'note',
    createdAt: now,
    updatedAt: now,
    title: '',
    notes: '',
    favorite: false,
    tags: [],
    revision: 0,
  };
}

/** A blank payment card. */
export function emptyCard(id: string, now: number): CardItem {
  const blank = { cardholder: '', number: '', expiry: '', code: '' };
  return { ...emptyNote(id, now), ...blank, type: 'card' };
}

/** A blank identity. */
export function emptyIdentity(id: string, now: number): IdentityItem {
  const fields = Object.fromEntries(IDENTITY_KEYS.map((key) => [key, ''])) as Record<
    IdentityKey,
    string
  >;
  return { ...emptyNote(id, now), ...fields, type: 'identity' };
}
