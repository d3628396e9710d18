/**
 * Items as a real vault holds them, for the export tests: every field a login can carry (history,
 * match modes, OTP, tags, a favourite, a conflict copy), a note, and an item of a type no version
 * of Cassaforte has yet, which an export must carry untouched.
 */
import { normalizeItem } from '@/lib/vault/item';

export function vaultItems(): unknown[] {
  return [
    normalizeItem({
      id: 'login-1',
      type: 'login',
      createdAt: 1_700_000_000_000,
      updatedAt: 1_710_000_000_000,
      title: 'Banca Intesa',
      username: 'mario.rossi@example.it',
      password: 'Pässwort "segreto", con virgole',
      urls: [
        { url: 'https://banca.example.it/login', match: 'exact' },
        { url: 'https://app.banca.example.it', match: 'host' },
      ],
      passwordHistory: [{ password: 'vecchia-1', replacedAt: 1_705_000_000_000 }],
      notes: 'PIN carta: 1234\nriga due',
      favorite: true,
      revision: 7,
      otp: 'otpauth://totp/Banca:mario?secret=JBSWY3DPEHPK3PXP&issuer=Banca',
      tags: ['Lavoro', 'Banca/Conti'],
    }),
    normalizeItem({
      id: 'note-1',
      type: 'note',
      createdAt: 1_690_000_000_000,
      updatedAt: 1_690_000_000_001,
      title: 'Codici Wi-Fi',
      notes: 'Casa: Ciao-Mondo-2024',
      revision: 2,
      tags: ['Casa'],
    }),
    normalizeItem({
      id: 'login-2',
      type: 'login',
      createdAt: 1_600_000_000_000,
      updatedAt: 1_600_000_000_000,
      title: 'Deutsche Bahn (Konflikt)',
      username: 'lukas',
      password: 'Grüße-aus-Köln',
      urls: [{ url: 'https://bahn.example.de', match: 'domain' }],
      revision: 1,
      conflictOf: 'login-3',
    }),
  ];
}

/** An item a newer Cassaforte wrote: no version of this code knows its type. */
export const futureItem = {
  id: 'future-1',
  type: 'wifi-network',
  createdAt: 1,
  updatedAt: 2,
  title: 'Rete ufficio',
  ssid: 'Ufficio',
  passphrase: 'Wlan-Schlüssel',
  revision: 3,
};

/** The lowest cost every reader accepts, so the tests spend no time on Argon2id. */
export const FAST_COST = { ops: 2, memBytes: 19 * 1024 * 1024 };
