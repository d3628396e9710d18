import type { Context } from 'hono';

/**
 * The languages the server speaks, the extension's three: its pages (pages/texts.ts) and its
 * emails (mail/templates.ts) both come in each.
 */
export const LANGUAGES = ['en', 'it', 'de'] as const;
export type Language = (typeof LANGUAGES)[number];

/**
 * The best of the server's languages for an `Accept-Language` header (RFC 9110 §12.5.4): by
 * weight, then by order; `q=0` means "not this one"; English when nothing matches.
 */
export function pickLanguage(header: string | undefined): Language {
  const ranges = (header ?? '')
    .split(',')
    .slice(0, 50)
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = params
        .map((p) => /^\s*q\s*=\s*([01](?:\.\d{0,3})?)\s*$/i.exec(p)?.[1])
        .find(Boolean);
      return { tag: tag.trim().toLowerCase(), q: q === undefined ? 1 : Number(q), index };
    })
    .filter((r) => r.tag !== '' && r.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index);
  const refused = new Set(
    (header ?? '')
      .split(',')
      .map((part) => part.trim().toLowerCase())
      .filter((part) => /;\s*q\s*=\s*0(?:\.0{0,3})?\s*$/.test(part))
      .map((part) => part.split(';')[0]!.trim().split('-')[0]),
  );
  for (const { tag } of ranges) {
    const primary = tag.split('-')[0];
    const found = LANGUAGES.find((l) => l === primary);
    if (found !== undefined) return found;
    if (tag === '*') {
      const any = LANGUAGES.find((l) => !refused.has(l));
      if (any !== undefined) return any;
    }
  }
  return 'en';
}

/**
 * The language of the person behind a request: a page they open, or an email the request makes
 * the server send (the extension's fetch carries the browser's Accept-Language).
 */
export const requestLanguage = (c: Context): Language =>
  pickLanguage(c.req.header('Accept-Language'));
