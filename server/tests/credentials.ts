import { createCipheriv, createHmac, randomBytes } from 'node:crypto';
import { emailSchema } from '../../lib/api/common';
import type { KdfParams } from '../../lib/api/kdf';

/**
 * Test identities and the test client's key derivation, a stand-in for lib/crypto (HMAC instead
 * of Argon2id + BLAKE2b): the server cannot tell the difference, and the tests stay fast.
 */
export interface Credentials {
  email: string;
  password: string;
  accountKey: string;
}

/** Stand-in for DESIGN §2: auth secret and KEK from password, account key and email. */
export function derive(c: Credentials, salt: string) {
  // Keys mix in the normalised email (what the server compares), as lib/crypto must too.
  const email = emailSchema.parse(c.email);
  const m = createHmac('sha256', c.accountKey).update(`${c.password}\0${email}\0${salt}`).digest();
  return {
    authSecret: createHmac('sha256', m).update('CFauth01').digest('base64url'),
    kek: createHmac('sha256', m).update('CFwrap01').digest(),
  };
}

export function newKdf(): KdfParams {
  return {
    alg: 'argon2id13',
    ops: 3,
    memBytes: 64 * 1024 * 1024,
    salt: randomBytes(16).toString('base64url'),
  };
}

export function seal(key: Buffer, plaintext: string): string {
  const nonce = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, nonce);
  const ct = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return Buffer.concat([nonce, ct]).toString('base64url');
}

let counter = 0;
export function uniqueEmail(tag = 'user'): string {
  counter += 1;
  return `${tag}.${counter}.${randomBytes(4).toString('hex')}@Example.test`;
}

export function credentials(tag = 'user'): Credentials {
  return {
    email: uniqueEmail(tag).toLowerCase(),
    password: `pw-${randomBytes(8).toString('hex')}`,
    accountKey: `CF1-${randomBytes(16).toString('hex')}`,
  };
}
