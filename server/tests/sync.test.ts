import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LIMITS, syncPullResponseSchema, syncPushResponseSchema } from '../../lib/api';
import { Api, credentials, login, register } from './client';
import { ENGINES, startTestServer, usePostgres, type TestServer } from './harness';

usePostgres();

const blob = (text: string) => Buffer.from(text).toString('base64url');

describe.each(ENGINES)('delta sync on %s', (engine) => {
  let server: TestServer;
  let api: Api;

  beforeAll(async () => {
    server = await startTestServer(engine);
    api = new Api(server.url, server);
  });
  afterAll(() => server?.close());

  async function signedIn() {
    const c = credentials();
    await register(api, c);
    const { token } = await login(api, c);
    return {
      push: async (changes: unknown[], epoch = 1) =>
        api.call('POST', '/v1/sync', { epoch, changes }, token),
      pull: async (query = '') => api.call('GET', `/v1/sync${query}`, undefined, token),
    };
  }

  it('creates, updates and deletes with compare-and-swap, leaving tombstones', async () => {
    const s = await signedIn();
    const created = await s.push([
      { id: 'a', baseRev: 0, blob: blob('a1') },
      { id: 'b', baseRev: 0, blob: blob('b1') },
    ]);
    expect(created.status).toBe(200);
    expect(syncPushResponseSchema.parse(created.body)).toEqual({
      rev: 1,
      applied: [
        { id: 'a', rev: 1 },
        { id: 'b', rev: 1 },
      ],
      conflicts: [],
    });
    const updated = await s.push([
      { id: 'a', baseRev: 1, blob: blob('a2') },
      { id: 'b', baseRev: 1, deleted: true },
    ]);
    expect(updated.body).toEqual({
      rev: 2,
      applied: [
        { id: 'a', rev: 2 },
        { id: 'b', rev: 2 },
      ],
      conflicts: [],
    });

    const all = await s.pull('?since=0');
    expect(syncPullResponseSchema.parse(all.body)).toEqual({
      rev: 2,
      epoch: 1,
      more: false,
      items: [
        { id: 'a', rev: 2, deleted: false, blob: blob('a2') },
        { id: 'b', rev: 2, deleted: true, blob: null },
      ],
    });
    const empty = await s.pull('?since=2');
    expect(empty.body).toEqual({ rev: 2, epoch: 1, items: [], more: false });
    // A tombstone can be brought back from its revision.
    const revived = await s.push([{ id: 'b', baseRev: 2, blob: blob('b3') }]);
    expect(revived.body.applied).toEqual([{ id: 'b', rev: 3 }]);
  });

  it('keeps the sealed tombstone a delete carries and hands it out, never the old content', async () => {
    const s = await signedIn();
    await s.push([{ id: 'a', baseRev: 0, blob: blob('a1') }]);
    const deleted = await s.push([{ id: 'a', baseRev: 1, deleted: true, blob: blob('tomb') }]);
    expect(deleted.body.applied).toEqual([{ id: 'a', rev: 2 }]);
    const all = await s.pull('?since=0');
    expect(all.body.items).toEqual([{ id: 'a', rev: 2, deleted: true, blob: blob('tomb') }]);
  });

  it('returns the server copy on a conflict and applies the rest of the batch', async () => {
    const s = await signedIn();
    await s.push([{ id: 'a', baseRev: 0, blob: blob('a1') }]);
    await s.push([{ id: 'a', baseRev: 1, blob: blob('a2') }]);
    const r = await s.push([
      { id: 'a', baseRev: 1, blob: blob('stale edit') },
      { id: 'new', baseRev: 0, blob: blob('n') },
      { id: 'ghost', baseRev: 5, blob: blob('g') },
      { id: 'a2', baseRev: 0, deleted: undefined, blob: blob('x') },
    ]);
    expect(r.status).toBe(200);
    expect(r.body.applied).toEqual([
      { id: 'new', rev: 3 },
      { id: 'a2', rev: 3 },
    ]);
    expect(r.body.conflicts).toEqual([
      { id: 'a', server: { id: 'a', rev: 2, deleted: false, blob: blob('a2') } },
      { id: 'ghost', server: null },
    ]);
    // Creating an id that exists is a conflict too.
    const dup = await s.push([{ id: 'new', baseRev: 0, blob: blob('again') }]);
    expect(dup.body.conflicts).toEqual([
      { id: 'new', server: { id: 'new', rev: 3, deleted: false, blob: blob('n') } },
    ]);
  });

  it('pages with limit and never splits one push across pages', async () => {
    const s = await signedIn();
    // rev 1: 5 items, rev 2: 1 item, rev 3: 3 items
    await s.push(['a', 'b', 'c', 'd', 'e'].map((id) => ({ id, baseRev: 0, blob: blob(id) })));
    await s.push([{ id: 'f', baseRev: 0, blob: blob('f') }]);
    await s.push(['g', 'h', 'i'].map((id) => ({ id, baseRev: 0, blob: blob(id) })));

    const p1 = await s.pull('?since=0&limit=2'); // rev 1 alone is bigger than the limit: whole
    expect(p1.body).toMatchObject({ rev: 1, more: true });
    expect(p1.body.items.map((i: { id: string }) => i.id)).toEqual(['a', 'b', 'c', 'd', 'e']);
    const p2 = await s.pull('?since=1&limit=2'); // rev 2 fits, rev 3 would be split: stop
    expect(p2.body).toMatchObject({ rev: 2, more: true, items: [{ id: 'f' }] });
    const p3 = await s.pull('?since=2&limit=3');
    expect(p3.body).toMatchObject({ rev: 3, more: false });
    expect(p3.body.items).toHaveLength(3);
    const p4 = await s.pull('?since=0&limit=1000');
    expect(p4.body.items).toHaveLength(9);
    expect(p4.body.more).toBe(false);
  });

  it('answers a stale epoch with 409 stale_epoch and writes nothing', async () => {
    const s = await signedIn();
    const r = await s.push([{ id: 'a', baseRev: 0, blob: blob('a') }], 2);
    expect(r.status).toBe(409);
    expect(r.body.error).toBe('stale_epoch');
    expect((await s.pull()).body).toEqual({ rev: 0, epoch: 1, items: [], more: false });
  });

  it('enforces batch, blob and body limits with 413, malformed changes with 400', async () => {
    const s = await signedIn();
    const tooMany = Array.from({ length: LIMITS.changesPerBatch + 1 }, (_, i) => ({
      id: `i${i}`,
      baseRev: 0,
      blob: 'AA',
    }));
    const batch = await s.push(tooMany);
    expect(batch.status).toBe(413);
    expect(batch.body.error).toBe('payload_too_large');
    const big = await s.push([{ id: 'big', baseRev: 0, blob: 'A'.repeat(LIMITS.blobChars + 1) }]);
    expect(big.status).toBe(413);
    const maxBlob = await s.push([{ id: 'max', baseRev: 0, blob: 'A'.repeat(LIMITS.blobChars) }]);
    expect(maxBlob.status).toBe(200);
    const fullBatch = await s.push(
      Array.from({ length: LIMITS.changesPerBatch }, (_, i) => ({
        id: `f${i}`,
        baseRev: 0,
        blob: 'AAAA',
      })),
    );
    expect(fullBatch.status).toBe(200);
    expect(fullBatch.body.applied).toHaveLength(LIMITS.changesPerBatch);

    const huge = await fetch(`${server.url}/v1/sync`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: 'Bearer x' },
      body: 'x'.repeat(LIMITS.syncBodyBytes + 1),
    });
    expect(huge.status).toBe(413);
    expect(await huge.json()).toMatchObject({ error: 'payload_too_large' });

    for (const changes of [
      [{ id: 'a', baseRev: 0 }],
      [{ id: 'a', baseRev: 0, deleted: true }],
      [{ id: 'a b', baseRev: 0, blob: 'AA' }],
      [{ id: 'a', baseRev: -1, blob: 'AA' }],
      [{ id: 'a', baseRev: 0, blob: 'not base64!' }],
      [
        { id: 'a', baseRev: 0, blob: 'AA' },
        { id: 'a', baseRev: 0, blob: 'AB' },
      ],
      [],
    ]) {
      const r = await s.push(changes);
      expect(r.status, JSON.stringify(changes)).toBe(400);
      expect(r.body.error).toBe('bad_request');
    }
    for (const q of [
      '?since=-1',
      '?limit=0',
      '?limit=1001',
      '?since=abc',
      '?since=1&since=2',
      '?other=1',
    ]) {
      expect((await s.pull(q)).status, q).toBe(400);
    }
  });
});
