/**
 * The background under test, as the browser runs it: WXT's fake browser, fake-indexeddb (the only
 * fakes: a service worker cannot run under vitest), the real crypto, and the real sync server on
 * 127.0.0.1 with SQLite. `useBackgroundHarness()` registers the hooks; `env` is the world the
 * background lives in (the server, the network cable, the clock).
 */
import 'fake-indexeddb/auto';
import { IDBFactory } from 'fake-indexeddb';
import { afterAll, beforeAll, beforeEach, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing/fake-browser';
import { expect } from 'vitest';
import { openJson } from '@/lib/crypto';
import type { OtherDevice } from './other-device';
import type { ErrorDetails } from '@/lib/messaging/errors';
import type { MessageType, Payload, Reply } from '@/lib/messaging/protocol';
import { WebSocket } from 'ws';
import type { VaultStore } from '@/lib/db';
import type { LiveSocketFactory } from '@/lib/sync/live';
import type { Item } from '@/lib/vault/item';
import { startTestServer, type TestServer } from '@/server/tests/harness';
import { createApiClient } from '@/lib/sync/client';
import { createAccount as createAccountWithCode } from './accounts';
import { popupSender, sendAs } from './senders';
import { startBackground } from '@/entrypoints/background/wiring';

export const FAST_KDF = { ops: 2, memBytes: 19 * 1024 * 1024 };
export const PASSWORD = 'correct horse battery staple';

/** A request the background made, as the network saw it. */
export interface SeenRequest {
  method: string;
  path: string;
  /** The query string, e.g. `?since=3`; empty without one. */
  search: string;
  /** The parsed JSON body, if any. */
  body: unknown;
}

export const env = {
  server: undefined as unknown as TestServer,
  /** Pull the cable: every request of the background fails as fetch does offline. */
  offline: false,
  /** Moves the background's clock forward. */
  clockOffset: 0,
  /** Every request that reached the server, in order. */
  requests: [] as SeenRequest[],
  /**
   * Runs after the server answered and before the background sees the answer: the place to lock
   * the vault "in the middle" of a unit of work (the background is waiting on this very fetch).
   */
  onAnswer: undefined as ((request: SeenRequest, status: number) => Promise<void>) | undefined,
  /** Runs after each database call of the background resolved, before the background goes on. */
  afterStore: undefined as ((method: string) => Promise<void>) | undefined,
};

/**
 * The live channel's WebSocket as a browser opens it from the extension: Node's `ws`, with the
 * extension's Origin (the server refuses others), cut while the test pulls the cable.
 */
const webSocket: LiveSocketFactory = (url) => {
  if (env.offline) throw new TypeError('offline');
  return new WebSocket(url, { origin: `chrome-extension://${fakeBrowser.runtime.id}` });
};

/** The background's database, with `env.afterStore` between each call and its caller. */
function hookedStore(store: VaultStore): VaultStore {
  return new Proxy(store, {
    get(target, method: string) {
      const call = (target as unknown as Record<string, (...a: unknown[]) => Promise<unknown>>)[
        method
      ]!;
      return async (...args: unknown[]) => {
        const result = await call(...args);
        await env.afterStore?.(method);
        return result;
      };
    },
  });
}
export const now = () => Date.now() + env.clockOffset;
let emailSeq = 0;

/** The network as the background sees it: the real server, unless the test pulls the cable. */
export const net: typeof fetch = async (input, init) => {
  if (env.offline) throw new TypeError('Failed to fetch');
  const url = new URL(input instanceof Request ? input.url : String(input));
  const text = typeof init?.body === 'string' ? init.body : undefined;
  const request: SeenRequest = {
    method: init?.method ?? 'GET',
    path: url.pathname,
    search: url.search,
    body: text === undefined ? undefined : (JSON.parse(text) as unknown),
  };
  env.requests.push(request);
  const response = await fetch(input, init);
  await env.onAnswer?.(request, response.status);
  return response;
};

export function useBackgroundHarness() {
  beforeAll(async () => {
    env.server = await startTestServer('sqlite', { defaultPlan: 'pro' });
  }, 60_000);
  afterAll(() => env.server?.close());

  beforeEach(() => {
    fakeBrowser.reset();
    globalThis.indexedDB = new IDBFactory();
    env.offline = false;
    env.clockOffset = 0;
    env.requests = [];
    env.onAnswer = undefined;
    env.afterStore = undefined;
    vi.spyOn(fakeBrowser.runtime, 'getManifest').mockReturnValue({
      manifest_version: 3,
      name: 'Cassaforte',
      version: '1.2.3',
    });
  });
}

/** Starts (or restarts, like a killed service worker) the background. */
export function boot(api = (url: string) => createApiClient(url, { fetch: net })) {
  fakeBrowser.runtime.onMessage.removeAllListeners();
  fakeBrowser.alarms.onAlarm.removeAllListeners();
  return startBackground({ now, kdf: FAST_KDF, api, wrapStore: hookedStore, webSocket });
}

/** A new, empty device: the same browser profile is gone. */
export function newDevice() {
  globalThis.indexedDB = new IDBFactory();
  return boot();
}

export class Refused extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: ErrorDetails,
  ) {
    super(message);
  }
}

/** Sends a message as the popup would; a refusal throws with its code. */
export async function ask<K extends MessageType>(type: K, payload: Payload<K>): Promise<Reply<K>> {
  const answer = await sendAs(popupSender(), type, payload);
  if (!answer.ok) {
    throw new Refused(answer.error.code, answer.error.message, answer.error.details);
  }
  return answer.data;
}

/** The refusal `promise` ends in, with its details; fails the test if it succeeds. */
export async function refused(promise: Promise<unknown>): Promise<Refused> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof Refused) return error;
    throw error;
  }
  throw new Error('expected a refusal');
}

/** The code of the refusal `promise` ends in; fails the test if it succeeds. */
export async function refusal(promise: Promise<unknown>): Promise<string> {
  return (await refused(promise)).code;
}

/**
 * A new account on this device, its email verified with the code from the server's outbox
 * (tests/support/accounts.ts). `serverUrl` may be a proxy in front of the test server (`server`,
 * the harness's by default).
 */
export async function createAccount(
  hint = 'the horse',
  options: { email?: string; serverUrl?: string; server?: TestServer } = {},
) {
  const server = options.server ?? env.server;
  const email = options.email ?? newEmail();
  const kit = await createAccountWithCode(ask, server, {
    email,
    password: PASSWORD,
    hint,
    serverUrl: options.serverUrl ?? server.url,
  });
  return { email, kit };
}

/** An address no account has yet. */
export const newEmail = (name = 'user') => `${name}${++emailSeq}-${Date.now()}@example.com`;

export const login = (fields: Partial<Extract<Item, { type: 'login' }>> = {}) => ({
  type: 'login',
  title: 'GitHub',
  username: 'ada',
  password: 'hunter2-marker',
  urls: [{ url: 'https://github.com/login', match: 'domain' }],
  notes: '',
  ...fields,
});

/** Every blob any push carried opens under the account's real vault key. */
export async function expectOnlyRealCiphertext(other: OtherDevice) {
  const pushes = env.requests.filter((r) => r.method === 'POST' && r.path === '/v1/sync');
  for (const push of pushes) {
    const { changes } = push.body as { changes: { id: string; blob?: string }[] };
    for (const change of changes) {
      if (!change.blob) continue;
      await expect(
        openJson({ ...other.ctx, itemId: change.id, blob: change.blob }),
        `the blob pushed for ${change.id} opens under the real vault key`,
      ).resolves.toBeDefined();
    }
  }
}
