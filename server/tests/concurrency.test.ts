import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SyncItem } from '../../lib/api';
import { Api, credentials, login, registerPro } from './client';
import { ENGINES, startTestServer, usePostgres, type TestServer } from './harness';

usePostgres();

const OPS_PER_CLIENT = 1000;
const IDS = Array.from({ length: 80 }, (_, i) => `item-${i}`);

type View = Map<string, SyncItem>;

/** Seeded so a failure can be replayed (mulberry32). */
function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

let pages = 0;

async function pullAll(api: Api, token: string, view: View, cursor: number, limit: number) {
  for (;;) {
    const r = await api.call('GET', `/v1/sync?since=${cursor}&limit=${limit}`, undefined, token);
    pages += 1;
    expect(r.status).toBe(200);
    for (const item of r.body.items as SyncItem[]) {
      expect(item.rev).toBeGreaterThan(cursor);
      view.set(item.id, item);
    }
    expect(r.body.rev).toBeGreaterThanOrEqual(cursor);
    cursor = r.body.rev;
    if (!r.body.more) return cursor;
  }
}

describe.each(ENGINES)('concurrent writers and a polling reader on %s', (engine) => {
  let server: TestServer;
  let api: Api;

  beforeAll(async () => {
    server = await startTestServer(engine);
    api = new Api(server.url, server);
  });
  afterAll(() => server?.close());

  it(`loses no acknowledged write across 2 × ${OPS_PER_CLIENT} random operations`, async () => {
    const c = credentials();
    // Three devices: the free plan allows one, so the account is upgraded with a license code.
    await registerPro(api, server, c);
    const tokens = await Promise.all(
      ['writer A', 'writer B', 'reader'].map((d) => login(api, c, d)),
    );
    const acked: { id: string; rev: number; deleted: boolean; blob: string | null }[] = [];
    let writersDone = 0;
    let conflicts = 0;

    async function writer(token: string, seed: number) {
      const random = rng(seed);
      const known: View = new Map();
      let cursor = 0;
      let ops = 0;
      while (ops < OPS_PER_CLIENT) {
        const size = Math.min(OPS_PER_CLIENT - ops, 1 + Math.floor(random() * 30));
        const ids = [...IDS].sort(() => random() - 0.5).slice(0, size);
        const changes = ids.map((id) => {
          const mine = known.get(id);
          if (mine === undefined)
            return { id, baseRev: 0, blob: randomBytes(24).toString('base64url') };
          if (!mine.deleted && random() < 0.3) return { id, baseRev: mine.rev, deleted: true };
          return { id, baseRev: mine.rev, blob: randomBytes(24).toString('base64url') };
        });
        ops += changes.length;
        const r = await api.call('POST', '/v1/sync', { epoch: 1, changes }, token);
        expect(r.status).toBe(200);
        for (const a of r.body.applied as { id: string; rev: number }[]) {
          const sent = changes.find((ch) => ch.id === a.id)!;
          const item = {
            id: a.id,
            rev: a.rev,
            deleted: sent.deleted === true,
            blob: sent.blob ?? null,
          };
          acked.push(item);
          known.set(a.id, item);
        }
        for (const conflict of r.body.conflicts as { id: string; server: SyncItem | null }[]) {
          conflicts += 1;
          if (conflict.server === null) known.delete(conflict.id);
          else known.set(conflict.id, conflict.server);
        }
        if (random() < 0.2) cursor = await pullAll(api, token, known, cursor, 100);
      }
      writersDone += 1;
    }

    const readerView: View = new Map();
    async function reader(token: string) {
      let cursor = 0;
      let polls = 0;
      while (writersDone < 2) {
        const before = pages;
        cursor = await pullAll(api, token, readerView, cursor, 7);
        polls += pages - before;
        await new Promise((r) => setTimeout(r, 5));
      }
      cursor = await pullAll(api, token, readerView, cursor, 7);
      return polls;
    }

    const [, , polls] = await Promise.all([
      writer(tokens[0]!.token, 1),
      writer(tokens[1]!.token, 2),
      reader(tokens[2]!.token),
    ]);
    // Pages read while the writers were still writing.
    expect(polls).toBeGreaterThan(10);

    const serverView: View = new Map();
    await pullAll(api, tokens[0]!.token, serverView, 0, 1000);

    // Every stored version is the latest acknowledged write of its item, and every acknowledged
    // write is either what is stored or older than what is stored.
    const latest = new Map<string, (typeof acked)[number]>();
    for (const w of acked) {
      const prev = latest.get(w.id);
      expect(prev?.rev === w.rev).toBe(false); // one write per item per revision
      if (prev === undefined || w.rev > prev.rev) latest.set(w.id, w);
    }
    expect(acked.length).toBeGreaterThan(OPS_PER_CLIENT / 2);
    expect(conflicts).toBeGreaterThan(10);
    expect(new Map([...serverView].map(([id, v]) => [id, v]))).toEqual(latest);
    expect(readerView).toEqual(serverView);
    const account = await api.call('GET', '/v1/account', undefined, tokens[2]!.token);
    expect(Math.max(...acked.map((w) => w.rev))).toBeLessThanOrEqual(account.body.rev);
  }, 120_000);
});
