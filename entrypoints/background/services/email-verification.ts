/**
 * The first step of a new account (DESIGN §5): the server emails a code to the address, and the
 * account is created only with it. Between the two the popup may close (the user goes to read the
 * email), so the form waits here, in memory-only storage, for at most an hour.
 *
 * The server answers the same whether or not the address already has an account (its owner gets a
 * notice instead of a code), and so does everything here: no step tells the two apart.
 */
import { parseEmail, parseServerUrl } from '@/lib/account-key';
import { ProtocolError } from '@/lib/messaging/errors';
import { MIN_PASSWORD_LENGTH } from '@/lib/messaging/limits';
import type { PendingAccount } from '@/lib/messaging/protocol';
import type { StoredValue } from '@/lib/storage/keys';
import { getStored, removeStored, setStored } from '@/lib/storage/store';
import type { ApiClient } from '@/lib/sync/client';
import { checked } from './account-keys';

/** After this the form is dropped: its password should not linger in memory. */
export const PENDING_ACCOUNT_MS = 60 * 60_000;

export interface NewAccountForm {
  email: string;
  password: string;
  hint: string;
  serverUrl: string;
}

type Pending = StoredValue<'pendingAccount'>;

/** The checks of a new account's form, before any email is sent. */
export function checkNewAccount(input: NewAccountForm): NewAccountForm {
  const email = checked(() => parseEmail(input.email));
  const serverUrl = checked(() => parseServerUrl(input.serverUrl));
  if (input.password.length < MIN_PASSWORD_LENGTH) {
    throw new ProtocolError('weak-password', `Choose at least ${MIN_PASSWORD_LENGTH} characters.`);
  }
  return { email, serverUrl, password: input.password, hint: input.hint.trim() };
}

export function createEmailVerification(deps: {
  api: (serverUrl: string) => ApiClient;
  now: () => number;
}) {
  const { api, now } = deps;

  async function send(form: NewAccountForm): Promise<PendingAccount> {
    const { verificationId } = await api(form.serverUrl).verifyEmail(form.email);
    const pending: Pending = { ...form, verificationId, sentAt: now() };
    await setStored('pendingAccount', pending);
    return publicPart(pending);
  }

  async function current(): Promise<Pending | undefined> {
    const pending = await getStored('pendingAccount');
    if (pending && now() - pending.sentAt > PENDING_ACCOUNT_MS) {
      await removeStored('pendingAccount');
      return undefined;
    }
    return pending;
  }

  return {
    /** Checks the form, asks the server to email a code, and keeps the form for the code. */
    start: (input: NewAccountForm) => send(checkNewAccount(input)),

    /** A new code for the same form (the newest one counts). */
    async resend(): Promise<PendingAccount> {
      const pending = await current();
      if (!pending) throw new ProtocolError('invalid-code', 'Start again: the form has expired.');
      return send(pending);
    },

    /** The form waiting for its code, for the popup to show again; its password included. */
    async pending(): Promise<(PendingAccount & { password: string }) | undefined> {
      const pending = await current();
      return pending && { ...publicPart(pending), password: pending.password };
    },

    /** What the account is created from. */
    current,

    forget: () => removeStored('pendingAccount'),
  };
}

function publicPart(pending: Pending): PendingAccount {
  return {
    email: pending.email,
    serverUrl: pending.serverUrl,
    hint: pending.hint,
    sentAt: pending.sentAt,
  };
}

export type EmailVerification = ReturnType<typeof createEmailVerification>;
