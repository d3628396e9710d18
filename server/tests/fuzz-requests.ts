import { randomBytes } from 'node:crypto';
import { formatLicenseCode } from '../../lib/account-key/codes';
import { newKdf } from './client';

/**
 * Request generators for server/tests/fuzz.test.ts: every `malformed` request is invalid by
 * construction (so any answer but a 4xx is a bug); `garbageCrypto` requests are well-formed
 * with meaningless OPAQUE messages and tokens.
 */

/** Seeded randomness so a failure can be replayed. */
export function rng(seed: number) {
  let a = seed;
  const next = () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)]!;
  return { next, int, pick };
}
type Random = ReturnType<typeof rng>;

const b64 = (chars: number) => randomBytes(chars).toString('base64url').slice(0, chars);
type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

/** Valid request bodies: the fuzzer breaks them in ways that are always invalid. */
const validBodies: Record<string, () => Record<string, Json>> = {
  '/v1/auth/prelogin': () => ({ email: 'fuzz@example.test' }),
  '/v1/auth/login/start': () => ({ email: 'fuzz@example.test', startLoginRequest: b64(128) }),
  '/v1/auth/login/finish': () => ({
    loginId: b64(22),
    finishLoginRequest: b64(86),
    deviceName: 'd',
  }),
  '/v1/accounts/register/start': () => ({
    email: 'fuzz@example.test',
    registrationRequest: b64(43),
  }),
  '/v1/accounts/register/finish': () => ({
    accountId: b64(22),
    email: 'fuzz2@example.test',
    registrationRecord: b64(256),
    kdf: newKdf() as unknown as Json,
    wrappedVaultKey: b64(96),
    hint: 'h',
    verification: { id: b64(22), code: 'ABCD-EF12' },
  }),
  '/v1/accounts/verify': () => ({ email: 'fuzz3@example.test' }),
  '/v1/account/password/start': () => ({ registrationRequest: b64(43) }),
  '/v1/account/password': () => ({
    currentLogin: { loginId: b64(22), finishLoginRequest: b64(86) },
    registrationRecord: b64(256),
    kdf: newKdf() as unknown as Json,
    wrappedVaultKey: b64(96),
  }),
  '/v1/account/reset/request': () => ({ email: 'fuzz@example.test' }),
  '/v1/account/reset/start': () => ({
    proof: { handle: b64(22), code: 'ABCD-EF12' },
    registrationRequest: b64(43),
  }),
  '/v1/account/reset/confirm': () => ({
    proof: { token: b64(43) },
    epoch: 2,
    registrationRecord: b64(256),
    kdf: newKdf() as unknown as Json,
    wrappedVaultKey: b64(96),
  }),
  '/v1/account/unlocks': () => ({ unlockedAt: 1_700_000_000_000 }),
  '/v1/license/redeem': () => ({ code: formatLicenseCode(randomBytes(16)) }),
  '/v1/sync': () => ({
    epoch: 1,
    changes: [
      { id: 'a', baseRev: 0, blob: b64(40) } as Json,
      { id: 'b', baseRev: 3, deleted: true },
    ],
  }),
};
const authed = new Set([
  '/v1/account/password/start',
  '/v1/account/password',
  '/v1/account/unlocks',
  '/v1/license/redeem',
  '/v1/sync',
]);

function randomJson(r: Random, depth = 0): Json {
  switch (r.int(depth > 2 ? 5 : 7)) {
    case 0:
      return null;
    case 1:
      return r.next() < 0.5;
    case 2:
      return r.pick([0, -1, 1.5, 1e308, -0, 2 ** 53 + 2, r.int(1e6)]);
    case 3:
      return r.pick([
        '',
        'x',
        '\u0000',
        '😀'.repeat(r.int(20)),
        b64(r.int(300)),
        'A'.repeat(r.int(2000)),
      ]);
    case 4:
      return r.pick(['__proto__', 'constructor', '{"a":1}', '<script>', "' OR 1=1 --"]);
    case 5:
      return Array.from({ length: r.int(5) }, () => randomJson(r, depth + 1));
    default:
      return Object.fromEntries(
        Array.from({ length: r.int(5) }, () => [b64(1 + r.int(8)), randomJson(r, depth + 1)]),
      );
  }
}

/** Values of another JSON type than `v`, so a replacement can never be valid. */
function otherType(r: Random, v: Json): Json {
  const candidates: Json[] = [null, true, 7, 'text', [1], { k: 1 }].filter(
    (c) =>
      typeof c !== typeof v ||
      Array.isArray(c) !== Array.isArray(v) ||
      (c === null) !== (v === null),
  );
  return r.pick(candidates);
}

/** Paths to every value in the body, with whether the value may be removed without harm. */
function leafPaths(v: Json, path: (string | number)[] = []): (string | number)[][] {
  if (v === null || typeof v !== 'object') return [path];
  const entries = Array.isArray(v) ? v.map((x, i) => [i, x] as const) : Object.entries(v);
  return [path, ...entries.flatMap(([k, x]) => leafPaths(x, [...path, k]))];
}
function getAt(v: Json, path: (string | number)[]): Json {
  return path.reduce<Json>((acc, k) => (acc as Record<string | number, Json>)[k]!, v);
}

export interface FuzzRequest {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string;
}

/** One request that is invalid by construction. */
export function malformed(r: Random, token: string): FuzzRequest {
  const json = { 'Content-Type': 'application/json' };
  const auth = { Authorization: `Bearer ${token}` };
  const kind = r.int(10);
  if (kind === 0) {
    // (GET / is the server's home page: a valid request.)
    const path = r.pick([
      '/v1/',
      '/v1',
      '/v2/sync',
      '/v1/sync/x',
      '/v1/account/reset',
      '/v1/../etc/passwd',
      `/v1/${b64(12)}`,
    ]);
    return {
      method: r.pick(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']),
      path,
      headers: json,
      body: undefined,
    };
  }
  if (kind === 1) {
    const q = r.pick([
      'since=-1',
      'since=x',
      'limit=0',
      'limit=99999',
      'since=1e3',
      'since=',
      'x=1',
      'since=1&since=2',
      `since=${'9'.repeat(20)}`,
    ]);
    return { method: 'GET', path: `/v1/sync?${q}`, headers: auth };
  }
  if (kind === 2) {
    return {
      method: r.pick(['GET', 'POST', 'DELETE']),
      path: r.pick([
        '/v1/account',
        '/v1/auth/logout',
        '/v1/sync',
        `/v1/account/sessions/${b64(22)}`,
      ]),
      headers: r.pick<Record<string, string>>([
        {},
        { Authorization: 'Bearer' },
        { Authorization: `Bearer ${b64(43)}` },
        { Authorization: `Basic ${b64(20)}` },
        { Authorization: token },
      ]),
    };
  }
  if (kind === 3) {
    return {
      method: 'DELETE',
      path: `/v1/account/sessions/${r.pick(['x', b64(21), b64(23), '%00', b64(22) + '!'])}`,
      headers: auth,
    };
  }
  const path = r.pick(Object.keys(validBodies));
  const headers = { ...json, ...(authed.has(path) ? auth : {}) };
  const valid = validBodies[path]!();
  if (kind === 4) {
    const body = r.pick([
      '',
      '{',
      'null',
      '[]',
      '"str"',
      '42',
      JSON.stringify(valid).slice(0, -1),
      randomBytes(r.int(200)).toString('latin1'),
      JSON.stringify(randomJson(r)) + 'x',
    ]);
    return { method: 'POST', path, headers, body };
  }
  if (kind === 5) {
    return {
      method: 'POST',
      path,
      headers: {
        ...headers,
        'Content-Type': r.pick([
          'text/plain',
          'application/x-www-form-urlencoded',
          'multipart/form-data',
        ]),
      },
      body: JSON.stringify(valid),
    };
  }
  if (kind === 6 && path !== '/v1/sync') {
    return {
      method: 'POST',
      path,
      headers,
      body: JSON.stringify({ ...valid, pad: 'x'.repeat(17 * 1024) }),
    };
  }
  // Structural mutations of a valid body.
  const body = structuredClone(valid) as Json;
  const paths = leafPaths(body).filter((p) => p.length > 0 && p.at(-1) !== 'hint');
  const target = r.pick(paths);
  const parent = getAt(body, target.slice(0, -1)) as Record<string | number, Json>;
  const key = target.at(-1)!;
  const op = r.int(3);
  if (op === 0 && !Array.isArray(parent)) delete parent[key];
  else if (
    op === 1 &&
    typeof parent[key] === 'object' &&
    parent[key] !== null &&
    !Array.isArray(parent[key])
  ) {
    (parent[key] as Record<string, Json>)[`x${b64(4)}`] = randomJson(r);
  } else parent[key] = otherType(r, parent[key]!);
  // A removed array element leaves a valid shorter batch; make it invalid instead.
  if (Array.isArray(parent) && op === 0)
    parent[key as number] = otherType(r, parent[key as number]!);
  return { method: 'POST', path, headers, body: JSON.stringify(body) };
}

/** Well-formed but cryptographically meaningless OPAQUE messages and tokens. */
export function garbageCrypto(r: Random, token: string): FuzzRequest {
  const path = r.pick([
    '/v1/accounts/register/start',
    '/v1/auth/login/start',
    '/v1/auth/login/finish',
    '/v1/account/password/start',
    '/v1/account/reset/start',
    '/v1/account/reset/confirm',
    '/v1/license/redeem',
  ]);
  return {
    method: 'POST',
    path,
    headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
    body: JSON.stringify(validBodies[path]!()),
  };
}
