import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pickLanguage } from '../http/language';
import { startTestServer, type TestServer } from './harness';

describe('pickLanguage', () => {
  it('takes the best of en, it, de by weight and order, English otherwise', () => {
    expect(pickLanguage(undefined)).toBe('en');
    expect(pickLanguage('it-IT,it;q=0.9,en-US;q=0.8,en;q=0.7')).toBe('it');
    expect(pickLanguage('de-CH')).toBe('de');
    expect(pickLanguage('fr-FR,fr;q=0.9,de;q=0.5,it;q=0.4')).toBe('de');
    expect(pickLanguage('en;q=0.2, it;q=0.8')).toBe('it');
    expect(pickLanguage('fr, es')).toBe('en');
    expect(pickLanguage('it;q=0, de')).toBe('de');
    expect(pickLanguage('*')).toBe('en');
    expect(pickLanguage('en;q=0, *')).toBe('it');
    expect(pickLanguage(';;;,q=,,')).toBe('en');
  });
});

describe('pages a browser lands on', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('sqlite');
  });
  afterAll(() => server?.close());

  const get = (path: string, headers: Record<string, string> = {}) =>
    fetch(server.url + path, { headers: { Accept: 'text/html,*/*;q=0.8', ...headers } });

  /** What the page says, without markup. */
  const words = (html: string) =>
    html
      .replace(/<style>[\s\S]*?<\/style>/, '')
      .replace(/<[^>]+>/g, ' ')
      .replace(/\s+/g, ' ');

  it('answers the reset link with a page in the reader’s language that says where to go on', async () => {
    const cases = [
      ['en-GB,en;q=0.9', 'en', ['Click the Cassaforte button', '“I have a reset email”', 'code']],
      ['it-IT,it;q=0.9', 'it', ['pulsante di Cassaforte', "«Ho un'email di reimpostazione»"]],
      ['de-DE,de;q=0.9', 'de', ['Schaltfläche von Cassaforte', '„Ich habe eine E-Mail zum']],
      ['fr-FR', 'en', ['Click the Cassaforte button']],
    ] as const;
    for (const [accept, lang, phrases] of cases) {
      const res = await get('/reset', { 'Accept-Language': accept });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html; charset=UTF-8/i);
      expect(res.headers.get('content-language')).toBe(lang);
      expect(res.headers.get('vary')).toMatch(/Accept-Language/);
      const html = await res.text();
      expect(html).toContain(`<html lang="${lang}">`);
      const text = words(html).replace(/&#39;/g, "'");
      for (const phrase of phrases) expect(text, `${lang}: ${phrase}`).toContain(phrase);
    }
  });

  it('handles no secret: no script, nothing loaded from anywhere, a CSP that allows only its style', async () => {
    const res = await get('/reset');
    const html = await res.text();
    expect(html).not.toMatch(
      /<script|javascript:|\son[a-z]+=|<form|<iframe|<img|<link|src=|href=/i,
    );
    expect(html).not.toMatch(/style="/);
    const csp = res.headers.get('content-security-policy') ?? '';
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)![1]!;
    const hash = createHash('sha256').update(style, 'utf8').digest('base64');
    expect(csp.split('; ').sort()).toEqual(
      [
        "default-src 'none'",
        `style-src 'sha256-${hash}'`,
        "img-src 'none'",
        "base-uri 'none'",
        "form-action 'none'",
        "frame-ancestors 'none'",
      ].sort(),
    );
    expect(res.headers.get('x-frame-options')).toBe('DENY');
    expect(res.headers.get('referrer-policy')).toBe('no-referrer');
    expect(res.headers.get('cache-control')).toBe('no-store');
    // The same page with a trailing slash (some mail clients add one).
    expect((await get('/reset/')).status).toBe(200);
  });

  it('shows what the server is at its own address, and a page for a wrong one', async () => {
    const home = await get('/', { 'Accept-Language': 'de' });
    expect(home.status).toBe(200);
    const homeText = words(await home.text());
    expect(homeText).toContain('Synchronisationsserver von Cassaforte');
    expect(homeText).toContain('https://vault.cassaforte.test');

    const lost = await get('/rest', { 'Accept-Language': 'it' });
    expect(lost.status).toBe(404);
    expect(lost.headers.get('content-security-policy')).toMatch(/default-src 'none'/);
    expect(words(await lost.text())).toContain('Qui non c’è niente');

    // The API keeps answering its clients in JSON.
    const api = await get('/v1/nothing');
    expect(api.status).toBe(404);
    expect(await api.json()).toEqual({ error: 'not_found', message: expect.any(String) });
    const script = await fetch(`${server.url}/rest`);
    expect(script.status).toBe(404);
    expect((await script.json()).error).toBe('not_found');
  });
});
