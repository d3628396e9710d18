/**
 * Writes tests/fixtures/import/keepass.kdbx: a KDBX 4 database as KeePassXC makes them (Argon2d,
 * parallelism 2, a 32-byte salt), small enough in memory to open fast in tests.
 * Run: `npx tsx tests/support/make-kdbx-fixture.ts` (the file is committed; rerun only to change it).
 */
import { writeFileSync } from 'node:fs';
import { loadKdbxweb } from '../../lib/import/formats/kdbx';

/** Also written in lib/import/formats/kdbx.test.ts. */
const KDBX_FIXTURE_PASSWORD = 'Passwort-für-Tests';

async function main() {
  const kdbxweb = await loadKdbxweb();
  const credentials = new kdbxweb.Credentials(
    kdbxweb.ProtectedValue.fromString(KDBX_FIXTURE_PASSWORD),
  );
  const db = kdbxweb.Kdbx.create(credentials, 'Datenbank');
  db.setVersion(4);
  db.setKdf(kdbxweb.Consts.KdfId.Argon2d);
  const kdf = db.header.kdfParameters!;
  kdf.set('P', kdbxweb.VarDictionary.ValueType.UInt32, 2);
  kdf.set('I', kdbxweb.VarDictionary.ValueType.UInt64, new kdbxweb.Int64(2));
  kdf.set('M', kdbxweb.VarDictionary.ValueType.UInt64, new kdbxweb.Int64(1024 * 1024));
  kdf.set(
    'S',
    kdbxweb.VarDictionary.ValueType.Bytes,
    kdbxweb.CryptoEngine.random(32).slice().buffer,
  );
  db.createRecycleBin();

  const root = db.getDefaultGroup();
  const work = db.createGroup(root, 'Lavoro');
  const servers = db.createGroup(work, 'Server');

  const mail = db.createEntry(root);
  mail.fields.set('Title', 'Posta GMX');
  mail.fields.set('UserName', 'lukas@gmx.de');
  mail.fields.set('Password', kdbxweb.ProtectedValue.fromString('alt-Passwort'));
  mail.fields.set('URL', 'https://www.gmx.net');
  mail.times.creationTime = new Date('2021-06-01T12:00:00Z');
  mail.pushHistory();
  mail.fields.set('Password', kdbxweb.ProtectedValue.fromString('Grüße-2024!'));
  mail.fields.set('Notes', 'Hauptkonto\nseit 2015');
  mail.fields.set('KP2A_URL_1', 'https://mail.gmx.net');
  mail.fields.set('otp', 'otpauth://totp/GMX:lukas?secret=JBSWY3DPEHPK3PXP&issuer=GMX');
  mail.fields.set('Kundennummer', '55-1234');
  mail.fields.set('PIN', kdbxweb.ProtectedValue.fromString('0815'));
  mail.tags = ['wichtig'];
  mail.times.lastModTime = new Date('2024-02-02T12:00:00Z');

  const nas = db.createEntry(servers);
  nas.fields.set('Title', 'NAS in ufficio');
  nas.fields.set('UserName', 'admin');
  nas.fields.set('Password', kdbxweb.ProtectedValue.fromString('n4s;"segreto"'));
  nas.fields.set('URL', 'https://nas.ufficio.local:5001');
  nas.fields.set('TimeOtp-Secret-Base32', kdbxweb.ProtectedValue.fromString('GEZDGNBVGY3TQOJQ'));
  const attachment = await db.createBinary(new TextEncoder().encode('chiave').buffer);
  nas.binaries.set('chiave.txt', attachment);

  const empty = db.createEntry(work);
  empty.fields.set('Title', 'Solo titolo');

  const trashed = db.createEntry(root);
  trashed.fields.set('Title', 'Vecchio conto');
  trashed.fields.set('Password', kdbxweb.ProtectedValue.fromString('x'));
  db.remove(trashed);

  const bytes = new Uint8Array(await db.save());
  writeFileSync(new URL('../fixtures/import/keepass.kdbx', import.meta.url), bytes);
  console.log(`wrote keepass.kdbx (${bytes.length} bytes)`);
}

await main();
