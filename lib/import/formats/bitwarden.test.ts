import { describe, expect, it } from 'vitest';
import { fixture, parsed } from '../../../tests/support/import-fixtures';
import { detectFormat } from '../detect';
import { parseImport } from '../parse';

describe('Bitwarden JSON', () => {
  it('reads all four types with folders as tags and custom fields in the notes', async () => {
    const result = await parsed(fixture('bitwarden.json'));
    expect(result.format).toBe('bitwarden-json');
    const [pec, steuer, card, identity] = result.candidates;
    expect(pec).toMatchObject({
      type: 'login',
      title: 'Aruba PEC',
      username: 'giulia@pec.it',
      password: 'pec-Segreta1',
      urls: ['https://webmail.pec.it', 'https://www.aruba.it'],
      otp: 'JBSWY3DPEHPK3PXP',
      tags: ['Lavoro'],
      favorite: true,
      notes: 'Casella certificata\n\nCodice cliente: AR-778',
      createdAt: Date.parse('2022-01-10T09:00:00.000Z'),
      updatedAt: Date.parse('2024-01-10T09:00:00.000Z'),
      passwordHistory: [{ password: 'vecchia-1', replacedAt: Date.parse('2023-05-01T10:00:00Z') }],
    });
    expect(steuer).toMatchObject({ type: 'note', title: 'Steuer-ID', tags: ['Privat'] });
    expect(card).toMatchObject({
      type: 'card',
      holder: 'Lukas Müller',
      number: '5555555555554444',
      expMonth: 3,
      expYear: 2028,
      code: '321',
      brand: 'Mastercard',
    });
    expect(identity).toMatchObject({
      type: 'identity',
      firstName: 'Lukas',
      lastName: 'Müller',
      addressLines: ['Hauptstraße 5'],
      city: 'München',
      region: 'BY',
      postalCode: '80331',
      country: 'DE',
      company: 'Beispiel GmbH',
    });
    // Fields without a place in an identity are kept, labelled as Bitwarden labels them.
    expect(identity?.notes).toBe('title: Dr\nusername: lmueller\npassportNumber: C01X00T47');
  });

  it('reports the trashed item and the entry that is not an item, by index and title', async () => {
    const result = await parsed(fixture('bitwarden.json'));
    expect(result.problems).toEqual([
      { kind: 'entry', at: 5, title: 'Cestinato', reason: 'inTrash' },
      { kind: 'entry', at: 6, reason: 'malformed' },
    ]);
  });

  it('refuses an encrypted export with encryptedExport, at detection already', async () => {
    expect(detectFormat(fixture('bitwarden-encrypted.json'))).toEqual({
      ok: false,
      reason: 'encryptedExport',
      format: 'bitwarden-json',
    });
    expect(await parseImport(fixture('bitwarden-encrypted.json'), { maxItems: 9 })).toEqual({
      ok: false,
      reason: 'encryptedExport',
      format: 'bitwarden-json',
    });
  });
});

describe('Bitwarden CSV', () => {
  it('reads logins with several URIs and fields, notes, and reports an unknown type', async () => {
    const result = await parsed(fixture('bitwarden.csv'));
    expect(result.format).toBe('bitwarden-csv');
    expect(result.candidates).toMatchObject([
      {
        type: 'login',
        title: 'GitLab aziendale',
        favorite: true,
        tags: ['Lavoro'],
        urls: ['https://gitlab.azienda.it', 'https://gitlab.azienda.it/users/sign_in'],
        username: 'giulia',
        password: 'g1t,lab',
        otp: 'JBSWY3DPEHPK3PXP',
        notes: 'Accesso VPN richiesto\n\nReparto: Sviluppo\nBadge: 4711',
      },
      { type: 'note', title: 'Codici di recupero', notes: 'codice-1\ncodice-2' },
    ]);
    expect(result.problems).toEqual([{ kind: 'row', at: 4, reason: 'unknownType' }]);
  });
});
