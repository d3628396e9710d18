/**
 * The real sync server for the browser suite and benches: startServer (migrations, secrets,
 * mailer) in this process, on 127.0.0.1 with an embedded SQLite database in a temporary data
 * directory. Emails land in `<dataDir>/outbox/*.eml`, or go to a real SMTP peer (`smtp`); either
 * way `lastMail` reads them (verification code, reset link and code).
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Plan } from '../../lib/api/common';
import type { ServerConfig } from '../../server/config';
import { createLogger } from '../../server/log';
import { startServer } from '../../server/start';
import { issueLicenseWithCli } from '../../server/tests/admin';
import { createMailbox, outboxMailbox, type Mailbox } from '../../server/tests/mailbox';
import type { SmtpPeer } from '../../server/tests/smtp';

/**
 * As a Mailbox: `await server.lastMail(email, 'verification')` → `{ code }`,
 * `await server.lastMail(email, 'reset')` → `{ resetLink, resetToken, code }` (each call waits for
 * an email it has not returned yet).
 */
export interface E2eServer extends Mailbox {
  url: string;
  dataDir: string;
  /** The emails the server wrote to its outbox so far (raw .eml text), oldest first. */
  outbox(): Promise<string[]>;
  /**
   * A license code from the admin command (`npm run admin -- license issue --plan …`) on this
   * server's storage: how two-device journeys get `pro` without weakening the free plan's rule.
   */
  issueLicense(plan: Plan): Promise<string>;
  /** Stops listening; `restart()` brings the same data back on the same port. */
  stop(): Promise<void>;
  restart(): Promise<void>;
  close(): Promise<void>;
}

export async function startE2eServer(
  options: {
    defaultPlan?: 'free' | 'pro';
    /** Another instance's data directory: the same secrets (OPAQUE setup), as a fleet shares. */
    dataDir?: string;
    /** postgres://… instead of the embedded SQLite (several instances on one database). */
    databaseUrl?: string;
    /** Send email to this real SMTP peer (server/tests/smtp.ts) instead of the outbox. */
    smtp?: SmtpPeer;
    /** Or to any SMTP server (then `lastMail` cannot read it). */
    smtpUrl?: string;
  } = {},
): Promise<E2eServer> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'cassaforte-e2e-')));
  const log = createLogger('warn', { write: () => undefined });
  const config = (port: number): ServerConfig => ({
    port,
    host: '127.0.0.1',
    dataDir,
    databaseUrl: options.databaseUrl,
    pgPoolSize: 10,
    smtpUrl: options.smtp?.url ?? options.smtpUrl,
    mailFrom: 'Cassaforte <no-reply@cassaforte.test>',
    publicUrl: `http://127.0.0.1:${port}`,
    defaultPlan: options.defaultPlan ?? 'pro',
    trustProxy: false,
    rateLimits: false,
    logLevel: 'warn',
    opaqueSetup: undefined,
    serverSecret: undefined,
  });
  // The port is chosen first: the links in the emails (PUBLIC_URL) must carry it.
  const port = await freePort();
  let running = await startServer(config(port), { log });
  let stopped = false;
  const { smtp } = options;
  const mailbox =
    smtp !== undefined
      ? createMailbox(() => Promise.resolve(smtp.messages))
      : outboxMailbox(dataDir);
  return {
    url: running.url,
    dataDir,
    mails: mailbox.mails,
    lastMail: mailbox.lastMail,
    issueLicense: (plan) =>
      issueLicenseWithCli({ dataDir, databaseUrl: options.databaseUrl }, plan),
    async outbox() {
      const dir = join(dataDir, 'outbox');
      const names = (await readdir(dir).catch(() => [] as string[]))
        .filter((n) => n.endsWith('.eml'))
        .sort();
      return Promise.all(names.map((n) => readFile(join(dir, n), 'utf8')));
    },
    async stop() {
      if (!stopped) await running.close();
      stopped = true;
    },
    async restart() {
      if (!stopped) await running.close();
      running = await startServer(config(port), { log });
      stopped = false;
    },
    async close() {
      if (!stopped) await running.close();
      stopped = true;
      if (!options.dataDir) await rm(dataDir, { recursive: true, force: true });
    },
  };
}

/** A port free on 127.0.0.1 now (the OS picks it). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      probe.close(() =>
        typeof address === 'object' && address !== null
          ? resolve(address.port)
          : reject(new Error('no free port')),
      );
    });
  });
}
