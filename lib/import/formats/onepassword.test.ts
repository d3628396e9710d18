import { describe, expect, it } from 'vitest';
import { fixture, parsed } from '../../../tests/support/import-fixtures';
import { detectFormat } from '../detect';
import { parseImport } from '../parse';

describe('1Password 1PUX', () => {
  it('is detected inside its zip', () => {
    expect(detectFormat(fixture('1password.1pux'))).toMatchObject({
      ok: true,
      format: 'onepassword-1pux',
    });
  });

  it('reads a login with vault and tags, TOTP, history and its other fields', async () => {
    const result = await parsed(fixture('1password.1pux'));
    const login = result.candidates[0];
    expect(login).toMatchObject({
      type: 'login',
      title: 'Trenitalia',
      username: 'giulia.rossi',
      password: 'Trenitalia#2024',
      urls: ['https://www.trenitalia.com', 'https://www.lefrecce.it'],
      otp: 'otpauth://totp/Trenitalia:giulia?secret=JBSWY3DPEHPK3PXP',
      tags: ['Personale', 'Viaggi'],
      favorite: true,
      createdAt: 1_690_000_000_000,
      updatedAt: 1_700_000_000_000,
      passwordHistory: [{ password: 'Trenitalia#2023', replacedAt: 1_680_000_000_000 }],
    });
    expect(login?.notes).toBe('Carta Freccia: 1234\n\nDomanda di sicurezza: Nome del gatto');
  });

  it('reads cards, identities, notes, and keeps other categories as notes with every field', async () => {
    const result = await parsed(fixture('1password.1pux'));
    const [, card, note, identity, bank] = result.candidates;
    expect(card).toMatchObject({
      type: 'card',
      holder: 'Giulia Rossi',
      number: '4111111111111111',
      code: '987',
      brand: 'visa',
      expMonth: 11,
      expYear: 2027,
      notes: 'PIN: 4321',
    });
    expect(note).toMatchObject({
      type: 'note',
      title: 'Spesa',
      tags: ['Personale', 'casa/cucina'],
      notes: 'Lista della spesa:\n- Äpfel\n- pane\n\n1Password: archived',
    });
    expect(identity).toMatchObject({
      type: 'identity',
      firstName: 'Giulia',
      lastName: 'Rossi',
      email: 'giulia@example.it',
      phone: '+39 011 765432',
      addressLines: ['Via Garibaldi 7'],
      city: 'Torino',
      postalCode: '10122',
      notes: 'birth date: 1990-01-01',
    });
    expect(bank).toMatchObject({
      type: 'note',
      title: 'Girokonto',
      notes: 'bank name: Sparkasse\nIBAN: DE89 3704 0044 0532 0130 00',
    });
    expect(result.problems).toEqual([]);
  });

  it('calls a truncated 1PUX malformed and returns nothing', async () => {
    const bytes = fixture('1password.1pux').bytes;
    const cut = { name: 'export.1pux', bytes: bytes.slice(0, Math.floor(bytes.length / 2)) };
    expect(detectFormat(cut)).toEqual({ ok: false, reason: 'malformed' });
    expect(await parseImport(cut, { maxItems: 9 })).toEqual({ ok: false, reason: 'malformed' });
  });
});

describe('1Password CSV', () => {
  it('reads logins with OTP, tags and favourites, and marks archived ones in the notes', async () => {
    const result = await parsed(fixture('1password.csv'));
    expect(result.format).toBe('onepassword-csv');
    expect(result.candidates).toMatchObject([
      {
        title: 'Fastweb',
        username: 'giulia.rossi',
        password: 'fw-Passwort',
        otp: 'otpauth://totp/Fastweb:giulia?secret=JBSWY3DPEHPK3PXP&issuer=Fastweb',
        favorite: true,
        tags: ['Casa', 'Internet'],
        notes: 'Contratto n. 12345',
      },
      { title: 'Vecchio forum', favorite: false, notes: 'Archived: true' },
    ]);
  });
});
