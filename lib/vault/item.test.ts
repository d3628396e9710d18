import { describe, expect, it } from 'vitest';
import {
  emptyCard,
  emptyIdentity,
  emptyLogin,
  emptyNote,
  ITEM_LIMITS,
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
    expect(safeNormalizeItem({ ...emptyLogin('a', 1), type: 'passkey' })).toBeUndefined();
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

describe('cards, identities and tags', () => {
  it('stores a card number as digits, whatever spaces or dashes it was typed with', () => {
    const card = normalizeItem({ ...emptyCard('c', 1), number: '4111 1111-1111 1111' });
    expect(card).toMatchObject({ type: 'card', number: '4111111111111111' });
    // A failed check digit is the editor's warning, not a reason to lose the card.
    expect(safeNormalizeItem({ ...emptyCard('c', 1), number: '4111111111111112' })).toBeDefined();
  });

  it('refuses card fields that cannot be a card’s', () => {
    const bad = [
      { number: '4111 abcd' },
      { number: '4'.repeat(ITEM_LIMITS.cardNumber + 1) },
      { expiry: '2029-13' },
      { expiry: '07/29' }, // stored as YYYY-MM; the editor converts
      { code: '12' },
      { code: '12345' },
      { cardholder: 'x'.repeat(ITEM_LIMITS.cardholder + 1) },
    ];
    for (const patch of bad) {
      expect(safeNormalizeItem({ ...emptyCard('c', 1), ...patch }), JSON.stringify(patch)).toBe(
        undefined,
      );
    }
    expect(
      safeNormalizeItem({ ...emptyCard('c', 1), code: '1234', expiry: '2029-07' }),
    ).toBeDefined();
  });

  it('accepts blank cards and identities and keeps fields a newer client added', () => {
    expect(normalizeItem(emptyCard('c', 1))).toEqual(emptyCard('c', 1));
    expect(normalizeItem(emptyIdentity('i', 1))).toEqual(emptyIdentity('i', 1));
    const identity = normalizeItem({ ...emptyIdentity('i', 1), passportNumber: 'X1' });
    expect(identity).toMatchObject({ passportNumber: 'X1' });
    const email = 'a'.repeat(ITEM_LIMITS.email + 1);
    expect(safeNormalizeItem({ ...emptyIdentity('i', 1), email })).toBeUndefined();
  });

  it('gives items written before tags existed no tags, and drops repeated tags', () => {
    const { tags: _none, ...old } = emptyNote('n', 1);
    expect(normalizeItem(old)).toMatchObject({ tags: [] });
    const tagged = normalizeItem({ ...emptyLogin('a', 1), tags: [' Work ', 'work', 'home'] });
    expect(tagged).toMatchObject({ tags: ['Work', 'home'] });
  });

  it('refuses too many tags or long ones, and drops empty ones', () => {
    const many = Array.from({ length: ITEM_LIMITS.tags + 1 }, (_, i) => `t${i}`);
    expect(safeNormalizeItem({ ...emptyNote('n', 1), tags: many })).toBeUndefined();
    const long = ['x'.repeat(ITEM_LIMITS.tag + 1)];
    expect(safeNormalizeItem({ ...emptyNote('n', 1), tags: long })).toBeUndefined();
    expect(normalizeItem({ ...emptyNote('n', 1), tags: ['  ', 'bank'] })).toMatchObject({
      tags: ['bank'],
    });
  });
});
