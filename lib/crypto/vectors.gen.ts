/**
 * Writes lib/crypto/vectors.json: known answers for the key derivation, the vault key wrap, item
 * sealing, and the account key and setup code text formats. vectors.test.ts recomputes every answer
 * from the inputs and compares, so any change to a derivation or a format fails the tests.
 *
 * The vectors are frozen: data already encrypted depends on them. Regenerate only for an intended
 * format change (which also needs a new version number), with:
 *
 *   npx tsx lib/crypto/vectors.gen.ts --force
 */
import { existsSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { formatAccountKey, parseAccountKey } from '../account-key/account-key';
import { encodeSetupCode } from '../account-key/setup-code';
import { itemAad, vaultKeyAad } from './aad';
import { fromHex, toHex, utf8 } from './bytes';
import { FORMAT_VERSION } from './envelope';
import { sealItemWithNonce, sealJsonWithNonce } from './item';
import { deriveAccountKeys } from './kdf';
import { kdfParamsFromWire, type KdfParamsWire } from './kdf-params';
import { wrapVaultKeyWithNonce } from './vault-key';

const MiB = 1024 * 1024;
const out = fileURLToPath(new URL('./vectors.json', import.meta.url));
if (existsSync(out) && !process.argv.includes('--force')) {
  console.error(`${out} exists and is frozen; pass --force to overwrite it on purpose.`);
  process.exit(1);
}

/** 0x00, 0x01, … as a fixed, recognisable byte pattern. */
function pattern(start: number, length: number): Uint8Array {
  return Uint8Array.from({ length }, (_, i) => (start + i * 7) & 0xff);
}

const derivationInputs = [
  {
    // Precomposed é and ä/ö, a ligature and a circled digit: NFKD matters.
    password: 'Caf\u00e9 \ufb01 \u2460 p\u00e4ssw\u00f6rd',
    equivalentPasswords: ['Cafe\u0301 fi 1 pa\u0308sswo\u0308rd'],
    email: '  Alice.Example@Example.COM ',
    accountKey: toHex(pattern(0x10, 16)),
    kdf: { alg: 'argon2id13', ops: 2, memBytes: 19 * MiB, salt: 'AAECAwQFBgcICQoLDA0ODw' },
  },
  {
    password: 'correct horse battery staple',
    equivalentPasswords: [],
    email: 'bob@example.test',
    accountKey: toHex(pattern(0xa0, 16)),
    kdf: { alg: 'argon2id13', ops: 3, memBytes: 64 * MiB, salt: '8PHy8_T19vf4-fr7_P3-_w' },
  },
] satisfies Array<{ kdf: KdfParamsWire } & Record<string, unknown>>;

const derivation = [];
for (const input of derivationInputs) {
  const keys = await deriveAccountKeys({
    password: input.password,
    email: input.email,
    accountKey: fromHex(input.accountKey),
    kdf: kdfParamsFromWire(input.kdf),
  });
  derivation.push({ ...input, authSecret: toHex(keys.authSecret), kek: toHex(keys.kek) });
}

const vaultKeyInputs = [
  { derivation: 0, vk: toHex(pattern(0x40, 32)), accountId: 'acc_0001', epoch: 1 },
  { derivation: 1, vk: toHex(pattern(0x41, 32)), accountId: 'Ünïcode-account', epoch: 2 ** 40 + 7 },
];
const vaultKeys = [];
for (const [index, input] of vaultKeyInputs.entries()) {
  const from = derivation[input.derivation];
  if (!from) throw new Error('no such derivation');
  const kdf = kdfParamsFromWire(from.kdf);
  const nonce = pattern(0x60 + index, 24);
  const context = { kek: fromHex(from.kek), accountId: input.accountId, epoch: input.epoch, kdf };
  vaultKeys.push({
    ...input,
    kek: from.kek,
    kdf: from.kdf,
    nonce: toHex(nonce),
    aad: toHex(vaultKeyAad(input.accountId, input.epoch, kdf)),
    wrappedVk: await wrapVaultKeyWithNonce({ ...context, vk: fromHex(input.vk) }, nonce),
  });
}

const vk = fromHex(vaultKeyInputs[0]?.vk ?? '');
const itemInputs = [
  { accountId: 'acc_0001', epoch: 1, itemId: 'item-0001', plaintextHex: toHex(utf8('hello')) },
  { accountId: 'acc_0001', epoch: 1, itemId: 'item-0002', plaintextHex: '' },
  { accountId: 'acc_0001', epoch: 3, itemId: 'QUJDREVGR0hJSktMTU5PUA', plaintextHex: 'ff00ff' },
];
const items = [];
for (const [index, input] of itemInputs.entries()) {
  const nonce = pattern(0x80 + index, 24);
  const context = { vk, accountId: input.accountId, epoch: input.epoch, itemId: input.itemId };
  items.push({
    ...input,
    vk: toHex(vk),
    nonce: toHex(nonce),
    aad: toHex(itemAad(input.accountId, input.epoch, input.itemId, FORMAT_VERSION)),
    blob: await sealItemWithNonce({ ...context, plaintext: fromHex(input.plaintextHex) }, nonce),
  });
}
const jsonValue = { type: 'login', name: 'Bänk', username: 'alice', password: 'hunter2', urls: [] };
const jsonNonce = pattern(0x90, 24);
const jsonContext = { vk, accountId: 'acc_0001', epoch: 1, itemId: 'item-json' };
const jsonItems = [
  {
    ...jsonContext,
    vk: toHex(vk),
    value: jsonValue,
    nonce: toHex(jsonNonce),
    blob: await sealJsonWithNonce({ ...jsonContext, value: jsonValue }, jsonNonce),
  },
];

const accountKeys = [
  new Uint8Array(16),
  new Uint8Array(16).fill(0xff),
  pattern(0x10, 16),
  pattern(0xa0, 16),
].map((bytes) => ({ bytes: toHex(bytes), text: formatAccountKey(bytes) }));
const typed = accountKeys[2]?.text ?? '';
const accountKeyInputs = [
  typed.toLowerCase(),
  typed.replace(/-/g, ' '),
  typed.slice(4).replace(/-/g, ''),
  typed.replace(/0/g, 'O').replace(/1/g, 'I'),
].map((text) => ({ text, bytes: toHex(parseAccountKey(text)) }));

const setupCodes = [
  {
    email: 'Alice+Vault@Example.com',
    serverUrl: 'https://vault.example.com/',
    accountKey: pattern(0x10, 16),
  },
  { email: 'bob@example.test', serverUrl: 'http://127.0.0.1:8787', accountKey: pattern(0xa0, 16) },
].map((input) => ({ ...input, accountKey: toHex(input.accountKey), code: encodeSetupCode(input) }));

const vectors = {
  about:
    'Cassaforte known-answer vectors (DESIGN.md §2). Hex unless named otherwise; kdf in wire form. ' +
    'Frozen: see lib/crypto/vectors.gen.ts.',
  derivation,
  vaultKeys,
  items,
  jsonItems,
  accountKeys,
  accountKeyInputs,
  setupCodes,
};
// Non-ASCII as \u escapes, so no editor can silently re-normalise the Unicode test inputs.
const json = JSON.stringify(vectors, null, 2).replace(
  /[\u0080-\uffff]/g,
  (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`,
);
writeFileSync(out, `${json}\n`);
console.log(`wrote ${out}`);
