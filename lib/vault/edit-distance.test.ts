import { describe, expect, it } from 'vitest';
import { typoBudget, withinPrefixDistance } from './edit-distance';

describe('withinPrefixDistance', () => {
  it('accepts one typo of each kind', () => {
    expect(withinPrefixDistance('gihtub', 'github', 1)).toBe(true); // swapped letters
    expect(withinPrefixDistance('amzon', 'amazon', 1)).toBe(true); // missing letter
    expect(withinPrefixDistance('netfflix', 'netflix', 1)).toBe(true); // extra letter
    expect(withinPrefixDistance('paypel', 'paypal', 1)).toBe(true); // wrong letter
  });

  it('matches an unfinished word against the start of a longer one', () => {
    expect(withinPrefixDistance('gihtu', 'github', 1)).toBe(true);
    expect(withinPrefixDistance('dropbx', 'dropboxbusiness', 1)).toBe(true);
  });

  it('rejects words further away than the budget', () => {
    expect(withinPrefixDistance('gitlab', 'github', 1)).toBe(false);
    expect(withinPrefixDistance('gitlab', 'github', 2)).toBe(true); // l→h, a→u
    expect(withinPrefixDistance('gitlab', 'gotham', 2)).toBe(false);
    expect(withinPrefixDistance('amazon', 'amz', 1)).toBe(false);
    expect(withinPrefixDistance('microsfot', 'microsoft', 1)).toBe(true);
    expect(withinPrefixDistance('mircosfot', 'microsoft', 2)).toBe(true);
    expect(withinPrefixDistance('mircosfto', 'microsoft', 2)).toBe(false);
  });

  it('gives no budget to short words, one from 4 letters, two from 8', () => {
    expect([typoBudget('git'), typoBudget('gith'), typoBudget('microsof')]).toEqual([0, 1, 2]);
  });
});
