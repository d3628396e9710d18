import { describe, expect, it } from 'vitest';
import {
  emptyLogin,
  emptyNote,
  itemJsonBytes,
  MAX_ITEM_JSON_BYTES,
  normalizeItem,
  safeNormalizeItem,
} from './item';

describe('item model', () => {
  it('accepts blank logins and notes from the "new item" form', () => {
    expect(normalizeItem(emptyLogin('a', 1))).toEqual(emptyLogin('a', 1));
    expect(normalizeItem(emptyNote('b', 1))).toEqual(emptyNote('b', 1));
  });

  it('fills defaults, trims URLs and drops repeated ones', () => {
    const item = normalizeItem({
      id: 'a',
      type: 'login',
      createdAt: 1,
      updatedAt: 1,
      urls: [{ url: ' https://github.com ' }, { url: 'https://github.com', match: 'exact' }],
    });
    expect(item).toEqual({
      ...emptyLogin('a', 1),
      urls: [{ url: 'https://github.com', match: 'domain' }],
    });
  });

  it('keeps fields it does not know, so an older client does not erase a newer one’s data', () => {
    const item = normalizeItem({ ...emptyLogin('a', 1), passkeys: [{ rpId: 'github.com' }] });
    expect(item).toMatchObject({ passkeys: [{ rpId: 'github.com' }] });
  });

  it('rejects malformed items', () => {
    expect(safeNormalizeItem({ ...emptyLogin('a', 1), type: 'card' })).toBeUndefined();
    expect(safeNormalizeItem({ ...emptyLogin('a', 1), urls: [{ url: '' }] })).toBeUndefined();
    expect(safeNormalizeItem({ ...emptyLogin('', 1) })).toBeUndefined();
    expect(safeNormalizeItem({ ...emptyLogin('a', 1), title: 'x'.repeat(257) })).toBeUndefined();
  });

  it('rejects an item whose encrypted blob would not fit in 64 KiB', () => {
    // Each field is within its own limit; together they are too big.
    const big = {
      ...emptyLogin('a', 1),
      notes: 'é'.repeat(16_000), // two bytes each in UTF-8
      urls: Array.from({ length: 8 }, (_, i) => ({
        url: `https://${i}.example/${'p'.repeat(2000)}`,
      })),
    };
    expect(itemJsonBytes(big)).toBeGreaterThan(MAX_ITEM_JSON_BYTES);
    expect(() => normalizeItem(big)).toThrow(/larger than/);
    // The bound leaves room for nonce, tag and base64 under 64 KiB.
    expect(Math.ceil(((MAX_ITEM_JSON_BYTES + 40) * 4) / 3)).toBeLessThan(64 * 1024);
  });
});
