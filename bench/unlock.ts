/**
 * Unlock (DESIGN.md §7: ≤ 600 ms median, Argon2id 64 MiB, 3 passes, on this 2-core machine):
 * - in Node: the key derivation and the vault-key unwrap alone;
 * - in Chromium's service worker: the real `session.unlock` message of the built extension, from
 *   an extension page, on an account created with the default parameters (derivation, unwrap,
 *   loading the vault, storage.session).
 * - in Chromium's service worker, by passkey (issue 15): `passkey.unlock` with a PRF output, as
 *   the popup sends it after the authenticator answered (derivation of the wrapping key, unwrap,
 *   loading the vault); the authenticator's prompt is the user's time and not counted. The PRF
 *   output here is 32 random bytes the bench set up with: the worker cannot tell them apart.
 * Median of 5 runs each (20 by passkey). Needs `npm run build` first.
 */
import {
  createKdfParams,
  deriveAccountKeys,
  generateAccountKey,
  generateVaultKey,
  unwrapVaultKey,
  wrapVaultKey,
} from '../lib/crypto';
import { launchChromium } from '../tests/support/browsers';
import { messenger } from '../tests/support/messages';
import { builtExtensionDir } from '../tests/support/paths';
import { startE2eServer } from '../tests/support/server';
import { formatTable, median, type BenchRow } from './table';
import { createAccount } from '../tests/support/accounts';

const RUNS = 5;
const BUDGET_MS = 600;
const PASSWORD = 'bench-velvet-harbor-quiet-lantern';

async function inNode(): Promise<number[]> {
  const kdf = createKdfParams();
  const accountKey = generateAccountKey();
  const email = 'bench@example.com';
  const { kek } = await deriveAccountKeys({ password: PASSWORD, email, accountKey, kdf });
  const wrappedVk = await wrapVaultKey({
    kek,
    vk: generateVaultKey(),
    accountId: 'a',
    epoch: 1,
    kdf,
  });
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    const keys = await deriveAccountKeys({ password: PASSWORD, email, accountKey, kdf });
    await unwrapVaultKey({ kek: keys.kek, wrappedVk, accountId: 'a', epoch: 1, kdf });
    times.push(performance.now() - start);
  }
  return times;
}

async function inChromium(): Promise<{ password: number[]; passkey: number[] }> {
  const server = await startE2eServer({ defaultPlan: 'pro' });
  const extensionDir = builtExtensionDir('chromium');
  const chromium = await launchChromium({ extensionDir, serverUrl: server.url });
  try {
    const page = await chromium.openExtensionPage('/popup.html');
    const send = messenger(page, extensionDir);
    const email = `bench-${Date.now()}@example.com`;
    await createAccount(send, server, {
      email,
      password: PASSWORD,
      hint: '',
      serverUrl: server.url,
    });
    const times: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      await send('session.lock', {});
      const start = performance.now();
      const status = await send('session.unlock', { password: PASSWORD });
      times.push(performance.now() - start);
      if (status.state !== 'unlocked') throw new Error('unlock failed');
    }
    await send('passkey.begin', { password: PASSWORD });
    const answer = {
      credentialId: Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url'),
      prf: Buffer.from(crypto.getRandomValues(new Uint8Array(32))).toString('base64url'),
    };
    await send('passkey.enrol', answer);
    const byPasskey: number[] = [];
    for (let i = 0; i < RUNS * 4; i++) {
      await send('session.lock', {});
      const start = performance.now();
      const status = await send('passkey.unlock', answer);
      byPasskey.push(performance.now() - start);
      if (status.state !== 'unlocked') throw new Error('passkey unlock failed');
    }
    return { password: times, passkey: byPasskey };
  } finally {
    await chromium.close();
    await server.close();
  }
}

const row = (what: string, times: number[]): BenchRow => {
  const value = median(times);
  return {
    what,
    budget: `≤ ${BUDGET_MS} ms median`,
    measured: `${value.toFixed(0)} ms (min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)}, n=${times.length})`,
    ok: value <= BUDGET_MS,
  };
};

export async function run(): Promise<BenchRow[]> {
  const node = await inNode();
  const chromium = await inChromium();
  return [
    row('unlock: Argon2id 64 MiB ×3 + unwrap, Node', node),
    row('unlock: session.unlock in Chromium service worker', chromium.password),
    row('unlock by passkey: passkey.unlock in Chromium service worker', chromium.passkey),
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  console.log(formatTable(await run()));
}
