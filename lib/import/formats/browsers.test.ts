import { describe, expect, it } from 'vitest';
import { fixture, parsed } from '../../../tests/support/import-fixtures';
import { detectFormat } from '../detect';

describe('Chrome / Edge CSV', () => {
  it('is detected from its header, whatever the file is called', () => {
    const file = { ...fixture('chrome.csv'), name: 'passwords.txt' };
    expect(detectFormat(file)).toEqual({ ok: true, format: 'chrome-csv', needsPassword: false });
  });

  it('reads logins with quoted commas and quotes, keeps passwords byte for byte', async () => {
    const result = await parsed(fixture('chrome.csv'));
    expect(result.format).toBe('chrome-csv');
    const [google, bank, amazon] = result.candidates;
    expect(google).toMatchObject({
      type: 'login',
      title: 'accounts.google.com',
      username: 'giulia.rossi@gmail.com',
      password: 'Pa55,w0rd "forte"',
      urls: ['https://accounts.google.com/signin'],
      source: { kind: 'row', at: 2 },
    });
    // The trailing space is part of the password.
    expect(bank).toMatchObject({
      password: 'ciao Mondo! ',
      notes: 'PIN carta: 1234\nDomanda segreta: città natale',
    });
    // No name: the title falls back to the site's host.
    expect(amazon).toMatchObject({ title: 'www.amazon.it', password: 'Zürich-2024' });
  });

  it('turns a row with only a note into a note and reports a row with only a title', async () => {
    const result = await parsed(fixture('chrome.csv'));
    expect(result.candidates.find((c) => c.title === 'Appunti WLAN')).toMatchObject({
      type: 'note',
      notes: 'Rete: Casa-Rossi\nChiave: sehr-geheim',
    });
    expect(result.problems).toEqual([{ kind: 'row', at: 5, reason: 'missingFields' }]);
    expect(result.candidates).toHaveLength(5);
  });

  it('reads the file Excel writes back in Italy: BOM, semicolons, CRLF, a multi-line cell', async () => {
    const result = await parsed(fixture('chrome-excel-it.csv'));
    expect(result.format).toBe('chrome-csv');
    expect(result.candidates).toMatchObject([
      {
        title: 'Poste Italiane',
        username: 'mario.bianchi',
        password: 'perché',
        notes: 'Riga uno\nRiga due; con punto e virgola',
        source: { at: 2 },
      },
      { title: 'Deutsche Bahn', password: 'Bahn,Fahrt', source: { at: 3 } },
    ]);
  });
});

describe('Firefox CSV', () => {
  it('reads logins with their times and keeps the HTTP realm and a foreign form origin', async () => {
    const result = await parsed(fixture('firefox.csv'));
    expect(result.format).toBe('firefox-csv');
    const [mozilla, router, sso] = result.candidates;
    expect(mozilla).toMatchObject({
      type: 'login',
      title: 'www.mozilla.org',
      username: 'lukas.mueller',
      password: 'Grüße!2023',
      urls: ['https://www.mozilla.org'],
      notes: '',
      createdAt: 1_700_000_000_000,
      updatedAt: 1_705_000_000_000,
    });
    expect(router?.notes).toBe('httpRealm: FRITZ!Box');
    expect(sso?.notes).toBe('formActionOrigin: https://sso.example.com');
    // Firefox's own record ids are not the user's data.
    expect(JSON.stringify(result.candidates)).not.toContain('3d3f1b5c');
  });
});
