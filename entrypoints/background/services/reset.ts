/**
 * The account reset, completed in the extension (DESIGN §5): the request keeps the server's handle
 * so the emailed short code works on this device; a link or a code opens the reset; the new
 * password then gets a new account key, salt and vault key made here (new-vault.ts, as for a new
 * account), the server swaps them in and erases the items, and this device is signed in to the
 * new, empty vault with its new Emergency Kit to save.
 *
 * The proof (the link's token, or handle and code) stays in the background, in memory only: the
 * reset page asks for what it shows and never holds the token, so it is in no page's URL.
 */
import type { ResetProof, ResetStartResponse } from '@/lib/api';
import {
  isLinkForServer,
  parseEmail,
  parseResetLink,
  parseServerUrl,
  parseShortCode,
} from '@/lib/account-key';
import { kdfParamsToWire, wrapVaultKey } from '@/lib/crypto';
import { ProtocolError } from '@/lib/messaging/errors';
import type { EmergencyKit, ResetPreview } from '@/lib/messaging/protocol';
import { getStored, removeStored, setStored } from '@/lib/storage/store';
import { checked } from './account-keys';
import { newVaultKeys, openNewVault } from './new-vault';
import { opaqueRegister, throwawayRegistrationRequest } from './opaque';
import type { AccountFlowDeps } from './sign-in';

/** A reset email works for 30 minutes (DESIGN §5); so do the handle and a proof given to us. */
export const RESET_WINDOW_MS = 30 * 60_000;

/** How the popup or the reset page hands over the email's proof. */
export type ResetProofInput = { link: string } | { code: string };

export function createReset(deps: AccountFlowDeps) {
  const { store, session, api, now } = deps;

  /** The request this device sent, while its email is still good. */
  async function pendingRequest() {
    const request = await getStored('resetRequest');
    if (request && request.at + RESET_WINDOW_MS > now()) return request;
    if (request) await removeStored('resetRequest');
    return undefined;
  }

  /** The server and the wire proof for what the user gave; refuses what cannot be right. */
  async function resolve(input: ResetProofInput, configuredServer: string) {
    const request = await pendingRequest();
    if ('code' in input) {
      const code = parseShortCode(input.code);
      if (code === null) throw new ProtocolError('reset-code-invalid', 'That is not a reset code.');
      if (!request) {
        throw new ProtocolError(
          'reset-no-request',
          'This device sent no reset request in the last 30 minutes: paste the link instead.',
        );
      }
      const proof: ResetProof = { handle: request.handle, code };
      return { serverUrl: request.serverUrl, proof };
    }
    const link = parseResetLink(input.link);
    if (!link) throw new ProtocolError('reset-link-invalid', 'That is not a reset link.');
    const account = await store.getAccount();
    const servers = [account?.serverUrl, request?.serverUrl, configuredServer];
    if (!isLinkForServer(link, servers)) {
      throw new ProtocolError(
        'reset-other-server',
        'The link is for a server this device does not use.',
      );
    }
    const proof: ResetProof = { token: link.token };
    return { serverUrl: link.serverUrl, proof };
  }

  /** This device may hold another account; a reset signs it in to the reset one. */
  async function refuseOtherAccount(email: string, serverUrl: string) {
    const account = await store.getAccount();
    if (account && (account.email !== email || account.serverUrl !== serverUrl)) {
      throw new ProtocolError(
        'reset-other-account',
        'This device is signed in to another account. Sign out here first.',
      );
    }
  }

  /** Asks the server what the proof resets, without using it up or sending any key material. */
  async function check(serverUrl: string, proof: ResetProof): Promise<ResetStartResponse> {
    return api(serverUrl).resetStart({
      proof,
      registrationRequest: await throwawayRegistrationRequest(),
    });
  }

  async function inProgress() {
    const current = await getStored('resetInProgress');
    if (current && current.at + RESET_WINDOW_MS > now()) return current;
    if (current) await removeStored('resetInProgress');
    throw new ProtocolError('reset-none', 'Open the link from the reset email first.');
  }

  /** The server no longer takes this proof (used, expired): forget it, then say so. */
  async function forgetRefused(error: unknown): Promise<never> {
    if (
      error instanceof ProtocolError &&
      (error.code === 'reset-link-invalid' || error.code === 'reset-code-invalid')
    ) {
      await removeStored('resetInProgress');
    }
    throw error;
  }

  const previewOf = (current: {
    email: string;
    serverUrl: string;
    itemCount: number;
    plan: string;
  }): ResetPreview => ({
    email: current.email,
    serverUrl: current.serverUrl,
    itemCount: current.itemCount,
    plan: current.plan,
  });

  return {
    /** Asks for the email; the answer is the same whether or not the account exists. */
    async request(input: { email: string; serverUrl: string }) {
      const email = checked(() => parseEmail(input.email));
      const serverUrl = checked(() => parseServerUrl(input.serverUrl));
      const { handle } = await api(serverUrl).requestReset(email);
      await setStored('resetRequest', { handle, email, serverUrl, at: now() });
      return { sent: true as const };
    },

    /** The request whose code works here, if any (the popup says where it was sent). */
    async pending(): Promise<{ email?: string; serverUrl?: string; expiresAt?: number }> {
      const request = await pendingRequest();
      return request
        ? {
            email: request.email,
            serverUrl: request.serverUrl,
            expiresAt: request.at + RESET_WINDOW_MS,
          }
        : {};
    },

    /** Takes the link or code, checks it with the server, and keeps it for the reset page. */
    async open(input: { proof: ResetProofInput; serverUrl: string }): Promise<ResetPreview> {
      const { serverUrl, proof } = await resolve(input.proof, input.serverUrl);
      const started = await check(serverUrl, proof);
      const email = checked(() => parseEmail(started.email));
      await refuseOtherAccount(email, serverUrl);
      const current = { serverUrl, proof, email, itemCount: started.itemCount, plan: started.plan };
      await setStored('resetInProgress', { ...current, at: now() });
      return previewOf(current);
    },

    /** What the reset in progress erases, asked from the server again (it may be used by now). */
    async preview(): Promise<ResetPreview> {
      const current = await inProgress();
      await refuseOtherAccount(current.email, current.serverUrl);
      const started = await check(current.serverUrl, current.proof).catch(forgetRefused);
      const updated = { ...current, itemCount: started.itemCount, plan: started.plan };
      await setStored('resetInProgress', updated);
      return previewOf(updated);
    },

    /**
     * Erases the vault and starts a new one under the new password (the old one may be reused):
     * new account key, salt and vault key from this device, the server's OPAQUE registration, then
     * a sign-in to the new vault. Returns the new Emergency Kit.
     */
    async confirm(input: { password: string; hint: string }): Promise<EmergencyKit> {
      const current = await inProgress();
      const { serverUrl, proof, email } = current;
      await refuseOtherAccount(email, serverUrl);
      const material = await newVaultKeys({ email, password: input.password, cost: deps.kdf });
      const { keys, kdf, vk } = material;
      const client = api(serverUrl);
      try {
        let started: ResetStartResponse | undefined;
        const registrationRecord = await opaqueRegister(keys.authSecret, async (request) => {
          started = await client.resetStart({ proof, registrationRequest: request });
          return started;
        }).catch(forgetRefused);
        const { accountId, epoch } = started!;
        if (started!.email !== email) {
          throw new ProtocolError('server-malformed', 'The server changed the account reset.');
        }
        const wrappedVaultKey = await wrapVaultKey({ kek: keys.kek, vk, accountId, epoch, kdf });
        const hint = input.hint.trim() || undefined;
        const confirmed = await client
          .resetConfirm({
            proof,
            epoch,
            registrationRecord,
            kdf: kdfParamsToWire(kdf),
            wrappedVaultKey,
            hint,
          })
          .catch(forgetRefused);
        if (confirmed.accountId !== accountId || confirmed.epoch !== epoch) {
          throw new ProtocolError('server-malformed', 'The server reset another account.');
        }
        // The proof is used up, and the request's handle goes with it.
        await removeStored('resetInProgress', 'resetRequest');
        // This device's copy of the old vault cannot sync any more: the same forced sign-out as
        // when a reset is noticed from elsewhere.
        if (await store.getAccount()) {
          await session.signOutKeepingData('account-reset', { at: deps.now() });
        }
        return await openNewVault(deps, client, {
          accountId,
          email,
          serverUrl,
          epoch,
          wrappedVaultKey,
          hint,
          material,
        });
      } finally {
        material.wipe();
      }
    },
  };
}

export type ResetFlow = ReturnType<typeof createReset>;
