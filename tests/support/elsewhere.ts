/**
 * What another device does to this one, for real, over the API (issue 11): reset the account
 * (the reset email is read from the server's outbox, and the new account key, salt and vault key
 * are made here with lib/crypto, as the extension's reset page makes them), or sign this device
 * out from Settings → Devices. For tests of what every OTHER device does about it; the reset page
 * and the devices list themselves are tested through the extension.
 */
import { formatAccountKey } from '@/lib/account-key';
import {
  createKdfParams,
  deriveAccountKeys,
  generateAccountKey,
  generateVaultKey,
  kdfParamsToWire,
  randomId,
  wipe,
  wrapVaultKey,
} from '@/lib/crypto';
import { opaqueRegister } from '@/entrypoints/background/services/opaque';
import { outboxMailbox } from '@/server/tests/mailbox';

/** The floor of Argon2id the client accepts: keeps tests fast. */
const FAST_KDF = { ops: 2, memBytes: 19 * 1024 * 1024 };

export interface ResetDone {
  password: string;
  /** The new account key (CF1-…). */
  accountKey: string;
  epoch: number;
  /** Just before the server confirmed the reset, by this process's clock. */
  startedAt: number;
}

async function post(serverUrl: string, path: string, body: unknown) {
  const response = await fetch(new URL(path, serverUrl), {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path} answered ${response.status}`);
  return response.json() as Promise<Record<string, unknown>>;
}

/**
 * An account created on another device, as the extension creates one (lib/crypto key material,
 * the emailed code read from the server's outbox): for tests that then sign a device in to it.
 */
export async function createAccountElsewhere(input: {
  serverUrl: string;
  dataDir: string;
  email: string;
  password: string;
  hint?: string;
}): Promise<{ accountId: string; accountKey: string }> {
  const { email, password } = input;
  const { verificationId } = (await post(input.serverUrl, '/v1/accounts/verify', { email })) as {
    verificationId: string;
  };
  const { code } = await outboxMailbox(input.dataDir).lastMail(email, 'verification');
  const accountKey = generateAccountKey();
  const kdf = createKdfParams(FAST_KDF);
  const keys = await deriveAccountKeys({ password, email, accountKey, kdf });
  const accountId = randomId();
  try {
    const wrappedVaultKey = await wrapVaultKey({
      kek: keys.kek,
      vk: generateVaultKey(),
      accountId,
      epoch: 1,
      kdf,
    });
    const registrationRecord = await opaqueRegister(
      keys.authSecret,
      async (registrationRequest) => {
        const started = await post(input.serverUrl, '/v1/accounts/register/start', {
          email,
          registrationRequest,
        });
        return { registrationResponse: started.registrationResponse as string };
      },
    );
    await post(input.serverUrl, '/v1/accounts/register/finish', {
      accountId,
      email,
      registrationRecord,
      kdf: kdfParamsToWire(kdf),
      wrappedVaultKey,
      verification: { id: verificationId, code: code! },
      ...(input.hint ? { hint: input.hint } : {}),
    });
    return { accountId, accountKey: formatAccountKey(accountKey) };
  } finally {
    wipe(keys.authSecret, keys.kek, accountKey);
  }
}

/** Asks for a reset of `email` and reads the link's token from the reset email that follows. */
async function resetTokenFor(serverUrl: string, dataDir: string, email: string): Promise<string> {
  const mailbox = outboxMailbox(dataDir);
  const resets = async () => (await mailbox.mails(email)).filter((m) => m.kind === 'reset');
  const before = (await resets()).length;
  await post(serverUrl, '/v1/account/reset/request', { email });
  for (let tries = 0; tries < 200; tries++) {
    const token = (await resets())[before]?.resetToken;
    if (token) return token;
    await new Promise((done) => setTimeout(done, 50));
  }
  throw new Error('no reset email arrived');
}

export async function resetElsewhere(input: {
  serverUrl: string;
  dataDir: string;
  email: string;
  accountId: string;
  password?: string;
  /** Argon2id cost of the new key material (tests use the floor). */
  kdf?: { ops: number; memBytes: number };
}): Promise<ResetDone> {
  const password = input.password ?? 'a brand new password after the reset';
  const proof = { token: await resetTokenFor(input.serverUrl, input.dataDir, input.email) };
  const accountKey = generateAccountKey();
  const kdf = createKdfParams(input.kdf ?? FAST_KDF);
  const keys = await deriveAccountKeys({ password, email: input.email, accountKey, kdf });
  let epoch = 0;
  const registrationRecord = await opaqueRegister(keys.authSecret, async (registrationRequest) => {
    const started = await post(input.serverUrl, '/v1/account/reset/start', {
      proof,
      registrationRequest,
    });
    epoch = started.epoch as number;
    return { registrationResponse: started.registrationResponse as string };
  });
  const wrappedVaultKey = await wrapVaultKey({
    kek: keys.kek,
    vk: generateVaultKey(),
    accountId: input.accountId,
    epoch,
    kdf,
  });
  const startedAt = Date.now();
  await post(input.serverUrl, '/v1/account/reset/confirm', {
    proof,
    epoch,
    registrationRecord,
    kdf: kdfParamsToWire(kdf),
    wrappedVaultKey,
  });
  return { password, accountKey: formatAccountKey(accountKey), epoch, startedAt };
}

/**
 * Signs out, from the device holding `token`, every other session named `deviceName` (or every
 * other session), as Settings → Devices does (DELETE /v1/account/sessions/:id). Returns how many.
 */
export async function signOutElsewhere(input: {
  serverUrl: string;
  token: string;
  deviceName?: string;
}): Promise<number> {
  const headers = { authorization: `Bearer ${input.token}` };
  const response = await fetch(new URL('/v1/account', input.serverUrl), { headers });
  if (!response.ok) throw new Error(`/v1/account answered ${response.status}`);
  const { sessions } = (await response.json()) as {
    sessions: { id: string; deviceName: string; current: boolean }[];
  };
  const others = sessions.filter(
    (s) => !s.current && (input.deviceName === undefined || s.deviceName === input.deviceName),
  );
  for (const session of others) {
    const url = new URL(`/v1/account/sessions/${session.id}`, input.serverUrl);
    const ended = await fetch(url, { method: 'DELETE', headers });
    if (!ended.ok) throw new Error(`DELETE /v1/account/sessions answered ${ended.status}`);
  }
  return others.length;
}
