/**
 * The hostile proxy against the real server (SQLite) and a real client (signInOtherDevice: the
 * real API client, OPAQUE and crypto): each misbehaviour does what it says, and nothing else.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { formatAccountKey, parseAccountKey } from '../../lib/account-key';
import {
  createKdfParams,
  deriveAccountKeys,
  generateAccountKey,
  generateVaultKey,
  kdfParamsFromWire,
  kdfParamsToWire,
  openJson,
  randomId,
  unwrapVaultKey,
  wrapVaultKey,
} from '../../lib/crypto';
import type { Item } from '../../lib/vault/item';
import { createApiClient, type ApiClient } from '@/lib/sync/client';
import { opaqueLogin, opaqueRegister } from '../../entrypoints/background/services/opaque';
import { signInOtherDevice, type OtherDevice } from './other-device';
import { startTestServer, type TestServer } from '../../server/tests/harness';
import { startHostileServer, type HostileServer } from './hostile-server';
import { startE2eServer } from './server';

const FAST_KDF = { ops: 2, memBytes: 19 * 1024 * 1024 };
const PASSWORD = 'correct horse battery staple';
const ORIGIN = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';

type Credentials = { email: string; password: string; accountKey: string };

/** A new account, registered on the server the way the background's `account.create` does. */
async function createAccount(serverUrl: string): Promise<Credentials> {
  const api = createApiClient(serverUrl);
  const email = `hostile-${randomBytes(6).toString('hex')}@example.com`;
  const accountKey = generateAccountKey();
  const kdf = createKdfParams(FAST_KDF);
  const keys = await deriveAccountKeys({ password: PASSWORD, email, accountKey, kdf });
  const accountId = randomId();
  const vk = generateVaultKey();
  const wrappedVaultKey = await wrapVaultKey({ kek: keys.kek, vk, accountId, epoch: 1, kdf });
  const registrationRecord = await opaqueRegister(keys.authSecret, (registrationRequest) =>
    api.registerStart({ email, registrationRequest }),
  );
  await api.registerFinish({
    accountId,
    email,
    registrationRecord,
    wrappedVaultKey,
    kdf: kdfParamsToWire(kdf),
  });
  return { email, password: PASSWORD, accountKey: formatAccountKey(accountKey) };
}

const login = (id: string, title: string): Item => ({
  id,
  type: 'login',
  title,
  username: 'ada',
  password: `secret of ${title}`,
  urls: [],
  notes: '',
  favorite: false,
  createdAt: 1,
  updatedAt: 1,
  revision: 1,
});

let server: TestServer;
let proxy: HostileServer;
let direct: ApiClient;
let alice: OtherDevice;
let bob: OtherDevice;
let aliceCredentials: Credentials;

beforeAll(async () => {
  server = await startTestServer('sqlite', { defaultPlan: 'pro' });
  proxy = await startHostileServer({ target: server.url });
  direct = createApiClient(server.url);
  // Bob registers through the proxy, so registration is proven to pass through too.
  const [a, b] = await Promise.all([createAccount(server.url), createAccount(proxy.url)]);
  aliceCredentials = a;
  alice = await signInOtherDevice({ serverUrl: proxy.url, ...a });
  bob = await signInOtherDevice({ serverUrl: proxy.url, ...b });
}, 60_000);
afterEach(() => proxy.clear());
afterAll(async () => {
  await proxy?.close();
  await server?.close();
});

/** Pushes an item through the proxy; returns what the server stored. */
async function put(device: OtherDevice, title: string, id = randomId(), baseRev = 0) {
  const answer = await device.push(login(id, title), baseRev);
  const rev = answer.applied.find((a) => a.id === id)?.rev;
  if (rev === undefined) throw new Error(`push of ${title} not applied`);
  const blob = proxy.pushedChanges().findLast((c) => c.id === id)!.blob!;
  return { id, rev, blob };
}

/**
 * Pulls through the proxy until caught up, as a client does, and returns its cursor: a cursor the
 * proxy invented in an earlier test must come from the client, not from the server.
 */
const cursors = new Map<OtherDevice, number>();
async function caughtUp(device: OtherDevice): Promise<number> {
  let since = cursors.get(device) ?? 0;
  for (;;) {
    const page = await device.api.pull(device.token, since, 1000);
    since = page.rev;
    if (!page.more) break;
  }
  cursors.set(device, since);
  return since;
}

/** The account's revision, asked of the server itself. */
const serverRev = async (device: OtherDevice) =>
  (await direct.pull(device.token, 999_999_999_999_999, 1)).rev;

const open = (device: OtherDevice, itemId: string, blob: string) =>
  openJson({ ...device.ctx, itemId, blob }) as Promise<Item>;

const raw = (base: string, path: string, init: RequestInit = {}) => fetch(base + path, init);
const bearer = (device: OtherDevice) => ({ authorization: `Bearer ${device.token}` });

describe('faithful by default', () => {
  it('passes answers through byte for byte and logs what was pushed, without tokens', async () => {
    const since = await caughtUp(alice);
    const item = await put(alice, 'faithful');
    const path = `/v1/sync?since=${since}&limit=100`;
    const [viaProxy, viaServer] = await Promise.all([
      raw(proxy.url, path, { headers: bearer(alice) }),
      raw(server.url, path, { headers: bearer(alice) }),
    ]);
    expect(await viaProxy.text()).toBe(await viaServer.text());
    for (const name of ['content-type', 'cache-control', 'x-content-type-options']) {
      expect(viaProxy.headers.get(name)).toBe(viaServer.headers.get(name));
    }
    expect(proxy.pushedChanges().at(-1)).toMatchObject({
      id: item.id,
      baseRev: 0,
      deleted: false,
      blob: item.blob,
      account: alice.ctx.accountId,
      outcome: 'applied',
      rev: item.rev,
    });
    expect(proxy.seenBlobs(item.id)).toEqual([
      expect.objectContaining({ rev: item.rev, blob: item.blob, source: 'push' }),
    ]);
    const log = proxy.requests();
    expect(log.find((r) => r.path === '/v1/auth/login/finish')).toMatchObject({ status: 200 });
    expect(log.findLast((r) => r.method === 'POST' && r.path === '/v1/sync')).toMatchObject({
      status: 200,
      forwarded: true,
      account: alice.ctx.accountId,
      misbehaviours: [],
      changes: [expect.objectContaining({ id: item.id })],
    });
    expect(JSON.stringify(log)).not.toContain(alice.token);
    expect(JSON.stringify(log)).not.toContain(bob.token);
  });

  it('forwards CORS preflights and extension origins, answered by the server', async () => {
    const preflight = {
      method: 'OPTIONS',
      headers: {
        origin: ORIGIN,
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization,content-type',
      },
    };
    const [viaProxy, viaServer] = await Promise.all([
      raw(proxy.url, '/v1/sync', preflight),
      raw(server.url, '/v1/sync', preflight),
    ]);
    expect(viaProxy.status).toBe(viaServer.status);
    const cors = (r: Response) => [...r.headers].filter(([n]) => /^access-control-|^vary$/.test(n));
    expect(cors(viaProxy)).toEqual(cors(viaServer));
    expect(viaProxy.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(proxy.requests().at(-1)).toMatchObject({ method: 'OPTIONS', origin: ORIGIN });

    const firefox = 'moz-extension://0b3c1a2e-7d7f-4d55-9a55-3b1f2c0d9e11';
    const get = await raw(proxy.url, '/v1/sync', {
      headers: { ...bearer(alice), origin: firefox },
    });
    expect(get.headers.get('access-control-allow-origin')).toBe(firefox);
  });

  it("passes an upgrade to the server and its answer back (GET /v1/events isn't served yet)", async () => {
    const upgrade = (base: string) =>
      new Promise<number>((resolve, reject) => {
        const request = http.get(`${base}/v1/events`, {
          headers: {
            connection: 'Upgrade',
            upgrade: 'websocket',
            'sec-websocket-version': '13',
            'sec-websocket-key': randomBytes(16).toString('base64'),
          },
        });
        const done = (status: number | undefined, socket?: Duplex) => {
          socket?.destroy();
          resolve(status ?? 0);
        };
        request.on('upgrade', (response, socket) => done(response.statusCode, socket));
        request.on('response', (response) => done(response.resume().statusCode));
        request.on('error', reject);
      });
    const [viaProxy, viaServer] = await Promise.all([upgrade(proxy.url), upgrade(server.url)]);
    expect(viaProxy).toBe(viaServer);
    expect(proxy.requests().at(-1)).toMatchObject({ path: '/v1/events', status: viaServer });
    // A refused upgrade's connection is closed, never left as a raw tunnel past the proxy that
    // the next keep-alive request would slip through.
    const logged = proxy.requests().length;
    await new Promise((resolve) =>
      http.get(`${proxy.url}/v1/health`, (response) => response.resume().on('end', resolve)),
    );
    expect(proxy.requests()).toHaveLength(logged + 1);
  });

  it('drops the connection while the server is down, and passes again once it is back', async () => {
    const e2e = await startE2eServer({ defaultPlan: 'pro' });
    const own = await startHostileServer({ target: e2e.url });
    try {
      const api = createApiClient(own.url);
      await api.prelogin('a@example.com');
      await e2e.stop();
      await expect(api.prelogin('a@example.com')).rejects.toMatchObject({
        code: 'server-unreachable',
      });
      expect(own.requests().at(-1)).toMatchObject({ outcome: 'upstream-failed' });
      await e2e.restart();
      expect((await api.prelogin('a@example.com')).kdf.alg).toBe('argon2id13');
    } finally {
      await own.close();
      await e2e.close();
    }
  });
});

describe('lying about items', () => {
  it('replays an older blob at a new revision, and later changes still arrive', async () => {
    const v1 = await put(alice, 'v1');
    const v2 = await put(alice, 'v2', v1.id, v1.rev);
    const cursor = await caughtUp(alice);
    const rule = proxy.misbehave({ kind: 'replay-older-blob', itemId: v1.id, times: 1 });

    const page = await alice.api.pull(alice.token, cursor, 100);
    const replayed = page.items.find((i) => i.id === v1.id)!;
    expect(replayed.blob).toBe(v1.blob);
    expect(replayed.rev).toBeGreaterThan(v2.rev);
    expect(page.rev).toBeGreaterThanOrEqual(replayed.rev);
    expect((await open(alice, v1.id, replayed.blob!)).title).toBe('v1');
    expect([rule.hits, rule.active]).toEqual([1, false]);
    expect(proxy.seenBlobs(v1.id).map((v) => [v.rev, v.blob])).toEqual([
      [v1.rev, v1.blob],
      [v2.rev, v2.blob],
    ]);

    // The client's cursor is now one past the server's; a real change at that revision arrives.
    expect(page.rev).toBe(cursor + 1);
    const later = await put(alice, 'later');
    const next = await alice.api.pull(alice.token, page.rev, 100);
    expect(next.items.map((i) => i.id)).toEqual([later.id]);
    expect(next.rev).toBe(await serverRev(alice));
  });

  it('swaps two items: each blob then fails to open under its new id', async () => {
    const a = await put(alice, 'A');
    const b = await put(alice, 'B');
    const cursor = await caughtUp(alice);
    proxy.misbehave({ kind: 'swap-blobs', itemIds: [a.id, b.id] });

    const page = await alice.api.pull(alice.token, cursor, 100);
    const blobOf = (id: string) => page.items.find((i) => i.id === id)!.blob!;
    expect([blobOf(a.id), blobOf(b.id)]).toEqual([b.blob, a.blob]);
    expect(page.items.every((i) => i.rev > cursor && i.rev <= page.rev)).toBe(true);
    await expect(open(alice, a.id, blobOf(a.id))).rejects.toMatchObject({ code: 'item-tampered' });
    expect((await open(alice, b.id, blobOf(a.id))).title).toBe('B');
  });

  it("delivers another account's blob under an item id", async () => {
    const theirs = await put(bob, "bob's secret");
    const mine = await put(alice, "alice's item");
    const cursor = await caughtUp(alice);
    const from = { account: bob.ctx.accountId, itemId: theirs.id };
    const onlyBob = proxy.misbehave({
      kind: 'foreign-blob',
      itemId: mine.id,
      from,
      match: { account: bob.ctx.accountId },
    });
    expect((await alice.api.pull(alice.token, cursor, 100)).items).toEqual([]);
    expect(onlyBob.hits).toBe(0);

    proxy.misbehave({ kind: 'foreign-blob', itemId: mine.id, from });
    const [entry] = (await alice.api.pull(alice.token, cursor, 100)).items;
    expect(entry).toMatchObject({ id: mine.id, blob: theirs.blob, deleted: false });
    await expect(open(alice, mine.id, entry!.blob!)).rejects.toMatchObject({
      code: 'item-tampered',
    });
    expect((await open(bob, theirs.id, entry!.blob!)).title).toBe("bob's secret");

    proxy.clear();
    proxy.misbehave({ kind: 'foreign-blob', itemId: mine.id, from: { blob: 'bm90LWEtYmxvYg' } });
    const given = await alice.api.pull(alice.token, cursor, 100);
    expect(given.items[0]?.blob).toBe('bm90LWEtYmxvYg');
  });

  it('drops items from a delta but keeps its revision', async () => {
    const since = await caughtUp(alice);
    const a = await put(alice, 'dropped');
    const b = await put(alice, 'kept');
    const truth = await direct.pull(alice.token, since, 100);
    const one = proxy.misbehave({ kind: 'drop-items', itemIds: [a.id] });
    const page = await alice.api.pull(alice.token, since, 100);
    expect(page.items.map((i) => i.id)).toEqual([b.id]);
    expect(page.rev).toBe(truth.rev);
    one.clear();

    proxy.misbehave({ kind: 'drop-items' });
    expect(await alice.api.pull(alice.token, since, 100)).toMatchObject({
      rev: truth.rev,
      items: [],
    });
  });

  it('forges a delete the server never stored', async () => {
    const item = await put(alice, 'not deleted');
    const cursor = await caughtUp(alice);
    proxy.misbehave({ kind: 'forge-delete', itemId: item.id });
    const page = await alice.api.pull(alice.token, cursor, 100);
    expect(page).toMatchObject({
      rev: cursor + 1,
      items: [{ id: item.id, rev: cursor + 1, deleted: true, blob: null }],
    });
    const stored = await direct.pull(alice.token, item.rev - 1, 100);
    expect(stored.items.find((i) => i.id === item.id)).toMatchObject({ deleted: false });
  });
});

describe('lying about key derivation', () => {
  const prelogin = async (base: string) =>
    (await (
      await raw(base, '/v1/auth/prelogin', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: aliceCredentials.email }),
      })
    ).json()) as { kdf: { alg: string; ops: number; memBytes: number; salt: string } };

  it('lowers the KDF parameters below the floor, keeping the salt', async () => {
    const truth = await prelogin(server.url);
    proxy.misbehave({ kind: 'kdf-params', ops: 1, memBytes: 8 * 1024 * 1024 });
    expect((await prelogin(proxy.url)).kdf).toEqual({
      ...truth.kdf,
      ops: 1,
      memBytes: 8 * 1024 * 1024,
    });
    // The answer's shape is fine; the client's own check refuses the numbers (with 'weak-kdf',
    // see entrypoints/background/hostile-server.test.ts).
    const lowered = await createApiClient(proxy.url).prelogin(aliceCredentials.email);
    expect(lowered.kdf).toMatchObject({ ops: 1, memBytes: 8 * 1024 * 1024 });
  });

  it('changes valid parameters at prelogin: the login fails in the client', async () => {
    proxy.misbehave({ kind: 'kdf-params', ops: 3 });
    await expect(
      signInOtherDevice({ serverUrl: proxy.url, ...aliceCredentials }),
    ).rejects.toMatchObject({ code: 'wrong-credentials' });
  });

  it('changes the parameters in the login-finish answer: the vault key does not unwrap', async () => {
    proxy.misbehave({ kind: 'kdf-params', ops: 3, match: { path: '/v1/auth/login/finish' } });
    const api = createApiClient(proxy.url);
    const { kdf: wire } = await api.prelogin(aliceCredentials.email);
    expect(wire.ops).toBe(FAST_KDF.ops);
    const keys = await deriveAccountKeys({
      password: PASSWORD,
      email: aliceCredentials.email,
      kdf: kdfParamsFromWire(wire),
      accountKey: parseAccountKey(aliceCredentials.accountKey),
    });
    const { email } = aliceCredentials;
    const session = await opaqueLogin(api, {
      email,
      authSecret: keys.authSecret,
      deviceName: 'kdf',
    });
    expect(session.kdf).toEqual({ ...wire, ops: 3 });
    await expect(
      unwrapVaultKey({
        ...session,
        kek: keys.kek,
        wrappedVk: session.wrappedVaultKey,
        kdf: kdfParamsFromWire(session.kdf),
      }),
    ).rejects.toMatchObject({ code: 'unwrap-failed' });
  });

  it('swaps the salt for 16 other random bytes, the same in both answers', async () => {
    const truth = await prelogin(server.url);
    const rule = proxy.misbehave({ kind: 'kdf-salt' });
    const lied = await prelogin(proxy.url);
    expect(lied.kdf).toEqual({ ...truth.kdf, salt: expect.stringMatching(/^[\w-]{21}[AQgw]$/) });
    expect(lied.kdf.salt).not.toBe(truth.kdf.salt);
    expect((await prelogin(proxy.url)).kdf.salt).toBe(lied.kdf.salt);
    await expect(
      signInOtherDevice({ serverUrl: proxy.url, ...aliceCredentials }),
    ).rejects.toMatchObject({ code: 'wrong-credentials' });
    expect(rule.hits).toBe(3);

    proxy.clear();
    const salt = Buffer.alloc(16, 7).toString('base64url');
    proxy.misbehave({ kind: 'kdf-salt', salt });
    expect((await prelogin(proxy.url)).kdf.salt).toBe(salt);
  });
});

describe('failing requests', () => {
  it('answers 500 with the server error body and CORS headers, only where matched', async () => {
    proxy.misbehave({ kind: 'status', status: 500, match: { method: 'GET', path: '/v1/sync' } });
    await expect(alice.api.pull(alice.token, 0, 10)).rejects.toMatchObject({
      code: 'server-error',
    });
    await put(alice, 'a push still passes');
    const answer = await raw(proxy.url, '/v1/sync', {
      headers: { ...bearer(alice), origin: ORIGIN },
    });
    expect(answer.status).toBe(500);
    expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
    expect(answer.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(await answer.json()).toEqual({ error: 'internal', message: 'internal error' });
    expect(proxy.requests().at(-1)).toMatchObject({
      status: 500,
      forwarded: false,
      misbehaviours: ['status'],
    });
  });

  it("answers 500 after the server applied one item's push (a lost answer)", async () => {
    const id = randomId();
    proxy.misbehave({ kind: 'status', status: 500, forward: true, match: { itemIds: [id] } });
    await put(alice, 'another item passes');
    await expect(alice.push(login(id, 'applied anyway'), 0)).rejects.toMatchObject({
      code: 'server-error',
    });
    expect(proxy.pushedChanges().at(-1)).toMatchObject({ id, outcome: 'applied' });
    const stored = await direct.pull(alice.token, 0, 1000);
    expect(stored.items.some((i) => i.id === id)).toBe(true);
  });

  it('answers malformed JSON with status 200', async () => {
    proxy.misbehave({ kind: 'malformed-json', match: { path: '/v1/sync' } });
    await expect(alice.api.pull(alice.token, 0, 10)).rejects.toMatchObject({
      code: 'server-malformed',
    });
    const answer = await raw(proxy.url, '/v1/sync', { headers: bearer(alice) });
    expect([answer.status, answer.headers.get('content-type')]).toEqual([200, 'application/json']);
    await expect(answer.json()).rejects.toThrow();
  });

  it('hangs until the client gives up, or until cleared (then answers normally)', async () => {
    const rule = proxy.misbehave({ kind: 'hang', match: { path: '/v1/sync' } });
    const impatient = createApiClient(proxy.url, { timeoutMs: 300 });
    await expect(impatient.pull(alice.token, 0, 10)).rejects.toMatchObject({
      code: 'server-unreachable',
    });
    await proxy.waitForRequest((r) => r.outcome === 'client-gone');
    expect(proxy.held()).toBe(0);

    const pending = alice.api.pull(alice.token, 0, 1000);
    await proxy.waitForRequest((r) => r.outcome === 'held');
    expect(proxy.held()).toBe(1);
    rule.clear();
    expect(await pending).toEqual(await direct.pull(alice.token, 0, 1000));
    expect(proxy.requests().filter((r) => r.misbehaviours.includes('hang'))).toMatchObject([
      { outcome: 'client-gone', forwarded: false },
      { outcome: 'answered', forwarded: true, status: 200 },
    ]);
  });

  it('closes cleanly with a request still hanging', async () => {
    const own = await startHostileServer({ target: server.url });
    own.misbehave({ kind: 'hang' });
    const pending = fetch(`${own.url}/v1/health`);
    await own.waitForRequest((r) => r.outcome === 'held');
    await own.close();
    await expect(pending).rejects.toThrow();
    expect(own.requests()[0]).toMatchObject({ outcome: 'proxy-closed' });
  });

  it('cuts the connection halfway through the body, after the real content-length', async () => {
    const full = await (
      await raw(server.url, '/v1/sync?since=0', { headers: bearer(alice) })
    ).text();
    proxy.misbehave({ kind: 'cut-body', match: { path: '/v1/sync' } });
    const got = await new Promise<{ length: string | undefined; bytes: number; aborted: boolean }>(
      (resolve, reject) => {
        const request = http.get(`${proxy.url}/v1/sync?since=0`, { headers: bearer(alice) });
        request.on('error', reject);
        request.on('response', (response) => {
          let bytes = 0;
          response.on('data', (chunk: Buffer) => (bytes += chunk.length));
          response.on('error', () => undefined);
          response.on('close', () =>
            resolve({
              length: response.headers['content-length'],
              bytes,
              aborted: !response.complete,
            }),
          );
        });
      },
    );
    expect(got).toEqual({
      length: String(Buffer.byteLength(full)),
      bytes: Math.floor(Buffer.byteLength(full) / 2),
      aborted: true,
    });
    // The API client reads the status, then fails to read the body: the network failed.
    await expect(alice.api.pull(alice.token, 0, 1000)).rejects.toMatchObject({
      code: 'server-unreachable',
    });
  });
});

describe('WebSockets', () => {
  let echo: http.Server;
  let ws: HostileServer;
  const seen: http.IncomingHttpHeaders[] = [];

  beforeAll(async () => {
    // A stand-in for GET /v1/events: completes any upgrade, then echoes raw bytes.
    echo = http.createServer((_req, res) => res.end('not an upgrade'));
    echo.on('upgrade', (req: http.IncomingMessage, socket: Duplex) => {
      seen.push(req.headers);
      socket.write(
        'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n',
      );
      socket.on('error', () => socket.destroy());
      socket.pipe(socket);
    });
    await new Promise<void>((resolve) => echo.listen(0, '127.0.0.1', resolve));
    ws = await startHostileServer({
      target: `http://127.0.0.1:${(echo.address() as AddressInfo).port}`,
    });
  });
  afterEach(() => ws.clear());
  afterAll(async () => {
    await ws?.close();
    echo?.closeAllConnections();
    await new Promise((resolve) => echo?.close(resolve));
  });

  /** Opens an upgrade through the proxy: the socket on 101, or the refusing status. */
  const connect = () =>
    new Promise<{ status: number; socket?: Duplex }>((resolve, reject) => {
      const request = http.get(`${ws.url}/v1/events`, {
        headers: {
          connection: 'Upgrade',
          upgrade: 'websocket',
          origin: ORIGIN,
          'sec-websocket-version': '13',
          'sec-websocket-key': randomBytes(16).toString('base64'),
        },
      });
      request.on('upgrade', (response, socket) =>
        resolve({ status: response.statusCode!, socket }),
      );
      request.on('response', (response) => resolve({ status: response.statusCode! }));
      request.on('error', reject);
    });
  const echoes = (socket: Duplex, text: string) =>
    new Promise<string>((resolve) => {
      socket.once('data', (chunk: Buffer) => resolve(chunk.toString()));
      socket.write(text);
    });
  const closed = (socket: Duplex) =>
    new Promise<void>((resolve) =>
      socket.destroyed ? resolve() : socket.once('close', () => resolve()),
    );

  it('pipes an upgrade both ways with its headers', async () => {
    const { status, socket } = await connect();
    expect(status).toBe(101);
    expect(await echoes(socket!, 'ping')).toBe('ping');
    expect(seen.at(-1)).toMatchObject({ origin: ORIGIN, upgrade: 'websocket' });
    expect(seen.at(-1)!.host).toBe(
      new URL(`http://127.0.0.1:${(echo.address() as AddressInfo).port}`).host,
    );
    expect(ws.openWebSockets()).toBe(1);
    expect(ws.cutWebSockets()).toBe(1);
    await closed(socket!);
    expect(ws.openWebSockets()).toBe(0);
    expect(ws.requests().at(-1)).toMatchObject({
      path: '/v1/events',
      status: 101,
      outcome: 'websocket',
    });
  });

  it('cuts open sockets, and new ones right after their handshake, while active', async () => {
    const first = await connect();
    const rule = ws.misbehave({ kind: 'cut-websockets' });
    await closed(first.socket!);
    const again = await connect();
    expect(again.status).toBe(101);
    await closed(again.socket!);
    expect(rule.hits).toBe(2);
    rule.clear();
    const last = await connect();
    expect(await echoes(last.socket!, 'back')).toBe('back');
    last.socket!.destroy();
  });

  it('refuses new upgrades until cleared', async () => {
    ws.misbehave({ kind: 'refuse-upgrade' });
    expect((await connect()).status).toBe(503);
    ws.clear();
    const { status, socket } = await connect();
    expect(status).toBe(101);
    socket!.destroy();
  });
});
