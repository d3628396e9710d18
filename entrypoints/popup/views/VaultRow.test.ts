/** The vault row's letter comes from the name the user gave the item (issue 13). */
import { describe, expect, it } from 'vitest';
import { badgeLetter } from './VaultRow';

describe('badgeLetter', () => {
  it("takes the title's first letter or digit, not the site's", () => {
    expect(badgeLetter({ title: 'Acme Mail', host: 'mail.acme.test' })).toBe('A');
    expect(badgeLetter({ title: '  (old) bank', host: 'bank.test' })).toBe('O');
    expect(badgeLetter({ title: 'über', host: 'x.test' })).toBe('Ü');
    expect(badgeLetter({ title: '1Password export' })).toBe('1');
  });

  it('falls back to the site, then to a dot', () => {
    expect(badgeLetter({ title: '', host: 'mail.acme.test' })).toBe('M');
    expect(badgeLetter({ title: '★' })).toBe('•');
  });
});
