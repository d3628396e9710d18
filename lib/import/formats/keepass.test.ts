import { describe, expect, it } from 'vitest';
import { fixture, parsed } from '../../../tests/support/import-fixtures';
import { detectFormat } from '../detect';
import { parseImport } from '../parse';
import { loadKdbxweb } from './kdbx';

/** The password tests/support/make-kdbx-fixture.ts gave the database. */
const PASSWORD = 'Passwort-für-Tests';

describe('KeePass KDBX 4', () => {
  it('is detected from its signature and asks for a password', async () => {
    expect(detectFormat(fixture('keepass.kdbx'))).toEqual({
      ok: true,
      format: 'kdbx',
      needsPassword: true,
    });
    expect(await parseImport(fixture('keepass.kdbx'), { maxItems: 100 })).toEqual({
      ok: false,
      reason: 'needsPassword',
      format: 'kdbx',
    });
  });

  it('is the kind KeePassXC writes: Argon2d, parallelism 2, a 32-byte salt', async () => {
    const kdbxweb = await loadKdbxweb();
    const db = await kdbxweb.Kdbx.load(
      fixture('keepass.kdbx').bytes.slice().buffer,
      new kdbxweb.Credentials(kdbxweb.ProtectedValue.fromString(PASSWORD)),
    );
    const kdf = db.header.kdfParameters!;
    expect(db.versionMajor).toBe(4);
    expect(kdbxweb.ByteUtils.bytesToBase64(kdf.get('$UUID') as ArrayBuffer)).toBe(
      kdbxweb.Consts.KdfId.Argon2d,
    );
    expect(kdf.get('P')).toBe(2);
    expect((kdf.get('S') as ArrayBuffer).byteLength).toBe(32);
  });

  it('gives a clear wrongPassword and nothing else for a wrong password', async () => {
    const outcome = await parseImport(fixture('keepass.kdbx'), { maxItems: 100, password: 'nope' });
    expect(outcome).toEqual({ ok: false, reason: 'wrongPassword', format: 'kdbx' });
  });

  it('reads entries with groups as tags, custom fields in the notes, TOTP and history', async () => {
    const result = await parsed(fixture('keepass.kdbx'), { password: PASSWORD });
    expect(result.format).toBe('kdbx');
    const gmx = result.candidates.find((c) => c.title === 'Posta GMX');
    expect(gmx).toMatchObject({
      type: 'login',
      username: 'lukas@gmx.de',
      password: 'Grüße-2024!',
      urls: ['https://www.gmx.net', 'https://mail.gmx.net'],
      otp: 'otpauth://totp/GMX:lukas?secret=JBSWY3DPEHPK3PXP&issuer=GMX',
      tags: ['wichtig'],
      createdAt: Date.parse('2021-06-01T12:00:00Z'),
      updatedAt: Date.parse('2024-02-02T12:00:00Z'),
    });
    expect(gmx?.notes).toBe('Hauptkonto\nseit 2015\n\nKundennummer: 55-1234\nPIN: 0815');
    expect(gmx?.type === 'login' && gmx.passwordHistory?.map((h) => h.password)).toEqual([
      'alt-Passwort',
    ]);
    const nas = result.candidates.find((c) => c.title === 'NAS in ufficio');
    expect(nas).toMatchObject({
      password: 'n4s;"segreto"',
      otp: 'GEZDGNBVGY3TQOJQ',
      tags: ['Lavoro/Server'],
      notes: 'Attachment: chiave.txt',
    });
  });

  it('reports the recycle bin and an entry with only a title', async () => {
    const result = await parsed(fixture('keepass.kdbx'), { password: PASSWORD });
    expect(result.candidates).toHaveLength(2);
    expect(result.problems.map((p) => [p.reason, p.title])).toEqual(
      expect.arrayContaining([
        ['missingFields', 'Solo titolo'],
        ['inTrash', 'Vecchio conto'],
      ]),
    );
    expect(result.problems).toHaveLength(2);
  });

  it('calls a damaged database malformed', async () => {
    const bytes = fixture('keepass.kdbx').bytes.slice(0, 600);
    const outcome = await parseImport(
      { name: 'x.kdbx', bytes },
      { maxItems: 9, password: PASSWORD },
    );
    expect(outcome).toMatchObject({ ok: false, reason: 'malformed', format: 'kdbx' });
  });
});

describe('KeePassXC CSV', () => {
  it('reads groups without the root, TOTP, times, and reports a title-only row', async () => {
    const result = await parsed(fixture('keepassxc.csv'));
    expect(result.format).toBe('keepassxc-csv');
    expect(result.candidates).toMatchObject([
      {
        title: 'NAS Büro',
        username: 'admin',
        password: 'N@s-Geheim',
        urls: ['https://nas.local:5001'],
        notes: 'Seriennummer: 1234\nStandort: Keller',
        otp: 'otpauth://totp/NAS:admin?secret=GEZDGNBVGY3TQOJQ&issuer=NAS',
        tags: ['Lavoro/Server'],
        createdAt: Date.parse('2023-01-15T08:00:00Z'),
        updatedAt: Date.parse('2024-03-01T10:15:00Z'),
      },
      { title: 'Posta', password: 'pass"word', tags: [] },
    ]);
    expect(result.problems).toEqual([{ kind: 'row', at: 4, reason: 'missingFields' }]);
  });
});
