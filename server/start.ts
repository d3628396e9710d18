import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { createApp } from './app';
import type { ServerConfig } from './config';
import { openDatabase } from './db/connect';
import { createLiveEvents, DEFAULT_EVENTS_SETTINGS, type EventsSettings } from './events/live';
import { createMailer } from './mail/mailer';
import { loadSecrets } from './secrets';
import { deleteExpired } from './services/cleanup';
import { DEFAULT_RATE_LIMITS, type RateLimitPolicy } from './services/rate-limit';

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export interface StartOptions {
  log: Logger;
  now?: () => number;
  rateLimits?: RateLimitPolicy;
  /** Shorter timeouts for tests, a higher socket cap for the load bench. */
  events?: Partial<EventsSettings>;
}

const CLEANUP_EVERY_MS = 5 * 60_000;

/** Opens the database (migrating it), loads or creates the secrets, and listens. */
export async function startServer(
  config: ServerConfig,
  options: StartOptions,
): Promise<RunningServer> {
  const { log } = options;
  const now = options.now ?? Date.now;
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    poolSize: config.pgPoolSize,
  });
  const secrets = await loadSecrets({
    dataDir: config.dataDir,
    opaqueSetup: config.opaqueSetup,
    serverSecret: config.serverSecret,
  });
  const live = await createLiveEvents({
    database,
    listenUrl: config.listenUrl ?? config.databaseUrl,
    log,
    now,
    settings: { ...DEFAULT_EVENTS_SETTINGS, ...options.events },
  }).catch(async (error: unknown) => {
    await database.close();
    throw error;
  });
  const mailer = createMailer({
    smtpUrl: config.smtpUrl,
    dataDir: config.dataDir,
    from: config.mailFrom,
    log,
  });
  const app = createApp({
    database,
    secrets,
    mailer,
    log,
    now,
    live,
    settings: {
      publicUrl: config.publicUrl,
      defaultPlan: config.defaultPlan,
      trustProxy: config.trustProxy,
      rateLimits: config.rateLimits ? (options.rateLimits ?? DEFAULT_RATE_LIMITS) : false,
    },
  });

  const server: ServerType = await new Promise((resolve) => {
    const s = serve(
      {
        fetch: app.fetch,
        port: config.port,
        hostname: config.host,
        websocket: { server: live.webSocketServer },
      },
      () => resolve(s),
    );
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${port}`;
  log.info(
    {
      url,
      engine: database.engine,
      database: database.location,
      mail: mailer.mode,
      publicUrl: config.publicUrl,
    },
    'cassaforte server listening',
  );
  if (mailer.mode === 'outbox')
    log.info({ outbox: `${config.dataDir}/outbox` }, 'no SMTP_URL: emails go to the outbox');

  const cleanup = setInterval(() => {
    deleteExpired(database.db, now()).catch((err: unknown) => log.warn({ err }, 'cleanup failed'));
  }, CLEANUP_EVERY_MS);
  cleanup.unref();

  return {
    url,
    port,
    async close() {
      clearInterval(cleanup);
      const closed = new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Keep-alive sockets would hold close() open until they time out.
        if ('closeAllConnections' in server) server.closeAllConnections();
      });
      // Upgraded sockets still count as the server's connections: close them, or close() waits.
      await live.close();
      await closed;
      await mailer.flush();
      await database.close();
    },
  };
}
