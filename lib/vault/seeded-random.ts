/**
 * Deterministic randomness for tests and benchmarks only: the same seed gives the same vault, the
 * same edits and the same bytes, so a failing property test can be replayed. Never for secrets.
 */
import type { RandomSource } from './generator';

/** mulberry32: a tiny 32-bit PRNG with good enough statistics for tests. Returns [0, 1). */
export function seededFloat(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A `RandomSource` for the password generator, for reproducible statistical tests. */
export function seededBytes(seed: number): RandomSource {
  const next = seededFloat(seed);
  return (n) => {
    const bytes = new Uint8Array(n);
    for (let i = 0; i < n; i++) bytes[i] = Math.floor(next() * 256);
    return bytes;
  };
}

/** Helpers over a float source, to keep generated test data readable. */
export function seededPicker(seed: number) {
  const next = seededFloat(seed);
  const int = (max: number) => Math.floor(next() * max);
  return {
    next,
    int,
    chance: (p: number) => next() < p,
    pick: <T>(list: readonly T[]): T => list[int(list.length)] as T,
  };
}
