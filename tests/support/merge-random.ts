/** Random tags and what a merge owes them, for the merge property tests. */
import { expect } from 'vitest';
import type { Item } from '@/lib/vault/item';
import type { seededPicker } from '@/lib/vault/seeded-random';

type Picker = ReturnType<typeof seededPicker>;

const pool = ['work', 'home', 'bank', 'travel', 'old'];

export function randomTags(rnd: Picker): string[] {
  return pool.filter(() => rnd.chance(0.3));
}

/** One device's retagging: a tag added or removed. */
export function retag(rnd: Picker, tags: readonly string[]): string[] {
  const tag = rnd.pick(pool);
  return tags.includes(tag) ? tags.filter((t) => t !== tag) : [...tags, tag];
}

const tagsOf = (item: Item) => new Set(item.type === 'site-prefs' ? [] : item.tags);

/** Every tag `side` added is in `result`, and every tag it removed is not. */
export function expectTagsKept(base: Item, side: Item, result: Item): void {
  const [b, s, r] = [tagsOf(base), tagsOf(side), tagsOf(result)];
  for (const tag of s) if (!b.has(tag)) expect(r.has(tag), `added ${tag}`).toBe(true);
  for (const tag of b) if (!s.has(tag)) expect(r.has(tag), `removed ${tag}`).toBe(false);
}
