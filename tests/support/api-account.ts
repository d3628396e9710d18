/**
 * An account made over the HTTP API with the extension's own crypto (lib/crypto, DESIGN §2), as
 * account creation makes it: the emailed verification code first, then OPAQUE registration with
 * an account key, salt and vault key generated here. A device then signs in with the returned
 * account key (`account.signIn`), so tests need not go through the popup's creation form.
 */
import { formatAccountKey } from '@/lib/account-key';
import { verifyEmailResponseSchema } from '@/lib/api';
import {
  createKdfParams,
  deriveAccountKeys,
  generateAccountKey,
  generateVaultKey,
  kdfParamsToWire,
  randomId,
  wrapVaultKey,
} from '@/lib/crypto';
import { createApiClient } from '@/lib/sync/client';
import { opaqueRegister } from '@/entrypoints/background/services/opaque';
import type { Mailbox } from '@/server/tests/mailbox';

/** The lowest Argon2id cost the client accepts: tests stay fast, the rules stay the same. */
export const FAST_KDF = { ops: 2, memBytes: 19 * 1024 * 1024 };

/** `serverUrl` may be a proxy in front of the server whose mail `mailbox` reads. */
export async function createAccountOverApi(input: {
  serverUrl: string;
  email: string;
  password: string;
  hint?: string;
  mailbox: Pick<Mailbox, 'lastMail'>;
}): Promise<{ accountId: string; accountKey: string }> {
  const verify = await fetch(new URL('/v1/accounts/verify', input.serverUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: input.email }),
  });
  const { verificationId } = verifyEmailResponseSchema.parse(await verify.json());
  const { code } = await input.mailbox.lastMail(input.email, 'verification');
  if (code === undefined) throw new Error('the verification email has no code');

  const accountKey = generateAccountKey();
  const kdf = createKdfParams(FAST_KDF);
  const keys = await deriveAccountKeys({
    password: input.password,
    email: input.email,
    accountKey,
    kdf,
  });
  const accountId = randomId();
  const api = createApiClient(input.serverUrl);
  const registrationRecord = await opaqueRegister(keys.authSecret, (registrationRequest) =>
    api.registerStart({ email: input.email, registrationRequest }),
  );
  await api.registerFinish({
    accountId,
    email: input.email,
    registrationRecord,
    kdf: kdfParamsToWire(kdf),
    wrappedVaultKey: await wrapVaultKey({
      kek: keys.kek,
      vk: generateVaultKey(),
      accountId,
      epoch: 1,
      kdf,
    }),
    verification: { id: verificationId, code },
    ...(input.hint ? { hint: input.hint } : {}),
  });
  return { accountId, accountKey: formatAccountKey(accountKey) };
}
