import { hc } from 'hono/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  eventTicketResponseSchema,
  preloginResponseSchema,
  syncPullResponseSchema,
} from '../../lib/api';
import type { AppType } from '../app';
import { Api, credentials, login, register } from './client';
import { startTestServer, type TestServer } from './harness';

/** The extension calls the server through Hono's typed client; this is how (DESIGN §1). */
describe('typed client (hc<AppType>)', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startTestServer('sqlite');
  });
  afterAll(() => server?.close());

  it('calls prelogin and sync with checked inputs, and the answers pass the lib/api schemas', async () => {
    const c = credentials();
    await register(new Api(server.url, server), c);
    const { token } = await login(new Api(server.url, server), c);
    const client = hc<AppType>(server.url, { headers: { Authorization: `Bearer ${token}` } });

    const pre = await client.v1.auth.prelogin.$post({ json: { email: c.email } });
    expect(pre.status).toBe(200);
    expect(preloginResponseSchema.parse(await pre.json()).kdf.alg).toBe('argon2id13');

    const pull = await client.v1.sync.$get({ query: { since: '0', limit: '10' } });
    expect(syncPullResponseSchema.parse(await pull.json())).toEqual({
      rev: 0,
      epoch: 1,
      items: [],
      more: false,
    });

    const ticket = await client.v1.events.ticket.$post();
    expect(eventTicketResponseSchema.parse(await ticket.json()).expiresInSeconds).toBe(30);
  });
});
