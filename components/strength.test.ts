/**
 * The account password's strength, with the real zxcvbn-ts and its en/it/de dictionaries: what the
 * form will refuse and accept, and which reasons it gives.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { isAcceptable, personalWords, type Strength } from './strength';
import { createEstimator, type Estimator } from './strength-zxcvbn';

let estimate: Estimator;
beforeAll(() => {
  estimate = createEstimator();
});
const strength = (password: string, email = 'ada@example.test'): Strength =>
  estimate(password, personalWords(email));

describe('the strength estimate', () => {
  it('refuses the passwords everybody tries first, even dressed up, and says why', () => {
    for (const password of [
      'password',
      'Passw0rd!',
      'P@ssword2024',
      'Passw0rd2024',
      'qwerty123',
      'juventus1897',
      'P4$$w0rd2024',
    ]) {
      const found = strength(password);
      expect(found.reasons, password).toContain('common');
      expect(isAcceptable(found), password).toBe(false);
    }
  });

  it('knows Italian and German words and names, not only English ones', () => {
    for (const password of [
      'passwort',
      'tesoro',
      'tesoro123',
      'farfalla',
      'Schmetterling',
      'Schm3tterl1ng',
      't3s0r0mi0',
      'sonnenschein',
      'geheimnis',
      'Giuseppe1975',
      'Hauptbahnhof',
      'Mannschaft',
      'ciaobella',
    ]) {
      expect(isAcceptable(strength(password)), password).toBe(false);
    }
    expect(strength('Hauptbahnhof').reasons).toContain('singleWord');
    expect(strength('giuseppe1975').reasons).toContain('names');
    expect(strength('Schm3tterl1ng').reasons).toContain('l33t');
  });

  it('says a short password is too short, whatever its characters', () => {
    const found = strength('x7#Kq2!vZ');
    expect(found.reasons[0]).toBe('tooShort');
    expect(isAcceptable(found)).toBe(false);
  });

  it('names repeats, sequences, keyboard walks, years and dates', () => {
    expect(strength('aaaaaaaaaaaaaaaa').reasons).toContain('repeated');
    expect(strength('abcdefghijklmnopqrstuvwxyz').reasons).toContain('sequence');
    expect(strength('zxcvbnm,./qaz').reasons).toContain('keyboard');
    expect(strength('qwe2019').reasons).toContain('year');
    expect(strength('12.03.1987').reasons).toContain('date');
  });

  it('does not reward a pattern for its length', () => {
    expect(isAcceptable(strength('abcdefghijklmnopqrstuvwxyz'))).toBe(false);
    expect(isAcceptable(strength('1111111111111111111'))).toBe(false);
  });

  it('penalises a password built on the email address, even when it is otherwise good', () => {
    const email = 'mario.rossi@example.it';
    const withName = estimate('mario.rossi-Tr4m!', personalWords(email));
    const stranger = estimate('mario.rossi-Tr4m!', personalWords('ada@example.test'));
    expect(withName.reasons).toContain('personal');
    expect(withName.bits).toBeLessThan(stranger.bits - 10);
    expect(stranger.reasons).not.toContain('personal');
    // Each piece of the address counts on its own.
    expect(estimate('Rossi-tramonto-1', personalWords(email)).reasons).toContain('personal');
  });

  it('accepts long random passwords and passphrases, with nothing to say', () => {
    for (const password of [
      'tV9#q2LmR!xw4Pz',
      'velvet-harbor-quiet-lantern-7',
      'Kq8$mZr2!pLw',
      'correct horse battery staple',
    ]) {
      const found = strength(password);
      expect(isAcceptable(found), `${password}: ${found.bits}`).toBe(true);
      expect(found.reasons).toEqual([]);
    }
    expect(strength('velvet-harbor-quiet-lantern-7').score).toBe(4);
  });

  it('grows with length and variety', () => {
    const bits = ['abc', 'tramonto', 'Tramonto7', 'Tramonto7!blu', 'Tramonto7!blu-Ginestra'].map(
      (p) => strength(p).bits,
    );
    expect([...bits].sort((a, b) => a - b)).toEqual(bits);
  });
});

describe('personal words', () => {
  it('are the address, its local part and the pieces of it', () => {
    expect(personalWords(' Mario.Rossi@Example.it ')).toEqual([
      'mario.rossi@example.it',
      'mario.rossi',
      'mario',
      'rossi',
      'cassaforte',
    ]);
  });
});
