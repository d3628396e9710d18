import { Hono, type Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { AppEnv } from '../deps';
import { notFound } from '../http/errors';
import { requestLanguage, type Language } from '../http/language';
import { homePage, notFoundPage, PAGE_CSP, resetPage } from '../pages/html';

function html(c: Context, status: ContentfulStatusCode, lang: Language, body: string) {
  c.header('Content-Security-Policy', PAGE_CSP);
  c.header('X-Frame-Options', 'DENY');
  c.header('Content-Language', lang);
  c.header('Vary', 'Accept-Language');
  return c.html(body, status);
}

/**
 * The pages a person may land on in a browser: the reset email's link (`/reset#token=…`; the
 * fragment never reaches the server, and the page has no script to read it) and the server's
 * own address. Everything else is the JSON API.
 */
export function pageRoutes(publicUrl: string) {
  const reset = (c: Context) => {
    const lang = requestLanguage(c);
    return html(c, 200, lang, resetPage(lang));
  };
  return new Hono<AppEnv>()
    .get('/', (c) => {
      const lang = requestLanguage(c);
      return html(c, 200, lang, homePage(lang, publicUrl));
    })
    .get('/reset', reset)
    .get('/reset/', reset);
}

/**
 * 404: a page for a browser that asked for one outside the API (a mistyped or cut link), the
 * usual JSON error for everything else.
 */
export function notFoundForBrowsersToo(c: Context) {
  const wantsPage =
    (c.req.method === 'GET' || c.req.method === 'HEAD') &&
    !c.req.path.startsWith('/v1/') &&
    (c.req.header('Accept') ?? '').includes('text/html');
  if (!wantsPage) return notFound(c);
  const lang = requestLanguage(c);
  return html(c, 404, lang, notFoundPage(lang));
}
