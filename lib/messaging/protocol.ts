/**
 * Every message between extension contexts and the background, in one place (STYLE.md rule 1).
 *
 * A message is `{ type, build, payload }`; the answer is `{ ok: true, data }` or
 * `{ ok: false, error }`. Each type names its payload schema (checked on receipt), its reply type
 * and the kinds of sender that may ask for it. The handler table in the background is a mapped type
 * over this, so a type without a handler does not compile.
 */
import { z } from 'zod';
import { autofillProtocol } from './autofill';
import { healthProtocol } from './health';
import { importProtocol } from './import';
import { passkeyProtocol } from './passkey';
import { inpageProtocol } from './inpage';
import { generatorOptionsSchema } from '@/lib/vault/generator-options';
import type { Item } from '@/lib/vault/item';
import type {
  AccountInfo,
  DeviceInfo,
  EmergencyKit,
  ExportedVault,
  PendingAccount,
  ResetPreview,
} from './account';
import type { DeviceLimit, DeviceSession, Plan } from './devices';
import type { ErrorDetails } from './errors';
import { MAX_LIST } from './limits';
import {
  both,
  email,
  empty,
  entry,
  itemId,
  pages,
  password,
  serverUrl,
  sessionId,
  type SenderKind,
} from './entry';
import { settingsPatchSchema, type Settings } from './settings';
import { sitePrefsProtocol } from './site-prefs';
import { totpProtocol } from './totp';
import type { AppStatus, ItemSummary, SyncStatus } from './status';

export type { FillOutcome, FillReason, FrameFillAnswer } from './autofill';
export type { TabCapture } from './totp';
export type { PasskeyEnrolment, PasskeyPause, PasskeyStatus } from './passkey';
export type { SenderKind } from './entry';
export {
  lockReasonSchema,
  lockStateSchema,
  type AppStatus,
  type ItemSummary,
  type LockReason,
  type LockState,
  type SyncProblem,
  type SyncStatus,
} from './status';

export type {
  AccountInfo,
  DeviceInfo,
  EmergencyKit,
  ExportedVault,
  KeptAsideStatus,
  KeptOffer,
  LastLock,
  PendingAccount,
  ResetPreview,
} from './account';
export type { DeviceLimit, DeviceSession, Plan };

/** An item as a page sends it: checked field by field in the background (lib/vault/item). */
const record = z.record(z.string(), z.unknown());

/** The protocol table: payload schema, reply type (as a phantom) and allowed senders. */
export const protocol = {
  'app.status': entry<AppStatus>()(empty, both),

  /**
   * Creating an account, step one: checks the form and has the server email a code to the address
   * (the answer never says whether the address already has an account). The form waits in the
   * background, so the popup may close while the user reads the email.
   */
  'account.verifyEmail': entry<PendingAccount>()(
    z.object({ email, password, hint: z.string().max(200), serverUrl }).strict(),
    pages,
  ),
  /** Another code for the waiting form; the newest one counts. */
  'account.resendCode': entry<PendingAccount>()(empty, pages),
  /** The account waiting for its code, to show the code step again (never its secrets), if any. */
  'account.pendingCreate': entry<{ pending?: PendingAccount }>()(empty, pages),
  /** Drops the waiting form (the user went back or changes the email). */
  'account.cancelCreate': entry<Record<string, never>>()(empty, pages),
  /** Step two: the emailed code creates the account from the waiting form. */
  'account.create': entry<EmergencyKit>()(z.object({ code: z.string().max(32) }).strict(), pages),
  /** Right after creation or a reset (kit pending), or shortly after 'account.revealKit'. */
  'account.kit': entry<EmergencyKit>()(empty, pages),
  'account.kitSaved': entry<AppStatus>()(empty, pages),
  /**
   * A free plan refuses a second device with 'device-limit' and the devices signed in (error
   * details); `signOutSessions` signs those out first, authorised by this sign-in's proof.
   */
  'account.signIn': entry<AppStatus>()(
    z
      .object({
        email,
        password,
        accountKey: z.string().max(100),
        serverUrl,
        signOutSessions: z.array(sessionId).max(10).optional(),
      })
      .strict(),
    pages,
  ),
  'account.signOut': entry<AppStatus>()(empty, pages),
  'account.info': entry<AccountInfo>()(empty, pages),
  /** Settings → Plan: a license code (typos caught by its check character) sets a new plan. */
  'account.redeemLicense': entry<{ plan: Plan }>()(
    z.object({ code: z.string().max(64) }).strict(),
    pages,
  ),
  /** Settings → Devices: signs another device out (this one signs out with account.signOut). */
  'account.signOutDevice': entry<AccountInfo>()(z.object({ sessionId }).strict(), pages),
  'account.signOutOthers': entry<AccountInfo & { revokedSessions: number }>()(empty, pages),
  /** Needs the current password (checked here and by the server); other devices are signed out. */
  'account.changePassword': entry<{ revokedSessions: number }>()(
    z
      .object({
        currentPassword: password,
        newPassword: password,
        hint: z.string().max(200).optional(),
      })
      .strict(),
    pages,
  ),
  /** Emails a reset link and code; this device keeps the handle that makes the code work here. */
  'account.requestReset': entry<{ sent: true }>()(z.object({ email, serverUrl }).strict(), pages),
  /** The reset request this device sent in the last 30 minutes, if any. */
  'account.resetPending': entry<{ email?: string; serverUrl?: string; expiresAt?: number }>()(
    empty,
    pages,
  ),
  /**
   * The reset email's link (pasted, or read from the tab by the popup) or code: checked with the
   * server and kept in the background for the reset page. `serverUrl` is the server this device
   * is set to use; a link to another server is refused.
   */
  'account.resetOpen': entry<ResetPreview>()(
    z
      .object({
        proof: z.union([
          z.object({ link: z.string().min(1).max(4096) }).strict(),
          z.object({ code: z.string().min(1).max(64) }).strict(),
        ]),
        serverUrl,
      })
      .strict(),
    pages,
  ),
  /** What the reset in progress will erase, checked with the server again. */
  'account.resetPreview': entry<ResetPreview>()(empty, pages),
  /**
   * Erases the vault and makes a new one on this device under the new password: new account key,
   * salt and vault key; this device ends signed in, with the new Emergency Kit pending.
   */
  'account.reset': entry<EmergencyKit>()(
    z.object({ password, hint: z.string().max(200) }).strict(),
    pages,
  ),
  /** The Emergency Kit again, after the account password is typed once more (unlocked only). */
  'account.revealKit': entry<EmergencyKit>()(z.object({ password }).strict(), pages),
  /**
   * Every item for the export page (only it: handlers/export.ts checks the sender's page), after
   * the account password is typed again (unlocked only); the page builds the file.
   */
  'export.items': entry<ExportedVault>()(z.object({ password }).strict(), pages),
  /** The account's signed-in devices, with when each was last seen and last unlocked. */
  'account.devices': entry<{ devices: DeviceInfo[] }>()(empty, pages),

  /**
   * Brings the items kept from before a reset into the open vault, as new items, with the old
   * password; then the kept data goes. A wrong password changes nothing.
   */
  'keptAside.bringIn': entry<{ broughtIn: number; notReadable: number }>()(
    z.object({ key: z.string().min(1).max(200), password }).strict(),
    pages,
  ),
  /** Deletes one kept set (the user chose to), or without a key everything kept aside. */
  'keptAside.delete': entry<AppStatus>()(
    z.object({ key: z.string().min(1).max(200).optional() }).strict(),
    pages,
  ),

  'session.unlock': entry<AppStatus>()(z.object({ password }).strict(), pages),
  'session.lock': entry<AppStatus>()(empty, pages),

  /**
   * One page of the items matching `query` (all items for ''), this site's first: `limit` of them
   * from `offset`. `matched` is the length of the whole list, `total` the items in the vault.
   * Pages fit together only while `revision` stays the same: it changes with the vault's content.
   */
  'vault.list': entry<{
    items: ItemSummary[];
    total: number;
    matched: number;
    revision: number;
  }>()(
    z
      .object({
        query: z.string().max(256),
        currentUrl: z.string().max(2048).optional(),
        offset: z.number().int().min(0).max(MAX_LIST).optional(),
        limit: z.number().int().min(1).max(MAX_LIST).optional(),
      })
      .strict(),
    pages,
  ),
  'vault.get': entry<Item>()(z.object({ id: itemId }).strict(), pages),
  /**
   * Creates (no id) or updates an item, validated with lib/vault/item; `base`: the item as the
   * editor opened it (an edit over a newer version merges, lib/vault/merge-edit.ts).
   */
  'vault.save': entry<Item>()(z.object({ item: record, base: record.optional() }).strict(), pages),
  'vault.delete': entry<{ id: string }>()(z.object({ id: itemId }).strict(), pages),
  /** Undo of the last delete of this item. */
  'vault.restore': entry<Item>()(z.object({ id: itemId }).strict(), pages),

  /** Unsaved edits, kept in the background so closing the popup loses nothing. */
  'draft.get': entry<{ draft?: Record<string, unknown> }>()(
    z.object({ key: z.string().max(80) }).strict(),
    pages,
  ),
  'draft.put': entry<{ saved: true }>()(
    z
      .object({ key: z.string().max(80), draft: z.record(z.string(), z.unknown()).optional() })
      .strict(),
    pages,
  ),

  'generator.generate': entry<{ value: string; entropyBits: number }>()(
    z.object({ options: generatorOptionsSchema }).strict(),
    pages,
  ),

  'settings.get': entry<Settings>()(empty, pages),
  'settings.set': entry<Settings>()(settingsPatchSchema, pages),

  'sync.now': entry<SyncStatus>()(empty, pages),
  /** Settings → Sync, from the popup only (handlers/sync-mode.ts): where the vault lives. */
  'sync.setMode': entry<SyncStatus>()(
    z.object({ mode: z.enum(['cloud', 'local']) }).strict(),
    pages,
  ),

  ...autofillProtocol,
  ...totpProtocol,
  ...inpageProtocol,
  ...sitePrefsProtocol,
  ...healthProtocol,
  ...importProtocol,
  ...passkeyProtocol,

  /** The popup copied a secret; clear the clipboard later if it still holds exactly that. */
  'clipboard.clearLater': entry<{ clearAt: number }>()(
    z.object({ value: z.string().max(4096) }).strict(),
    pages,
  ),
} as const satisfies Record<
  string,
  { payload: z.ZodType; reply: unknown; senders: readonly SenderKind[] }
>;

export type MessageType = keyof typeof protocol;
/** What a sender sends (defaults may be left out). */
export type Payload<K extends MessageType> = z.input<(typeof protocol)[K]['payload']>;
/** What a handler receives, after the router parsed the payload. */
export type Parsed<K extends MessageType> = z.output<(typeof protocol)[K]['payload']>;
export type Reply<K extends MessageType> = (typeof protocol)[K]['reply'];

export interface Message<K extends MessageType = MessageType> {
  type: K;
  build: string;
  payload: Payload<K>;
}

export type Answer<T> =
  | { ok: true; data: T }
  | { ok: false; error: { code: string; message: string; details?: ErrorDetails } };

export const envelopeSchema = z.object({
  type: z.string().min(1).max(64),
  build: z.string().min(1).max(64),
  payload: z.unknown(),
});

export function isMessageType(type: string): type is MessageType {
  return Object.hasOwn(protocol, type);
}
