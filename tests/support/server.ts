/**
 * The real sync server for the browser suite and benches: startServer (migrations, secrets,
 * mailer in outbox mode) in this process, on 127.0.0.1 with an embedded SQLite database in a
 * temporary data directory. Reset and notice emails land in `<dataDir>/outbox/*.eml`.
 */
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServerConfig } from '../../server/config';
import { createLogger } from '../../server/log';
import { startServer } from '../../server/start';

export interface E2eServer {
  url: string;
  dataDir: string;
  /** The emails the server wrote to its outbox so far (raw .eml text), oldest first. */
  outbox(): Promise<string[]>;
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
    smtpUrl: undefined,
    mailFrom: 'Cassaforte <no-reply@cassaforte.test>',
    publicUrl: `http://127.0.0.1:${port}`,
    defaultPlan: options.defaultPlan ?? 'pro',
    trustProxy: false,
    rateLimits: false,
    logLevel: 'warn',
    opaqueSetup: undefined,
    serverSecret: undefined,
  });
  let running = await startServer(config(0), { log });
  const port = running.port;
  let stopped = false;
  return {
    url: running.url,
    dataDir,
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
