import type { Context } from 'hono';
import type { AppEnv } from '../deps';

/**
 * The address rate limits are counted against. From the socket by default: X-Forwarded-For is
 * whatever the client wrote unless a proxy we trust sets it, and then only its last entry (the
 * one our proxy appended) is believed.
 */
export function clientAddress(c: Context<AppEnv>, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req
      .header('X-Forwarded-For')
      ?.split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const last = forwarded?.at(-1);
    if (last !== undefined) return last.slice(0, 64);
  }
  // c.env is undefined under app.request() in unit tests.
  return (c.env as AppEnv['Bindings'] | undefined)?.incoming?.socket?.remoteAddress ?? 'unknown';
}
