import { describe, expect, it } from 'vitest';
import { seededPicker } from './seeded-random';
import { topKeys } from './top-keys';

describe('topKeys', () => {
  it('returns the largest keys, largest first, like a full sort would', () => {
    const rnd = seededPicker(5);
    for (const [count, limit] of [
      [0, 10],
      [5, 10],
      [50, 10],
      [10_000, 200],
      [1_000, 1],
    ] as const) {
      const keys = Float64Array.from(
        { length: count + 3 },
        () => rnd.int(500) * 1024 + rnd.int(1024),
      );
      const expected = Array.from(keys.slice(0, count))
        .sort((a, b) => b - a)
        .slice(0, limit);
      expect(Array.from(topKeys(keys, count, limit))).toEqual(expected);
    }
  });
});
