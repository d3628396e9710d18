import { describe, expect, it } from 'vitest';
import { formatAccountKey } from './account-key';
import { isEmailShape, normalizeEmail, parseEmail } from './email';
import { AccountKeyError, SetupCodeError, type SetupCodeErrorCode } from './errors';
import { parseServerUrl } from './server-url';
import { decodeSetupCode, encodeSetupCode } from './setup-code';

const accountKey = Uint8Array.from({ length: 16 }, (_, i) => i * 17);
const keyText = formatAccountKey(accountKey);

function codeOf(fn: () => unknown): SetupCodeErrorCode | 'ok' {
  try {
    fn();
    return 'ok';
  } catch (error) {
    expect(error).toBeInstanceOf(SetupCodeError);
    return (error as SetupCodeError).code;
  }
}

describe('setup code', () => {
  it('round-trips and normalises email and server address', () => {
    const text = encodeSetupCode({
      email: ' Alice+Vault@Example.COM ',
      serverUrl: 'https://Vault.Example.com:443/',
      accountKey,
    });
    expect(text).toBe(
      `cassaforte:setup:1?email=alice%2Bvault@example.com&server=https://vault.example.com&key=${keyText}`,
    );
    expect(decodeSetupCode(text)).toEqual({
      email: 'alice+vault@example.com',
      serverUrl: 'https://vault.example.com',
      accountKey,
    });
  });

  it('accepts fields in any order, an upper-case scheme, surrounding space and unknown fields', () => {
    const text = `  CASSAFORTE:SETUP:1?key=${keyText.toLowerCase()}&x-new=1&server=http://127.0.0.1:8787&email=bob@example.test\n`;
    expect(decodeSetupCode(text)).toEqual({
      email: 'bob@example.test',
      serverUrl: 'http://127.0.0.1:8787',
      accountKey,
    });
  });

  it('names what is wrong', () => {
    const good = encodeSetupCode({ email: 'a@b.test', serverUrl: 'https://s.test', accountKey });
    const cases: Array<[string, SetupCodeErrorCode]> = [
      ['', 'empty'],
      ['   ', 'empty'],
      [keyText, 'not-a-setup-code'],
      [`https://s.test/setup?key=${keyText}`, 'not-a-setup-code'],
      [good.replace(':1?', ':2?'), 'unsupported-version'],
      [good.replace(':1?', ':?'), 'malformed'],
      [good.replace(':1?', ':1'), 'malformed'],
      [good.replace('&server=https://s.test', ''), 'malformed'],
      [`${good}&email=c@d.test`, 'malformed'],
      [good.replace('email=a@b.test', 'email=a%E0@b.test'), 'malformed'],
      [good.replace('email=a@b.test', 'email'), 'malformed'],
      [good.replace('a@b.test', 'not-an-email'), 'bad-email'],
      [good.replace('https://s.test', 'http://s.test'), 'bad-server-url'],
      [good.replace('https://s.test', 'ftp://s.test'), 'bad-server-url'],
      [
        good.replace(keyText, keyText.slice(0, -1) + (keyText.endsWith('0') ? '1' : '0')),
        'bad-account-key',
      ],
    ];
    for (const [text, code] of cases)
      expect(
        codeOf(() => decodeSetupCode(text)),
        text,
      ).toBe(code);
  });

  it('keeps the account key error as the cause', () => {
    const text = `cassaforte:setup:1?email=a@b.test&server=https://s.test&key=CF1-0000`;
    try {
      decodeSetupCode(text);
      expect.unreachable();
    } catch (error) {
      expect((error as SetupCodeError).code).toBe('bad-account-key');
      expect((error as SetupCodeError).cause).toBeInstanceOf(AccountKeyError);
    }
  });

  it('refuses to encode a kit with a bad part', () => {
    expect(
      codeOf(() => encodeSetupCode({ email: 'x', serverUrl: 'https://s.test', accountKey })),
    ).toBe('bad-email');
    expect(
      codeOf(() => encodeSetupCode({ email: 'a@b.test', serverUrl: 'http://s.test', accountKey })),
    ).toBe('bad-server-url');
  });
});

describe('parseServerUrl', () => {
  it('accepts https anywhere and http on loopback, in canonical form', () => {
    expect(parseServerUrl('https://vault.example.com')).toBe('https://vault.example.com');
    expect(parseServerUrl(' https://vault.example.com/cassaforte/ ')).toBe(
      'https://vault.example.com/cassaforte',
    );
    expect(parseServerUrl('http://127.0.0.1:8787/')).toBe('http://127.0.0.1:8787');
    expect(parseServerUrl('http://127.1:8787')).toBe('http://127.0.0.1:8787');
    expect(parseServerUrl('http://127.255.0.9')).toBe('http://127.255.0.9');
    expect(parseServerUrl('http://LOCALHOST:3000')).toBe('http://localhost:3000');
    expect(parseServerUrl('http://[::1]:8787')).toBe('http://[::1]:8787');
    expect(parseServerUrl('https://[2001:db8::1]')).toBe('https://[2001:db8::1]');
  });

  it('refuses plain http to the network, other schemes, credentials, queries and junk', () => {
    const bad = [
      '',
      'vault.example.com',
      'http://vault.example.com',
      'http://128.0.0.1',
      'http://10.0.0.1:8787',
      'http://localhost.evil.test',
      'http://127.0.0.1.evil.test',
      'http://[::ffff:127.0.0.1]',
      'http://0.0.0.0:8787',
      'ws://127.0.0.1',
      'javascript:alert(1)',
      'file:///etc/passwd',
      'https://user:pw@vault.example.com',
      'https://vault.example.com/?next=x',
      'https://vault.example.com/#x',
      'https://vault.exa mple.com',
      'https://vault.exa\nmple.com',
    ];
    for (const text of bad) {
      expect(
        codeOf(() => parseServerUrl(text)),
        JSON.stringify(text),
      ).toBe('bad-server-url');
    }
  });
});

describe('email', () => {
  it('normalises by trimming and lower-casing', () => {
    expect(normalizeEmail('  Bob.Smith@Example.COM\t')).toBe('bob.smith@example.com');
    expect(parseEmail('Bob+x@Example.com')).toBe('bob+x@example.com');
  });

  it('checks the shape <input type=email> checks', () => {
    for (const ok of ['a@b', 'a.b-c+d@x-y.example.test', "o'neil@example.ie"]) {
      expect(isEmailShape(ok), ok).toBe(true);
    }
    for (const bad of [
      '',
      'a',
      '@b.test',
      'a@',
      'a b@c.test',
      'a@b..test',
      'a@-b.test',
      'a@b.test ,c',
    ]) {
      expect(isEmailShape(bad), bad).toBe(false);
    }
    expect(isEmailShape(`${'a'.repeat(250)}@b.test`)).toBe(false);
  });
});
