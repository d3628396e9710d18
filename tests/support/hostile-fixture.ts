/**
 * The shared world of the hostile-proxy harness tests (hostile-server.test.ts,
 * hostile-failures.test.ts): the real server, the proxy in front of it, two accounts, helpers.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll } from 'vitest';
import { openJson, randomId } from '../../lib/crypto';
import type { Item } from '../../lib/vault/item';
import { createApiClient, type ApiClient } from '@/lib/sync/client';
import { signInOtherDevice, type OtherDevice } from './other-device';
import { startTestServer, type TestServer } from '../../server/tests/harness';
import type { Mailbox } from '../../server/tests/mailbox';
import { createAccountOverApi } from './api-account';
import { startHostileServer, type HostileServer } from './hostile-server';

export { FAST_KDF } from './api-account';
export const PASSWORD = 'correct horse battery staple';
export const ORIGIN = 'chrome-extension://abcdefghijklmnopabcdefghijklmnop';

export type Credentials = { email: string; password: string; accountKey: string };

/**
 * A new account with a random address, registered as the background's `account.create` does
 * (api-account.ts). `serverUrl` may be a proxy in front of the server `mailbox` reads.
 */
export async function createAccount(serverUrl: string, mailbox: Mailbox): Promise<Credentials> {
  const email = `hostile-${randomBytes(6).toString('hex')}@example.com`;
  const { accountKey } = await createAccountOverApi({
    serverUrl,
    email,
    password: PASSWORD,
    mailbox,
  });
  return { email, password: PASSWORD, accountKey };
}

export const login = (id: string, title: string): Item => ({
  id,
  type: 'login',
  title,
  username: 'ada',
  password: `secret of ${title}`,
  urls: [],
  passwordHistory: [],
  notes: '',
  favorite: false,
  tags: [],
  createdAt: 1,
  updatedAt: 1,
  revision: 1,
});

/** The world the harness tests share: the real server, the proxy in front, two accounts. */
export const fx = {} as {
  server: TestServer;
  proxy: HostileServer;
  direct: ApiClient;
  alice: OtherDevice;
  bob: OtherDevice;
  aliceCredentials: Credentials;
};

/** Registers the hooks that build `fx` for a test file. */
export function useHostileFixture(): void {
  beforeAll(async () => {
    fx.server = await startTestServer('sqlite');
    fx.proxy = await startHostileServer({ target: fx.server.url });
    fx.direct = createApiClient(fx.server.url);
    // Bob registers through the proxy, so registration is proven to pass through too.
    const [a, b] = await Promise.all([
      createAccount(fx.server.url, fx.server),
      createAccount(fx.proxy.url, fx.server),
    ]);
    fx.aliceCredentials = a;
    fx.alice = await signInOtherDevice({ serverUrl: fx.proxy.url, ...a });
    fx.bob = await signInOtherDevice({ serverUrl: fx.proxy.url, ...b });
    // Alice signs in on more devices in some tests: pro, from the admin command.
    await fx.alice.redeemLicense(await fx.server.issueLicense('pro'));
  }, 60_000);
  afterEach(() => fx.proxy.clear());
  afterAll(async () => {
    await fx.proxy?.close();
    await fx.server?.close();
  });
}

/** Pushes an item through the proxy; returns what the server stored. */
export async function put(device: OtherDevice, title: string, id = randomId(), baseRev = 0) {
  const answer = await device.push(login(id, title), baseRev);
  const rev = answer.applied.find((a) => a.id === id)?.rev;
  if (rev === undefined) throw new Error(`push of ${title} not applied`);
  const blob = fx.proxy.pushedChanges().findLast((c) => c.id === id)!.blob!;
  return { id, rev, blob };
}

/**
 * Pulls through the proxy until caught up, as a client does, and returns its cursor: a cursor the
 * proxy invented in an earlier test must come from the client, not from the server.
 */
const cursors = new Map<OtherDevice, number>();
export async function caughtUp(device: OtherDevice): Promise<number> {
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
export const serverRev = async (device: OtherDevice) =>
  (await fx.direct.pull(device.token, 999_999_999_999_999, 1)).rev;

export const open = (device: OtherDevice, itemId: string, blob: string) =>
  openJson({ ...device.ctx, itemId, blob }) as Promise<Item>;

export const raw = (base: string, path: string, init: RequestInit = {}) => fetch(base + path, init);
export const bearer = (device: OtherDevice) => ({ authorization: `Bearer ${device.token}` });
