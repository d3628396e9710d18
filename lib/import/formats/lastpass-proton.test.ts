import { describe, expect, it } from 'vitest';
import { fixture, parsed, textFile } from '../../../tests/support/import-fixtures';
import { detectFormat } from '../detect';

describe('LastPass CSV', () => {
  it('reads logins with groupings, plain notes, and typed notes as card and identity', async () => {
    const result = await parsed(fixture('lastpass.csv'));
    expect(result.format).toBe('lastpass-csv');
    const [ebay, wlan, card, address] = result.candidates;
    expect(ebay).toMatchObject({
      type: 'login',
      title: 'eBay',
      username: 'hans.schmidt',
      password: 'ebay-Pass!',
      notes: 'Kundennummer 998',
      tags: ['Einkaufen/Online'],
      favorite: true,
    });
    expect(wlan).toMatchObject({
      type: 'note',
      notes: 'WLAN-Schlüssel: abc123',
      tags: ['Notizen'],
    });
    expect(card).toMatchObject({
      type: 'card',
      title: 'Visa Reise',
      holder: 'Hans Schmidt',
      number: '4111111111111111',
      code: '123',
      brand: 'Visa',
      expMonth: 6,
      expYear: 2027,
      notes: 'Karte für Reisen\nzweite Zeile',
    });
    expect(address).toMatchObject({
      type: 'identity',
      firstName: 'Mario',
      lastName: 'Bianchi',
      company: 'Rossi SpA',
      addressLines: ['Via Roma 1'],
      city: 'Milano',
      region: 'MI',
      postalCode: '20121',
      country: 'IT',
      email: 'mario@example.it',
      phone: '+39 02 1234567',
      notes: 'Title: sig',
    });
  });

  it('reads the older header without a totp column', async () => {
    const file = textFile(
      'url,username,password,extra,name,grouping,fav\nhttps://a.it,u,p,,A,,0\n',
    );
    expect(detectFormat(file)).toMatchObject({ ok: true, format: 'lastpass-csv' });
    expect((await parsed(file)).candidates).toMatchObject([{ title: 'A', password: 'p' }]);
  });
});

describe('Proton Pass', () => {
  it('reads the unencrypted zip: vaults as tags, extra fields, cards, aliases', async () => {
    const result = await parsed(fixture('protonpass.zip'));
    expect(result.format).toBe('protonpass');
    const [fineco, notiz, card, alias, wifi] = result.candidates;
    expect(fineco).toMatchObject({
      type: 'login',
      title: 'Fineco',
      username: 'giulia.r',
      password: 'Fineco!99',
      urls: ['https://finecobank.com/'],
      otp: 'otpauth://totp/Fineco:giulia?secret=JBSWY3DPEHPK3PXP',
      tags: ['Personale'],
      favorite: true,
      createdAt: 1_689_182_868_000,
    });
    expect(fineco?.notes).toBe(
      'Conto principale\n\nemail: giulia@example.it\nCodice PIN: 55555\n' +
        '2FA di riserva: otpauth://totp/backup?secret=GEZDGNBV',
    );
    expect(notiz).toMatchObject({ type: 'note', notes: 'Geheime Notiz' });
    expect(card).toMatchObject({
      type: 'card',
      holder: 'Giulia Rossi',
      expMonth: 9,
      expYear: 2026,
      code: '123',
      notes: 'pin: 1234',
    });
    expect(alias).toMatchObject({
      type: 'login',
      username: 'news.giulia@passinbox.com',
      tags: ['Lavoro'],
    });
    expect(wifi).toMatchObject({ type: 'note', title: 'Wi-Fi ufficio' });
    expect(wifi?.notes).toContain('ssid: Ufficio-5G');
    expect(wifi?.notes).toContain('password: wlan-pass');
    expect(result.problems).toEqual([
      { kind: 'entry', at: 3, title: 'Vecchia nota', reason: 'inTrash' },
    ]);
  });

  it('refuses the PGP-encrypted export with encryptedExport', () => {
    const file = textFile('-----BEGIN PGP MESSAGE-----\n\nwcFMA...\n-----END PGP MESSAGE-----\n');
    expect(detectFormat(file)).toEqual({ ok: false, reason: 'encryptedExport' });
  });

  it('reads the CSV export, keeping what a card row holds in a note', async () => {
    const result = await parsed(fixture('protonpass.csv'));
    expect(result.format).toBe('protonpass-csv');
    expect(result.candidates).toMatchObject([
      {
        type: 'login',
        username: 'hans',
        password: 'pr0ton-Pass',
        notes: 'Persönlich\n\nemail: hans@proton.me',
        tags: ['Personale'],
        createdAt: 1_700_000_000_000,
        updatedAt: 1_700_001_000_000,
      },
      { type: 'note', title: 'Carta Visa', notes: 'Titolare: Mario\n\ntype: creditCard' },
    ]);
  });
});
