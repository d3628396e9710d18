import { isIPv4, isIPv6 } from 'node:net';
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
    if (last !== undefined) return addressKey(last.slice(0, 64));
  }
  // c.env is undefined under app.request() in unit tests.
  const socket = (c.env as AppEnv['Bindings'] | undefined)?.incoming?.socket?.remoteAddress;
  return socket === undefined ? 'unknown' : addressKey(socket);
}

/**
 * What one client is, for counting: an IPv4 address as is, an IPv6 address by its /64. One
 * subscriber, or one cloud machine, gets a whole /64 (RFC 6177, RFC 8981 privacy addresses rotate
 * inside it), so counting single IPv6 addresses would give an attacker 2^64 fresh budgets.
 * IPv4-mapped IPv6 (`::ffff:192.0.2.1`, how a dual-stack socket reports IPv4) is IPv4.
 */
export function addressKey(address: string): string {
  const bare = address.replace(/^\[|\]$/g, '').replace(/%.*$/, '');
  if (isIPv4(bare)) return bare;
  if (!isIPv6(bare)) return bare;
  const groups = expandIPv6(bare);
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    const [hi = 0, lo = 0] = groups.slice(6);
    return [hi >> 8, hi & 255, lo >> 8, lo & 255].join('.');
  }
  return `${groups
    .slice(0, 4)
    .map((g) => g.toString(16))
    .join(':')}::/64`;
}

/** The eight 16-bit groups of a valid IPv6 address (`::` and a trailing dotted quad allowed). */
function expandIPv6(address: string): number[] {
  let text = address.toLowerCase();
  const quad = /(\d+)\.(\d+)\.(\d+)\.(\d+)$/.exec(text);
  if (quad) {
    const [a, b, c, d] = quad.slice(1).map(Number) as [number, number, number, number];
    text = `${text.slice(0, quad.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head = '', tail] = text.split('::');
  const parse = (part: string) => (part === '' ? [] : part.split(':').map((g) => parseInt(g, 16)));
  const left = parse(head);
  const right = tail === undefined ? [] : parse(tail);
  const zeros = new Array<number>(8 - left.length - right.length).fill(0);
  return [...left, ...zeros, ...right];
}
