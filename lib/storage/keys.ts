/**
 * The one list of every piece of state the extension keeps, with where it lives and when it is
 * wiped (STYLE.md rule 6, after Bitwarden's `clearOn: ['lock', 'logout']`). A new piece of state
 * is added here first; `wipe()` in store.ts derives what to remove from this list alone.
 *
 * Areas:
 * - `session`: `browser.storage.session`, memory only, gone when the browser closes, and (after
 *   `restrictSessionStorage()`) readable by trusted extension contexts only, never content scripts.
 *   The only place plaintext secrets may rest (DESIGN §5).
 * - `local`: `browser.storage.local`, on disk, and readable by content scripts: never a secret.
 * - `indexeddb`: the vault database (lib/db): ciphertext, the account record with its wrapped
 *   vault key, this device's account key and the session token. Content scripts cannot reach it.
 */
import { z } from 'zod';
import { lockReasonSchema, type AppStatus } from '@/lib/messaging/protocol';
import { defaultSettings, settingsSchema, type Settings } from '@/lib/messaging/settings';

/**
 * 'logout' is every sign-out; 'user-logout' the one the user asked for, which clears everything a
 * sign-out does and also what a forced one kept aside (issue 11).
 */
export type WipeEvent = 'lock' | 'logout' | 'user-logout';
export type BrowserArea = 'local' | 'session';

export interface BrowserKey<T> {
  area: BrowserArea;
  clearOn: readonly WipeEvent[];
  /** Checked on every read: a value that fails it is treated as absent. */
  schema: z.ZodType<T>;
  /** What a read returns when the value is absent or corrupt. */
  fallback?: T;
}

export interface DatabaseState {
  area: 'indexeddb';
  clearOn: readonly WipeEvent[];
}

/** An unsaved item edit: plaintext. The editor owns the item shape and validates it itself. */
const draftSchema = z.object({ at: z.number(), item: z.unknown() });

function browserKey<T>(definition: Omit<BrowserKey<T>, 'fallback'>): BrowserKey<T> {
  return definition;
}

/** A key whose reads never come back empty (the type says so, too). */
function browserKeyWithFallback<T>(
  definition: BrowserKey<T> & { fallback: T },
): BrowserKey<T> & { fallback: T } {
  return definition;
}

export const storedState = {
  /** The unwrapped vault key (base64url), so a service worker restarted within the auto-lock
   * timer comes back unlocked (DESIGN §5). Never in `local` or IndexedDB. */
  vaultKey: browserKey({
    area: 'session',
    clearOn: ['lock', 'logout'],
    schema: z.string().min(1),
  }),
  /** When the auto-lock timer fires (ms since epoch); checked again when the worker wakes. */
  lockDeadline: browserKey({
    area: 'session',
    clearOn: ['lock', 'logout'],
    schema: z.number().int().nonnegative(),
  }),
  /** Unsaved item edits keyed by item id (or a draft id for a new item): plaintext, so they
   * live in memory only and go with the vault key. */
  drafts: browserKey({
    area: 'session',
    clearOn: ['lock', 'logout'],
    schema: z.record(z.string(), draftSchema),
  }),
  /**
   * The popup's first paint while the worker starts (issue 9: a stopped worker took ~800 ms to
   * decrypt 10,000 items and rebuild its index before the list showed): the list's rows as the
   * background last drew them, and the status then. Plaintext titles and usernames, so memory
   * only, trusted contexts only, and wiped with the vault key. The rows are one JSON text: read
   * back as 10,000 objects they took ~68 ms in Chromium, as text and JSON.parse ~11 ms.
   */
  listSnapshot: browserKey({
    area: 'session',
    clearOn: ['lock', 'logout'],
    schema: z.object({
      accountId: z.string(),
      revision: z.number(),
      total: z.number(),
      /** ItemSummary[] as JSON. */
      rows: z.string(),
      status: z.custom<AppStatus>((status) => typeof status === 'object' && status !== null),
    }),
  }),
  /**
   * An account being created, between "send me the code" and the code typed in (DESIGN §5): the
   * verification id and the new vault's key material, made on the device at once, so the popup may
   * close while the user reads the email. Never the password; but the vault key and the OPAQUE
   * input, so memory only, trusted contexts only, like an unlocked session's key; removed once the
   * account exists, on "change email"/"back", on sign-out, and after an hour.
   */
  pendingAccount: browserKey({
    area: 'session',
    clearOn: ['logout'],
    schema: z.object({
      email: z.string(),
      serverUrl: z.string(),
      hint: z.string(),
      verificationId: z.string(),
      sentAt: z.number(),
      accountId: z.string(),
      accountKey: z.string(),
      kdf: z.object({ alg: z.string(), ops: z.number(), memBytes: z.number(), salt: z.string() }),
      wrappedVaultKey: z.string(),
      registrationRecord: z.string(),
      /** The OPAQUE input derived from the password (not the password): signs in once. */
      authSecret: z.string(),
      /** The new vault key, as an unlocked session keeps it. */
      vaultKey: z.string(),
    }),
  }),
  /** The user's choices (auto-lock minutes, lock on system lock…): not secret, and kept after
   * sign-out because they belong to this browser, not to the account. */
  settings: browserKeyWithFallback<Settings>({
    area: 'local',
    clearOn: [],
    schema: settingsSchema,
    fallback: defaultSettings,
  }),
  /** Why and when the vault was last locked or signed out, for the unlock and welcome views
   * ("signed out because the account was reset on another device"). */
  lastLock: browserKey({
    area: 'local',
    clearOn: [],
    schema: z.object({
      reason: lockReasonSchema,
      at: z.number(),
      /** When the server says it happened (a reset, a sign-out from another device). */
      happenedAt: z.number().optional(),
      /** The device that signed this one out, as the server named it. */
      by: z.string().max(64).optional(),
    }),
  }),
  /** The last unlock not yet reported to the server (POST /v1/account/unlocks goes with the
   * next sync, and this goes once it is sent). A time only; nothing secret. */
  unlockReport: browserKey({
    area: 'local',
    clearOn: ['logout'],
    schema: z.number().int().nonnegative(),
  }),
  /** A copied secret to clear from the clipboard at `at`, if the clipboard still holds it
   * (compared by SHA-256, so the secret itself is not kept). Survives lock: the clear must still
   * happen; memory only, like every trace of a secret. */
  clipboardClear: browserKey({
    area: 'session',
    clearOn: [],
    schema: z.object({ hash: z.string().length(64), at: z.number() }),
  }),
  /** Which frames of which tabs have login fields (the always-on content script said so), so a
   * worker Chrome stopped and started again still knows where the badge counts. Memory only;
   * kept over a lock, so unlocking shows the counts again. */
  fieldTabs: browserKey({
    area: 'session',
    clearOn: ['logout'],
    schema: z.record(z.string(), z.record(z.string(), z.string().max(4096))),
  }),
  /** The account was just created and its Emergency Kit not yet acknowledged: the popup shows
   * the kit again (the key is on this device anyway) until the user says it is saved. */
  kitPending: browserKey({
    area: 'local',
    clearOn: ['logout'],
    schema: z.boolean(),
  }),
  /**
   * The last reset request this device sent (DESIGN §5): the server's handle, without which the
   * emailed short code works nowhere, with the email and server it was for. Half a credential
   * (the code is the other half), so memory only and trusted contexts only; it is good for the
   * 30 minutes the email is, and removed once a reset is done. A browser restart loses it: then
   * the link from the email still works.
   */
  resetRequest: browserKey({
    area: 'session',
    clearOn: [],
    schema: z.object({
      handle: z.string().min(1).max(64),
      email: z.string().min(1).max(320),
      serverUrl: z.string().min(1).max(2048),
      at: z.number().int().nonnegative(),
    }),
  }),
  /**
   * The reset being done now: the proof (the link's token, or handle and code) the popup was
   * given, and what the server said it erases. A credential until used, so memory only; the reset
   * page reads it through the background and never sees the token; removed when the reset is done,
   * 30 minutes after it was given, or when the server no longer takes it.
   */
  resetInProgress: browserKey({
    area: 'session',
    clearOn: [],
    schema: z.object({
      serverUrl: z.string().min(1).max(2048),
      proof: z.union([
        z.object({ token: z.string().min(1).max(64) }).strict(),
        z.object({ handle: z.string().min(1).max(64), code: z.string().min(1).max(32) }).strict(),
      ]),
      email: z.string().min(1).max(320),
      itemCount: z.number().int().nonnegative(),
      plan: z.string().min(1).max(32),
      at: z.number().int().nonnegative(),
    }),
  }),
  /**
   * Until when the Emergency Kit may be shown again (the printable page included) after the
   * account password was typed once more in Settings: a few minutes, and never past a lock.
   */
  kitShownUntil: browserKey({
    area: 'session',
    clearOn: ['lock', 'logout'],
    schema: z.number().int().nonnegative(),
  }),
  /**
   * The passkey wrap (DESIGN §2, services/passkey.ts): the vault key wrapped under a key only this
   * device's authenticator can give back (WebAuthn PRF), for this account and epoch. Never synced,
   * never sent; bound to the password-wrapped copy it was made next to (`besides`: a password
   * change or a reset replaces that copy, and the wrap no longer counts). Gone on sign-out.
   */
  passkeyUnlock: browserKey({
    area: 'local',
    clearOn: ['logout'],
    schema: z.object({
      accountId: z.string().min(1),
      epoch: z.number().int().nonnegative(),
      credentialId: z.string().min(1).max(1400),
      salt: z.string().length(43),
      wrapped: z.string().min(1).max(200),
      besides: z.string().min(1).max(200),
      enrolledAt: z.number().int().nonnegative(),
      /** When the account password was last typed on this device. */
      passwordAt: z.number().int().nonnegative(),
      askAfterRestart: z.boolean(),
    }),
  }),
  /**
   * The account password was typed since the browser started: the session area is emptied by a
   * browser restart (and by our start-up handler), so a passkey that asks for the password after
   * a restart waits for it. A mark only.
   */
  passwordThisRun: browserKey({
    area: 'session',
    clearOn: ['logout'],
    schema: z.literal(true),
  }),
  /** The vault database (lib/db): the signed-in account's stores. */
  vaultDatabase: { area: 'indexeddb', clearOn: ['logout'] } satisfies DatabaseState,
  /** What a sign-out the user did not ask for (a reset elsewhere, signed out by another device,
   * the session's lifetime) kept aside in the vault database's kept stores (lib/db/kept-aside.ts):
   * ciphertext and what opens it with the old password. Only the user's own sign-out deletes it,
   * or 30 days (KEPT_ASIDE_DAYS). */
  keptAside: { area: 'indexeddb', clearOn: ['user-logout'] } satisfies DatabaseState,
} as const;

type State = typeof storedState;

/** Names of the entries kept in `browser.storage`. */
export type BrowserKeyName = {
  [K in keyof State]: State[K] extends BrowserKey<unknown> ? K : never;
}[keyof State];

export type StoredValue<K extends BrowserKeyName> =
  State[K] extends BrowserKey<infer T> ? T : never;

/** What a read returns: the value, or its fallback, or undefined when it has none. */
export type ReadValue<K extends BrowserKeyName> = State[K] extends { fallback: unknown }
  ? StoredValue<K>
  : StoredValue<K> | undefined;

export function browserKeyNames(): BrowserKeyName[] {
  return (Object.keys(storedState) as (keyof State)[]).filter(
    (name): name is BrowserKeyName => storedState[name].area !== 'indexeddb',
  );
}

/** Whether `event` clears what is declared with `clearOn`: the user's sign-out is a sign-out too. */
function clears(clearOn: readonly WipeEvent[], event: WipeEvent): boolean {
  return clearOn.includes(event) || (event === 'user-logout' && clearOn.includes('logout'));
}

/** The keys of `area` that `event` removes. */
export function keysClearedOn(event: WipeEvent, area: BrowserArea): BrowserKeyName[] {
  return browserKeyNames().filter((name) => {
    const entry = storedState[name];
    return entry.area === area && clears(entry.clearOn, event);
  });
}

export function databaseClearedOn(event: WipeEvent): boolean {
  return clears(storedState.vaultDatabase.clearOn, event);
}

export function keptAsideClearedOn(event: WipeEvent): boolean {
  return clears(storedState.keptAside.clearOn, event);
}
