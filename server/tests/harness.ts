import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, inject } from 'vitest';
import type { ServerConfig } from '../config';
import type { EventsSettings } from '../events/live';
import { createLogger } from '../log';
import type { Plan } from '../../lib/api/common';
import type { RateLimitPolicy } from '../services/rate-limit';
import { startServer } from '../start';
import { randomToken } from '../services/tokens';
import { issueLicenseWithCli } from './admin';
import { createMailbox, outboxMailbox, type Mailbox } from './mailbox';
import { startPostgres, type PostgresCluster } from './postgres';
import type { SmtpPeer } from './smtp';

export type Engine = 'sqlite' | 'postgres';

/** Every server behaviour is proven on both engines (issue 3). */
export const ENGINES: Engine[] =
  process.env.CASSAFORTE_TEST_PG === 'skip' && process.env.CI !== 'true'
    ? ['sqlite']
    : ['sqlite', 'postgres'];

let cluster: PostgresCluster | undefined;
let adminUrl: string | undefined;

/**
 * Call once at the top of a test file that uses PostgreSQL. Uses the cluster of
 * server/tests/global-setup.ts when vitest provides one; otherwise starts one for this file
 * and stops it after the file's tests.
 */
export function usePostgres(): void {
  beforeAll(async () => {
    if (!ENGINES.includes('postgres')) return;
    const provided = inject('cassaforteTestPostgres');
    if (provided) {
      adminUrl = provided;
    } else {
      cluster = await startPostgres();
      adminUrl = cluster.url;
    }
  }, 90_000);
  afterAll(async () => {
    await cluster?.stop();
    cluster = undefined;
  });
}

export interface Clock {
  now(): number;
  advance(ms: number): void;
}

export function createClock(): Clock {
  let offset = 0;
  return { now: () => Date.now() + offset, advance: (ms) => void (offset += ms) };
}

export interface TestServerOptions {
  /** A real SMTP peer: the server sends there, and the mailbox reads from it. */
  smtp?: SmtpPeer;
  /** Another SMTP server, which the mailbox cannot read. */
  smtpUrl?: string;
  rateLimits?: RateLimitPolicy | false;
  trustProxy?: boolean;
  defaultPlan?: 'free' | 'pro';
  /** Start on the storage of an earlier server (a second instance, or a restart). */
  shareWith?: TestServer;
  clock?: Clock;
  /** Live-events timeouts and limits (shorter ones make timeout tests fast). */
  events?: Partial<EventsSettings>;
}

/** A running server; as a Mailbox it reads the emails it sent (outbox or SMTP peer). */
export interface TestServer extends Mailbox {
  engine: Engine;
  url: string;
  dataDir: string;
  databaseUrl: string | undefined;
  /** Every log line this server wrote (JSON text). */
  logs: string[];
  clock: Clock;
  /** A license code issued by the admin command on this server's storage. */
  issueLicense(plan: Plan): Promise<string>;
  close(): Promise<void>;
}

/** A policy high enough that only the rate-limit tests ever meet it. */
export const RELAXED_LIMITS: RateLimitPolicy = policyOf({ limit: 100_000, windowMs: 60_000 });

/** A policy with the same limit for every action and budget (tests override a few). */
export function policyOf(limit: { limit: number; windowMs: number }): RateLimitPolicy {
  const all = { pair: limit, email: limit, address: limit };
  return {
    prelogin: all,
    login: all,
    register: all,
    verify: all,
    reset: all,
    'reset-code': all,
    'verify-code': all,
  };
}

/** An empty PostgreSQL database in the test cluster (usePostgres() first). */
export async function createDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  if (adminUrl === undefined) throw new Error('usePostgres() was not called in this test file');
  const name = `t_${randomToken(9)
    .toLowerCase()
    .replace(/[^a-z0-9]/g, 'x')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = adminUrl.replace(/\/[^/]*$/, `/${name}`);
  return {
    url,
    async drop() {
      const c = new pg.Client({ connectionString: adminUrl });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    },
  };
}

/** The real server (startServer: migrations, secrets, mailer) on 127.0.0.1:0. */
export async function startTestServer(
  engine: Engine,
  options: TestServerOptions = {},
): Promise<TestServer> {
  const shared = options.shareWith;
  const dataDir = shared?.dataDir ?? (await mkdtemp(join(tmpdir(), 'cassaforte-test-')));
  const db = shared ? undefined : engine === 'postgres' ? await createDatabase() : undefined;
  const databaseUrl = shared?.databaseUrl ?? db?.url;
  const logs: string[] = [];
  const clock = options.clock ?? shared?.clock ?? createClock();
  const config: ServerConfig = {
    port: 0,
    host: '127.0.0.1',
    dataDir,
    databaseUrl,
    pgPoolSize: 10,
    smtpUrl: options.smtp?.url ?? options.smtpUrl,
    mailFrom: 'Cassaforte <no-reply@cassaforte.test>',
    publicUrl: 'https://vault.cassaforte.test',
    defaultPlan: options.defaultPlan ?? 'free',
    trustProxy: options.trustProxy ?? false,
    rateLimits: options.rateLimits !== false,
    logLevel: 'info',
    opaqueSetup: undefined,
    serverSecret: undefined,
  };
  const log = createLogger('info', { write: (line: string) => void logs.push(line) });
  const server = await startServer(config, {
    log,
    now: clock.now,
    events: options.events,
    rateLimits: options.rateLimits === false ? undefined : (options.rateLimits ?? RELAXED_LIMITS),
  });
  const smtp = options.smtp;
  const mailbox =
    smtp !== undefined
      ? createMailbox(() => Promise.resolve(smtp.messages))
      : outboxMailbox(dataDir);
  return {
    engine,
    url: server.url,
    dataDir,
    databaseUrl,
    logs,
    clock,
    mails: mailbox.mails,
    lastMail: mailbox.lastMail,
    issueLicense: (plan) => issueLicenseWithCli({ dataDir, databaseUrl }, plan),
    async close() {
      await server.close();
      if (!shared) {
        await db?.drop();
        await rm(dataDir, { recursive: true, force: true });
      }
    },
  };
}
