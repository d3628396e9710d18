/**
 * WXT's zips (JSZip) stamp every entry with the time of zipping and list files in the order a glob
 * found them, so two zips of the same build differ. This rewrites one in place: entries sorted by
 * name, every time set to 2010-01-01 00:00 (a fixed date, as reproducible-builds.org suggests;
 * Bazel chose the same one because tools choke on 1980's), data untouched.
 * Format: PKWARE APPNOTE.TXT §4.3 (https://pkware.cachefly.net/webdocs/casestudies/APPNOTE.TXT).
 */
import { readFileSync, writeFileSync } from 'node:fs';

const LOCAL = 0x04034b50;
const CENTRAL = 0x02014b50;
const END = 0x06054b50;
const DOS_TIME = 0;
const DOS_DATE = ((2010 - 1980) << 9) | (1 << 5) | 1;

interface Entry {
  name: string;
  central: Buffer;
  local: Buffer;
}

function readEntries(zip: Buffer): Entry[] {
  const end = zip.length - 22; // JSZip writes no archive comment
  if (zip.readUInt32LE(end) !== END) throw new Error('Not a zip without a comment');
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries: Entry[] = [];
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== CENTRAL) throw new Error(`Bad central header at ${at}`);
    if (zip.readUInt16LE(at + 8) & 0x08) throw new Error('Data descriptors are not supported');
    const nameLength = zip.readUInt16LE(at + 28);
    const size = 46 + nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const offset = zip.readUInt32LE(at + 42);
    if (zip.readUInt32LE(offset) !== LOCAL) throw new Error(`Bad local header at ${offset}`);
    const localSize =
      30 +
      zip.readUInt16LE(offset + 26) +
      zip.readUInt16LE(offset + 28) +
      zip.readUInt32LE(at + 20);
    entries.push({
      name: zip.toString('utf8', at + 46, at + 46 + nameLength),
      central: Buffer.from(zip.subarray(at, at + size)),
      local: Buffer.from(zip.subarray(offset, offset + localSize)),
    });
    at += size;
  }
  return entries;
}

/** Rewrites the zip at `path` so that its bytes depend only on its files' names and contents. */
export function normalizeZip(path: string): void {
  const entries = readEntries(readFileSync(path)).sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  );
  let offset = 0;
  for (const { central, local } of entries) {
    local.writeUInt16LE(DOS_TIME, 10);
    local.writeUInt16LE(DOS_DATE, 12);
    central.writeUInt16LE(DOS_TIME, 12);
    central.writeUInt16LE(DOS_DATE, 14);
    central.writeUInt32LE(offset, 42);
    offset += local.length;
  }
  const centralSize = entries.reduce((sum, entry) => sum + entry.central.length, 0);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(END, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(centralSize, 12);
  end.writeUInt32LE(offset, 16);
  writeFileSync(
    path,
    Buffer.concat([...entries.map((e) => e.local), ...entries.map((e) => e.central), end]),
  );
}
