/**
 * Test helpers for the background: a real sync server on 127.0.0.1 (server/tests/harness) and
 * "another device" that speaks the real protocol with the real crypto, so background tests can
 * watch what a second device sees and make it edit concurrently.
 */
import { parseAccountKey } from '@/lib/account-key';
import {
  createKdfParams,
  deriveAccountKeys,
  kdfParamsFromWire,
  kdfParamsToWire,
  openJson,
  sealJson,
  unwrapVaultKey,
  wrapVaultKey,
  type VaultKeyContext,
} from '@/lib/crypto';
import { normalizeItem, type Item } from '@/lib/vault/item';
import { sealedTombstone } from '@/lib/vault/sealed';
import { createApiClient, type ApiClient } from '@/lib/sync/client';
import { opaqueLogin, opaqueProve, opaqueRegister } from '@/entrypoints/background/services/opaque';

export interface OtherDevice {
  email: string;
  /** The account key this device signed in with (CF1-…). */
  accountKey: string;
  api: ApiClient;
  token: string;
  /** This device's session id (what another device signs it out by). */
  sessionId: string;
  ctx: Omit<VaultKeyContext, 'kek' | 'kdf'> & { vk: Uint8Array };
  /** Every live item on the server, decrypted. */
  items(): Promise<Map<string, { item: Item; rev: number }>>;
  /** Pushes an edit based on `baseRev`; returns the server's answer. */
  push(item: Item, baseRev: number): ReturnType<ApiClient['push']>;
  /** Deletes an item as the extension does: a sealed tombstone carrying `revision`. */
  remove(id: string, baseRev: number, revision: number): ReturnType<ApiClient['push']>;
  /** Changes the account password from this device, as its own client would. */
  changePassword(newPassword: string): ReturnType<ApiClient['changePassword']>;
  /** Redeems a license code for the account (e.g. one from the test server's `issueLicense`). */
  redeemLicense(code: string): Promise<{ plan: string }>;
}

export async function signInOtherDevice(input: {
  serverUrl: string;
  email: string;
  password: string;
  accountKey: string;
  /** 'other device' unless given (Settings → Devices and notices show it). */
  deviceName?: string;
}): Promise<OtherDevice> {
  const api = createApiClient(input.serverUrl);
  const { kdf: wire } = await api.prelogin(input.email);
  const kdf = kdfParamsFromWire(wire);
  const keys = await deriveAccountKeys({
    password: input.password,
    email: input.email,
    accountKey: parseAccountKey(input.accountKey),
    kdf,
  });
  const login = await opaqueLogin(api, {
    email: input.email,
    authSecret: keys.authSecret,
    deviceName: input.deviceName ?? 'other device',
  });
  const vk = await unwrapVaultKey({
    kek: keys.kek,
    wrappedVk: login.wrappedVaultKey,
    accountId: login.accountId,
    epoch: login.epoch,
    kdf,
  });
  const ctx = { vk, accountId: login.accountId, epoch: login.epoch };
  return {
    email: input.email,
    accountKey: input.accountKey,
    api,
    token: login.token,
    sessionId: login.sessionId,
    ctx,
    async items() {
      const all = new Map<string, { item: Item; rev: number }>();
      let since = 0;
      for (;;) {
        const page = await api.pull(login.token, since, 1000);
        for (const entry of page.items) {
          if (entry.deleted || !entry.blob) {
            all.delete(entry.id);
            continue;
          }
          const value = await openJson({ ...ctx, itemId: entry.id, blob: entry.blob });
          all.set(entry.id, { item: normalizeItem(value), rev: entry.rev });
        }
        since = page.rev;
        if (!page.more) return all;
      }
    },
    async changePassword(newPassword) {
      const newKdf = createKdfParams({ ops: 2, memBytes: 19 * 1024 * 1024 });
      const next = await deriveAccountKeys({
        password: newPassword,
        email: input.email,
        accountKey: parseAccountKey(input.accountKey),
        kdf: newKdf,
      });
      const currentLogin = await opaqueProve(api, {
        email: input.email,
        authSecret: keys.authSecret,
      });
      const registrationRecord = await opaqueRegister(next.authSecret, (request) =>
        api.passwordStart(login.token, request),
      );
      const wrappedVaultKey = await wrapVaultKey({ ...ctx, kek: next.kek, kdf: newKdf });
      return api.changePassword(login.token, {
        currentLogin,
        registrationRecord,
        kdf: kdfParamsToWire(newKdf),
        wrappedVaultKey,
      });
    },
    async redeemLicense(code) {
      const res = await fetch(new URL('/v1/license/redeem', input.serverUrl), {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${login.token}` },
        body: JSON.stringify({ code }),
      });
      const body = (await res.json()) as { plan: string };
      if (!res.ok) throw new Error(`license redeem refused: ${res.status} ${JSON.stringify(body)}`);
      return body;
    },
    async remove(id, baseRev, revision) {
      const blob = await sealJson({ ...ctx, itemId: id, value: sealedTombstone(id, revision) });
      return api.push(login.token, {
        epoch: ctx.epoch,
        changes: [{ id, baseRev, deleted: true, blob }],
      });
    },
    async push(item, baseRev) {
      const blob = await sealJson({ ...ctx, itemId: item.id, value: item });
      return api.push(login.token, { epoch: ctx.epoch, changes: [{ id: item.id, baseRev, blob }] });
    },
  };
}
