import { describe, expect, it } from 'vitest';
import { fixture, parsed, textFile, zipBomb } from '../../tests/support/import-fixtures';
import { detectFormat } from './detect';
import { parseImport } from './parse';
import { MAX_IMPORT_BYTES } from './zip';

const CHROME_HEADER = 'name,url,username,password,note';

describe('CSV dialects', () => {
  const rows = [
    ['Banca', 'https://banca.it', 'mario', 'a;b,c"d', 'riga 1\nriga 2'],
    ['Bahn', 'https://bahn.de', 'lukas', 'Grüße', ''],
  ];
  const quote = (cell: string) => `"${cell.replace(/"/g, '""')}"`;
  const csv = (delimiter: string, newline: string) =>
    [CHROME_HEADER.split(',').join(delimiter), ...rows.map((r) => r.map(quote).join(delimiter))]
      .join(newline)
      .concat(newline);

  it.each([
    ['comma, LF', ',', '\n', ''],
    ['semicolon, CRLF', ';', '\r\n', ''],
    ['semicolon, CRLF, BOM', ';', '\r\n', '\ufeff'],
    ['tab, CRLF, BOM', '\t', '\r\n', '\ufeff'],
  ])('%s', async (_name, delimiter, newline, bom) => {
    const result = await parsed(textFile(bom + csv(delimiter, newline)));
    expect(result.format).toBe('chrome-csv');
    expect(result.candidates).toMatchObject([
      { title: 'Banca', password: 'a;b,c"d', notes: 'riga 1\nriga 2', source: { at: 2 } },
      { title: 'Bahn', password: 'Grüße', source: { at: 3 } },
    ]);
  });

  it('reads a Windows-1252 file (a spreadsheet saved as "CSV" in Germany) without mangling umlauts', async () => {
    const bytes = new Uint8Array([
      ...new TextEncoder().encode(`${CHROME_HEADER}\nM`),
      0xfc, // ü in Windows-1252, invalid alone in UTF-8
      ...new TextEncoder().encode('nchen,https://m.de,u,Stra'),
      0xdf, // ß
      0x65,
      0x0a,
    ]);
    const result = await parsed({ name: 'x.csv', bytes });
    expect(result.candidates).toMatchObject([{ title: 'München', password: 'Straße' }]);
    expect(result.readAsWindows1252).toBeUndefined();
  });

  it('counts rows as a spreadsheet does, blank lines and multi-line cells included', async () => {
    const text = `${CHROME_HEADER}\n"A",https://a.it,u,"p\nq",\n\nB,https://b.it,u,p,\n,,,,\nC,,,,\n`;
    const result = await parsed(textFile(text));
    expect(result.candidates.map((c) => [c.title, c.source.at])).toEqual([
      ['A', 2],
      ['B', 4],
    ]);
    expect(result.problems).toEqual([{ kind: 'row', at: 6, reason: 'missingFields' }]);
  });
});

describe('a file partly in another encoding', () => {
  const utf8 = (text: string) => [...new TextEncoder().encode(text)];
  // A UTF-8 export with one row typed in an editor that saved it as Windows-1252: ü is 0xfc,
  // ß 0xdf, € 0x80 there. The first row's note spans two lines, so the third row is on line 4.
  const mixed = new Uint8Array([
    ...utf8(`${CHROME_HEADER}\nBanca,https://banca.it,mario,pässwörd€,"riga 1\nriga 2"\nM`),
    0xfc,
    ...utf8('nchen,https://m.de,u,Stra'),
    0xdf,
    ...utf8('e'),
    0x80,
    ...utf8(',\nBahn,https://bahn.de,lukas,Grüße,\n'),
  ]);

  it('keeps the UTF-8 rows as written, reads the other row as Windows-1252, and names it', async () => {
    const result = await parsed({ name: 'chrome.csv', bytes: mixed });
    expect(result.format).toBe('chrome-csv');
    expect(result.candidates).toMatchObject([
      { title: 'Banca', password: 'pässwörd€', notes: 'riga 1\nriga 2' },
      { title: 'München', password: 'Straße€', source: { at: 3 } },
      { title: 'Bahn', password: 'Grüße' },
    ]);
    expect(result.readAsWindows1252).toEqual([{ kind: 'row', at: 3 }]);
    expect(result.problems).toEqual([]);
  });

  it('names the lines of a JSON export, which has no rows', async () => {
    const json = new Uint8Array([
      ...utf8('{"encrypted":false,"folders":[],"items":[\n'),
      ...utf8('{"type":1,"name":"Bahn","login":{"username":"u","password":"Grüße"}},\n'),
      ...utf8('{"type":1,"name":"M'),
      0xfc,
      ...utf8('nchen","login":{"username":"u","password":"p"}}\n]}\n'),
    ]);
    const result = await parsed({ name: 'bitwarden.json', bytes: json });
    expect(result.candidates.map((c) => c.title)).toEqual(['Bahn', 'München']);
    expect(result.candidates[0]).toMatchObject({ password: 'Grüße' });
    expect(result.readAsWindows1252).toEqual([{ kind: 'line', at: 3 }]);
  });

  it('says nothing for a file that is all UTF-8', async () => {
    const result = await parsed(
      textFile(`${CHROME_HEADER}\nBanca,https://banca.it,u,pässwörd€,\n`),
    );
    expect(result.candidates).toMatchObject([{ password: 'pässwörd€' }]);
    expect(result.readAsWindows1252).toBeUndefined();
  });
});

describe('nothing is dropped', () => {
  it('keeps columns the format does not know, and cells beyond the header, in the notes', async () => {
    const text =
      'url,username,password,httpRealm,formActionOrigin,guid,timeCreated,timeLastUsed,timePasswordChanged,vaultHint\n' +
      'https://a.de,u,p,,,{g},1,2,3,Schrank oben,extra cell\n';
    const result = await parsed(textFile(text));
    expect(result.format).toBe('firefox-csv');
    expect(result.candidates[0]?.notes).toBe('vaultHint: Schrank oben\ncolumn 11: extra cell');
  });

  it('keeps unknown fields of JSON items too', async () => {
    const json = {
      encrypted: false,
      folders: [],
      items: [
        {
          type: 1,
          name: 'Neu',
          login: { username: 'u', password: 'p', uris: [], passkeyHint: 'YubiKey blu' },
          futureField: 'valore',
        },
      ],
    };
    const result = await parsed(textFile(JSON.stringify(json), 'bw.json'));
    expect(result.candidates[0]?.notes).toBe('passkeyHint: YubiKey blu\nfutureField: valore');
  });
});

describe('files refused whole, with a reason and no candidates', () => {
  const refuse = async (file: { name: string; bytes: Uint8Array }, maxItems = 100) =>
    parseImport(file, { maxItems });

  it('an empty file, a blank one, a header with nothing under it', async () => {
    expect(await refuse(textFile(''))).toEqual({ ok: false, reason: 'empty' });
    expect(await refuse(textFile(' \r\n\ufeff'))).toMatchObject({ ok: false, reason: 'empty' });
    expect(await refuse(textFile(`${CHROME_HEADER}\n`))).toEqual({
      ok: false,
      reason: 'empty',
      format: 'chrome-csv',
    });
  });

  it('a CSV whose header no format has, whatever its name says', async () => {
    const file = textFile('Sito,Utente,Parola chiave\nx,y,z\n', 'chrome-passwords.csv');
    expect(detectFormat(file)).toEqual({ ok: false, reason: 'unknownFormat' });
    expect(await refuse(file)).toEqual({ ok: false, reason: 'unknownFormat' });
  });

  it('a CSV with an unclosed quote, at the row where it starts', async () => {
    const text = `${CHROME_HEADER}\nA,https://a.it,u,p,\nB,https://b.it,u,"p,\nC,https://c.it,u,p,\n`;
    expect(await refuse(textFile(text))).toEqual({
      ok: false,
      reason: 'malformed',
      format: 'chrome-csv',
      position: { kind: 'row', at: 3 },
    });
  });

  it('JSON cut in half, and JSON of another shape', async () => {
    const text = new TextDecoder().decode(fixture('bitwarden.json').bytes);
    const half = textFile(text.slice(0, text.length / 2), 'bitwarden.json');
    expect(detectFormat(half)).toEqual({ ok: false, reason: 'malformed' });
    expect(await refuse(half)).toEqual({ ok: false, reason: 'malformed' });
    expect(await refuse(textFile('{"hello":"world"}'))).toEqual({
      ok: false,
      reason: 'unknownFormat',
    });
  });

  it('a truncated Proton Pass zip, and a zip that is no export', async () => {
    const bytes = fixture('protonpass.zip').bytes;
    expect(await refuse({ name: 'p.zip', bytes: bytes.slice(0, bytes.length - 30) })).toEqual({
      ok: false,
      reason: 'malformed',
    });
    const { zipSync } = await import('fflate');
    const other = zipSync({ 'photo.jpg': new Uint8Array([1, 2, 3]) });
    expect(await refuse({ name: 'export.1pux', bytes: other })).toEqual({
      ok: false,
      reason: 'unknownFormat',
    });
  });

  it('a file over the size limit, and a zip whose export would inflate past it (a zip bomb)', async () => {
    const huge = new Uint8Array(MAX_IMPORT_BYTES + 1).fill(0x61);
    expect(await refuse({ name: 'big.csv', bytes: huge })).toEqual({
      ok: false,
      reason: 'tooLarge',
    });
    // A few kilobytes that claim 100 MiB inside: refused before anything is inflated.
    expect(await refuse({ name: 'export.1pux', bytes: zipBomb() })).toEqual({
      ok: false,
      reason: 'tooLarge',
    });
  });

  it('more items than the caller has room for', async () => {
    expect(await refuse(fixture('chrome.csv'), 4)).toEqual({
      ok: false,
      reason: 'tooManyItems',
      format: 'chrome-csv',
      count: 5,
    });
    expect((await parseImport(fixture('chrome.csv'), { maxItems: 5 })).ok).toBe(true);
  });

  it('never quotes the file in what it returns', async () => {
    const text = `${CHROME_HEADER}\nA,https://a.it,u,"Segreto-42,\n`;
    expect(JSON.stringify(await refuse(textFile(text)))).not.toContain('Segreto-42');
  });
});

describe('vault limits', () => {
  it('reports a field too long for the vault instead of cutting it', async () => {
    const long = 'x'.repeat(1025);
    const result = await parsed(
      textFile(`${CHROME_HEADER}\nA,https://a.it,u,${long},\nB,https://b.it,u,p,\n`),
    );
    expect(result.candidates.map((c) => c.title)).toEqual(['B']);
    expect(result.problems).toEqual([{ kind: 'row', at: 2, reason: 'tooLong', field: 'password' }]);
  });
});
