import { describe, expect, it } from 'vitest';
import { FAST_COST, futureItem, vaultItems } from '../../tests/support/export-items';
import { DEFAULT_KDF } from '../crypto';
import { readEncryptedExport, writeEncryptedExport } from './encrypted';
import { ExportFileError } from './errors';
import { exportKdfCost } from './export-kdf';

const PASSWORD = 'correct horse battery staple';
const decoder = new TextDecoder();

async function exported(items: unknown[] = [...vaultItems(), futureItem]) {
  const bytes = await writeEncryptedExport({ items, password: PASSWORD, cost: FAST_COST, now: 42 });
  return JSON.parse(decoder.decode(bytes)) as Record<string, unknown> & {
    kdf: Record<string, unknown>;
    ciphertext: string;
    nonce: string;
  };
}

async function refusal(file: unknown, password = PASSWORD) {
  const error = await readEncryptedExport(file, password).catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(ExportFileError);
  return (error as ExportFileError).problem;
}

/** The base64url text with its character at `at` replaced by another valid one. */
function flipped(text: string, at: number): string {
  const char = text[at] === 'A' ? 'B' : 'A';
  return text.slice(0, at) + char + text.slice(at + 1);
}

describe('encrypted export', () => {
  it('opens with its password to exactly the items it was written from', async () => {
    const items = [...vaultItems(), futureItem];
    const payload = await readEncryptedExport(await exported(items), PASSWORD);
    expect(payload).toEqual({ exportedAt: 42, items });
  });

  it('writes the documented header and no item text in clear', async () => {
    const file = await exported();
    expect(Object.keys(file)).toEqual(['format', 'version', 'kdf', 'nonce', 'ciphertext']);
    expect(file).toMatchObject({
      format: 'cassaforte-export',
      version: 1,
      kdf: { alg: 'argon2id13', opslimit: FAST_COST.ops, memlimit: FAST_COST.memBytes },
    });
    const text = JSON.stringify(file);
    for (const secret of ['Banca', 'Pässwort', 'mario', 'Wlan', 'Ciao-Mondo']) {
      expect(text).not.toContain(secret);
    }
  });

  it('refuses a wrong password with a clear reason', async () => {
    expect(await refusal(await exported(), 'correct horse battery stapler')).toBe('wrongPassword');
  });

  it.each([
    [
      'opslimit',
      (f: Awaited<ReturnType<typeof exported>>) => ({ ...f, kdf: { ...f.kdf, opslimit: 3 } }),
    ],
    [
      'salt',
      (f: Awaited<ReturnType<typeof exported>>) => ({
        ...f,
        kdf: { ...f.kdf, salt: flipped(f.kdf.salt as string, 3) },
      }),
    ],
    ['nonce', (f: Awaited<ReturnType<typeof exported>>) => ({ ...f, nonce: flipped(f.nonce, 5) })],
    [
      'ciphertext',
      (f: Awaited<ReturnType<typeof exported>>) => ({
        ...f,
        ciphertext: flipped(f.ciphertext, 40),
      }),
    ],
  ])('refuses a file whose %s was changed', async (_field, change) => {
    expect(await refusal(change(await exported()))).toBe('wrongPassword');
  });

  it('refuses a version it does not know, before asking for any work', async () => {
    expect(await refusal({ ...(await exported()), version: 2 })).toBe('unsupportedVersion');
    expect(await refusal({ format: 'cassaforte-export', version: 2 })).toBe('unsupportedVersion');
  });

  it('refuses KDF settings outside what every reader runs, and other shapes', async () => {
    const file = await exported();
    const heavy = { ...file, kdf: { ...file.kdf, memlimit: 4 * 1024 ** 3 } };
    expect(await refusal(heavy)).toBe('unsupportedVersion');
    expect(await refusal({ ...file, kdf: { ...file.kdf, alg: 'scrypt' } })).toBe(
      'unsupportedVersion',
    );
    expect(await refusal({ ...file, ciphertext: 'not base64!' })).toBe('malformed');
    expect(await refusal({ ...file, extra: true })).toBe('malformed');
    expect(await refusal([])).toBe('malformed');
  });

  it('round-trips a file of 10,000 items', async () => {
    const [login] = vaultItems() as Array<Record<string, unknown>>;
    const items = Array.from({ length: 10_000 }, (_, i) => ({
      ...login,
      id: `item-${i}`,
      title: `Conto ${i}`,
    }));
    const file = await exported(items);
    const payload = await readEncryptedExport(file, PASSWORD);
    expect(payload.items).toHaveLength(10_000);
    expect(payload.items).toEqual(items);
  });
});

describe('export KDF cost', () => {
  it("is never below the account's own nor today's defaults", () => {
    expect(exportKdfCost({ ops: 2, memBytes: 19 * 1024 * 1024 })).toEqual(DEFAULT_KDF);
    expect(exportKdfCost({ ops: 5, memBytes: 128 * 1024 * 1024 })).toEqual({
      ops: 5,
      memBytes: 128 * 1024 * 1024,
    });
  });
});
