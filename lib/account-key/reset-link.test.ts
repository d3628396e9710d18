import { describe, expect, it } from 'vitest';
import { isLinkForServer, looksLikeResetLink, parseResetLink } from './reset-link';

const token = 'A'.repeat(20) + '-_' + 'b'.repeat(21);

describe('reset link', () => {
  it('reads the server and the token of a link, alone or inside pasted text', () => {
    expect(parseResetLink(`http://127.0.0.1:8787/reset#token=${token}`)).toEqual({
      serverUrl: 'http://127.0.0.1:8787',
      token,
    });
    expect(parseResetLink(`Open <https://Vault.Example.com/cf/reset#token=${token}>.`)).toEqual({
      serverUrl: 'https://vault.example.com/cf',
      token,
    });
    expect(parseResetLink(`  https://vault.example.com/reset/#token=${token}\n`)?.token).toBe(
      token,
    );
  });

  it('refuses what is not a usable reset link', () => {
    for (const text of [
      '',
      'ABCD-EF12',
      `https://vault.example.com/other#token=${token}`,
      `https://vault.example.com/reset#token=${token.slice(1)}`,
      `https://vault.example.com/reset#token=${token}x`,
      `https://vault.example.com/reset?token=${token}`,
      `http://vault.example.com/reset#token=${token}`, // plain http off this computer
      `ftp://vault.example.com/reset#token=${token}`,
    ]) {
      expect(parseResetLink(text), text).toBeNull();
    }
  });

  it('tells a damaged link from a code', () => {
    expect(looksLikeResetLink(`https://vault.example.com/reset#token=${token.slice(3)}`)).toBe(
      true,
    );
    expect(looksLikeResetLink('ABCD-EF12')).toBe(false);
    expect(looksLikeResetLink('https://vault.example.com/')).toBe(false);
  });

  it('belongs only to the servers it is compared with', () => {
    const link = parseResetLink(`https://vault.example.com/reset#token=${token}`)!;
    expect(isLinkForServer(link, [undefined, 'https://VAULT.example.com/'])).toBe(true);
    expect(isLinkForServer(link, ['https://vault.example.com.evil.test', 'not a url'])).toBe(false);
    expect(isLinkForServer(link, [])).toBe(false);
  });
});
