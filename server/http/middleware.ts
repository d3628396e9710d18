import { cors } from 'hono/cors';
import { createMiddleware } from 'hono/factory';
import type { Logger } from 'pino';
import type { AppEnv } from '../deps';

/** The extension's own origins (Chrome, Firefox): the only ones the API answers in a browser. */
export function isExtensionOrigin(origin: string | undefined): origin is string {
  return origin !== undefined && /^(chrome|moz)-extension:\/\/[a-z0-9-]+$/i.test(origin);
}

/**
 * CORS for the extension's own origins only (DESIGN §8): its pages may call the server without a
 * host permission, and no website can read an answer. No cookies are used, so no credentials.
 */
export const extensionCors = cors({
  origin: (origin) => (isExtensionOrigin(origin) ? origin : null),
  allowMethods: ['GET', 'POST', 'PUT', 'DELETE'],
  allowHeaders: ['Authorization', 'Content-Type'],
  maxAge: 600,
});

/** One line per request: method, route path, status, time. Never headers, bodies or queries. */
export function requestLog(log: Logger) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const started = performance.now();
    await next();
    log.info(
      {
        method: c.req.method,
        path: c.req.path.slice(0, 200),
        status: c.res.status,
        ms: Math.round((performance.now() - started) * 10) / 10,
      },
      'request',
    );
  });
}

/** Security headers for a JSON API: nothing here is meant to be framed, sniffed or cached. */
export const apiHeaders = createMiddleware(async (c, next) => {
  await next();
  c.header('Cache-Control', 'no-store');
  c.header('X-Content-Type-Options', 'nosniff');
  c.header('Referrer-Policy', 'no-referrer');
});
