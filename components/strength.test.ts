import { describe, expect, it } from 'vitest';
import { estimateStrength, isAcceptable } from './strength';

describe('estimateStrength', () => {
  it('rejects the passwords everybody tries first, even dressed up', () => {
    for (const password of ['password', 'Passw0rd!', 'P@ssword2024', 'qwerty123', 'juventus1897']) {
      const strength = estimateStrength(password);
      expect(strength.reasons, password).toContain('common');
      expect(isAcceptable(strength), password).toBe(false);
    }
  });

  it('says a short password is too short', () => {
    const strength = estimateStrength('x7#Kq2');
    expect(strength.reasons[0]).toBe('tooShort');
    expect(isAcceptable(strength)).toBe(false);
  });

  it('names repeats, sequences and keyboard walks', () => {
    expect(estimateStrength('aaaaaaaaaaaaaaaa').reasons).toContain('repeated');
    expect(estimateStrength('abcdefgh12345678').reasons).toContain('sequence');
    expect(estimateStrength('asdfghjkl;Zx9').reasons).toContain('keyboard');
  });

  it('does not reward a pattern for its length', () => {
    expect(estimateStrength('abcdefghijklmnopqrstuvwxyz').score).toBeLessThan(2);
    expect(estimateStrength('1111111111111111111').score).toBeLessThan(2);
  });

  it('notices the email address inside the password', () => {
    const strength = estimateStrength('mario.rossi-Tr4m!', [
      'mario.rossi@example.it',
      'mario.rossi',
    ]);
    expect(strength.reasons).toContain('personal');
  });

  it('notices years', () => {
    expect(estimateStrength('Gatto#1987Nero').reasons).toContain('year');
  });

  it('asks for more than one kind of character in a short password', () => {
    expect(estimateStrength('bluemountain').reasons).toContain('oneKind');
    expect(estimateStrength('bluemountainriverstone').reasons).not.toContain('oneKind');
  });

  it('accepts long random-looking passwords and passphrases', () => {
    for (const password of ['tV9#q2LmR!xw4Pz', 'velvet-harbor-quiet-lantern-7', 'Kq8$mZr2!pLw']) {
      const strength = estimateStrength(password);
      expect(isAcceptable(strength), `${password}: ${strength.bits}`).toBe(true);
      expect(strength.reasons).toEqual([]);
    }
    expect(estimateStrength('velvet-harbor-quiet-lantern-7').score).toBe(4);
  });

  it('grows with length and variety', () => {
    const scores = ['abc', 'tramonto', 'Tramonto7', 'Tramonto7!blu', 'Tramonto7!blu-Ginestra'].map(
      (p) => estimateStrength(p).bits,
    );
    expect([...scores].sort((a, b) => a - b)).toEqual(scores);
  });

  it('is empty-safe', () => {
    expect(estimateStrength('')).toEqual({ score: 0, bits: 0, reasons: ['tooShort'] });
  });
});
