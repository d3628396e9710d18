/**
 * Exact entropy of a uniform draw from every string of `length` characters over `alphabet` that
 * has a character of each group and no run of one character longer than `maxConsecutive`: the
 * strings password-rules.ts accepts (before a site's `pattern`, which no formula can count).
 * Groups may overlap (a site's `[-().&@?'#,/"+]` and our symbols), so characters are sorted into
 * atoms by which groups they belong to, and a dynamic programme walks the string keeping which
 * groups are covered, the current run and the atom of the last character. Probabilities, not
 * counts, so 95^512 never overflows.
 */
export function constrainedBits(
  alphabet: string,
  groups: readonly string[],
  length: number,
  maxConsecutive = Infinity,
): number {
  const size = alphabet.length;
  if (size === 0 || length === 0) return 0;
  const atoms = new Map<number, number>(); // group mask → how many characters have it
  for (const c of alphabet) {
    const mask = groups.reduce((m, group, i) => (group.includes(c) ? m | (1 << i) : m), 0);
    atoms.set(mask, (atoms.get(mask) ?? 0) + 1);
  }
  const full = (1 << groups.length) - 1;
  const limit = Math.min(maxConsecutive, length);
  const runs = limit < length; // otherwise no run can be too long: track coverage only

  interface State {
    covered: number;
    run: number;
    last: number;
    p: number;
  }
  let states = new Map<string, State>();
  const add = (next: Map<string, State>, covered: number, run: number, last: number, p: number) => {
    const key = runs ? `${covered}/${run}/${last}` : `${covered}`;
    const state = next.get(key);
    if (state) state.p += p;
    else next.set(key, { covered, run, last, p });
  };
  for (const [mask, count] of atoms) add(states, mask, 1, mask, count / size);
  for (let i = 1; i < length; i++) {
    const next = new Map<string, State>();
    for (const { covered, run, last, p } of states.values()) {
      for (const [mask, count] of atoms) {
        const others = runs && mask === last ? count - 1 : count;
        if (others > 0) add(next, covered | mask, 1, mask, (p * others) / size);
      }
      if (runs && run < limit) add(next, covered, run + 1, last, p / size);
    }
    states = next;
  }
  let fraction = 0;
  for (const state of states.values()) if (state.covered === full) fraction += state.p;
  return fraction > 0 ? length * Math.log2(size) + Math.log2(fraction) : 0;
}
