/**
 * Property tests: thousands of random pairs of concurrent edits (seeded, so a failure replays)
 * and the promise DESIGN.md §4 makes: nothing either device changed is silently lost.
 */
import { describe, expect, it } from 'vitest';
import { jsonEqual } from './json-equal';
import { emptyLogin, type Item, type ItemUrl, type LoginItem } from './item';
import { expectTagsKept, randomTags, retag } from '@/tests/support/merge-random';
import { mergeItems } from './merge';
import { seededPicker } from './seeded-random';

type Picker = ReturnType<typeof seededPicker>;
type Fields = Record<string, unknown>;

// Small pools, so both sides often make the same change or touch the same URL.
const titles = ['GitHub', 'Bank', 'Mail', 'Work VPN', 'Router'];
const secrets = ['hunter2', 'correct horse', 'p4ss', 'Tr0ub4dor&3', ''];
const urls = ['https://a.example', 'https://b.example', 'https://c.example', 'https://d.example'];
const modes = ['domain', 'host', 'exact'] as const;

function randomUrls(rnd: Picker): ItemUrl[] {
  const chosen = urls.filter(() => rnd.chance(0.4));
  return chosen.map((url) => ({ url, match: rnd.pick(modes) }));
}

function randomBase(rnd: Picker): LoginItem {
  return {
    ...emptyLogin('item', 1),
    title: rnd.pick(titles),
    username: rnd.pick(['ada', 'grace', '']),
    password: rnd.pick(secrets),
    urls: randomUrls(rnd),
    notes: rnd.pick(['', 'pin 1234', 'old notes']),
    favorite: rnd.chance(0.5),
    tags: randomTags(rnd),
  };
}

/** One device's edit: some fields changed, URLs added / removed / re-moded, or a delete. */
function randomEdit(rnd: Picker, base: LoginItem, updatedAt: number): LoginItem | null {
  if (rnd.chance(0.08)) return null;
  const item: LoginItem = { ...base, urls: [...base.urls], updatedAt };
  if (rnd.chance(0.3)) item.title = rnd.pick(titles);
  if (rnd.chance(0.3)) item.username = rnd.pick(['ada', 'grace', 'linus']);
  if (rnd.chance(0.3)) item.password = rnd.pick(secrets);
  if (rnd.chance(0.3)) item.notes = rnd.pick(['', 'pin 1234', 'new notes', 'other']);
  if (rnd.chance(0.2)) item.favorite = !item.favorite;
  if (rnd.chance(0.1)) (item as Fields).extra = rnd.pick(['x', 'y']);
  if (rnd.chance(0.4)) item.tags = retag(rnd, item.tags);
  if (rnd.chance(0.4)) {
    const map = new Map(item.urls.map((u) => [u.url, u.match]));
    const url = rnd.pick(urls);
    if (map.has(url) && rnd.chance(0.5)) map.delete(url);
    else map.set(url, rnd.pick(modes));
    item.urls = [...map].map(([u, match]) => ({ url: u, match }));
  }
  return item;
}

const urlSet = (item: Item) =>
  new Map(item.type === 'login' ? item.urls.map((u) => [u.url, u.match]) : []);

/** Every change `side` made relative to `base` is present in `result`. */
function expectChangesKept(base: LoginItem, side: LoginItem, result: Item) {
  for (const key of Object.keys({ ...base, ...side })) {
    if (key === 'updatedAt' || key === 'urls' || key === 'tags') continue;
    const changed = !jsonEqual((base as Fields)[key], (side as Fields)[key]);
    if (changed) expect((result as Fields)[key], key).toEqual((side as Fields)[key]);
  }
  const [b, s, r] = [urlSet(base), urlSet(side), urlSet(result)];
  for (const [url, match] of s) {
    if (b.get(url) !== match) expect(r.get(url), url).toBe(match); // added or re-moded
  }
  for (const url of b.keys()) {
    if (!s.has(url)) expect(r.has(url), url).toBe(false); // removed stays removed
  }
  expectTagsKept(base, side, result);
}

const urlsAsSet = (item: Item | null) =>
  item && {
    ...item,
    urls:
      item.type === 'login' ? [...item.urls].sort((x, y) => (x.url < y.url ? -1 : 1)) : undefined,
    tags: item.type === 'site-prefs' ? undefined : [...item.tags].sort(),
  };

describe('mergeItems with random concurrent edits', () => {
  const runs = 5_000;

  it('never loses a change from either side', () => {
    const rnd = seededPicker(20_240_601);
    let merged = 0;
    let conflicts = 0;
    for (let run = 0; run < runs; run++) {
      const base = randomBase(rnd);
      const local = randomEdit(rnd, base, 2);
      const remote = randomEdit(rnd, base, 3);
      const result = mergeItems(base, local, remote);
      if (result.conflict) {
        conflicts++;
        expectChangesKept(base, local as LoginItem, result.local);
        expectChangesKept(base, remote as LoginItem, result.remote);
        // Outside the conflicting fields the two versions agree: the clean merge is in both.
        for (const key of Object.keys({ ...result.local, ...result.remote })) {
          if (key === 'updatedAt' || result.fields.includes(key)) continue;
          expect((result.local as Fields)[key], key).toEqual((result.remote as Fields)[key]);
        }
      } else if (result.merged === null) {
        // Deleted only when no side holds an edit.
        for (const side of [local, remote])
          expect(side === null || jsonEqual(side, base)).toBe(true);
      } else {
        merged++;
        for (const side of [local, remote]) {
          if (side) expectChangesKept(base, side, result.merged);
          else expect(jsonEqual(result.merged, local ?? remote)).toBe(true); // the edit that won
        }
      }
    }
    // The generator exercises both outcomes meaningfully.
    expect(merged).toBeGreaterThan(runs / 4);
    expect(conflicts).toBeGreaterThan(runs / 20);
  });

  it('gives the same outcome whichever device merges', () => {
    const rnd = seededPicker(7);
    for (let run = 0; run < runs; run++) {
      const base = randomBase(rnd);
      const a = randomEdit(rnd, base, 2);
      const b = randomEdit(rnd, base, 2);
      const ab = mergeItems(base, a, b);
      const ba = mergeItems(base, b, a);
      expect(ab.conflict).toBe(ba.conflict);
      if (!ab.conflict && !ba.conflict) expect(urlsAsSet(ab.merged)).toEqual(urlsAsSet(ba.merged));
      if (ab.conflict && ba.conflict) expect(ab.fields.sort()).toEqual(ba.fields.sort());
    }
  });

  it('is a no-op when only one side changed, or both changed the same way', () => {
    const rnd = seededPicker(99);
    for (let run = 0; run < runs; run++) {
      const base = randomBase(rnd);
      const side = randomEdit(rnd, base, 2);
      expect(mergeItems(base, base, side)).toEqual({ conflict: false, merged: side });
      expect(mergeItems(base, side, side)).toEqual({ conflict: false, merged: side });
    }
  });
});
