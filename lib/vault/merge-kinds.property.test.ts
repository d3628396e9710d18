/**
 * The merge promise (DESIGN §4, merge.property.test.ts) for cards and identities: thousands of
 * random concurrent edits, seeded so a failure replays, and no change of either device lost.
 */
import { describe, expect, it } from 'vitest';
import { expectTagsKept, randomTags, retag } from '@/tests/support/merge-random';
import { jsonEqual } from './json-equal';
import { emptyCard, emptyIdentity, type Item } from './item';
import { mergeItems } from './merge';
import { seededPicker } from './seeded-random';

type Picker = ReturnType<typeof seededPicker>;
type Fields = Record<string, unknown>;

// Small pools, so both sides often make the same change.
const pools: Record<string, readonly string[]> = {
  title: ['Visa', 'Work card', 'Me', 'Office'],
  cardholder: ['Ada Lovelace', 'A. LOVELACE', ''],
  number: ['4111111111111111', '5555555555554444', '378282246310005', ''],
  expiry: ['2027-04', '2030-09', ''],
  code: ['123', '9876', ''],
  firstName: ['Ada', 'Grace', ''],
  lastName: ['Lovelace', 'Hopper'],
  email: ['ada@example.com', 'grace@example.org', ''],
  address1: ['12 St James’s Square', 'Via Roma 1', ''],
  city: ['London', 'Milano', 'Zürich'],
  country: ['GB', 'IT', 'CH'],
  notes: ['', 'pin at home', 'new notes'],
};
const cardKeys = ['title', 'cardholder', 'number', 'expiry', 'code', 'notes'];
const identityKeys = [
  'title',
  'firstName',
  'lastName',
  'email',
  'address1',
  'city',
  'country',
  'notes',
];

function randomBase(rnd: Picker): Item {
  const card = rnd.chance(0.5);
  const item: Fields = card ? emptyCard('item', 1) : emptyIdentity('item', 1);
  for (const key of card ? cardKeys : identityKeys) item[key] = rnd.pick(pools[key]!);
  item.tags = randomTags(rnd);
  return item as Item;
}

function randomEdit(rnd: Picker, base: Item, updatedAt: number): Item | null {
  if (rnd.chance(0.08)) return null;
  const item: Fields = { ...base, updatedAt };
  for (const key of base.type === 'card' ? cardKeys : identityKeys) {
    if (rnd.chance(0.25)) item[key] = rnd.pick(pools[key]!);
  }
  if (rnd.chance(0.4)) item.tags = retag(rnd, base.type === 'site-prefs' ? [] : base.tags);
  if (rnd.chance(0.15)) item.favorite = !base.favorite;
  return item as Item;
}

function expectChangesKept(base: Item, side: Item, result: Item) {
  for (const key of Object.keys({ ...base, ...side })) {
    if (key === 'updatedAt' || key === 'tags') continue;
    if (!jsonEqual((base as Fields)[key], (side as Fields)[key])) {
      expect((result as Fields)[key], key).toEqual((side as Fields)[key]);
    }
  }
  expectTagsKept(base, side, result);
}

const tagsAsSet = (item: Item | null) =>
  item && { ...item, tags: item.type === 'site-prefs' ? [] : [...item.tags].sort() };

describe('mergeItems with random concurrent edits of cards and identities', () => {
  const runs = 3_000;

  it('never loses a change from either side', () => {
    const rnd = seededPicker(14);
    let merged = 0;
    let conflicts = 0;
    for (let run = 0; run < runs; run++) {
      const base = randomBase(rnd);
      const local = randomEdit(rnd, base, 2);
      const remote = randomEdit(rnd, base, 3);
      const result = mergeItems(base, local, remote);
      if (result.conflict) {
        conflicts++;
        expectChangesKept(base, local!, result.local);
        expectChangesKept(base, remote!, result.remote);
        expect(result.fields).not.toContain('tags'); // tags never conflict
      } else if (result.merged === null) {
        for (const side of [local, remote])
          expect(side === null || jsonEqual(side, base)).toBe(true);
      } else {
        merged++;
        for (const side of [local, remote]) if (side) expectChangesKept(base, side, result.merged);
      }
    }
    expect(merged).toBeGreaterThan(runs / 4);
    expect(conflicts).toBeGreaterThan(runs / 20);
  });

  it('gives the same outcome whichever device merges', () => {
    const rnd = seededPicker(41);
    for (let run = 0; run < runs; run++) {
      const base = randomBase(rnd);
      const a = randomEdit(rnd, base, 2);
      const b = randomEdit(rnd, base, 2);
      const ab = mergeItems(base, a, b);
      const ba = mergeItems(base, b, a);
      expect(ab.conflict).toBe(ba.conflict);
      if (!ab.conflict && !ba.conflict) expect(tagsAsSet(ab.merged)).toEqual(tagsAsSet(ba.merged));
      if (ab.conflict && ba.conflict) expect(ab.fields.sort()).toEqual(ba.fields.sort());
    }
  });

  it('is a no-op when only one side changed, or both changed the same way', () => {
    const rnd = seededPicker(3);
    for (let run = 0; run < runs; run++) {
      const base = randomBase(rnd);
      const side = randomEdit(rnd, base, 2);
      expect(mergeItems(base, base, side)).toEqual({ conflict: false, merged: side });
      expect(mergeItems(base, side, side)).toEqual({ conflict: false, merged: side });
    }
  });
});
