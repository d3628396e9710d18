import { describe, expect, it } from 'vitest';
import { fixture, parsed } from '../../tests/support/import-fixtures';
import { emptyLogin, emptyNote, normalizeItem, type Item } from '../vault/item';
import { makeCard, makeIdentity } from './typed';
import { makeLogin, makeNote } from './fields';
import { matchExisting } from './match';
import { summarize } from './summary';
import { toItem } from './to-item';

const at = { kind: 'row' as const, at: 2 };

function login(id: string, username: string, url: string, password: string): Item {
  return { ...emptyLogin(id, 1), username, password, urls: [{ url, match: 'domain' }] };
}

describe('matchExisting', () => {
  const existing: Item[] = [
    login('l1', 'Giulia.Rossi@Gmail.com ', 'https://www.google.com/', 'same-pw'),
    login('l2', 'mario', 'https://banca.it/login', 'old-pw'),
    { ...emptyNote('n1', 1), title: 'Codici WLAN', notes: 'abc' },
  ];

  it('matches logins on host (www. aside) and username (case and spaces aside)', () => {
    const candidates = [
      makeLogin({
        username: 'giulia.rossi@gmail.com',
        password: 'same-pw',
        urls: ['https://google.com/x'],
        source: at,
      }),
      makeLogin({ username: 'mario', password: 'new-pw', urls: ['https://banca.it'], source: at }),
      makeLogin({ username: 'mario', password: 'x', urls: ['https://altra-banca.it'], source: at }),
      makeLogin({ username: 'luigi', password: 'x', urls: ['https://banca.it'], source: at }),
    ];
    expect(matchExisting(candidates, existing)).toEqual([
      { kind: 'same', existingId: 'l1' },
      { kind: 'changed', existingId: 'l2' },
      { kind: 'new' },
      { kind: 'new' },
    ]);
  });

  it('matches notes on the title, and never across types', () => {
    const candidates = [
      makeNote({ title: 'codici wlan', notes: 'abc', source: at }),
      makeNote({ title: 'Codici WLAN', notes: 'changed', source: at }),
      makeLogin({ title: 'Codici WLAN', username: '', password: 'p', source: at }),
      makeCard({ title: 'Codici WLAN', number: '4111 1111 1111 1111', source: at }),
    ];
    expect(matchExisting(candidates, existing).map((m) => m.kind)).toEqual([
      'same',
      'changed',
      'new',
      'new',
    ]);
  });

  it('stays linear: 10,000 candidates against 10,000 items', () => {
    const items = Array.from({ length: 10_000 }, (_, i) =>
      login(`e${i}`, `user${i}`, `https://site${i}.example`, 'pw'),
    );
    const candidates = Array.from({ length: 10_000 }, (_, i) =>
      makeLogin({
        username: `user${i}`,
        password: i % 2 ? 'pw' : 'other',
        urls: [`https://site${i}.example`],
        source: at,
      }),
    );
    const matches = matchExisting(candidates, items);
    expect(matches.filter((m) => m.kind === 'same')).toHaveLength(5_000);
    expect(matches.filter((m) => m.kind === 'changed')).toHaveLength(5_000);
  });
});

describe('summarize', () => {
  it('counts candidates by type and problems by reason', async () => {
    const result = await parsed(fixture('bitwarden.json'));
    expect(summarize(result)).toEqual({
      total: 4,
      byType: { login: 1, note: 1, card: 1, identity: 1 },
      problems: 2,
      byProblem: { inTrash: 1, malformed: 1 },
    });
  });
});

describe('toItem', () => {
  it('builds a valid login that keeps tags, OTP, times and the password history', async () => {
    const result = await parsed(fixture('bitwarden.json'));
    const item = toItem(result.candidates[0]!, 'id-1', 5_000);
    expect(normalizeItem(item)).toEqual(item);
    expect(item).toMatchObject({
      id: 'id-1',
      type: 'login',
      title: 'Aruba PEC',
      urls: [
        { url: 'https://webmail.pec.it', match: 'domain' },
        { url: 'https://www.aruba.it', match: 'domain' },
      ],
      tags: ['Lavoro'],
      createdAt: Date.parse('2022-01-10T09:00:00.000Z'),
      passwordHistory: [{ password: 'vecchia-1' }],
    });
    // Bitwarden kept a bare secret: the item gets a full otpauth URI with the defaults it means.
    expect(item.type === 'login' && item.otp).toMatch(
      /^otpauth:\/\/totp\/.*secret=JBSWY3DPEHPK3PXP/,
    );
  });

  it('keeps an OTP secret it cannot read in the notes instead of losing it', () => {
    const candidate = makeLogin({
      title: 'Steam',
      username: 'u',
      password: 'p',
      otp: 'steam://ABC!',
      source: at,
    });
    const item = toItem(candidate, 'id-2', 5);
    expect(item).toMatchObject({ otp: '', notes: 'OTP: steam://ABC!', createdAt: 5, updatedAt: 5 });
  });

  it('builds notes with their tags', () => {
    const note = toItem(
      makeNote({ title: 'N', notes: 'testo', tags: ['Casa'], source: at }),
      'n',
      1,
    );
    expect(note).toMatchObject({ type: 'note', title: 'N', notes: 'testo', tags: ['Casa'] });
  });

  it('builds cards: digits only, expiry as YYYY-MM, and what no field can hold kept in the notes', async () => {
    const result = await parsed(fixture('bitwarden.json'));
    const fromFile = result.candidates.find((candidate) => candidate.type === 'card')!;
    const item = toItem(fromFile, 'c1', 1);
    expect(normalizeItem(item)).toEqual(item);
    expect(item).toMatchObject({ type: 'card', id: 'c1', cardholder: fromFile.holder });
    expect(item.type === 'card' && item.number).toMatch(/^\d{12,19}$/);
    expect(item.type === 'card' && item.expiry).toMatch(/^\d{4}-\d{2}$/);

    const odd = makeCard({
      title: 'Store card',
      number: '6000 0000 0000 0000 0000 12',
      expiry: { expMonth: 3, expYear: 2031 },
      code: '12345',
      tags: ['Spesa'],
      source: at,
    });
    expect(toItem(odd, 'c2', 1)).toMatchObject({
      type: 'card',
      number: '',
      code: '',
      expiry: '2031-03',
      tags: ['Spesa'],
      notes: 'Number: 6000000000000000000012\nCode: 12345',
    });
  });

  it('builds identities, a third address line kept in the notes', async () => {
    const result = await parsed(fixture('bitwarden.json'));
    const fromFile = result.candidates.find((candidate) => candidate.type === 'identity')!;
    const item = toItem(fromFile, 'i1', 1);
    expect(normalizeItem(item)).toEqual(item);
    expect(item).toMatchObject({ type: 'identity', lastName: fromFile.lastName });

    const identity = toItem(
      makeIdentity({
        title: 'Casa',
        firstName: 'Giulia',
        addressLines: ['Via Roma 1', 'Scala B', 'Interno 4'],
        city: 'Torino',
        source: at,
      }),
      'i2',
      1,
    );
    expect(identity).toMatchObject({
      type: 'identity',
      firstName: 'Giulia',
      address1: 'Via Roma 1',
      address2: 'Scala B',
      city: 'Torino',
      notes: 'Address: Interno 4',
    });
  });
});
