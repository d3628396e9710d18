/**
 * The hostile proxy against the real server (SQLite) and a real client (signInOtherDevice: the
 * real API client, OPAQUE and crypto): each misbehaviour does what it says, and nothing else.
 */
import { randomBytes } from 'node:crypto';
import http from 'node:http';
import type { Duplex } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createApiClient } from '@/lib/sync/client';
import { startHostileServer } from './hostile-server';
import { startE2eServer } from './server';
import {
  ORIGIN,
  bearer,
  caughtUp,
  fx,
  open,
  put,
  raw,
  serverRev,
  useHostileFixture,
} from './hostile-fixture';

useHostileFixture();

describe('faithful by default', () => {
  it('passes answers through byte for byte and logs what was pushed, without tokens', async () => {
    const since = await caughtUp(fx.alice);
    const item = await put(fx.alice, 'faithful');
    const path = `/v1/sync?since=${since}&limit=100`;
    const [viaProxy, viaServer] = await Promise.all([
      raw(fx.proxy.url, path, { headers: bearer(fx.alice) }),
      raw(fx.server.url, path, { headers: bearer(fx.alice) }),
    ]);
    expect(await viaProxy.text()).toBe(await viaServer.text());
    for (const name of ['content-type', 'cache-control', 'x-content-type-options']) {
      expect(viaProxy.headers.get(name)).toBe(viaServer.headers.get(name));
    }
    expect(fx.proxy.pushedChanges().at(-1)).toMatchObject({
      id: item.id,
      baseRev: 0,
      deleted: false,
      blob: item.blob,
      account: fx.alice.ctx.accountId,
      outcome: 'applied',
      rev: item.rev,
    });
    expect(fx.proxy.seenBlobs(item.id)).toEqual([
      expect.objectContaining({ rev: item.rev, blob: item.blob, source: 'push' }),
    ]);
    const log = fx.proxy.requests();
    expect(log.find((r) => r.path === '/v1/auth/login/finish')).toMatchObject({ status: 200 });
    expect(log.findLast((r) => r.method === 'POST' && r.path === '/v1/sync')).toMatchObject({
      status: 200,
      forwarded: true,
      account: fx.alice.ctx.accountId,
      misbehaviours: [],
      changes: [expect.objectContaining({ id: item.id })],
    });
    expect(JSON.stringify(log)).not.toContain(fx.alice.token);
    expect(JSON.stringify(log)).not.toContain(fx.bob.token);
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
      raw(fx.proxy.url, '/v1/sync', preflight),
      raw(fx.server.url, '/v1/sync', preflight),
    ]);
    expect(viaProxy.status).toBe(viaServer.status);
    const cors = (r: Response) => [...r.headers].filter(([n]) => /^access-control-|^vary$/.test(n));
    expect(cors(viaProxy)).toEqual(cors(viaServer));
    expect(viaProxy.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(fx.proxy.requests().at(-1)).toMatchObject({ method: 'OPTIONS', origin: ORIGIN });

    const firefox = 'moz-extension://0b3c1a2e-7d7f-4d55-9a55-3b1f2c0d9e11';
    const get = await raw(fx.proxy.url, '/v1/sync', {
      headers: { ...bearer(fx.alice), origin: firefox },
    });
    expect(get.headers.get('access-control-allow-origin')).toBe(firefox);
  });

  it("passes an upgrade to the fx.server and its answer back (GET /v1/events isn't served yet)", async () => {
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
    const [viaProxy, viaServer] = await Promise.all([
      upgrade(fx.proxy.url),
      upgrade(fx.server.url),
    ]);
    expect(viaProxy).toBe(viaServer);
    expect(fx.proxy.requests().at(-1)).toMatchObject({ path: '/v1/events', status: viaServer });
    // A refused upgrade's connection is closed, never left as a raw tunnel past the fx.proxy that
    // the next keep-alive request would slip through.
    const logged = fx.proxy.requests().length;
    await new Promise((resolve) =>
      http.get(`${fx.proxy.url}/v1/health`, (response) => response.resume().on('end', resolve)),
    );
    expect(fx.proxy.requests()).toHaveLength(logged + 1);
  });

  it('drops the connection while the fx.server is down, and passes again once it is back', async () => {
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
    const v1 = await put(fx.alice, 'v1');
    const v2 = await put(fx.alice, 'v2', v1.id, v1.rev);
    const cursor = await caughtUp(fx.alice);
    const rule = fx.proxy.misbehave({ kind: 'replay-older-blob', itemId: v1.id, times: 1 });

    const page = await fx.alice.api.pull(fx.alice.token, cursor, 100);
    const replayed = page.items.find((i) => i.id === v1.id)!;
    expect(replayed.blob).toBe(v1.blob);
    expect(replayed.rev).toBeGreaterThan(v2.rev);
    expect(page.rev).toBeGreaterThanOrEqual(replayed.rev);
    expect((await open(fx.alice, v1.id, replayed.blob!)).title).toBe('v1');
    expect([rule.hits, rule.active]).toEqual([1, false]);
    expect(fx.proxy.seenBlobs(v1.id).map((v) => [v.rev, v.blob])).toEqual([
      [v1.rev, v1.blob],
      [v2.rev, v2.blob],
    ]);

    // The client's cursor is now one past the server's; a real change at that revision arrives.
    expect(page.rev).toBe(cursor + 1);
    const later = await put(fx.alice, 'later');
    const next = await fx.alice.api.pull(fx.alice.token, page.rev, 100);
    expect(next.items.map((i) => i.id)).toEqual([later.id]);
    expect(next.rev).toBe(await serverRev(fx.alice));
  });

  it('swaps two items: each blob then fails to open under its new id', async () => {
    const a = await put(fx.alice, 'A');
    const b = await put(fx.alice, 'B');
    const cursor = await caughtUp(fx.alice);
    fx.proxy.misbehave({ kind: 'swap-blobs', itemIds: [a.id, b.id] });

    const page = await fx.alice.api.pull(fx.alice.token, cursor, 100);
    const blobOf = (id: string) => page.items.find((i) => i.id === id)!.blob!;
    expect([blobOf(a.id), blobOf(b.id)]).toEqual([b.blob, a.blob]);
    expect(page.items.every((i) => i.rev > cursor && i.rev <= page.rev)).toBe(true);
    await expect(open(fx.alice, a.id, blobOf(a.id))).rejects.toMatchObject({
      code: 'item-tampered',
    });
    expect((await open(fx.alice, b.id, blobOf(a.id))).title).toBe('B');
  });

  it("delivers another account's blob under an item id", async () => {
    const theirs = await put(fx.bob, "bob's secret");
    const mine = await put(fx.alice, "alice's item");
    const cursor = await caughtUp(fx.alice);
    const from = { account: fx.bob.ctx.accountId, itemId: theirs.id };
    const onlyBob = fx.proxy.misbehave({
      kind: 'foreign-blob',
      itemId: mine.id,
      from,
      match: { account: fx.bob.ctx.accountId },
    });
    expect((await fx.alice.api.pull(fx.alice.token, cursor, 100)).items).toEqual([]);
    expect(onlyBob.hits).toBe(0);

    fx.proxy.misbehave({ kind: 'foreign-blob', itemId: mine.id, from });
    const [entry] = (await fx.alice.api.pull(fx.alice.token, cursor, 100)).items;
    expect(entry).toMatchObject({ id: mine.id, blob: theirs.blob, deleted: false });
    await expect(open(fx.alice, mine.id, entry!.blob!)).rejects.toMatchObject({
      code: 'item-tampered',
    });
    expect((await open(fx.bob, theirs.id, entry!.blob!)).title).toBe("bob's secret");

    fx.proxy.clear();
    fx.proxy.misbehave({ kind: 'foreign-blob', itemId: mine.id, from: { blob: 'bm90LWEtYmxvYg' } });
    const given = await fx.alice.api.pull(fx.alice.token, cursor, 100);
    expect(given.items[0]?.blob).toBe('bm90LWEtYmxvYg');
  });

  it('drops items from a delta but keeps its revision', async () => {
    const since = await caughtUp(fx.alice);
    const a = await put(fx.alice, 'dropped');
    const b = await put(fx.alice, 'kept');
    const truth = await fx.direct.pull(fx.alice.token, since, 100);
    const one = fx.proxy.misbehave({ kind: 'drop-items', itemIds: [a.id] });
    const page = await fx.alice.api.pull(fx.alice.token, since, 100);
    expect(page.items.map((i) => i.id)).toEqual([b.id]);
    expect(page.rev).toBe(truth.rev);
    one.clear();

    fx.proxy.misbehave({ kind: 'drop-items' });
    expect(await fx.alice.api.pull(fx.alice.token, since, 100)).toMatchObject({
      rev: truth.rev,
      items: [],
    });
  });

  it('forges a delete the fx.server never stored', async () => {
    const item = await put(fx.alice, 'not deleted');
    const cursor = await caughtUp(fx.alice);
    fx.proxy.misbehave({ kind: 'forge-delete', itemId: item.id });
    const page = await fx.alice.api.pull(fx.alice.token, cursor, 100);
    expect(page).toMatchObject({
      rev: cursor + 1,
      items: [{ id: item.id, rev: cursor + 1, deleted: true, blob: null }],
    });
    const stored = await fx.direct.pull(fx.alice.token, item.rev - 1, 100);
    expect(stored.items.find((i) => i.id === item.id)).toMatchObject({ deleted: false });
  });
});
