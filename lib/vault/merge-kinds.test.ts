import { describe, expect, it } from 'vitest';
import { type CardItem, emptyCard, emptyIdentity, emptyNote, type IdentityItem } from './item';
import { mergeItems } from './merge';
import { mergeTags } from './merge-tags';

const card: CardItem = {
  ...emptyCard('card-1', 1_000),
  title: 'Everyday Visa',
  cardholder: 'Ada Lovelace',
  number: '4111111111111111',
  expiry: '2027-04',
  code: '123',
  tags: ['finance'],
};

const at = <T extends object>(item: T, changes: Partial<T>, updatedAt = 2_000): T => ({
  ...item,
  ...changes,
  updatedAt,
});

describe('merging concurrent edits of a card', () => {
  it('keeps a new number from one device and a new expiry and code from the other', () => {
    const local = at(card, { number: '5555555555554444' });
    const remote = at(card, { expiry: '2030-09', code: '987' }, 3_000);
    expect(mergeItems(card, local, remote)).toEqual({
      conflict: false,
      merged: {
        ...card,
        number: '5555555555554444',
        expiry: '2030-09',
        code: '987',
        updatedAt: 3_000,
      },
    });
  });

  it('keeps both cards when the two devices typed different numbers', () => {
    const local = at(card, { number: '5555555555554444', cardholder: 'A. Lovelace' });
    const remote = at(card, { number: '378282246310005' });
    const result = mergeItems(card, local, remote);
    expect(result.conflict).toBe(true);
    if (!result.conflict) return;
    expect(result.fields).toEqual(['number']);
    expect(result.local).toMatchObject({ number: '5555555555554444', cardholder: 'A. Lovelace' });
    expect(result.remote).toMatchObject({ number: '378282246310005', cardholder: 'A. Lovelace' });
  });

  it('merges an identity’s address field by field', () => {
    const base: IdentityItem = { ...emptyIdentity('id-1', 1), firstName: 'Ada', city: 'London' };
    const local = at(base, { address1: '12 St James’s Square', postalCode: 'SW1Y 4JH' });
    const remote = at(base, { phone: '+44 20 7946 0000', tags: ['family'] });
    const result = mergeItems(base, local, remote);
    expect(result).toMatchObject({
      conflict: false,
      merged: {
        address1: '12 St James’s Square',
        postalCode: 'SW1Y 4JH',
        phone: '+44 20 7946 0000',
      },
    });
  });
});

describe('merging tags', () => {
  it('keeps what both sides added and honours a removal on one side', () => {
    expect(mergeTags(['a', 'b', 'c'], ['a', 'c', 'x'], ['b', 'c', 'y'])).toEqual(['c', 'x', 'y']);
    // Removed on one side, untouched on the other: removed.
    expect(mergeTags(['a'], [], ['a'])).toEqual([]);
    expect(mergeTags([], ['a'], ['A'])).toEqual(['a']); // the same tag, in another case
  });

  it('never makes a conflict of two devices tagging the same item differently', () => {
    const base = { ...emptyNote('n', 1), tags: ['home', 'old'] };
    const local = at(base, { tags: ['home', 'old', 'bank'] });
    const remote = at(base, { tags: ['home', 'keys'] });
    expect(mergeItems(base, local, remote)).toMatchObject({
      conflict: false,
      merged: { tags: ['home', 'bank', 'keys'] },
    });
  });

  it('keeps both versions when the two sides’ tags together exceed the limit', () => {
    const base = { ...emptyNote('n', 1), tags: [] as string[] };
    const local = at(base, { tags: Array.from({ length: 20 }, (_, i) => `l${i}`) });
    const remote = at(base, { tags: Array.from({ length: 20 }, (_, i) => `r${i}`) });
    const result = mergeItems(base, local, remote);
    expect(result.conflict).toBe(true);
    if (result.conflict) {
      expect(result.local.type === 'note' && result.local.tags).toHaveLength(20);
      expect(result.remote.type === 'note' && result.remote.tags[0]).toBe('r0');
    }
  });
});
