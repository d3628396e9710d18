/** Which saved URLs belong to which pages (DESIGN §6), look-alikes included. */
import { describe, expect, it } from 'vitest';
import type { UrlMatch } from '../vault/item';
import { isEquivalentSite, matchesItemOrigin, type OriginMatch } from './origin';

const cases: Array<[saved: string, match: UrlMatch, page: string, expected: OriginMatch]> = [
  ['https://github.com/login', 'domain', 'https://github.com/session', 'match'],
  ['https://github.com', 'domain', 'https://gist.github.com/', 'match'],
  ['github.com', 'domain', 'https://github.com/', 'match'],
  ['https://github.com', 'host', 'https://gist.github.com/', 'none'],
  ['https://github.com', 'host', 'https://github.com/anything', 'match'],
  ['https://example.com/login', 'exact', 'https://example.com/login?next=/', 'match'],
  ['https://example.com/login', 'exact', 'https://example.com/other', 'none'],
  // Look-alikes.
  ['https://example.com', 'domain', 'https://example.com.evil.test/', 'none'],
  ['https://example.com', 'domain', 'https://example.com@evil.test/', 'none'],
  ['https://example.com', 'domain', 'https://evil-example.com/', 'none'],
  ['https://example.com', 'domain', 'https://example.co/', 'none'],
  ['https://example.com', 'domain', 'https://example.com./login', 'match'],
  ['https://EXAMPLE.com', 'domain', 'https://example.COM/', 'match'],
  // Ports.
  ['https://example.com', 'domain', 'https://example.com:8443/', 'match'],
  ['https://example.com', 'host', 'https://example.com:8443/', 'none'],
  ['http://localhost:3000', 'domain', 'http://localhost:4000/', 'none'],
  ['http://localhost:3000', 'domain', 'http://localhost:3000/login', 'match'],
  ['http://127.0.0.1:8080', 'domain', 'http://127.0.0.1:8080/', 'match'],
  ['http://192.168.1.1', 'domain', 'http://192.168.1.2/', 'none'],
  // Internationalised names compare in one form.
  ['https://bücher.de', 'domain', 'https://xn--bcher-kva.de/', 'match'],
  ['https://xn--bcher-kva.de', 'domain', 'https://bücher.de/', 'match'],
  ['https://bücher.de', 'domain', 'https://bucher.de/', 'none'],
  // Public and private suffixes.
  ['https://alice.github.io', 'domain', 'https://bob.github.io/', 'none'],
  ['https://alice.github.io', 'domain', 'https://alice.github.io/repo', 'match'],
  ['https://shop.example.co.uk', 'domain', 'https://www.example.co.uk/', 'match'],
  ['https://example.co.uk', 'domain', 'https://other.co.uk/', 'none'],
  // Schemes: never downwards without a confirmation; upwards is fine; nothing but the web.
  ['https://bank.example', 'domain', 'http://bank.example/', 'insecure'],
  ['bank.example', 'domain', 'http://bank.example/', 'insecure'],
  ['http://bank.example', 'domain', 'https://bank.example/', 'match'],
  ['https://github.com', 'domain', 'ftp://github.com/', 'none'],
  ['https://github.com', 'domain', 'chrome://settings/', 'none'],
  ['not a url at all', 'domain', 'https://github.com/', 'none'],
];

describe('matchesItemOrigin', () => {
  it.each(cases)('%s (%s) on %s → %s', (saved, match, page, expected) => {
    expect(matchesItemOrigin({ url: saved, match }, page)).toBe(expected);
  });
});

describe('equivalent domains', () => {
  it('offers an item of another domain of the same group as a suggestion only', () => {
    expect(
      isEquivalentSite({ url: 'https://google.com', match: 'domain' }, 'https://youtube.com/'),
    ).toBe(true);
    expect(
      isEquivalentSite({ url: 'https://amazon.de', match: 'domain' }, 'https://www.amazon.it/'),
    ).toBe(true);
    expect(
      isEquivalentSite({ url: 'https://amazon.de', match: 'host' }, 'https://amazon.it/'),
    ).toBe(false);
    expect(
      isEquivalentSite({ url: 'https://google.com', match: 'domain' }, 'https://mail.google.com/'),
    ).toBe(false);
    expect(
      isEquivalentSite({ url: 'https://google.com', match: 'domain' }, 'https://evil.test/'),
    ).toBe(false);
    const mine = [['example.com', 'example.org']];
    expect(
      isEquivalentSite(
        { url: 'https://example.org', match: 'domain' },
        'https://example.com/',
        mine,
      ),
    ).toBe(true);
  });
});
