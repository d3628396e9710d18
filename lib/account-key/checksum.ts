/**
 * The account key's check character: a weighted sum over GF(32), the field with 32 elements.
 *
 * Why GF(32) and not "mod 37" (Crockford's own check symbol): a prime modulus above 32 yields values
 * with no base32 symbol (Crockford adds `*~$=U`, awkward to read and type). A field with exactly 32
 * elements gives a check value for every symbol of the alphabet, and keeps the guarantees:
 *
 *   c = Σ α^(i+1) · d_i  (i = 0…25, d_i the digit values; + is XOR, · is field multiplication)
 *
 * where α generates the multiplicative group (order 31, polynomial x^5 + x^2 + 1). The check digit
 * itself has weight α^0 = 1, so a valid key satisfies Σ w_i · d_i = 0 with 27 distinct non-zero
 * weights. Hence:
 * - any single substituted character changes the sum by w·e ≠ 0 (no zero divisors in a field);
 * - any transposition of two different characters, adjacent or not, changes it by
 *   (w_i + w_j)(d_i + d_j) ≠ 0, because all 27 weights are distinct (27 < 31).
 * Random garbage still passes with probability 1/32: the check catches typos, not forgeries.
 */

const FIELD_POLY = 0b100101; // x^5 + x^2 + 1, primitive over GF(2)

/** Multiplication in GF(32). */
export function gfMul(a: number, b: number): number {
  let result = 0;
  let x = a;
  for (let y = b; y > 0; y >>= 1) {
    if (y & 1) result ^= x;
    x <<= 1;
    if (x & 32) x ^= FIELD_POLY;
  }
  return result;
}

/** The check digit value (0–31) for the 26 data digits. */
export function checkDigit(digits: readonly number[]): number {
  let sum = 0;
  let weight = 1;
  for (const digit of digits) {
    weight = gfMul(weight, 2); // α^(i+1)
    sum ^= gfMul(weight, digit);
  }
  return sum;
}
