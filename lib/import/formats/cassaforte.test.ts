import { describe, expect, it } from 'vitest';
import { parsed } from '../../../tests/support/import-fixtures';
import { FAST_COST, futureItem, vaultItems } from '../../../tests/support/export-items';
import { writeEncryptedExport } from '../../export/encrypted';
import { csvExport, jsonExport } from '../../export/plain';
import { detectFormat } from '../detect';
import { parseImport } from '../parse';
import { toItem } from '../to-item';
import type { ImportFile } from '../types';

const PASSWORD = 'Esportazione-sicura-2026';

async function encryptedFile(items: unknown[]): Promise<ImportFile> {
  const bytes = await writeEncryptedExport({ items, password: PASSWORD, cost: FAST_COST, now: 1 });
  return { name: 'renamed.txt', bytes };
}

/** What an item must still be after export → import, apart from its new id and revision. */
function asImported(item: unknown) {
  const {
    id: _id,
    revision: _revision,
    conflictOf: _conflictOf,
    ...rest
  } = item as Record<string, unknown>;
  return rest;
}

describe('Cassaforte encrypted export as an import', () => {
  it('is detected from its bytes and asks for its password', async () => {
    const file = await encryptedFile(vaultItems());
    expect(detectFormat(file)).toEqual({ ok: true, format: 'cassaforte', needsPassword: true });
    expect(await parseImport(file, { maxItems: 100 })).toMatchObject({
      ok: false,
      reason: 'needsPassword',
      format: 'cassaforte',
    });
  });

  it('refuses a wrong password as wrongPassword, and a newer version as unsupportedVersion', async () => {
    const file = await encryptedFile(vaultItems());
    expect(await parseImport(file, { maxItems: 100, password: 'nope' })).toMatchObject({
      ok: false,
      reason: 'wrongPassword',
    });
    const json = JSON.parse(new TextDecoder().decode(file.bytes)) as object;
    const newer = new TextEncoder().encode(JSON.stringify({ ...json, version: 2 }));
    expect(
      await parseImport({ name: 'x', bytes: newer }, { maxItems: 100, password: PASSWORD }),
    ).toMatchObject({ ok: false, reason: 'unsupportedVersion', format: 'cassaforte' });
  });

  it('export → parse → toItem gives the same items, new ids and revisions aside', async () => {
    const originals = vaultItems();
    const result = await parsed(await encryptedFile(originals), { password: PASSWORD });
    expect(result.format).toBe('cassaforte');
    expect(result.problems).toEqual([]);
    expect(result.candidates.map((c) => [c.type, c.title])).toEqual([
      ['login', 'Banca Intesa'],
      ['note', 'Codici Wi-Fi'],
      ['login', 'Deutsche Bahn (Konflikt)'],
    ]);
    const items = result.candidates.map((c, i) => toItem(c, `new-${i}`, 999));
    expect(items.map((item) => item.id)).toEqual(['new-0', 'new-1', 'new-2']);
    expect(items.map((item) => item.revision)).toEqual([0, 0, 0]);
    expect(items.map(asImported)).toEqual(originals.map(asImported));
    // The conflict marker named an id of the old vault: it does not travel.
    expect(items[2]).not.toHaveProperty('conflictOf');
  });

  it("reports an item of a type this version does not know, and the preview's fields are filled", async () => {
    const result = await parsed(await encryptedFile([...vaultItems(), futureItem]), {
      password: PASSWORD,
    });
    expect(result.problems).toEqual([
      { kind: 'entry', at: 4, title: 'Rete ufficio', reason: 'unknownType' },
    ]);
    expect(result.candidates[0]).toMatchObject({
      type: 'login',
      username: 'mario.rossi@example.it',
      password: 'Pässwort "segreto", con virgole',
      urls: ['https://banca.example.it/login', 'https://app.banca.example.it'],
      otp: expect.stringContaining('otpauth://') as string,
      tags: ['Lavoro', 'Banca/Conti'],
      favorite: true,
    });
  });

  it('reports an entry that is not a valid item as malformed, keeping the rest', async () => {
    const broken = { id: 'x', type: 'login', createdAt: -1, updatedAt: 0, title: 'Rotto' };
    const result = await parsed(await encryptedFile([broken, ...vaultItems()]), {
      password: PASSWORD,
    });
    expect(result.problems).toEqual([
      { kind: 'entry', at: 1, title: 'Rotto', reason: 'malformed' },
    ]);
    expect(result.candidates).toHaveLength(3);
  });
});

describe('Cassaforte plain exports as imports', () => {
  it('the JSON export comes back losing nothing, without a password', async () => {
    const originals = vaultItems();
    const bytes = new TextEncoder().encode(jsonExport([...originals, futureItem], 5));
    expect(detectFormat({ name: 'a.json', bytes })).toMatchObject({
      format: 'cassaforte-json',
      needsPassword: false,
    });
    const result = await parsed({ name: 'a.json', bytes });
    const items = result.candidates.map((c, i) => toItem(c, `n${i}`, 1));
    expect(items.map(asImported)).toEqual(originals.map(asImported));
    expect(result.problems).toMatchObject([{ reason: 'unknownType' }]);
  });

  it('the CSV export holds the logins, in the stated columns, and reads back', async () => {
    const { text, rows } = csvExport([...vaultItems(), futureItem]);
    expect(rows).toBe(2);
    const [header, first] = text.split('\r\n');
    expect(header).toBe('"name","url","username","password","note","totp"');
    expect(first).toContain('"Pässwort ""segreto"", con virgole"');
    const result = await parsed({ name: 'e.csv', bytes: new TextEncoder().encode(text) });
    expect(result.format).toBe('cassaforte-csv');
    expect(result.candidates).toMatchObject([
      {
        type: 'login',
        title: 'Banca Intesa',
        urls: ['https://banca.example.it/login'],
        username: 'mario.rossi@example.it',
        password: 'Pässwort "segreto", con virgole',
        notes: 'PIN carta: 1234\nriga due\n\nURL: https://app.banca.example.it',
        otp: 'otpauth://totp/Banca:mario?secret=JBSWY3DPEHPK3PXP&issuer=Banca',
      },
      { type: 'login', title: 'Deutsche Bahn (Konflikt)', password: 'Grüße-aus-Köln' },
    ]);
  });
});
