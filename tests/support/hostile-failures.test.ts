/**
 * The hostile proxy's failures (KDF lies, failing requests, WebSockets), proven against the real
 * server and client; the content lies are in hostile-server.test.ts.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { parseAccountKey } from '../../lib/account-key';
import { deriveAccountKeys, kdfParamsFromWire, randomId, unwrapVaultKey } from '../../lib/crypto';
import { createApiClient } from '@/lib/sync/client';
import { opaqueLogin } from '../../entrypoints/background/services/opaque';
import { signInOtherDevice } from './other-device';
import { startHostileServer, type HostileServer } from './hostile-server';
import {
  FAST_KDF,
  ORIGIN,
  PASSWORD,
  bearer,
  fx,
  login,
  put,
  raw,
  useHostileFixture,
} from './hostile-fixture';

useHostileFixture();

describe('lying about key derivation', () => {
  const prelogin = async (base: string) =>
    (await (
      await raw(base, '/v1/auth/prelogin', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: fx.aliceCredentials.email }),
      })
    ).json()) as { kdf: { alg: string; ops: number; memBytes: number; salt: string } };

  it('lowers the KDF parameters below the floor, keeping the salt', async () => {
    const truth = await prelogin(fx.server.url);
    fx.proxy.misbehave({ kind: 'kdf-params', ops: 1, memBytes: 8 * 1024 * 1024 });
    expect((await prelogin(fx.proxy.url)).kdf).toEqual({
      ...truth.kdf,
      ops: 1,
      memBytes: 8 * 1024 * 1024,
    });
    // The answer's shape is fine; the client's own check refuses the numbers (with 'weak-kdf',
    // see entrypoints/background/hostile-server.test.ts).
    const lowered = await createApiClient(fx.proxy.url).prelogin(fx.aliceCredentials.email);
    expect(lowered.kdf).toMatchObject({ ops: 1, memBytes: 8 * 1024 * 1024 });
  });

  it('changes valid parameters at prelogin: the login fails in the client', async () => {
    fx.proxy.misbehave({ kind: 'kdf-params', ops: 3 });
    await expect(
      signInOtherDevice({ serverUrl: fx.proxy.url, ...fx.aliceCredentials }),
    ).rejects.toMatchObject({ code: 'wrong-credentials' });
  });

  it('changes the parameters in the login-finish answer: the vault key does not unwrap', async () => {
    fx.proxy.misbehave({ kind: 'kdf-params', ops: 3, match: { path: '/v1/auth/login/finish' } });
    const api = createApiClient(fx.proxy.url);
    const { kdf: wire } = await api.prelogin(fx.aliceCredentials.email);
    expect(wire.ops).toBe(FAST_KDF.ops);
    const keys = await deriveAccountKeys({
      password: PASSWORD,
      email: fx.aliceCredentials.email,
      kdf: kdfParamsFromWire(wire),
      accountKey: parseAccountKey(fx.aliceCredentials.accountKey),
    });
    const { email } = fx.aliceCredentials;
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
    const truth = await prelogin(fx.server.url);
    const rule = fx.proxy.misbehave({ kind: 'kdf-salt' });
    const lied = await prelogin(fx.proxy.url);
    expect(lied.kdf).toEqual({ ...truth.kdf, salt: expect.stringMatching(/^[\w-]{21}[AQgw]$/) });
    expect(lied.kdf.salt).not.toBe(truth.kdf.salt);
    expect((await prelogin(fx.proxy.url)).kdf.salt).toBe(lied.kdf.salt);
    await expect(
      signInOtherDevice({ serverUrl: fx.proxy.url, ...fx.aliceCredentials }),
    ).rejects.toMatchObject({ code: 'wrong-credentials' });
    expect(rule.hits).toBe(3);

    fx.proxy.clear();
    const salt = Buffer.alloc(16, 7).toString('base64url');
    fx.proxy.misbehave({ kind: 'kdf-salt', salt });
    expect((await prelogin(fx.proxy.url)).kdf.salt).toBe(salt);
  });
});

describe('failing requests', () => {
  it('answers 500 with the fx.server error body and CORS headers, only where matched', async () => {
    fx.proxy.misbehave({ kind: 'status', status: 500, match: { method: 'GET', path: '/v1/sync' } });
    await expect(fx.alice.api.pull(fx.alice.token, 0, 10)).rejects.toMatchObject({
      code: 'server-error',
    });
    await put(fx.alice, 'a push still passes');
    const answer = await raw(fx.proxy.url, '/v1/sync', {
      headers: { ...bearer(fx.alice), origin: ORIGIN },
    });
    expect(answer.status).toBe(500);
    expect(answer.headers.get('content-type')).toMatch(/^application\/json/);
    expect(answer.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(await answer.json()).toEqual({ error: 'internal', message: 'internal error' });
    expect(fx.proxy.requests().at(-1)).toMatchObject({
      status: 500,
      forwarded: false,
      misbehaviours: ['status'],
    });
  });

  it("answers 500 after the fx.server applied one item's push (a lost answer)", async () => {
    const id = randomId();
    fx.proxy.misbehave({ kind: 'status', status: 500, forward: true, match: { itemIds: [id] } });
    await put(fx.alice, 'another item passes');
    await expect(fx.alice.push(login(id, 'applied anyway'), 0)).rejects.toMatchObject({
      code: 'server-error',
    });
    expect(fx.proxy.pushedChanges().at(-1)).toMatchObject({ id, outcome: 'applied' });
    const stored = await fx.direct.pull(fx.alice.token, 0, 1000);
    expect(stored.items.some((i) => i.id === id)).toBe(true);
  });

  it('answers malformed JSON with status 200', async () => {
    fx.proxy.misbehave({ kind: 'malformed-json', match: { path: '/v1/sync' } });
    await expect(fx.alice.api.pull(fx.alice.token, 0, 10)).rejects.toMatchObject({
      code: 'server-malformed',
    });
    const answer = await raw(fx.proxy.url, '/v1/sync', { headers: bearer(fx.alice) });
    expect([answer.status, answer.headers.get('content-type')]).toEqual([200, 'application/json']);
    await expect(answer.json()).rejects.toThrow();
  });

  it('hangs until the client gives up, or until cleared (then answers normally)', async () => {
    const rule = fx.proxy.misbehave({ kind: 'hang', match: { path: '/v1/sync' } });
    const impatient = createApiClient(fx.proxy.url, { timeoutMs: 300 });
    await expect(impatient.pull(fx.alice.token, 0, 10)).rejects.toMatchObject({
      code: 'server-unreachable',
    });
    await fx.proxy.waitForRequest((r) => r.outcome === 'client-gone');
    expect(fx.proxy.held()).toBe(0);

    const pending = fx.alice.api.pull(fx.alice.token, 0, 1000);
    await fx.proxy.waitForRequest((r) => r.outcome === 'held');
    expect(fx.proxy.held()).toBe(1);
    rule.clear();
    expect(await pending).toEqual(await fx.direct.pull(fx.alice.token, 0, 1000));
    expect(fx.proxy.requests().filter((r) => r.misbehaviours.includes('hang'))).toMatchObject([
      { outcome: 'client-gone', forwarded: false },
      { outcome: 'answered', forwarded: true, status: 200 },
    ]);
  });

  it('closes cleanly with a request still hanging', async () => {
    const own = await startHostileServer({ target: fx.server.url });
    own.misbehave({ kind: 'hang' });
    const pending = fetch(`${own.url}/v1/health`);
    await own.waitForRequest((r) => r.outcome === 'held');
    await own.close();
    await expect(pending).rejects.toThrow();
    expect(own.requests()[0]).toMatchObject({ outcome: 'proxy-closed' });
  });

  it('cuts the connection halfway through the body, after the real content-length', async () => {
    const full = await (
      await raw(fx.server.url, '/v1/sync?since=0', { headers: bearer(fx.alice) })
    ).text();
    fx.proxy.misbehave({ kind: 'cut-body', match: { path: '/v1/sync' } });
    const got = await new Promise<{ length: string | undefined; bytes: number; aborted: boolean }>(
      (resolve, reject) => {
        const request = http.get(`${fx.proxy.url}/v1/sync?since=0`, { headers: bearer(fx.alice) });
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
    await expect(fx.alice.api.pull(fx.alice.token, 0, 1000)).rejects.toMatchObject({
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
