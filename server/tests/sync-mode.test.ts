import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accountResponseSchema,
  resetStartResponseSchema,
  syncModeResponseSchema,
} from '../../lib/api';
import { Api, credentials, keyMaterial, login, registerPro, seal } from './client';
import { liveSocket } from './events-client';
import { ENGINES, startTestServer, usePostgres, type TestServer } from './harness';

usePostgres();

/** Every row of every table, as text: what "no blob anywhere" is checked against. */
async function everyRow(server: TestServer): Promise<string> {
  if (server.engine === 'sqlite') {
    const db = new BetterSqlite3(join(server.dataDir, 'cassaforte.sqlite'), { readonly: true });
    try {
      const tables = db.prepare("select name from sqlite_master where type = 'table'").all() as {
        name: string;
      }[];
      return JSON.stringify(tables.map(({ name }) => db.prepare(`select * from "${name}"`).all()));
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: server.databaseUrl });
  await client.connect();
  try {
    const { rows } = await client.query<{ tablename: string }>(
      "select tablename from pg_tables where schemaname = 'public'",
    );
    const all = [];
    for (const { tablename } of rows)
      all.push((await client.query(`select * from "${tablename}"`)).rows);
    return JSON.stringify(all);
  } finally {
    await client.end();
  }
}

/** The bytes of every file in the SQLite data directory (database, WAL, shared memory). */
async function sqliteFiles(server: TestServer): Promise<Buffer> {
  const names = (await readdir(server.dataDir)).filter((n) => n.startsWith('cassaforte.sqlite'));
  return Buffer.concat(await Promise.all(names.map((n) => readFile(join(server.dataDir, n)))));
}

describe.each(ENGINES)('sync mode (PUT /v1/account/sync-mode) on %s', (engine) => {
  let server: TestServer;
  let api: Api;

  beforeAll(async () => {
    server = await startTestServer(engine);
    api = new Api(server.url, server);
  });
  afterAll(() => server?.close());

  async function twoDevices() {
    const account = await registerPro(api, server, credentials());
    const laptop = await login(api, account, 'Laptop');
    const phone = await login(api, account, 'Phone');
    const blobs = ['first', 'second'].map((t) => seal(account.vaultKey, `${t} secret`));
    const changes = blobs.map((blob, i) => ({ id: `item-${i}`, baseRev: 0, blob }));
    const pushed = await api.call('POST', '/v1/sync', { epoch: 1, changes }, laptop.token);
    expect(pushed.status).toBe(200);
    // A tombstone too: its sealed blob is the account's as much as an item's.
    const tomb = seal(account.vaultKey, 'tombstone');
    const deleted = await api.call(
      'POST',
      '/v1/sync',
      {
        epoch: 1,
        changes: [{ id: 'item-1', baseRev: pushed.body.rev, deleted: true, blob: tomb }],
      },
      laptop.token,
    );
    expect(deleted.status).toBe(200);
    return { account, laptop, phone, blobs: [...blobs, tomb] };
  }
  const setMode = (token: string, mode: unknown) =>
    api.call('PUT', '/v1/account/sync-mode', { mode }, token);

  it('to "local": deletes every item of the account, nothing else, and sync answers 409 sync_off', async () => {
    const { account, laptop, phone, blobs } = await twoDevices();
    const bystander = await twoDevices();
    const { socket } = await liveSocket(api, phone.token);

    const switched = await setMode(laptop.token, 'local');
    expect(switched.status).toBe(200);
    const body = syncModeResponseSchema.parse(switched.body);
    expect(body.mode).toBe('local');
    // The other device hears the new revision at once, pulls, and learns that sync is off.
    expect(await socket.next()).toEqual({ type: 'rev', rev: body.rev });
    socket.ws.close();

    const rows = await everyRow(server);
    for (const blob of blobs) expect(rows).not.toContain(blob);
    // No row of the `items` table names the account (its columns: account_id, then id).
    expect(rows).not.toContain(`"account_id":"${account.accountId}","id":`);
    expect(rows).toContain(`"account_id":"${bystander.account.accountId}","id":`);
    // Another account's vault is untouched.
    for (const blob of bystander.blobs.slice(0, 1)) expect(rows).toContain(blob);
    if (engine === 'sqlite') {
      // Not in a free page or in the WAL either: the files hold no copy of any blob.
      const files = await sqliteFiles(server);
      for (const blob of blobs) expect(files.includes(blob)).toBe(false);
    }

    for (const token of [laptop.token, phone.token]) {
      const pull = await api.call('GET', '/v1/sync?since=0', undefined, token);
      expect(pull.status).toBe(409);
      expect(pull.body.error).toBe('sync_off');
      const push = await api.call(
        'POST',
        '/v1/sync',
        {
          epoch: 1,
          changes: [{ id: 'item-9', baseRev: 0, blob: seal(account.vaultKey, 'later') }],
        },
        token,
      );
      expect(push.status).toBe(409);
      expect(push.body.error).toBe('sync_off');
    }
    expect(await everyRow(server)).not.toContain('item-9');

    // The account stays: sign-in, the account view and the live channel still work.
    const again = await login(api, account, 'Tablet');
    const info = await api.call('GET', '/v1/account', undefined, again.token);
    expect(accountResponseSchema.parse(info.body)).toMatchObject({
      syncMode: 'local',
      plan: 'pro',
    });
    const mode = await api.call('GET', '/v1/account/sync-mode', undefined, phone.token);
    expect(mode.body).toEqual({ mode: 'local', rev: body.rev, wiped: body.rev });
  });

  it('back to "cloud": devices push and pull again, from an empty account', async () => {
    const { account, laptop, phone } = await twoDevices();
    const never = await api.call('GET', '/v1/sync?since=0', undefined, laptop.token);
    expect(never.body.wiped).toBeUndefined();
    expect((await setMode(laptop.token, 'local')).status).toBe(200);
    // Switching to the mode already on changes nothing but the revision (and when it emptied).
    const again = await setMode(laptop.token, 'local');
    expect(again.status).toBe(200);
    expect(again.body.wiped).toBe(again.body.rev);
    const back = await setMode(phone.token, 'cloud');
    expect(back.status).toBe(200);
    expect(back.body).toMatchObject({ mode: 'cloud', wiped: again.body.rev });

    // Every pull says when the account was emptied: a device with an older cursor re-uploads.
    const empty = await api.call('GET', '/v1/sync?since=0', undefined, laptop.token);
    expect(empty.status).toBe(200);
    expect(empty.body.items).toEqual([]);
    expect(empty.body.wiped).toBe(again.body.rev);
    // A re-upload is a create again (baseRev 0), taken as the account holds no such item.
    const blob = seal(account.vaultKey, 'uploaded again');
    const push = await api.call(
      'POST',
      '/v1/sync',
      { epoch: 1, changes: [{ id: 'item-0', baseRev: 0, blob }] },
      laptop.token,
    );
    expect(push.status).toBe(200);
    expect(push.body.applied).toEqual([{ id: 'item-0', rev: push.body.rev }]);
    const pulled = await api.call('GET', '/v1/sync?since=0', undefined, phone.token);
    expect(pulled.body.items).toEqual([{ id: 'item-0', rev: push.body.rev, deleted: false, blob }]);
    const info = await api.call('GET', '/v1/account', undefined, phone.token);
    expect(info.body.syncMode).toBe('cloud');
  });

  it('refuses a mode it does not know, and anyone without a session', async () => {
    const { laptop } = await twoDevices();
    for (const mode of ['off', '', null, 1]) {
      const reply = await setMode(laptop.token, mode);
      expect(reply.status).toBe(400);
    }
    const extra = await api.call(
      'PUT',
      '/v1/account/sync-mode',
      { mode: 'local', all: true },
      laptop.token,
    );
    expect(extra.status).toBe(400);
    expect((await api.call('PUT', '/v1/account/sync-mode', { mode: 'local' })).status).toBe(401);
    // Nothing was switched by any of them.
    const pull = await api.call('GET', '/v1/sync?since=0', undefined, laptop.token);
    expect(pull.status).toBe(200);
    expect(pull.body.items).toHaveLength(2);
  });

  it('keeps "local" through a reset: the user chose where the vault lives, not the lost key', async () => {
    const { account, laptop } = await twoDevices();
    expect((await setMode(laptop.token, 'local')).status).toBe(200);
    await api.call('POST', '/v1/account/reset/request', { email: account.email });
    const mail = await server.lastMail(account.email, 'reset');
    const proof = { token: mail.resetToken! };
    let epoch = 0;
    const km = await keyMaterial({ ...account, password: 'after reset' }, async (req) => {
      const reply = await api.call('POST', '/v1/account/reset/start', {
        proof,
        registrationRequest: req,
      });
      epoch = resetStartResponseSchema.parse(reply.body).epoch;
      return reply;
    });
    const confirmed = await api.call('POST', '/v1/account/reset/confirm', {
      proof,
      epoch,
      registrationRecord: km.registrationRecord,
      kdf: km.kdf,
      wrappedVaultKey: km.wrappedVaultKey,
    });
    expect(confirmed.status).toBe(200);
    const fresh = await login(api, { ...account, password: 'after reset' }, 'After reset');
    const pull = await api.call('GET', '/v1/sync?since=0', undefined, fresh.token);
    expect(pull.status).toBe(409);
    expect(pull.body.error).toBe('sync_off');
  });
});
