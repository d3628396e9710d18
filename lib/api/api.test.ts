import { describe, expect, it } from 'vitest';
import {
  emailSchema,
  kdfParamsSchema,
  LIMITS,
  loginFinishResponseSchema,
  syncChangeSchema,
  syncItemSchema,
  syncPushRequestSchema,
  syncQuerySchema,
} from './index';

const kdf = {
  alg: 'argon2id13',
  ops: 3,
  memBytes: 64 * 1024 * 1024,
  salt: 'AAAAAAAAAAAAAAAAAAAAAA',
};

describe('lib/api schemas', () => {
  it('normalises emails the way the server compares them', () => {
    expect(emailSchema.parse('  Alice@Example.COM ')).toBe('alice@example.com');
    expect(emailSchema.safeParse('not an email').success).toBe(false);
    expect(emailSchema.safeParse(`${'a'.repeat(250)}@b.co`).success).toBe(false);
  });

  it('accepts only sane Argon2id parameters with a canonical 16-byte salt', () => {
    expect(kdfParamsSchema.parse(kdf)).toEqual(kdf);
    for (const bad of [
      { ...kdf, alg: 'argon2i13' },
      { ...kdf, ops: 1 },
      { ...kdf, memBytes: 8 * 1024 * 1024 },
      { ...kdf, memBytes: 64 * 1024 * 1024 + 1 },
      { ...kdf, memBytes: 2 * 1024 * 1024 * 1024 },
      { ...kdf, salt: 'AAAAAAAAAAAAAAAAAAAAAB' },
      { ...kdf, salt: 'AAAA' },
      { ...kdf, extra: 1 },
    ]) {
      expect(kdfParamsSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
  });

  it('describes changes and items strictly', () => {
    expect(syncChangeSchema.safeParse({ id: 'a', baseRev: 0, blob: 'AA' }).success).toBe(true);
    expect(syncChangeSchema.safeParse({ id: 'a', baseRev: 2, deleted: true }).success).toBe(true);
    expect(syncChangeSchema.safeParse({ id: 'a', baseRev: 2 }).success).toBe(false);
    expect(syncChangeSchema.safeParse({ id: 'a', baseRev: 0, deleted: true }).success).toBe(false);
    expect(
      syncChangeSchema.safeParse({ id: 'a', baseRev: 1, blob: 'A'.repeat(LIMITS.blobChars + 1) })
        .success,
    ).toBe(false);
    // A delete carries its sealed tombstone (DESIGN §4); one stored before that carries none.
    expect(syncItemSchema.safeParse({ id: 'a', rev: 1, deleted: true, blob: 'AA' }).success).toBe(
      true,
    );
    expect(syncItemSchema.safeParse({ id: 'a', rev: 1, deleted: true, blob: null }).success).toBe(
      true,
    );
    expect(
      syncChangeSchema.safeParse({ id: 'a', baseRev: 2, deleted: true, blob: 'AA' }).success,
    ).toBe(true);
    expect(syncItemSchema.safeParse({ id: 'a', rev: 1, deleted: false, blob: null }).success).toBe(
      false,
    );
    const dup = {
      epoch: 1,
      changes: [
        { id: 'a', baseRev: 0, blob: 'AA' },
        { id: 'a', baseRev: 0, blob: 'AB' },
      ],
    };
    expect(syncPushRequestSchema.safeParse(dup).success).toBe(false);
  });

  it('parses the sync query with defaults and bounds', () => {
    expect(syncQuerySchema.parse({})).toEqual({ since: 0, limit: LIMITS.pageDefault });
    expect(syncQuerySchema.parse({ since: '12', limit: '3' })).toEqual({ since: 12, limit: 3 });
    for (const bad of [
      { since: '-1' },
      { limit: '0' },
      { limit: '1001' },
      { since: '1.5' },
      { x: '1' },
    ]) {
      expect(syncQuerySchema.safeParse(bad).success).toBe(false);
    }
  });

  it('lets the extension reject a hostile login answer', () => {
    const good = {
      token: 'A'.repeat(43),
      sessionId: 'A'.repeat(22),
      expiresAt: 1,
      accountId: 'A'.repeat(22),
      email: 'a@b.co',
      epoch: 1,
      rev: 0,
      plan: 'free',
      kdf,
      wrappedVaultKey: 'A'.repeat(96),
      hint: null,
    };
    expect(loginFinishResponseSchema.safeParse(good).success).toBe(true);
    // Weak numbers pass the shape check, for the client's own refusal to name them ('weak-kdf').
    expect(loginFinishResponseSchema.safeParse({ ...good, kdf: { ...kdf, ops: 1 } }).success).toBe(
      true,
    );
    expect(
      loginFinishResponseSchema.safeParse({ ...good, kdf: { ...kdf, salt: 'short' } }).success,
    ).toBe(false);
    expect(
      loginFinishResponseSchema.safeParse({ ...good, wrappedVaultKey: 'A'.repeat(10_000) }).success,
    ).toBe(false);
    // Unknown fields from a newer server are dropped, not trusted.
    expect(loginFinishResponseSchema.parse({ ...good, extra: 'x' })).not.toHaveProperty('extra');
  });
});
